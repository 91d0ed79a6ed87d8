package dsp

// SyncSaw is a hard-synced, band-limited sawtooth: a slave saw (rising
// from -1 to +1 over its cycle, like Saw) that restarts at phase 0 whenever
// a silent master oscillator begins a cycle. The output repeats at the
// master frequency, which is the pitch heard; the slave frequency shapes the
// timbre, and sweeping it gives the classic tearing sync sound.
//
// Both the slave's own falling edges and the jumps where it is reset are
// band limited by PolyBLEP residuals placed at the exact, fractional time
// of the edge. The reset time is known a sample ahead (the master's phase
// and increment tell when it will wrap), so the residual's half before the
// edge is added without delaying the output: SyncSaw has no latency, like
// Saw.
//
// Frequencies may be changed before every sample; each applies from the
// sample being generated to the next one.
//
// The zero value has both oscillators stopped (0 Hz) at phase 0, where it
// outputs a constant -1; call SetMasterFrequency and SetSlaveFrequency
// before use.
type SyncSaw struct {
	master, slave phasor
	// after holds the residuals of the edges between the previous sample
	// and this one that fall on this sample.
	after float64
}

// SetMasterFrequency sets the master (pitch) frequency to hz at
// sampleRate (both in Hz), clamped to [0, sampleRate/2].
func (o *SyncSaw) SetMasterFrequency(hz, sampleRate float64) {
	o.master.setFrequency(hz, sampleRate, maxBLEPInc)
}

// MasterFrequency returns the master frequency in Hz at sampleRate.
func (o *SyncSaw) MasterFrequency(sampleRate float64) float64 {
	return o.master.frequency(sampleRate)
}

// SetSlaveFrequency sets the slave (timbre) frequency to hz at sampleRate
// (both in Hz), clamped to [0, sampleRate/2]. Below the master frequency the
// slave is reset before it completes a cycle, so the wave spans less than
// the full [-1, 1].
func (o *SyncSaw) SetSlaveFrequency(hz, sampleRate float64) {
	o.slave.setFrequency(hz, sampleRate, maxBLEPInc)
}

// SlaveFrequency returns the slave frequency in Hz at sampleRate.
func (o *SyncSaw) SlaveFrequency(sampleRate float64) float64 {
	return o.slave.frequency(sampleRate)
}

// Reset puts both oscillators at phase 0, to start a note. Like
// Saw.SetPhase, the jump is not band limited.
func (o *SyncSaw) Reset() {
	o.master.phase, o.slave.phase, o.after = 0, 0, 0
}

// MasterPhase returns the master's phase for the next sample, in cycles
// in [0, 1).
func (o *SyncSaw) MasterPhase() float64 {
	return o.master.phase
}

// SlavePhase returns the slave's phase for the next sample, in cycles in
// [0, 1): the naive (not band-limited) output is 2*SlavePhase()-1.
func (o *SyncSaw) SlavePhase() float64 {
	return o.slave.phase
}

// Next returns the next sample, in [-1, 1].
func (o *SyncSaw) Next() float32 {
	y := 2*o.slave.phase - 1 + o.after
	o.after = 0

	// Move both oscillators on to the next sample, band limiting each edge
	// in between: an edge of height h at a fraction tau of the way there
	// adds h/2*(1-tau)^2 to this sample and -h/2*tau^2 to the next (the
	// residuals polyBLEP gives one sample either side of an edge).
	ms, ss := o.master.inc, o.slave.inc
	if m := o.master.phase + ms; m >= 1 {
		tau := (1 - o.master.phase) / ms // in (0, 1]: when the master wraps
		s := o.slave.phase + tau*ss      // the slave's phase at that time
		if s >= 1 {
			// The slave's own falling edge comes first.
			y += o.edge(-2, (1-o.slave.phase)/ss)
			s--
		}
		// The reset: from 2s-1 down to -1.
		y += o.edge(-2*s, tau)
		o.master.phase = m - 1
		o.slave.phase = (1 - tau) * ss
	} else {
		if s := o.slave.phase + ss; s >= 1 {
			y += o.edge(-2, (1-o.slave.phase)/ss)
			o.slave.phase = s - 1
		} else {
			o.slave.phase = s
		}
		o.master.phase = m
	}
	return float32(y)
}

// edge records a jump of height h at a fraction tau in (0, 1] of the way
// to the next sample: it returns the residual for this sample and adds the
// one for the next to o.after.
func (o *SyncSaw) edge(h, tau float64) float64 {
	u := 1 - tau
	o.after -= 0.5 * h * tau * tau
	return 0.5 * h * u * u
}

// Fill overwrites out with the next len(out) samples. It does not
// allocate.
func (o *SyncSaw) Fill(out []float32) {
	for i := range out {
		out[i] = o.Next()
	}
}
