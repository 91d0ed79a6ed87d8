package main

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
	"govox.dev/govox/sdk"
	"govox.dev/govox/sdk/sdktest"
)

// C6 (1046.5 Hz): a period of 45.9 samples, whose fractional remainder rounding misses by
// a third of a sample.
const testNote, testHz = 84, 1046.502

// pluckAt renders one second of the test note at quality q and returns it.
func pluckAt(t *testing.T, q dsp.Quality) []float32 {
	inst, ok := sdk.RegisteredInstrument()
	if !ok {
		t.Fatal("pluck did not register exactly one instrument")
	}
	ctx := sdk.NewStandaloneContext(inst, 48000)
	ctx.SetQuality(q)
	v := inst.New(ctx)
	r := v.(sdk.MonoRenderer)
	v.NoteOn(testNote, 1)
	out := make([]float32, 48000)
	for i := 0; i < len(out); i += 480 {
		r.Render(out[i : i+480])
	}
	return out
}

// frequency from the autocorrelation's peak near the test note's period (parabolically refined):
// unlike zero crossings it is not fooled by the strong high partials of a bright string,
// nor by the DC offset the burst leaves.
func frequency(x []float32) float64 {
	var mean float64
	for _, v := range x {
		mean += float64(v) / float64(len(x))
	}
	corr := func(lag int) (r float64) {
		for i := 0; i+lag < len(x); i++ {
			r += (float64(x[i]) - mean) * (float64(x[i+lag]) - mean)
		}
		return r
	}
	best, bestLag := math.Inf(-1), 0
	for lag := 39; lag <= 52; lag++ { // the period ±15 %
		if r := corr(lag); r > best {
			best, bestLag = r, lag
		}
	}
	a, b, c := corr(bestLag-1), best, corr(bestLag+1)
	period := float64(bestLag) + 0.5*(a-c)/(a-2*b+c)
	return 48000 / period
}

// brightness is the share of energy in the second half of the signal's sample-to-sample
// differences: more high partials, more of it.
func brightness(x []float32) float64 {
	var diff, all float64
	for i := 1; i < len(x); i++ {
		d := float64(x[i] - x[i-1])
		diff += d * d
		all += float64(x[i]) * float64(x[i])
	}
	return diff / all
}

func TestPluckReactsToQuality(t *testing.T) {
	low, normal, high := pluckAt(t, dsp.QualityLow), pluckAt(t, dsp.QualityNormal), pluckAt(t, dsp.QualityHigh)
	tail := func(x []float32) []float32 { return x[2400:12000] } // 50-250 ms: past the burst, the string still strong
	cents := func(f float64) float64 { return 1200 * math.Log2(f/testHz) }
	fl, fn, fh := frequency(tail(low)), frequency(tail(normal)), frequency(tail(high))
	bn, bh := brightness(tail(normal)), brightness(tail(high))
	t.Logf("C6: low %.2f Hz (%+.1f cents), normal %.2f Hz (%+.1f), high %.2f Hz (%+.1f); "+
		"brightness normal %.4f, high %.4f", fl, cents(fl), fn, cents(fn), fh, cents(fh), bn, bh)
	if math.Abs(cents(fn)) > 3 || math.Abs(cents(fh)) > 3 {
		t.Errorf("normal and high must stay in tune: %+.1f and %+.1f cents", cents(fn), cents(fh))
	}
	if math.Abs(cents(fl)) < 5 {
		t.Errorf("low rounds the period: C6 should be several cents out, not %+.1f", cents(fl))
	}
	if bh <= bn*1.05 {
		t.Errorf("high should keep more of the string's brightness than normal: %.4f vs %.4f", bh, bn)
	}
}

// Rollback (a change for a frame already rendered renders the note again from a saved
// state) must give exactly what rendering once with the change known gives.
func TestRollbackRendersExactlyWhatRenderingOnceDoes(t *testing.T) { sdktest.Rollback(t) }
