package audiotest

import "math"

// SineWave returns n samples of a sine of the given frequency (Hz) and
// amplitude at sampleRate, starting at phase 0, computed in float64.
func SineWave(n int, hz, amplitude, sampleRate float64) []float32 {
	out := make([]float32, n)
	w := 2 * math.Pi * hz / sampleRate
	for i := range out {
		out[i] = float32(amplitude * math.Sin(w*float64(i)))
	}
	return out
}

// RMS returns the root mean square of x (0 for an empty slice).
func RMS(x []float32) float64 {
	if len(x) == 0 {
		return 0
	}
	var sum float64
	for _, v := range x {
		sum += float64(v) * float64(v)
	}
	return math.Sqrt(sum / float64(len(x)))
}

// Mean returns the arithmetic mean of x (0 for an empty slice).
func Mean(x []float32) float64 {
	if len(x) == 0 {
		return 0
	}
	var sum float64
	for _, v := range x {
		sum += float64(v)
	}
	return sum / float64(len(x))
}

// Peak returns the largest absolute sample value of x.
func Peak(x []float32) float64 {
	var p float64
	for _, v := range x {
		if a := math.Abs(float64(v)); a > p {
			p = a
		}
	}
	return p
}

// MaxStep returns the largest absolute difference between consecutive
// samples of x and its index (the index of the later sample). A click shows
// up as a step much larger than the signal's normal slope.
func MaxStep(x []float32) (step float64, at int) {
	for i := 1; i < len(x); i++ {
		if d := math.Abs(float64(x[i]) - float64(x[i-1])); d > step {
			step, at = d, i
		}
	}
	return step, at
}

// AllFinite reports whether x contains no NaN or infinity.
func AllFinite(x []float32) bool {
	for _, v := range x {
		f := float64(v)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return false
		}
	}
	return true
}

// DB converts an amplitude ratio to decibels.
func DB(ratio float64) float64 {
	return 20 * math.Log10(ratio)
}
