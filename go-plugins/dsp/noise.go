package dsp

// Noise is a white noise generator: uniformly distributed samples in
// [-1, 1) (RMS 1/sqrt(3), about -4.8 dBFS) from a seeded pseudo-random
// generator. The same seed always gives the same samples, on every platform.
//
// The zero value is usable and equals a Noise seeded with 0.
type Noise struct {
	rng pcg32
}

// NewNoise returns a white noise generator seeded with seed.
func NewNoise(seed uint64) *Noise {
	n := &Noise{}
	n.Seed(seed)
	return n
}

// Seed restarts the noise at the beginning of the sequence for seed.
func (n *Noise) Seed(seed uint64) {
	n.rng.seed(seed)
}

// Next returns the next sample, in [-1, 1).
func (n *Noise) Next() float32 {
	return n.rng.bipolar()
}

// Fill overwrites out with the next len(out) samples. It does not
// allocate.
func (n *Noise) Fill(out []float32) {
	for i := range out {
		out[i] = n.Next()
	}
}
