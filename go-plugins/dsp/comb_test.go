package dsp_test

import (
	"math"
	"math/cmplx"
	"testing"

	"govox.dev/govox/dsp"
)

// dlyComb returns a fresh comb of the given mode, delay and gain.
func dlyComb(mode dsp.CombMode, delay, gain float64) *dsp.Comb {
	c := dsp.NewComb(2048)
	c.SetMode(mode)
	c.SetDelay(delay)
	c.SetGain(gain)
	return c
}

// dlyCombTheory is the magnitude of 1/(1 - g z^-N) (feedback) or 1 + g z^-N
// (feedforward) at hz.
func dlyCombTheory(mode dsp.CombMode, n, g, hz float64) float64 {
	zn := cmplx.Exp(complex(0, -2*math.Pi*hz/testRate*n))
	if mode == dsp.CombFeedforward {
		return cmplx.Abs(1 + complex(g, 0)*zn)
	}
	return 1 / cmplx.Abs(1-complex(g, 0)*zn)
}

// A feedback comb of N samples peaks at 1/(1-g) on every multiple of rate/N
// and dips to 1/(1+g) halfway between (for g > 0; a negative gain swaps
// them); the measured gain follows 1/|1 - g z^-N| everywhere. A feedforward
// comb's notches fall to 1-g at odd multiples of rate/2N.
func TestCombResponse(t *testing.T) {
	const n = 48 // peaks every 1 kHz at 48 kHz
	for _, c := range []struct {
		mode dsp.CombMode
		g    float64
	}{{dsp.CombFeedback, 0.8}, {dsp.CombFeedback, -0.6}, {dsp.CombFeedforward, 0.9}} {
		worst := 0.0
		for _, hz := range []float64{1000, 1500, 2000, 2100, 3000, 3250, 4000, 4500, 9000, 12345, 20000} {
			_, got := dlyResponse(dlyComb(c.mode, n, c.g).Next, hz, 4800, 4800)
			want := dlyCombTheory(c.mode, n, c.g, hz)
			worst = math.Max(worst, math.Abs(got/want-1))
			if !(math.Abs(got/want-1) <= 0.005) {
				t.Errorf("%v comb, g %g: gain %.4f at %g Hz, want %.4f", c.mode, c.g, got, hz, want)
			}
		}
		t.Logf("%v comb, g %g: largest gain error %.2g", c.mode, c.g, worst)
	}
	// The peaks of g = 0.8 are where the theory puts them: 5 at k kHz, 0.556
	// between.
	for k := 1.0; k <= 5; k++ {
		_, peak := dlyResponse(dlyComb(dsp.CombFeedback, n, 0.8).Next, 1000*k, 4800, 4800)
		_, dip := dlyResponse(dlyComb(dsp.CombFeedback, n, 0.8).Next, 1000*k+500, 4800, 4800)
		if !(math.Abs(peak-5) <= 0.02) || !(math.Abs(dip-1/1.8) <= 0.005) {
			t.Errorf("peak %.4f at %g Hz (want 5), dip %.4f at %g Hz (want 0.556)", peak, 1000*k, dip, 1000*k+500)
		}
	}
	// A fractional delay read through the allpass keeps its peaks at full height
	// at multiples of rate/40.5 (up to 4.7 kHz; above, the allpass's delay drifts
	// and the peaks with it); linear interpolation lowers them (to 7 at 4.7 kHz).
	for k := 1.0; k <= 4; k++ {
		hz := k * testRate / 40.5
		c := dlyComb(dsp.CombFeedback, 40.5, 0.9)
		c.SetInterpolation(dsp.InterpAllpass)
		if _, peak := dlyResponse(c.Next, hz, 9600, 4800); !(math.Abs(peak-10) <= 0.1) {
			t.Errorf("allpass-read comb of 40.5 samples: peak %.3f at %.1f Hz, want 10", peak, hz)
		}
	}
	_, lin := dlyResponse(dlyComb(dsp.CombFeedback, 40.5, 0.9).Next, 4*testRate/40.5, 9600, 4800)
	if !(lin <= 8) {
		t.Errorf("linear-read comb of 40.5 samples peaks at %.2f at the 4th peak; expected it dulled", lin)
	}
}

