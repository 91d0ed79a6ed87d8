package dsp

// Saw is a band-limited (PolyBLEP) sawtooth oscillator: a ramp rising from
// -1 to +1 over each cycle, falling back at phase 0. The zero value is
// stopped (0 Hz) at phase 0, where it outputs a constant -1; call
// SetFrequency before use.
//
// The frequency may be changed before every sample (vibrato, pitch bend,
// FM): the phase stays continuous, so there is no click. Setting the phase
// jumps the wave without band limiting the jump; use it to start a note.
type Saw struct {
	ph phasor
}

// SetFrequency sets the frequency to hz at sampleRate (both in Hz). hz is
// clamped to [0, sampleRate/2].
func (o *Saw) SetFrequency(hz, sampleRate float64) {
	o.ph.setFrequency(hz, sampleRate, maxBLEPInc)
}

// Frequency returns the frequency in Hz at sampleRate.
func (o *Saw) Frequency(sampleRate float64) float64 {
	return o.ph.frequency(sampleRate)
}

// SetPhase sets the phase in cycles; any value is wrapped into [0, 1). At
// phase 0 the wave is at the middle of its falling edge, at 0.5 it crosses 0
// rising.
func (o *Saw) SetPhase(cycles float64) {
	o.ph.setPhase(cycles)
}

// Phase returns the phase of the next sample in cycles, in [0, 1).
func (o *Saw) Phase() float64 {
	return o.ph.phase
}

// Next returns the next sample, in [-1, 1].
func (o *Saw) Next() float32 {
	t := o.ph.phase
	y := 2*t - 1 - polyBLEP(t, o.ph.inc)
	o.ph.advance()
	return float32(y)
}

// Fill overwrites out with the next len(out) samples. It does not
// allocate.
func (o *Saw) Fill(out []float32) {
	for i := range out {
		out[i] = o.Next()
	}
}
