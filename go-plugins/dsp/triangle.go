package dsp

// Triangle is a band-limited (PolyBLAMP) triangle oscillator. Like Sine it
// starts at 0 rising at phase 0, peaks at +1 at phase 0.25 and reaches -1 at
// 0.75. The zero value is silent (0 Hz) at phase 0; call SetFrequency before
// use.
//
// The corners are rounded by PolyBLAMP residuals rather than by integrating
// a square wave, so there is no integrator to drift or to settle after a
// phase reset or a frequency change. The frequency may be changed before
// every sample without clicks.
type Triangle struct {
	ph phasor
}

// SetFrequency sets the frequency to hz at sampleRate (both in Hz). hz is
// clamped to [0, sampleRate/2].
func (o *Triangle) SetFrequency(hz, sampleRate float64) {
	o.ph.setFrequency(hz, sampleRate, maxBLEPInc)
}

// Frequency returns the frequency in Hz at sampleRate.
func (o *Triangle) Frequency(sampleRate float64) float64 {
	return o.ph.frequency(sampleRate)
}

// SetPhase sets the phase in cycles; any value is wrapped into [0, 1).
func (o *Triangle) SetPhase(cycles float64) {
	o.ph.setPhase(cycles)
}

// Phase returns the phase of the next sample in cycles, in [0, 1).
func (o *Triangle) Phase() float64 {
	return o.ph.phase
}

// Next returns the next sample, in [-1, 1].
func (o *Triangle) Next() float32 {
	y := triangleBLAMP(o.ph.phase, o.ph.inc)
	o.ph.advance()
	return float32(y)
}

// Fill overwrites out with the next len(out) samples. It does not
// allocate.
func (o *Triangle) Fill(out []float32) {
	for i := range out {
		out[i] = o.Next()
	}
}

// triangleBLAMP returns the band-limited triangle at phase t (0 rising at
// t = 0) for phase increment dt.
func triangleBLAMP(t, dt float64) float64 {
	// u is the phase since the trough; the peak is at u = 0.5.
	u := t + 0.25
	if u >= 1 {
		u--
	}
	var y float64
	if u < 0.5 {
		y = 4*u - 1
	} else {
		y = 3 - 4*u
	}
	up := u - 0.5 // phase since the peak
	if up < 0 {
		up++
	}
	// The slope changes by +8*dt per sample at the trough and by -8*dt at
	// the peak; each corner's residual is scaled by half of that.
	return y + 4*dt*(polyBLAMP(u, dt)-polyBLAMP(up, dt))
}
