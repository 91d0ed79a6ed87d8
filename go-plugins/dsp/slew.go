package dsp

// Slew is a slew-rate limiter: its output follows its input but moves by
// at most a rise rate upwards and a fall rate downwards, in units per
// second, so a step in the input becomes a straight ramp whose length is in
// proportion to the step (a glide at constant speed, where Ramp's takes a
// fixed time and Smoother's slows down as it nears the target). A step of
// size d reaches its target after d/rate*sampleRate samples (rounded up),
// and the output then equals the input exactly.
//
// The zero value has no limits in either direction: its output is its
// input.
type Slew struct {
	// up and down are the largest steps per sample; 0 means no limit.
	up, down float64
	y        float64
}

// SetRates sets the largest rise and fall speeds, in units per second at
// sampleRate (Hz). A rate that is not positive and finite (0, for
// instance) lifts the limit in its direction, as does a sampleRate that is
// not positive. The output goes on from where it is.
func (s *Slew) SetRates(rise, fall, sampleRate float64) {
	s.up = slewStep(rise, sampleRate)
	s.down = slewStep(fall, sampleRate)
}

// slewStep returns the largest step per sample for rate units per second,
// 0 for no limit.
func slewStep(rate, sampleRate float64) float64 {
	step := rate / sampleRate
	if !(rate > 0) || !(sampleRate > 0) || !(step > 0) || step > 1e300 {
		return 0 // also NaN and infinities
	}
	return step
}

// Rates returns the rise and fall rates in units per second at sampleRate;
// 0 means no limit.
func (s *Slew) Rates(sampleRate float64) (rise, fall float64) {
	return s.up * sampleRate, s.down * sampleRate
}

// Value returns the current output (the one the last Next returned).
func (s *Slew) Value() float32 {
	return float32(s.y)
}

// Snap jumps the output to v at once.
func (s *Slew) Snap(v float32) {
	s.y = float64(v)
}

// Reset jumps the output to 0.
func (s *Slew) Reset() {
	s.y = 0
}

// Next moves the output towards x by at most one step and returns it.
func (s *Slew) Next(x float32) float32 {
	t := float64(x)
	switch {
	case s.up > 0 && t-s.y > s.up:
		s.y += s.up
	case s.down > 0 && s.y-t > s.down:
		s.y -= s.down
	default:
		s.y = t
	}
	return float32(s.y)
}

// Process runs src through the limiter into dst. dst and src may be the
// same slice; it processes len(dst) samples and does not allocate.
func (s *Slew) Process(dst, src []float32) {
	src = src[:len(dst)]
	for i, x := range src {
		dst[i] = s.Next(x)
	}
}