// dlyRT60 measures the time an impulse response takes to decay by 60 dB,
// from a straight-line fit to its Schroeder backward integral between -5 and
// -35 dB.
func dlyRT60(h []float32) float64 {
	e := make([]float64, len(h)+1)
	for i := len(h) - 1; i >= 0; i-- {
		e[i] = e[i+1] + float64(h[i])*float64(h[i])
	}
	var n, st, sl, stt, stl float64
	for i := range h {
		l := 10 * math.Log10(e[i]/e[0])
		if l > -5 || l < -35 {
			continue
		}
		x := float64(i)
		n, st, sl, stt, stl = n+1, st+x, sl+l, stt+x*x, stl+x*l
	}
	slope := (n*stl - st*sl) / (n*stt - st*st) // dB per sample
	return -60 / slope / testRate
}

// A feedback comb's ring decays by 20 log10|g| dB every N samples, so by 60
// dB in -3 N / (rate log10|g|) seconds: the measured RT60 of its impulse
// response matches within 5 %, and so does SetDecayTime's.
func TestCombDecayTime(t *testing.T) {
	for _, c := range []struct{ n, g float64 }{{100, 0.9}, {37, 0.95}, {250, 0.7}, {61, -0.93}} {
		comb := dlyComb(dsp.CombFeedback, c.n, c.g)
		theory := -3 * c.n / (testRate * math.Log10(math.Abs(c.g)))
		if got := comb.DecayTime(testRate); !(math.Abs(got/theory-1) <= 1e-12) {
			t.Errorf("N %g, g %g: DecayTime %.5f s, theory %.5f s", c.n, c.g, got, theory)
		}
		h := make([]float32, int(1.5*theory*testRate))
		h[0] = 1
		comb.Process(h, h)
		got := dlyRT60(h)
		t.Logf("N %g, g %g: RT60 %.4f s measured, %.4f s in theory (%+.2f %%)", c.n, c.g, got, theory, 100*(got/theory-1))
		if !(math.Abs(got/theory-1) <= 0.05) {
			t.Errorf("N %g, g %g: RT60 %.4f s measured, theory %.4f s", c.n, c.g, got, theory)
		}
	}
	comb := dlyComb(dsp.CombFeedback, 1001, 0)
	comb.SetDecayTime(0.5, testRate)
	h := make([]float32, int(0.75*testRate))
	h[0] = 1
	comb.Process(h, h)
	if got := dlyRT60(h); !(math.Abs(got/0.5-1) <= 0.05) || !(math.Abs(comb.DecayTime(testRate)-0.5) <= 1e-9) {
		t.Errorf("SetDecayTime(0.5 s): measured %.4f s, DecayTime %.4f s", got, comb.DecayTime(testRate))
	}
}

// Damping keeps the loop's gain at low frequencies and takes it away at the
// top: at DC a damped comb still reaches 1/(1-g), at half the sample rate
// (a peak, for even N) only 1/(1 - g (1-p)/(1+p)) for the lowpass pole p.
func TestCombDamping(t *testing.T) {
	const g = 0.8
	c := dlyComb(dsp.CombFeedback, 48, g)
	c.SetDamping(2000, testRate)
	dc := make([]float32, 9600)
	for i := range dc {
		dc[i] = 0.25
	}
	c.Process(dc, dc)
	if got := float64(dc[len(dc)-1]) / 0.25; !(math.Abs(got-5) <= 1e-3) {
		t.Errorf("damped comb: DC gain %.5f, want 5", got)
	}
	c.Reset()
	nyq := make([]float32, 9600)
	for i := range nyq {
		nyq[i] = 0.25 * float32(1-2*(i&1))
	}
	c.Process(nyq, nyq)
	p := math.Exp(-2 * math.Pi * 2000 / testRate)
	want := 1 / (1 - g*(1-p)/(1+p))
	if got := math.Abs(float64(nyq[len(nyq)-1])) / 0.25; !(math.Abs(got-want) <= 1e-3) {
		t.Errorf("damped comb: gain %.5f at half the sample rate, want %.5f", got, want)
	} else {
		t.Logf("damped at 2 kHz: gain at half the sample rate %.3f (undamped 5)", got)
	}
}

