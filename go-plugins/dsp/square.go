package dsp

// Square is a band-limited (PolyBLEP) pulse oscillator: +1 from phase 0 up
// to the pulse width, -1 for the rest of the cycle. The zero value is
// stopped (0 Hz) at phase 0, where it outputs a constant +1, with a pulse
// width of 0.5 (a square wave); call SetFrequency before use.
//
// Frequency and pulse width may be changed before every sample (vibrato,
// PWM) without clicks. With a width other than 0.5 the wave has a DC offset
// of 2*width-1, as an analog pulse wave does.
type Square struct {
	ph phasor
	// pw is stored as the offset from 0.5 so that the zero value is a square.
	pwOffset float64
}

// SetFrequency sets the frequency to hz at sampleRate (both in Hz). hz is
// clamped to [0, sampleRate/2].
func (o *Square) SetFrequency(hz, sampleRate float64) {
	o.ph.setFrequency(hz, sampleRate, maxBLEPInc)
}

// Frequency returns the frequency in Hz at sampleRate.
func (o *Square) Frequency(sampleRate float64) float64 {
	return o.ph.frequency(sampleRate)
}

// SetPulseWidth sets the fraction of the cycle spent at +1, clamped to
// [0.01, 0.99]; 0.5 is a square wave.
func (o *Square) SetPulseWidth(width float64) {
	if !(width >= 0.01) { // also catches NaN
		width = 0.01
	} else if width > 0.99 {
		width = 0.99
	}
	o.pwOffset = width - 0.5
}

// PulseWidth returns the pulse width, in [0.01, 0.99].
func (o *Square) PulseWidth() float64 {
	return o.pwOffset + 0.5
}

// SetPhase sets the phase in cycles; any value is wrapped into [0, 1). At
// phase 0 the wave is at the middle of its rising edge.
func (o *Square) SetPhase(cycles float64) {
	o.ph.setPhase(cycles)
}

// Phase returns the phase of the next sample in cycles, in [0, 1).
func (o *Square) Phase() float64 {
	return o.ph.phase
}

// Next returns the next sample, in [-1, 1].
func (o *Square) Next() float32 {
	t, dt := o.ph.phase, o.ph.inc
	pw := o.pwOffset + 0.5
	y := -1.0
	if t < pw {
		y = 1
	}
	y += polyBLEP(t, dt)
	tf := t - pw // phase since the falling edge
	if tf < 0 {
		tf++
	}
	y -= polyBLEP(tf, dt)
	o.ph.advance()
	return float32(y)
}

// Fill overwrites out with the next len(out) samples. It does not
// allocate.
func (o *Square) Fill(out []float32) {
	for i := range out {
		out[i] = o.Next()
	}
}
