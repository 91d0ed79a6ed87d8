package dsp

import "math"

// tanhXdX returns tanh(x)/x, the gain of a tanh saturator at input x, as
// used to linearise saturating stages around an estimate of their input.
//
// It uses the [7/6] Padé approximant of tanh, accurate to 1e-7 for
// |x| < 2 and 1e-4 up to |x| = 5, and the bound tanh(x)/x <= 1/|x| beyond,
// so that x*tanhXdX(x) never exceeds 1 in magnitude. It costs one division
// and no transcendental functions.
func tanhXdX(x float64) float64 {
	num, den := tanhXdXFraction(x)
	return num / den
}

// tanhXdXFraction returns tanhXdX(x) as a fraction num/den, for callers
// that can fold the division into one of their own.
func tanhXdXFraction(x float64) (num, den float64) {
	a := x * x
	num = 135135 + a*(17325+a*(378+a))
	den = 135135 + a*(62370+a*(3150+28*a))
	if ax := math.Abs(x); num*ax > den {
		return 1, ax
	}
	return num, den
}
