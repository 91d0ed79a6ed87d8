package dsp_test

import (
	"math"
	"math/cmplx"
	"testing"

	"govox.dev/govox/dsp"
)

// dlyInterps are the interpolations under test.
var dlyInterps = []dsp.Interpolation{dsp.InterpLinear, dsp.InterpLagrange3, dsp.InterpAllpass}

// dlyImpulse writes an impulse and then silence into a fresh line of the given
// interpolation, reading at delay after each write, and returns n reads.
func dlyImpulse(interp dsp.Interpolation, delay float64, n int) []float32 {
	d := dsp.NewDelayLine(64)
	d.SetInterpolation(interp)
	out := make([]float32, n)
	for i := range out {
		x := float32(0)
		if i == 0 {
			x = 1
		}
		d.Write(x)
		out[i] = d.Read(delay)
	}
	return out
}

// dlyFit fits a cos(wi) + b sin(wi) to x[from:] by least squares (exact for
// any length, where a plain correlation leaks) and returns the phase lag phi of
// the form A cos(wi - phi) and the amplitude A.
func dlyFit(x []float32, w float64, from int) (phase, amp float64) {
	var cc, ss, cs, xc, xs float64
	for i := from; i < len(x); i++ {
		c, s := math.Cos(w*float64(i)), math.Sin(w*float64(i))
		cc, ss, cs = cc+c*c, ss+s*s, cs+c*s
		xc, xs = xc+float64(x[i])*c, xs+float64(x[i])*s
	}
	det := cc*ss - cs*cs
	a, b := (xc*ss-xs*cs)/det, (xs*cc-xc*cs)/det
	return math.Atan2(b, a), math.Hypot(a, b)
}

// dlyResponse plays a sine at hz (amplitude 0.25, a cosine at sample 0)
// through next for settle+measure samples and returns the delay of the output
// against the input in samples (in [0, one period)) and the gain, both fitted
// over the last measure samples.
func dlyResponse(next func(float32) float32, hz float64, settle, measure int) (delay, gain float64) {
	w := 2 * math.Pi * hz / testRate
	n := settle + measure
	out := make([]float32, n)
	for i := range out {
		out[i] = next(float32(0.25 * math.Cos(w*float64(i))))
	}
	lag, amp := dlyFit(out, w, settle)
	for lag < 0 {
		lag += 2 * math.Pi
	}
	return lag / w, amp / 0.25
}

// dlyLineFilter is a line of the given interpolation read at a fixed delay
// after each write, seen as a filter.
func dlyLineFilter(interp dsp.Interpolation, delay float64) func(float32) float32 {
	d := dsp.NewDelayLine(64)
	d.SetInterpolation(interp)
	return func(x float32) float32 {
		d.Write(x)
		return d.Read(delay)
	}
}

// At whole delays every interpolation reads the stored sample exactly: the
// impulse comes out at the delay, alone and untouched.
func TestDelayLineWholeDelaysAreExact(t *testing.T) {
	for _, interp := range dlyInterps {
		for _, delay := range []int{0, 1, 2, 3, 7, 37, 64} {
			d := dsp.NewDelayLine(64)
			d.SetInterpolation(interp)
			if float64(delay) < d.MinDelay() {
				continue
			}
			out := dlyImpulse(interp, float64(delay), 80)
			for i, y := range out {
				want := float32(0)
				if i == delay {
					want = 1
				}
				if y != want {
					t.Errorf("%v, delay %d: sample %d is %g, want %g", interp, delay, i, y, want)
				}
			}
		}
	}
	// ReadInt reads the same samples, without interpolation.
	d := dsp.NewDelayLine(10)
	for i := 1; i <= 20; i++ {
		d.Write(float32(i))
	}
	for k := 0; k <= 10; k++ {
		if got := d.ReadInt(k); got != float32(20-k) {
			t.Errorf("ReadInt(%d) = %g, want %d", k, got, 20-k)
		}
	}
}

