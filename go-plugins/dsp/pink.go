package dsp

// PinkNoise is a pink (1/f, -3 dB per octave) noise generator: white Noise
// through Paul Kellet's refined pinking filter, a sum of first-order
// lowpasses that is within ±0.05 dB of 1/f from 10 Hz up to about 9 kHz at
// 44.1 kHz (the slope holds at other usual rates, shifted in proportion).
// Samples have an RMS of about 0.19 and peaks rarely beyond ±1; they are not
// clipped.
//
// The same seed always gives the same samples. The zero value is usable and
// uses seed 0.
type PinkNoise struct {
	white Noise
	b     [7]float32
}

// NewPinkNoise returns a pink noise generator seeded with seed.
func NewPinkNoise(seed uint64) *PinkNoise {
	p := &PinkNoise{}
	p.Seed(seed)
	return p
}

// Seed restarts the noise at the beginning of the sequence for seed and
// clears the filter.
func (p *PinkNoise) Seed(seed uint64) {
	p.white.Seed(seed)
	p.b = [7]float32{}
}

// pinkGain scales the filter's output (whose RMS for uniform white input in
// [-1, 1) is about 1.76) down to an RMS of about 0.19.
const pinkGain = 0.11

// Next returns the next sample.
func (p *PinkNoise) Next() float32 {
	w := p.white.Next()
	b := &p.b
	b[0] = 0.99886*b[0] + w*0.0555179
	b[1] = 0.99332*b[1] + w*0.0750759
	b[2] = 0.96900*b[2] + w*0.1538520
	b[3] = 0.86650*b[3] + w*0.3104856
	b[4] = 0.55000*b[4] + w*0.5329522
	b[5] = -0.7616*b[5] - w*0.0168980
	y := b[0] + b[1] + b[2] + b[3] + b[4] + b[5] + b[6] + w*0.5362
	b[6] = w * 0.115926
	return y * pinkGain
}

// Fill overwrites out with the next len(out) samples. It does not
// allocate.
func (p *PinkNoise) Fill(out []float32) {
	for i := range out {
		out[i] = p.Next()
	}
}
