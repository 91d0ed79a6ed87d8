package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
	"govox.dev/govox/internal/audiotest"
)

// A still flanger (depth 0) all wet is a feedback comb's echoes: its impulse
// response is 1 at D, f at 2D, f^2 at 3D...; at mix 0 it is the input.
func TestFlangerStillImpulseResponse(t *testing.T) {
	const d, fb = 24, -0.7 // 0.5 ms
	f := dsp.NewFlanger(testRate)
	f.SetDepth(0)
	f.SetDelay(0.5)
	f.SetFeedback(fb)
	f.SetMix(1)
	h := make([]float32, 200)
	h[0] = 1
	f.Process(h, h)
	for i, y := range h {
		want := 0.0
		if i > 0 && i%d == 0 {
			want = math.Pow(fb, float64(i/d-1))
		}
		if !(math.Abs(float64(y)-want) <= 1e-6) {
			t.Errorf("sample %d: %.6f, want %.6f", i, y, want)
		}
	}
	in := dlyNoise(0.1, 3)
	out := make([]float32, len(in))
	f.SetMix(0)
	f.SetDepth(3)
	f.Process(out, in)
	var zero dsp.Flanger
	for i := range in {
		if out[i] != in[i] || zero.Next(in[i]) != in[i] {
			t.Fatalf("mix 0 or the zero value does not pass sample %d through", i)
		}
	}
}

// dlyTransfer returns |Y/X|^2 in dB for each bin of an n-sample window of in
// and out centred on sample at, each bin's powers summed over +-1 bin to
// steady the estimate.
func dlyTransfer(in, out []float32, at, n int) []float64 {
	pin := audiotest.PowerSpectrum(in[at-n/2 : at+n/2])
	pout := audiotest.PowerSpectrum(out[at-n/2 : at+n/2])
	db := make([]float64, len(pin))
	for k := range db {
		var a, b float64
		for j := k - 1; j <= k+1; j++ {
			if j >= 0 && j < len(pin) {
				a, b = a+pin[j], b+pout[j]
			}
		}
		db[k] = 10 * math.Log10(b/a)
	}
	return db
}

// The flanger's notches move with its LFO. Without feedback at mix 0.5 the
// notches of a delay of D samples lie at odd multiples of rate/2D. With delay
// 1 ms and depth 1.5 ms (48 to 120 samples) and a 0.1 Hz sine LFO, the delay
// is 120 samples at 2.5 s and 48 at 7.5 s: the first notch, read from the
// spectra of noise in and out around those times (0.34 s windows, over which
// the delay moves by less than half a sample), moves from 200 Hz to 500 Hz,
// and each time's notch is gone at the other.
func TestFlangerNotchesMove(t *testing.T) {
	f := dsp.NewFlanger(testRate)
	f.SetRate(0.1)
	f.SetDelay(1)
	f.SetDepth(1.5)
	f.SetFeedback(0)
	f.SetMix(0.5)
	in := dlyNoise(7.7, 4)
	out := make([]float32, len(in))
	f.Process(out, in)
	const n = 16384
	binHz := testRate / n
	// first finds the lowest notch above 100 Hz: the first bin below -20 dB,
	// followed down to the bottom of its dip (0 Hz if there is none by 800 Hz).
	first := func(db []float64) (hz, depth float64) {
		for k := int(100 / binHz); k <= int(800/binHz); k++ {
			if db[k] < -20 {
				for db[k+1] < db[k] {
					k++
				}
				return float64(k) * binHz, db[k]
			}
		}
		return 0, 0
	}
	at1 := dlyTransfer(in, out, int(2.5*testRate), n)
	at3 := dlyTransfer(in, out, int(7.5*testRate), n)
	hz1, depth1 := first(at1)
	hz3, depth3 := first(at3)
	t.Logf("first notch: %.1f Hz, %.1f dB at 2.5 s (delay 120, theory 200 Hz); %.1f Hz, %.1f dB at 7.5 s (delay 48, theory 500 Hz)",
		hz1, depth1, hz3, depth3)
	if !(math.Abs(hz1-200) <= 2*binHz) || !(math.Abs(hz3-500) <= 2*binHz) || !(depth1 <= -20) || !(depth3 <= -20) {
		t.Errorf("first notch %.1f Hz (%.1f dB) at 2.5 s, %.1f Hz (%.1f dB) at 7.5 s; want 200 and 500 Hz, below -20 dB",
			hz1, depth1, hz3, depth3)
	}
	a, b := at3[int(200/binHz+0.5)], at1[int(500/binHz+0.5)]
	t.Logf("the other time: %.1f dB at 200 Hz at 7.5 s, %.1f dB at 500 Hz at 2.5 s", a, b)
	if !(a >= -6) || !(b >= -6) {
		t.Errorf("the notches did not move: %.1f dB at 200 Hz at 7.5 s, %.1f dB at 500 Hz at 2.5 s", a, b)
	}
}

// Under the most extreme settings - feedback +-0.99 (and asked beyond), the
// widest and the shortest sweeps, a fast LFO, all wet - 10 s of full-scale
// noise comes out finite and within the bound that linear interpolation
// guarantees, 1/(1-0.99) = 100 times the input's peak.
func TestFlangerIsBoundedUnderExtremes(t *testing.T) {
	in := dlyNoise(10, 5)
	out := make([]float32, len(in))
	for _, c := range []struct{ delay, fb float64 }{{0, 0.99}, {10, 0.99}, {0, -0.99}, {10, 5}} {
		f := dsp.NewFlanger(testRate)
		f.SetRate(5)
		f.SetDelay(c.delay)
		f.SetDepth(1000)
		f.SetFeedback(c.fb)
		f.SetMix(1)
		f.Process(out, in)
		p, r := audiotest.Peak(out), audiotest.RMS(out)
		t.Logf("delay %g ms, depth 10 ms, feedback %g: peak %.2f, RMS %.2f (input peak %.2f, RMS %.2f)",
			c.delay, c.fb, p, r, audiotest.Peak(in), audiotest.RMS(in))
		if !audiotest.AllFinite(out) || p > 100*audiotest.Peak(in) || r < 0.5*audiotest.RMS(in) {
			t.Errorf("delay %g ms, feedback %g: peak %.2f, RMS %.2f", c.delay, c.fb, p, r)
		}
	}
}