// At fractional delays the impulse response is the interpolator's: two taps
// 1-f and f for linear; the four Lagrange weights prod (D-j)/(k-j) for the
// cubic; for the allpass, the impulse response of (a + z^-1)/(1 + a z^-1),
// a = (1-frac)/(1+frac), after the whole part.
func TestDelayLineFractionalImpulseResponses(t *testing.T) {
	const tol = 1e-6
	check := func(name string, got []float32, want []float64) {
		t.Helper()
		for i := range got {
			if !(math.Abs(float64(got[i])-want[i]) <= tol) {
				t.Errorf("%s: sample %d is %.7f, want %.7f", name, i, got[i], want[i])
			}
		}
	}
	for _, delay := range []float64{0.25, 1.5, 2.8, 7.1, 20.5} {
		i := int(delay)
		f := delay - float64(i)

		want := make([]float64, 32)
		want[i], want[i+1] = 1-f, f
		check("linear", dlyImpulse(dsp.InterpLinear, delay, 32), want)

		if delay >= 1 {
			want = make([]float64, 32)
			// Lagrange through the points at i-1 .. i+2 (k = 0..3), where the read
			// delay lies at 1+f.
			for k := 0; k < 4; k++ {
				h := 1.0
				for j := 0; j < 4; j++ {
					if j != k {
						h *= (1 + f - float64(j)) / float64(k-j)
					}
				}
				want[i-1+k] = h
			}
			check("lagrange3", dlyImpulse(dsp.InterpLagrange3, delay, 32), want)
		}

		if delay < 0.5 {
			continue
		}
		want = make([]float64, 32)
		whole := int(math.Floor(delay - 0.5))
		frac := delay - float64(whole)
		a := (1 - frac) / (1 + frac)
		want[whole], want[whole+1] = a, 1-a*a
		for k := whole + 2; k < len(want); k++ {
			want[k] = -a * want[k-1]
		}
		check("allpass", dlyImpulse(dsp.InterpAllpass, delay, 32), want)
	}
}

// The allpass interpolator's phase delay at a low frequency (100 Hz) is the
// delay asked for within 0.01 sample, and it passes every frequency at full
// level.
func TestDelayLineAllpassPhaseDelay(t *testing.T) {
	worst := 0.0
	for _, delay := range []float64{0.5, 0.7, 1.3, 3.3, 10.75, 20.5, 41.01} {
		got, gain := dlyResponse(dlyLineFilter(dsp.InterpAllpass, delay), 100, 2000, 4800)
		worst = math.Max(worst, math.Abs(got-delay))
		if !(math.Abs(got-delay) <= 0.01) || !(math.Abs(gain-1) <= 1e-4) {
			t.Errorf("delay %.2f: measured %.5f samples, gain %.6f at 100 Hz", delay, got, gain)
		}
		if _, g := dlyResponse(dlyLineFilter(dsp.InterpAllpass, delay), 15000, 2000, 4800); !(math.Abs(g-1) <= 1e-3) {
			t.Errorf("delay %.2f: gain %.5f at 15 kHz, an allpass passes all", delay, g)
		}
	}
	t.Logf("largest phase delay error at 100 Hz: %.2g samples", worst)
}

// For a half-sample delay the cubic is much flatter than linear at 10 kHz:
// linear loses cos(w/2), 2 dB, the cubic about 0.5 dB. Both measured gains
// match the theory of their weights, and both delays are right.
func TestDelayLineLagrangeIsFlatterThanLinear(t *testing.T) {
	const hz, delay = 10000.0, 3.5 // under a period (4.8 samples)
	w := 2 * math.Pi * hz / testRate
	theory := func(h []float64, first int) float64 {
		var s complex128
		for k, v := range h {
			s += complex(v, 0) * cmplx.Exp(complex(0, -w*float64(first+k)))
		}
		return cmplx.Abs(s)
	}
	dLin, gLin := dlyResponse(dlyLineFilter(dsp.InterpLinear, delay), hz, 100, 4800)
	dLag, gLag := dlyResponse(dlyLineFilter(dsp.InterpLagrange3, delay), hz, 100, 4800)
	wantLin := theory([]float64{0.5, 0.5}, 3)
	wantLag := theory([]float64{-1.0 / 16, 9.0 / 16, 9.0 / 16, -1.0 / 16}, 2)
	t.Logf("at 10 kHz, half-sample delay: linear %.2f dB (theory %.2f), lagrange3 %.2f dB (theory %.2f)",
		20*math.Log10(gLin), 20*math.Log10(wantLin), 20*math.Log10(gLag), 20*math.Log10(wantLag))
	if !(math.Abs(gLin-wantLin) <= 1e-4) || !(math.Abs(gLag-wantLag) <= 1e-4) {
		t.Errorf("gains %.5f (linear) and %.5f (lagrange3), theory %.5f and %.5f", gLin, gLag, wantLin, wantLag)
	}
	if lossLin, lossLag := -20*math.Log10(gLin), -20*math.Log10(gLag); !(lossLag < 0.6 && lossLag*3 < lossLin) {
		t.Errorf("lagrange3 loses %.2f dB at 10 kHz, linear %.2f dB: the cubic should be far flatter", lossLag, lossLin)
	}
	// Both are linear-phase for a half sample: the delay is exact at any frequency.
	if !(math.Abs(dLin-delay) <= 1e-3) || !(math.Abs(dLag-delay) <= 1e-3) {
		t.Errorf("delays %.4f (linear) and %.4f (lagrange3), want %.1f", dLin, dLag, delay)
	}
}

