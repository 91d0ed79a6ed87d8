package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
	"govox.dev/govox/internal/audiotest"
)

// dlyNoise returns seconds of white noise in [-1, 1) at testRate.
func dlyNoise(seconds float64, seed uint64) []float32 {
	return dsp.Render(dsp.NewNoise(seed), int(seconds*testRate))
}

// A still chorus of one voice is a plain delay: with depth 0 each side is
// (1-mix) x[n] + mix x[n-D]; at mix 0 the output is the input exactly.
func TestChorusStillIsADelay(t *testing.T) {
	in := dlyNoise(0.1, 1)
	for _, mix := range []float64{0, 0.5, 1} {
		c := dsp.NewChorus(testRate)
		c.SetVoices(1)
		c.SetDepth(0)
		c.SetDelay(1) // 48 samples
		c.SetMix(mix)
		left, right := make([]float32, len(in)), make([]float32, len(in))
		c.Process(left, right, in)
		for i := range in {
			old := 0.0
			if i >= 48 {
				old = float64(in[i-48])
			}
			want := (1-mix)*float64(in[i]) + mix*old
			if !(math.Abs(float64(left[i])-want) <= 1e-6) || left[i] != right[i] {
				t.Fatalf("mix %g, sample %d: %g, %g, want %g on both sides", mix, i, left[i], right[i], want)
			}
			if mix == 0 && left[i] != in[i] {
				t.Fatalf("mix 0, sample %d: %g, want the input %g exactly", i, left[i], in[i])
			}
		}
	}
	var zero dsp.Chorus
	if l, r := zero.Next(0.5); l != 0.5 || r != 0.5 {
		t.Errorf("the zero Chorus gives %g, %g for 0.5", l, r)
	}
}

// The moving delay shifts the pitch by the Doppler effect: where the left
// tap's delay grows fastest (LFO phase 0) a 1 kHz tone comes out at
// 1000 (1 - d') Hz, with d' = depth/2 * 2 pi rate in samples per sample, and
// the right tap, swept the other way, as far above.
func TestChorusDopplerShift(t *testing.T) {
	const rate, depthMs = 1.0, 5.0
	c := dsp.NewChorus(testRate)
	c.SetVoices(1)
	c.SetRate(rate)
	c.SetDelay(5)
	c.SetDepth(depthMs)
	c.SetMix(1)
	in := audiotest.SineWave(int(1.1*testRate), 1000, 0.5, testRate)
	left, right := make([]float32, len(in)), make([]float32, len(in))
	c.Process(left, right, in)
	// A window of +-25 ms around 1 s (phase 0 again): the slope averages
	// cos(2 pi 0.025) = 0.988 of its peak at the ends, 0.996 overall.
	slope := depthMs / 2 * 0.001 * testRate * 2 * math.Pi * rate / testRate * 0.996
	lo, hi := int(0.975*testRate), int(1.025*testRate)
	fl := audiotest.ZeroCrossingFrequency(left[lo:hi], testRate)
	fr := audiotest.ZeroCrossingFrequency(right[lo:hi], testRate)
	t.Logf("Doppler at the fastest sweep: left %.2f Hz, right %.2f Hz (theory %.2f, %.2f)",
		fl, fr, 1000*(1-slope), 1000*(1+slope))
	if !(math.Abs(fl-1000*(1-slope)) <= 1) || !(math.Abs(fr-1000*(1+slope)) <= 1) {
		t.Errorf("left %.2f Hz, right %.2f Hz, want %.2f and %.2f", fl, fr, 1000*(1-slope), 1000*(1+slope))
	}
}

// Under the most extreme settings - three voices, the widest and the
// shortest sweeps, a fast LFO, all wet - 10 s of full-scale noise comes out
// finite and within 1.25 times the input's peak (the cubic's largest
// overshoot), the two sides differ, and the level stays near the input's.
func TestChorusIsBoundedUnderExtremes(t *testing.T) {
	in := dlyNoise(10, 2)
	left, right := make([]float32, len(in)), make([]float32, len(in))
	for _, delay := range []float64{0, 1000} {
		c := dsp.NewChorus(testRate)
		c.SetVoices(9)
		c.SetRate(10)
		c.SetDelay(delay)
		c.SetDepth(1000)
		c.SetMix(1)
		c.Process(left, right, in)
		pl, pr := audiotest.Peak(left), audiotest.Peak(right)
		rl, rin := audiotest.RMS(left), audiotest.RMS(in)
		t.Logf("delay %g ms (clamped), depth 20 ms, 3 voices: peaks %.3f, %.3f; RMS %.3f (input %.3f, peak %.3f)",
			delay, pl, pr, rl, rin, audiotest.Peak(in))
		if c.Voices() != 3 || !audiotest.AllFinite(left) || !audiotest.AllFinite(right) ||
			pl > 1.25*audiotest.Peak(in) || pr > 1.25*audiotest.Peak(in) || rl < 0.3*rin || rl > rin {
			t.Errorf("delay %g: voices %d, peaks %.3f %.3f, RMS %.3f against the input's %.3f", delay, c.Voices(), pl, pr, rl, rin)
		}
		same := 0
		for i := range left {
			if left[i] == right[i] {
				same++
			}
		}
		if same > len(left)/100 {
			t.Errorf("delay %g: left and right agree on %d samples of %d", delay, same, len(left))
		}
	}
}
