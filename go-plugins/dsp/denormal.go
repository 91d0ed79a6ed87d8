package dsp

// flushTiny returns 0 for magnitudes below 1e-20 and x otherwise. Filter
// states decaying in silence would otherwise become subnormal numbers, which
// the FPU processes up to a hundred times slower; 1e-20 is 400 dB below full
// scale.
func flushTiny(x float64) float64 {
	if x < 1e-20 && x > -1e-20 {
		return 0
	}
	return x
}
