package dsp

import "math"

// Sine is a sine oscillator. The zero value is silent (0 Hz) at phase 0;
// call SetFrequency before use.
//
// The frequency may be changed before every sample (vibrato, pitch bend,
// FM): the phase stays continuous, so there is no click.
type Sine struct {
	ph phasor
}

// SetFrequency sets the frequency to hz at sampleRate (both in Hz). hz is
// clamped to [0, sampleRate/2].
func (o *Sine) SetFrequency(hz, sampleRate float64) {
	o.ph.setFrequency(hz, sampleRate, 0.5)
}

// Frequency returns the frequency in Hz at sampleRate.
func (o *Sine) Frequency(sampleRate float64) float64 {
	return o.ph.frequency(sampleRate)
}

// SetPhase sets the phase in cycles; any value is wrapped into [0, 1). At
// phase 0 the output is 0 and rising, at 0.25 it is 1.
func (o *Sine) SetPhase(cycles float64) {
	o.ph.setPhase(cycles)
}

// Phase returns the phase of the next sample in cycles, in [0, 1).
func (o *Sine) Phase() float64 {
	return o.ph.phase
}

// Next returns the next sample, in [-1, 1].
func (o *Sine) Next() float32 {
	y := math.Sin(2 * math.Pi * o.ph.phase)
	o.ph.advance()
	return float32(y)
}

// Fill overwrites out with the next len(out) samples. It does not
// allocate.
func (o *Sine) Fill(out []float32) {
	for i := range out {
		out[i] = o.Next()
	}
}
