package dsp

// Band limiting by polynomial residuals.
//
// A naive sawtooth or square jumps between two samples, and the jump has
// harmonics far above Nyquist that fold back as inharmonic aliases. PolyBLEP
// ("polynomial band-limited step") replaces the jump by a smooth two-sample
// transition: polyBLEP returns the difference between a band-limited step
// (approximated by an integrated triangular kernel) and the ideal step, to
// be added to the naive wave around each discontinuity. PolyBLAMP is the same
// for a corner (a jump in the slope), as in a triangle; it is the integral of
// polyBLEP.
//
// Both take t, the phase in cycles since the discontinuity, in [0, 1), and dt,
// the phase increment per sample. They are non-zero only within one sample
// either side of the discontinuity, so dt must be at most 0.5.

// polyBLEP returns the residual of a unit-height-2 upward step (from -1 to
// +1) at phase 0: add it for an upward step of height 2, subtract it for a
// downward one, scale it by h/2 for a step of height h.
func polyBLEP(t, dt float64) float64 {
	if t < dt {
		x := t / dt // after the step, x in [0, 1)
		return x + x - x*x - 1
	}
	if t > 1-dt {
		x := (t - 1) / dt // before the step, x in (-1, 0)
		return x*x + x + x + 1
	}
	return 0
}

// polyBLAMP returns the residual of a corner at phase 0, in units of
// samples: for a change of slope of s per sample (the slope after minus the
// slope before), add s/2*polyBLAMP(t, dt).
func polyBLAMP(t, dt float64) float64 {
	if t < dt {
		x := t/dt - 1 // after the corner
		return -x * x * x / 3
	}
	if t > 1-dt {
		x := (t-1)/dt + 1 // before the corner
		return x * x * x / 3
	}
	return 0
}

// maxBLEPInc is the largest phase increment the band-limited oscillators
// accept: half a cycle per sample, the Nyquist frequency.
const maxBLEPInc = 0.5
