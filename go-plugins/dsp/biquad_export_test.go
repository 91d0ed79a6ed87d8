package dsp

// Test-only access to the recursive filters' internal state, so that the
// tests in package dsp_test can see that it decays to exactly 0 and never
// holds a subnormal number, which the float32 outputs cannot show.

// State returns the biquad's two transposed-direct-form states.
func (f *Biquad) State() [2]float64 { return [2]float64{f.s1, f.s2} }

// State returns the one-pole's integrator state.
func (f *OnePole) State() float64 { return f.s }

// State returns the DC blocker's recursive state (its last output).
func (d *DCBlocker) State() float64 { return d.y1 }
