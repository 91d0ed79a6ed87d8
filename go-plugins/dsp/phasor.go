package dsp

import "math"

// phasor is the phase accumulator shared by the oscillators and the LFO.
// phase is in cycles, kept in [0, 1); inc is cycles per sample. Both are
// float64 so that long notes keep their pitch.
type phasor struct {
	phase float64
	inc   float64
}

// setFrequency sets the increment for hz at sampleRate, clamped to
// [0, maxInc] cycles per sample.
func (p *phasor) setFrequency(hz, sampleRate, maxInc float64) {
	inc := 0.0
	if sampleRate > 0 {
		inc = hz / sampleRate
	}
	if !(inc > 0) { // also catches NaN
		inc = 0
	} else if inc > maxInc {
		inc = maxInc
	}
	p.inc = inc
}

// setPhase sets the phase, wrapping any value into [0, 1).
func (p *phasor) setPhase(cycles float64) {
	p.phase = wrap01(cycles)
}

// frequency returns the frequency in Hz at sampleRate.
func (p *phasor) frequency(sampleRate float64) float64 {
	return p.inc * sampleRate
}

// advance moves the phase on by one sample. It reports whether the phase
// wrapped (a new cycle began).
func (p *phasor) advance() bool {
	p.phase += p.inc
	if p.phase >= 1 {
		p.phase -= 1
		return true
	}
	return false
}

// wrap01 wraps x into [0, 1). NaN and infinities give 0.
func wrap01(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	x -= math.Floor(x)
	if x >= 1 { // x was a tiny negative number
		x = 0
	}
	return x
}
