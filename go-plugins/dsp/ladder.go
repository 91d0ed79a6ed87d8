package dsp

// ladder is the state of a 4-pole transistor ladder in zero-delay-feedback
// (trapezoidal) form, after the "cheap non-linear zero-delay filters" method
// of Teemu Voipio (mystran): each tanh is replaced by its gain tanh(v)/v
// evaluated at an estimate of v from the previous state, which leaves a
// linear system per sample that is solved exactly. For small signals every
// gain is 1 and the ladder is the bilinear-transformed (prewarped) linear
// ladder, so its small-signal response is exact.
//
// Stage i (1..4) follows the model y_i' = wc*(tanh(y_{i-1}) - tanh(y_i)),
// with y_0 = x - k*y_4: transistor-ladder style saturation in every stage
// and in the feedback sum. The integrator states s are shared by all
// quality levels, so a level can take over another's state.
type ladder struct {
	s     [4]float64
	xPrev float64
}

// tick runs one sample of the fully non-linear ladder. f is the stage
// coefficient tan(pi*fstage/fs), k the feedback (4 is the analog ladder's
// oscillation threshold).
func (l *ladder) tick(x, f, k float64) float64 {
	s := &l.s
	// Gain estimates: the input stage at half a sample back (the trapezoid's
	// midpoint), the stages at their states.
	t0 := tanhXdX(0.5*(x+l.xPrev) - k*s[3])
	t1, t2, t3, t4 := tanhXdX(s[0]), tanhXdX(s[1]), tanhXdX(s[2]), tanhXdX(s[3])
	l.xPrev = x
	g1 := 1 / (1 + f*t1)
	g2 := 1 / (1 + f*t2)
	g3 := 1 / (1 + f*t3)
	g4 := 1 / (1 + f*t4)
	// Each stage output is y_i = a_i + c_i*u in terms of the input sum u.
	a1, c1 := g1*s[0], g1*f*t0
	a2, c2 := g2*(s[1]+f*t1*a1), g2*f*t1*c1
	a3, c3 := g3*(s[2]+f*t2*a2), g3*f*t2*c2
	a4, c4 := g4*(s[3]+f*t3*a3), g4*f*t3*c3
	u := (x - k*a4) / (1 + k*c4)
	return l.update(a1+c1*u, a2+c2*u, a3+c3*u, a4+c4*u)
}

// tickLinear runs one sample of the ladder with linear stages; only the
// input sum x - k*y4 saturates, like the ladder's input differential pair.
// That bounds self-oscillation at the level the saturating stages of tick
// reach and keeps loud signals at about tick's level. g is 1/(1+f),
// precomputed.
func (l *ladder) tickLinear(x, f, g, k float64) float64 {
	s := &l.s
	// The input stage's gain t0 = num/den is kept as a fraction so that the
	// sample costs one division.
	num, den := tanhXdXFraction(0.5*(x+l.xPrev) - k*s[3])
	l.xPrev = x
	gf := g * f
	a1 := g * s[0]
	a2 := g*s[1] + gf*a1
	a3 := g*s[2] + gf*a2
	a4 := g*s[3] + gf*a3
	// With c_i = gf^i*t0, u = (x-k*a4)/(1+k*c4); w = t0*u is the first
	// stage's input and y_i = a_i + gf^i*w.
	gf2 := gf * gf
	gf4 := gf2 * gf2
	w := num * (x - k*a4) / (den + k*gf4*num)
	return l.update(a1+gf*w, a2+gf2*w, a3+gf2*gf*w, a4+gf4*w)
}

// update advances the trapezoidal integrators to the stage outputs y1..y4
// and returns y4.
func (l *ladder) update(y1, y2, y3, y4 float64) float64 {
	s := &l.s
	s[0] = flushTiny(2*y1 - s[0])
	s[1] = flushTiny(2*y2 - s[1])
	s[2] = flushTiny(2*y3 - s[2])
	s[3] = flushTiny(2*y4 - s[3])
	return y4
}
