package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
	"govox.dev/govox/internal/audiotest"
)

// dlyStillPhaser returns a phaser with its sweep held at the geometric middle
// of 200-2000 Hz (rate 0, phase 0), no feedback and mix 0.5.
func dlyStillPhaser(stages int) *dsp.Phaser {
	p := dsp.NewPhaser(testRate)
	p.SetStages(stages)
	p.SetRate(0)
	p.SetRange(200, 2000)
	p.SetFeedback(0)
	p.SetMix(0.5)
	return p
}

// A swept sine (120 frequencies from 20 Hz to 20 kHz) through a still
// phaser finds notches more than 20 dB deep; the n stages' n/2 notches lie
// where the chain turns the phase by an odd multiple of 180 degrees, at
// tan(pi f / rate) = t tan((2k+1) pi / 2n) for the stages' t = tan(pi fc /
// rate), where the gain is below -40 dB, and the response rises back to
// within 3 dB of unity between them.
func TestPhaserHasNotches(t *testing.T) {
	for _, stages := range []int{4, 8, 12} {
		lowest, at := 0.0, 0.0
		for i := 0; i < 120; i++ {
			hz := 20 * math.Pow(1000, float64(i)/119)
			_, g := dlyResponse(dlyStillPhaser(stages).Next, hz, 2400, 2400)
			if db := 20 * math.Log10(g); db < lowest {
				lowest, at = db, hz
			}
		}
		t.Logf("%d stages: deepest point of the sweep %.1f dB at %.0f Hz", stages, lowest, at)
		if !(lowest <= -20) {
			t.Errorf("%d stages: the sweep's deepest point is %.1f dB, want a notch below -20 dB", stages, lowest)
		}
		fc := math.Sqrt(200 * 2000)
		tc := math.Tan(math.Pi * fc / testRate)
		prev := 0.0
		for k := 0; k < stages/2; k++ {
			hz := testRate / math.Pi * math.Atan(tc*math.Tan(float64(2*k+1)*math.Pi/float64(2*stages)))
			_, g := dlyResponse(dlyStillPhaser(stages).Next, hz, 4800, 4800)
			if db := 20 * math.Log10(g); !(db <= -40) {
				t.Errorf("%d stages: notch %d at %.1f Hz is only %.1f dB deep", stages, k, hz, db)
			}
			if prev > 0 {
				_, g := dlyResponse(dlyStillPhaser(stages).Next, math.Sqrt(prev*hz), 4800, 4800)
				if db := 20 * math.Log10(g); !(db >= -3) {
					t.Errorf("%d stages: %.1f dB between the notches at %.0f and %.0f Hz", stages, db, prev, hz)
				}
			}
			prev = hz
		}
	}
}

// With the LFO running the notches sweep: a steady 1 kHz tone through a
// phaser swept over 200-4000 Hz at 1 Hz rises and falls by more than 20 dB
// from one 5 ms window to another.
func TestPhaserSweeps(t *testing.T) {
	p := dlyStillPhaser(4)
	p.SetRange(200, 4000)
	p.SetRate(1)
	in := audiotest.SineWave(int(testRate), 1000, 0.5, testRate)
	out := make([]float32, len(in))
	p.Process(out, in)
	lo, hi := math.Inf(1), 0.0
	for i := 240; i+240 <= len(out); i += 240 {
		r := audiotest.RMS(out[i : i+240])
		lo, hi = math.Min(lo, r), math.Max(hi, r)
	}
	t.Logf("1 kHz through the sweep: 5 ms levels from %.1f to %.1f dB", 20*math.Log10(lo/0.3536), 20*math.Log10(hi/0.3536))
	if !(20*math.Log10(hi/lo) >= 20) {
		t.Errorf("levels %.4f to %.4f: the notches do not sweep through 1 kHz", lo, hi)
	}
}

// At mix 0 the phaser's output is its input exactly, whatever the feedback
// and sweep; the zero value passes its input through too. With the largest
// feedback the output of 2 s of noise stays finite and below 20 times the
// input's peak (the resonance bound 1/(1-0.95)).
func TestPhaserDryAndBounded(t *testing.T) {
	in := dlyNoise(2, 6)
	out := make([]float32, len(in))
	p := dsp.NewPhaser(testRate)
	p.SetStages(12)
	p.SetRate(3)
	p.SetFeedback(0.9)
	p.SetMix(0)
	p.Process(out, in)
	var zero dsp.Phaser
	for i := range in {
		if out[i] != in[i] || zero.Next(in[i]) != in[i] {
			t.Fatalf("mix 0 or the zero value does not pass sample %d through", i)
		}
	}
	for _, fb := range []float64{5, -5} {
		p.Reset()
		p.SetFeedback(fb)
		p.SetMix(1)
		p.SetRange(20, 30000)
		p.Process(out, in)
		peak := audiotest.Peak(out)
		t.Logf("12 stages, feedback %g (clamped to +-0.95), 20 Hz to 0.45 rate: peak %.2f", fb, peak)
		if !audiotest.AllFinite(out) || peak > 20 {
			t.Errorf("feedback %g: peak %.2f", fb, peak)
		}
	}
}
