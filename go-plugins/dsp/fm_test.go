package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
	"govox.dev/govox/internal/audiotest"
)

func TestFMOperatorSidebandsAreBesselFunctions(t *testing.T) {
	// A carrier at a fixed 6 kHz, phase modulated by a 700 Hz modulator
	// operator (a 350 Hz note at ratio 2) scaled by index I, has components
	// at 6000 ± n*700 Hz of amplitude |J_n(I)|. The sidebands that fold
	// below 0 Hz (n >= 9) land on none of those measured. Measured: largest
	// error 0.0004 dB.
	const n = 16384
	const fc, fm = 6000.0, 700.0
	for _, index := range []float64{0.5, 1.5, 3} {
		var mod, car dsp.FMOperator
		mod.SetFrequency(350, testRate)
		mod.SetRatio(2)
		car.SetFrequency(440, testRate) // ignored in fixed mode
		car.SetFixedFrequency(fc, testRate)
		pm := dsp.Render(&mod, n)
		dsp.Scale(pm, float32(index))
		out := make([]float32, n)
		car.Process(out, pm)
		for order := 0; order <= 3; order++ {
			want := math.Abs(math.Jn(order, index))
			sides := []float64{-1, 1}
			if order == 0 {
				sides = sides[1:]
			}
			for _, side := range sides {
				hz := fc + side*float64(order)*fm
				got := audiotest.ToneAmplitude(out, hz, testRate)
				errDB := audiotest.DB(got / want)
				t.Logf("I = %.1f, J_%d at %5.0f Hz: %.5f, want %.5f (%+.4f dB)", index, order, hz, got, want, errDB)
				if math.Abs(errDB) > 0.5 {
					t.Errorf("I = %g: component at %g Hz is %.5f, want |J_%d(I)| = %.5f (%.2f dB off)", index, hz, got, order, want, errDB)
				}
			}
		}
	}
}

func TestFMOperatorWithoutFeedbackIsASine(t *testing.T) {
	var o dsp.FMOperator
	o.SetFrequency(440, testRate)
	o.SetRatio(1.5)
	o.SetFeedback(0.8)
	o.Fill(make([]float32, 100))
	o.SetFeedback(0)
	o.Reset()
	out := dsp.Render(&o, 4096)
	for i, v := range out {
		want := math.Sin(2 * math.Pi * 660 * float64(i) / testRate)
		if math.Abs(float64(v)-want) > 1e-6 {
			t.Fatalf("feedback 0: sample %d = %v, want sin = %v", i, v, want)
		}
	}
}

func TestFMOperatorFullFeedbackIsSawLike(t *testing.T) {
	// At the highest feedback the operator approaches a sawtooth: strong
	// harmonics falling off roughly as 1/n, and (thanks to the two-sample
	// mean) nothing else - feeding back only the last output makes the loop
	// ring at high amounts, which spreads energy between the harmonics.
	// Measured at 220 Hz: harmonics 2-5 at -7.1, -11.2, -14.3, -16.7 dB re
	// the fundamental (a saw: -6.0, -9.5, -12.0, -14.0), non-harmonic energy
	// -74 dB (-4 dB with only the last output fed back).
	const hz = 220.0
	var o dsp.FMOperator
	o.SetFrequency(hz, testRate)
	o.SetFeedback(1)
	o.Fill(make([]float32, 1000))
	out := dsp.Render(&o, aliasFFTSize)
	if !audiotest.AllFinite(out) || audiotest.Peak(out) > 1 {
		t.Fatalf("feedback 1: output not finite or above 1 (peak %g)", audiotest.Peak(out))
	}
	h1 := audiotest.ToneAmplitude(out, hz, testRate)
	for k := 2; k <= 5; k++ {
		rel := audiotest.DB(audiotest.ToneAmplitude(out, float64(k)*hz, testRate) / h1)
		saw := audiotest.DB(1 / float64(k))
		t.Logf("harmonic %d: %.1f dB re fundamental (saw %.1f dB)", k, rel, saw)
		if math.Abs(rel-saw) > 4 {
			t.Errorf("feedback 1: harmonic %d at %.1f dB re fundamental, want a saw's %.1f ± 4 dB", k, rel, saw)
		}
	}
	r := audiotest.Aliasing(out, hz, testRate, aliasGuard, 10000)
	t.Logf("non-harmonic energy %.1f dB re fundamental", r.AliasDB())
	if r.AliasDB() > -60 {
		t.Errorf("feedback 1: non-harmonic energy %.1f dB re fundamental, want below -60 dB (a stable, periodic wave)", r.AliasDB())
	}
}

