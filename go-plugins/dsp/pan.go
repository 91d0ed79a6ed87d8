package dsp

import "math"

// PanGains returns the left and right gains of an equal-power (constant
// loudness, -3 dB in the centre) pan law for a position in [-1, 1]: -1 is
// hard left, 0 centre, +1 hard right. Positions outside the range are
// clamped.
func PanGains(position float64) (left, right float32) {
	if !(position > -1) {
		position = -1
	} else if position > 1 {
		position = 1
	}
	theta := (position + 1) * math.Pi / 4
	return float32(math.Cos(theta)), float32(math.Sin(theta))
}
