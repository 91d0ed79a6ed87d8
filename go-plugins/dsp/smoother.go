package dsp

import "math"

// Smoother glides a parameter towards its target with a one-pole lowpass,
// so that a knob turned by the user or an automation step does not zipper.
// The time constant is the time to cover 63.2% of a step; 99% is covered in
// 4.6 time constants and 99.9% in 6.9. Once the value is within 1e-7 of the
// target (relative to the target's size, at least 1e-7 absolute) it snaps
// to the target exactly and Settled reports true.
//
// The zero value has a time constant of 0: it follows the target at once.
type Smoother struct {
	value, target float64
	// keep is the fraction of the remaining distance kept each sample:
	// exp(-1/(timeConstant*sampleRate)).
	keep float64
}

// SetTime sets the time constant to ms milliseconds at sampleRate. 0 (or
// less) makes the smoother follow its target at once.
func (s *Smoother) SetTime(ms, sampleRate float64) {
	samples := ms * 0.001 * sampleRate
	if !(samples > 0) {
		s.keep = 0
		return
	}
	s.keep = math.Exp(-1 / samples)
}

// SetTarget sets the value to glide towards.
func (s *Smoother) SetTarget(v float32) {
	s.target = float64(v)
}

// Snap jumps to v at once: both the value and the target become v.
func (s *Smoother) Snap(v float32) {
	s.value = float64(v)
	s.target = float64(v)
}

// Value returns the current value (the one the last Next returned).
func (s *Smoother) Value() float32 {
	return float32(s.value)
}

// Target returns the value being glided to.
func (s *Smoother) Target() float32 {
	return float32(s.target)
}

// Settled reports whether the value has reached the target.
func (s *Smoother) Settled() bool {
	return s.value == s.target
}

// Next advances by one sample and returns the new value.
func (s *Smoother) Next() float32 {
	if s.value != s.target {
		d := (s.value - s.target) * s.keep
		if math.Abs(d) <= 1e-7*math.Max(1, math.Abs(s.target)) {
			d = 0
		}
		s.value = s.target + d
	}
	return float32(s.value)
}

// Advance moves the smoother on by n samples, as n calls of Next would (to rounding), in
// constant time: for a voice that reads the value every n samples (a control rate).
func (s *Smoother) Advance(n int) {
	if n <= 0 || s.value == s.target {
		return
	}
	d := (s.value - s.target) * math.Pow(s.keep, float64(n))
	if math.Abs(d) <= 1e-7*math.Max(1, math.Abs(s.target)) {
		d = 0
	}
	s.value = s.target + d
}

// Fill overwrites out with the next len(out) values. It does not
// allocate.
func (s *Smoother) Fill(out []float32) {
	for i := range out {
		out[i] = s.Next()
	}
}
