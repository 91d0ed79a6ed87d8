package dsp

// SampleHold is a sample-and-hold: it outputs the input sample it last took
// and holds it until it takes the next. It takes samples on its own clock,
// set by SetRate, or when told to by Trigger, or both.
//
// The clock ticks rate/hz samples apart, the first on the first sample after
// the clock starts: clock tick m falls on sample ceil(m*rate/hz) counted from
// that one, exactly, whether or not the period is a whole number of samples.
// A tick takes the input sample it falls on, and Next returns that sample at
// once (the hold has no latency).
//
// The zero value has no clock and holds 0 until Trigger.
type SampleHold struct {
	// period is the clock period in samples, 0 for no clock.
	period float64
	// due is when the next tick falls, in samples from the next input
	// sample: a tick is taken when it is at most 0.
	due   float64
	armed bool
	held  float32
}

// dueSlack absorbs the rounding error of a clock tick that falls exactly on
// a sample.
const dueSlack = 1e-9

// SetRate sets the clock to hz ticks per second at sampleRate (Hz), clamped
// to at most sampleRate (a tick on every sample: the input passes through).
// hz <= 0 stops the clock; the value taken last is held. Starting a stopped
// clock makes the next sample a tick; changing the rate of a running clock
// keeps its phase (the time to the next tick is scaled), like LFO.SetRate.
func (s *SampleHold) SetRate(hz, sampleRate float64) {
	if !(hz > 0) || !(sampleRate > 0) { // also catches NaN
		s.period, s.due = 0, 0
		return
	}
	p := sampleRate / hz
	if p < 1 {
		p = 1
	}
	if p > 1<<50 { // about 800 years at 48 kHz
		p = 1 << 50
	}
	if s.period > 0 {
		s.due *= p / s.period
	} else {
		s.due = 0
	}
	s.period = p
}

// Rate returns the clock rate in Hz at sampleRate, 0 without a clock.
func (s *SampleHold) Rate(sampleRate float64) float64 {
	if s.period == 0 {
		return 0
	}
	return sampleRate / s.period
}

// Trigger makes the next input sample (the next Next, or the first sample of
// the next Process) be taken. A running clock restarts from that sample:
// its next tick falls a whole period after it.
func (s *SampleHold) Trigger() {
	s.armed = true
}

// Value returns the value held (the one the last Next returned).
func (s *SampleHold) Value() float32 {
	return s.held
}

// Reset holds 0 and cancels a pending Trigger; a running clock restarts, so
// that the next sample is a tick.
func (s *SampleHold) Reset() {
	s.held, s.armed, s.due = 0, false, 0
}

// Next takes x if a trigger or clock tick falls on this sample and returns
// the value held.
func (s *SampleHold) Next(x float32) float32 {
	if s.period > 0 {
		if s.armed {
			s.held, s.armed = x, false
			s.due = s.period
		} else if s.due <= dueSlack {
			s.held = x
			s.due += s.period
		}
		s.due--
	} else if s.armed {
		s.held, s.armed = x, false
	}
	return s.held
}

// Process runs src through the sample-and-hold into dst. dst and src may be
// the same slice; it processes len(dst) samples and does not allocate.
func (s *SampleHold) Process(dst, src []float32) {
	src = src[:len(dst)]
	for i, x := range src {
		dst[i] = s.Next(x)
	}
}