func TestFMOperatorFrequencyModes(t *testing.T) {
	var o dsp.FMOperator
	if o.Ratio() != 1 || o.Fixed() {
		t.Errorf("zero value: ratio %v, fixed %v, want 1, false", o.Ratio(), o.Fixed())
	}
	check := func(what string, want float64) {
		t.Helper()
		if got := o.Frequency(testRate); math.Abs(got-want) > 1e-9 {
			t.Errorf("%s: frequency %v Hz, want %v Hz", what, got, want)
		}
		out := dsp.Render(&o, 48000)
		if got := audiotest.ZeroCrossingFrequency(out, testRate); math.Abs(got-want) > 0.01 {
			t.Errorf("%s: output at %v Hz, want %v Hz", what, got, want)
		}
	}
	o.SetFrequency(220, testRate)
	check("zero value at 220 Hz", 220)
	o.SetRatio(3.5)
	check("ratio 3.5", 770)
	o.SetFixedFrequency(1000, testRate)
	o.SetFrequency(330, testRate)
	check("fixed 1000 Hz after a new note", 1000)
	o.SetRatio(0.5)
	check("back to ratio 0.5", 165)
	o.SetRatio(-2)
	check("ratio -2 (selects 1)", 330)
	o.SetFrequency(40000, testRate)
	if got := o.Frequency(testRate); got != testRate/2 {
		t.Errorf("40 kHz: frequency %v, want clamped to %v", got, testRate/2)
	}
}

func TestFMOperatorBlocksMatchNext(t *testing.T) {
	newOp := func() *dsp.FMOperator {
		o := &dsp.FMOperator{}
		o.SetFrequency(261.6, testRate)
		o.SetRatio(2)
		o.SetFeedback(0.6)
		return o
	}
	pm := testInput(1000)
	dsp.Scale(pm, 6)

	a, b := newOp(), newOp()
	want := make([]float32, len(pm))
	for i := range want {
		want[i] = a.Next()
	}
	got := make([]float32, len(pm))
	growingChunks(got, func(dst, _ []float32) { b.Fill(dst) })
	compareToNext(t, "Fill", got, want)

	a, b = newOp(), newOp()
	for i, p := range pm {
		want[i] = a.NextPM(p)
	}
	copy(got, pm)
	growingChunks(got, b.Process) // in place
	compareToNext(t, "Process", got, want)
}

func compareToNext(t *testing.T, what string, got, want []float32) {
	t.Helper()
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s: sample %d = %v, Next gave %v", what, i, got[i], want[i])
			return
		}
	}
}

func TestFMOperatorNonFinitePM(t *testing.T) {
	var o dsp.FMOperator
	o.SetFrequency(440, testRate)
	o.SetFeedback(1)
	pm := []float32{0, float32(math.NaN()), float32(math.Inf(1)), 1e30, 0, 0}
	out := make([]float32, len(pm))
	o.Process(out, pm)
	if !audiotest.AllFinite(out) || !audiotest.AllFinite(dsp.Render(&o, 100)) {
		t.Errorf("non-finite phase modulation leaks into the output: %v", out)
	}
}

func TestFMOperatorDoesNotAllocate(t *testing.T) {
	var o dsp.FMOperator
	o.SetFrequency(440, testRate)
	o.SetFeedback(0.5)
	buf, pm := make([]float32, 256), testInput(256)
	cases := map[string]func(){
		"Fill":      func() { o.Fill(buf) },
		"Process":   func() { o.Process(buf, pm) },
		"NextPM":    func() { o.NextPM(0.3) },
		"settings":  func() { o.SetRatio(2); o.SetFixedFrequency(100, testRate); o.SetFeedback(0.2) },
		"frequency": func() { o.SetFrequency(220, testRate) },
	}
	for name, fn := range cases {
		if a := testing.AllocsPerRun(50, fn); a != 0 {
			t.Errorf("%s allocates %v times per call", name, a)
		}
	}
}