// Delays are clamped to [MinDelay, MaxDelay] (0, 1 and 0.5 for linear,
// cubic and allpass); NaN reads at the minimum.
func TestDelayLineClamps(t *testing.T) {
	fill := func(interp dsp.Interpolation) *dsp.DelayLine {
		d := dsp.NewDelayLine(20)
		d.SetInterpolation(interp)
		for i := 0; i < 40; i++ {
			d.Write(float32(i * i)) // not linear, so that interpolation shows
		}
		return d
	}
	for k, interp := range dlyInterps {
		lo, hi := fill(interp).MinDelay(), float64(fill(interp).MaxDelay())
		if want := []float64{0, 1, 0.5}[k]; lo != want || hi != 20 {
			t.Errorf("%v: delays [%g, %g], want [%g, 20]", interp, lo, hi, want)
		}
		for _, c := range []struct{ ask, at float64 }{
			{-5, lo}, {lo - 0.25, lo}, {math.NaN(), lo}, {hi + 0.5, hi}, {1e9, hi}, {math.Inf(1), hi},
		} {
			// Fresh lines, as the allpass has a memory.
			if got, want := fill(interp).Read(c.ask), fill(interp).Read(c.at); got != want {
				t.Errorf("%v: Read(%v) = %g, want Read(%v) = %g", interp, c.ask, got, c.at, want)
			}
		}
	}
	d := fill(dsp.InterpLinear)
	if d.ReadInt(-1) != d.ReadInt(0) || d.ReadInt(11) == d.ReadInt(21) || d.ReadInt(21) != d.ReadInt(20) {
		t.Errorf("ReadInt does not clamp to [0, 20]")
	}
}

// The allpass memory advances once per Write: two Reads of each sample
// agree, and both follow the allpass's impulse response (delay 3.3: whole
// part 2, a = (1-1.3)/(1+1.3)); Reset clears the memory.
func TestDelayLineAllpassMemory(t *testing.T) {
	d := dsp.NewDelayLine(32)
	d.SetInterpolation(dsp.InterpAllpass)
	a := (1 - 1.3) / (1 + 1.3)
	want := 0.0
	for i := 0; i < 20; i++ {
		x := float32(0)
		if i == 0 {
			x = 1
		}
		switch {
		case i == 2:
			want = a
		case i == 3:
			want = 1 - a*a
		case i > 3:
			want *= -a
		}
		d.Write(x)
		r1, r2 := d.Read(3.3), d.Read(3.3)
		if r1 != r2 || !(math.Abs(float64(r1)-want) <= 1e-6) {
			t.Fatalf("sample %d: reads %g and %g, want %g twice", i, r1, r2, want)
		}
	}
	d.Reset()
	d.Write(0)
	if y := d.Read(3.3); y != 0 {
		t.Errorf("after Reset the allpass still rings: %g", y)
	}
}

// The zero value holds nothing and reads silence; a line made for less than
// one sample holds one.
func TestDelayLineZeroValue(t *testing.T) {
	var d dsp.DelayLine
	d.Write(1)
	for _, interp := range dlyInterps {
		d.SetInterpolation(interp)
		if d.Read(0) != 0 || d.Read(3.5) != 0 || d.ReadInt(0) != 0 || d.MaxDelay() != 0 {
			t.Errorf("%v: the zero value is not silent", interp)
		}
	}
	d.Reset()
	if n := dsp.NewDelayLine(-3).MaxDelay(); n != 1 {
		t.Errorf("NewDelayLine(-3).MaxDelay() = %d, want 1", n)
	}
	if s := dsp.Interpolation(7).String(); s != "Interpolation(invalid)" || dsp.InterpLagrange3.String() != "lagrange3" {
		t.Errorf("names: %q, %q", s, dsp.InterpLagrange3.String())
	}
}
