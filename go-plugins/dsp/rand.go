package dsp

import "math/bits"

// pcg32 is the PCG-XSH-RR 32-bit generator (O'Neill, 2014): 64 bits of
// state, a period of 2^64, good statistical quality, a few nanoseconds per
// number, and every seed valid. It is deterministic across platforms.
type pcg32 struct {
	state uint64
}

const (
	pcgMultiplier = 6364136223846793005
	pcgIncrement  = 1442695040888963407
)

// seed resets the generator to the sequence for seed. The state is the seed
// times an odd constant (a bijection), so seed 0 is the zero value and
// neighbouring seeds start far apart in the sequence.
func (r *pcg32) seed(seed uint64) {
	r.state = seed * 0x9e3779b97f4a7c15
}

// next returns the next 32 random bits.
func (r *pcg32) next() uint32 {
	old := r.state
	r.state = old*pcgMultiplier + pcgIncrement
	xorshifted := uint32(((old >> 18) ^ old) >> 27)
	rot := int(old >> 59)
	return bits.RotateLeft32(xorshifted, -rot)
}

// bipolar returns a uniformly distributed float32 in [-1, 1).
func (r *pcg32) bipolar() float32 {
	return float32(int32(r.next())) * (1.0 / (1 << 31))
}
