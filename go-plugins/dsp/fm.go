package dsp

import "math"

// FMOperator is a sine oscillator with a phase-modulation input and
// self-feedback: the operator of a DX7-style FM (strictly, phase
// modulation) synthesizer. Chain operators by feeding one's output, scaled
// by a modulation index, into another's NextPM or Process.
//
// # Modulation
//
// NextPM(pm) returns sin(2*pi*phase + pm + feedback): pm is a phase offset
// in radians, so a modulator sine scaled by I, pm = I*sin(2*pi*fm*t), is the
// classic FM of index I, whose spectrum has components at the carrier
// frequency plus and minus n times fm with amplitudes J_n(I) (Bessel
// functions of the first kind). An index of 1 is mild, 5 to 10 bright.
//
// # Frequency
//
// The operator runs either at a ratio of the note frequency given to
// SetFrequency (SetRatio, the usual case: ratio 1 follows the note, 2 is an
// octave up, and a modulator at an irrational ratio such as 1.41 gives
// inharmonic, bell-like spectra), or at a fixed frequency that ignores the
// note (SetFixedFrequency). The frequency is clamped to
// [0, sampleRate/2]. It may be changed before every sample; the phase stays
// continuous.
//
// # Feedback
//
// SetFeedback feeds the operator's own output back into its phase, which
// turns the sine into a brighter, sawtooth-like wave as the amount rises.
// As on the DX7, the feedback is the mean of the last two outputs. The
// two-sample mean is a lowpass with a zero at Nyquist in the loop: feeding
// back only the last output makes the loop ring at Nyquist once its gain
// exceeds 1, and the wave breaks into a rattling, noisy oscillation; with
// the mean the loop stays stable up to a gain of 2 (see SetFeedback).
//
// The zero value runs at ratio 1 of a 0 Hz note (silent, phase 0) with no
// feedback; call SetFrequency before use.
type FMOperator struct {
	ph phasor

	noteHz, sampleRate float64
	ratio              float64 // 0 (the zero value) means 1
	fixedHz            float64
	fixed              bool

	feedback float64 // amount in [0, 1]
	fbGain   float64 // radians per unit of the two-sample mean
	y1, y2   float64 // the last two outputs, newest first
}

// SetFrequency sets the note frequency to noteHz at sampleRate (both in
// Hz). In ratio mode the operator runs at ratio*noteHz; in fixed mode the
// note is remembered for a later SetRatio.
func (o *FMOperator) SetFrequency(noteHz, sampleRate float64) {
	o.noteHz, o.sampleRate = noteHz, sampleRate
	o.update()
}

// SetRatio selects ratio mode, in which the operator runs at ratio times
// the note frequency. A ratio of 0 or less, or NaN, selects 1, which is
// the zero value's ratio.
func (o *FMOperator) SetRatio(ratio float64) {
	if !(ratio > 0) {
		ratio = 0
	}
	o.ratio, o.fixed = ratio, false
	o.update()
}

// Ratio returns the frequency ratio used in ratio mode.
func (o *FMOperator) Ratio() float64 {
	if o.ratio > 0 {
		return o.ratio
	}
	return 1
}

// SetFixedFrequency selects fixed mode, in which the operator runs at hz
// whatever the note, at sampleRate (both in Hz). SetRatio returns to ratio
// mode.
func (o *FMOperator) SetFixedFrequency(hz, sampleRate float64) {
	o.fixedHz, o.fixed, o.sampleRate = hz, true, sampleRate
	o.update()
}

// Fixed reports whether the operator is in fixed mode.
func (o *FMOperator) Fixed() bool {
	return o.fixed
}

// update recomputes the phase increment from the mode, note and rate.
func (o *FMOperator) update() {
	hz := o.fixedHz
	if !o.fixed {
		hz = o.Ratio() * o.noteHz
	}
	o.ph.setFrequency(hz, o.sampleRate, 0.5)
}

// Frequency returns the operator's frequency in Hz at sampleRate, after
// the ratio or fixed frequency and clamping.
func (o *FMOperator) Frequency(sampleRate float64) float64 {
	return o.ph.frequency(sampleRate)
}

// SetFeedback sets the self-feedback amount, clamped to [0, 1]. The
// two-sample mean of the output, times 1.5*amount, is added to the phase in
// radians. Amount 1 is the brightest clean setting: a sawtooth-like wave
// whose 2nd to 5th harmonics are 1 to 3 dB below a saw's. The averaged loop
// would stay stable up to a gain of 2 but gets noisier near it, and breaks
// into noise above it, like the DX7's highest feedback setting.
//
// The DX7's feedback levels 1..7 each double the gain of the one below:
// to imitate level L, use amount 2^(L-7). The feedback acts on the
// operator's own output, which has amplitude 1; the DX7 feeds back the
// output after the operator's envelope, so its brightness follows the
// envelope. To get that, scale the amount by the envelope; SetFeedback is
// cheap enough to call every sample.
func (o *FMOperator) SetFeedback(amount float64) {
	if !(amount > 0) {
		amount = 0
	} else if amount > 1 {
		amount = 1
	}
	o.feedback, o.fbGain = amount, fmMaxFeedback*amount
}

// fmMaxFeedback is the loop gain at feedback amount 1, in radians of phase
// per unit of the two-sample mean. Measured at 110 Hz, the wave's
// non-harmonic energy is -83 dB re its fundamental at 1.5, -51 dB at 2 and
// 0 dB (noise) at pi; harmonics 2 to 5 barely change between 1.5 and 2.
const fmMaxFeedback = 1.5

// Feedback returns the feedback amount, in [0, 1].
func (o *FMOperator) Feedback() float64 {
	return o.feedback
}

// SetPhase sets the phase in cycles; any value is wrapped into [0, 1). At
// phase 0 an unmodulated operator without feedback outputs 0, rising.
func (o *FMOperator) SetPhase(cycles float64) {
	o.ph.setPhase(cycles)
}

// Phase returns the phase of the next sample in cycles, in [0, 1).
func (o *FMOperator) Phase() float64 {
	return o.ph.phase
}

// Reset sets the phase to 0 and clears the feedback memory, to start a
// note.
func (o *FMOperator) Reset() {
	o.ph.phase = 0
	o.y1, o.y2 = 0, 0
}

// NextPM returns the next sample, in [-1, 1], with its phase offset by pm
// radians. A non-finite pm gives 0 and leaves the feedback memory clean.
func (o *FMOperator) NextPM(pm float32) float32 {
	arg := 2*math.Pi*o.ph.phase + float64(pm) + o.fbGain*0.5*(o.y1+o.y2)
	y := math.Sin(arg)
	if y != y { // NaN, from a NaN or infinite pm
		y = 0
	}
	o.y2, o.y1 = o.y1, y
	o.ph.advance()
	return float32(y)
}

// Next returns the next unmodulated sample (with feedback, if set).
func (o *FMOperator) Next() float32 {
	return o.NextPM(0)
}

// Fill overwrites out with the next len(out) unmodulated samples. It does
// not allocate.
func (o *FMOperator) Fill(out []float32) {
	for i := range out {
		out[i] = o.NextPM(0)
	}
}

// Process writes the next len(dst) samples to dst, the phase of each
// offset by the matching pm sample in radians. dst and pm may be the same
// slice. pm must be at least as long as dst. It does not allocate.
func (o *FMOperator) Process(dst, pm []float32) {
	if len(dst) == 0 {
		return
	}
	pm = pm[:len(dst)]
	for i, p := range pm {
		dst[i] = o.NextPM(p)
	}
}