// A feedforward comb's impulse response is the impulse and one echo of g at
// N; a zero Comb passes its input through.
func TestCombFeedforwardAndZeroValue(t *testing.T) {
	h := make([]float32, 64)
	h[0] = 1
	dlyComb(dsp.CombFeedforward, 17, -0.5).Process(h, h)
	for i, y := range h {
		want := float32(0)
		switch i {
		case 0:
			want = 1
		case 17:
			want = -0.5
		}
		if y != want {
			t.Errorf("feedforward impulse response: sample %d is %g, want %g", i, y, want)
		}
	}
	var zero dsp.Comb
	var zeroAP dsp.SchroederAllpass
	for _, x := range []float32{1, -0.5, 0.25} {
		if zero.Next(x) != x || zeroAP.Next(x) != x {
			t.Errorf("zero values do not pass %g through", x)
		}
	}
	if c := dlyComb(dsp.CombFeedback, 10, 3); c.Gain() != 0.9999 {
		t.Errorf("feedback gain 3 is used as %g, want 0.9999", c.Gain())
	}
	if c := dlyComb(dsp.CombFeedback, 0, 0); c.Delay() != 1 {
		t.Errorf("delay 0 is used as %g, want 1", c.Delay())
	}
}

// dlySchroeder returns a fresh Schroeder allpass.
func dlySchroeder(delay, g float64, interp dsp.Interpolation) *dsp.SchroederAllpass {
	a := dsp.NewSchroederAllpass(1024)
	a.SetInterpolation(interp)
	a.SetDelay(delay)
	a.SetGain(g)
	return a
}

// The Schroeder allpass passes every frequency at full level, to 0.01 dB,
// with whole delays and with fractional ones read through the allpass
// interpolator (but not through linear interpolation, which the measurement
// catches). Its impulse response is -g, then (1-g^2) g^(k-1) every N samples.
func TestSchroederAllpassIsFlat(t *testing.T) {
	worst := 0.0
	for _, c := range []struct {
		delay, g float64
		interp   dsp.Interpolation
	}{{113, 0.7, dsp.InterpLinear}, {347, -0.5, dsp.InterpLinear}, {113.4, 0.7, dsp.InterpAllpass}, {29.75, 0.6, dsp.InterpAllpass}} {
		for _, hz := range []float64{50, 441, 1000, 3333, 9876, 17000} {
			_, gain := dlyResponse(dlySchroeder(c.delay, c.g, c.interp).Next, hz, 12000, 4800)
			db := 20 * math.Log10(gain)
			worst = math.Max(worst, math.Abs(db))
			if !(math.Abs(db) <= 0.01) {
				t.Errorf("delay %g (%v), g %g: %+.4f dB at %g Hz", c.delay, c.interp, c.g, db, hz)
			}
		}
	}
	t.Logf("largest deviation from 0 dB: %.2g dB", worst)
	if _, gain := dlyResponse(dlySchroeder(113.4, 0.7, dsp.InterpLinear).Next, 17000, 12000, 4800); !(math.Abs(20*math.Log10(gain)) >= 0.1) {
		t.Errorf("a linearly interpolated fractional delay measured flat (%.4f): the measurement is blind", gain)
	}
	const n, g = 25, 0.6
	h := make([]float32, 200)
	h[0] = 1
	dlySchroeder(n, g, dsp.InterpLinear).Process(h, h)
	for i, y := range h {
		want := 0.0
		switch {
		case i == 0:
			want = -g
		case i%n == 0:
			want = (1 - g*g) * math.Pow(g, float64(i/n-1))
		}
		if !(math.Abs(float64(y)-want) <= 1e-6) {
			t.Errorf("impulse response: sample %d is %.6f, want %.6f", i, y, want)
		}
	}
}
