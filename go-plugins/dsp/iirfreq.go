package dsp

// The cutoff range of the recursive filters (Biquad, OnePole, DCBlocker), as
// a fraction of the sample rate. The top stays clear of Nyquist, where the
// bilinear transform squeezes the response to nothing; the bottom keeps the
// poles off z = 1, where a biquad would stop decaying (0.048 Hz at 48 kHz,
// well below anything audible, where float64 coefficients are still exact to
// better than 0.001 dB).
const (
	minIIRRatio = 1e-6
	maxIIRRatio = 0.49
)

// iirRatio returns hz/sampleRate clamped to [minIIRRatio, maxIIRRatio]. A
// zero, negative or NaN frequency or sample rate gives the minimum.
func iirRatio(hz, sampleRate float64) float64 {
	ratio := 0.0
	if sampleRate > 0 {
		ratio = hz / sampleRate
	}
	if !(ratio > minIIRRatio) {
		return minIIRRatio
	}
	if ratio > maxIIRRatio {
		return maxIIRRatio
	}
	return ratio
}
