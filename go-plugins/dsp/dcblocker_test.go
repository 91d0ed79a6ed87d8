package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
	"govox.dev/govox/internal/audiotest"
)

func newDCBlocker(hz, rate float64) *dsp.DCBlocker {
	var d dsp.DCBlocker
	d.SetCutoff(hz, rate)
	return &d
}

// A 0.5 offset under a 1 kHz tone: after half a second the offset is gone
// (below -80 dB) and the tone passes within 0.01 dB.
func TestDCBlockerRemovesOffsetAndPassesTone(t *testing.T) {
	for _, c := range []struct{ fc, rate float64 }{{10, 48000}, {20, 44100}, {5, 96000}} {
		in := audiotest.SineWave(int(c.rate), 1000, 0.3, c.rate)
		for i := range in {
			in[i] += 0.5
		}
		out := dsp.Apply(newDCBlocker(c.fc, c.rate), in)
		// The second half holds exactly 500 cycles of the tone.
		tail, inTail := out[len(out)/2:], in[len(in)/2:]
		mean := audiotest.Mean(tail)
		gain := audiotest.DB(audiotest.ToneAmplitude(tail, 1000, c.rate) / audiotest.ToneAmplitude(inTail, 1000, c.rate))
		t.Logf("DC blocker %g Hz at %g Hz: offset 0.5 -> %.2g, 1 kHz gain %+.5f dB", c.fc, c.rate, mean, gain)
		if math.Abs(mean) > 5e-5 {
			t.Errorf("DC blocker %g Hz at %g Hz: mean %g after 0.5 s, want below 5e-5", c.fc, c.rate, mean)
		}
		if math.Abs(gain) > 0.01 {
			t.Errorf("DC blocker %g Hz at %g Hz: 1 kHz gain %+.4f dB, want within 0.01 dB", c.fc, c.rate, gain)
		}
	}
}

// The response is the prewarped bilinear first-order highpass: exactly
// -3.01 dB at the cutoff, and r/sqrt(1+r^2) elsewhere with
// r = tan(pi f/fs)/tan(pi fc/fs); measured within 0.002 dB.
func TestDCBlockerResponse(t *testing.T) {
	const rate = 48000.0
	worst := 0.0
	for _, fc := range []float64{10, 40} {
		fc := fc
		newFilter := func() audiotest.Processor { return newDCBlocker(fc, rate) }
		for _, ratio := range []float64{0.5, 1, 2, 5, 21, 100, 1000} {
			hz := ratio * fc
			if hz > 0.45*rate {
				continue
			}
			r := math.Tan(math.Pi*hz/rate) / math.Tan(math.Pi*fc/rate)
			want := audiotest.DB(r / math.Hypot(1, r))
			// Settle for 20 time constants (1/(2 pi fc)), measure 8 cycles.
			settle := int(20 * rate / (2 * math.Pi * fc))
			measure := int(8 * rate / hz)
			if measure < 2048 {
				measure = 2048
			}
			got := audiotest.DB(audiotest.Gain(newFilter, hz, 0.5, rate, settle, measure))
			worst = math.Max(worst, math.Abs(got-want))
			if !(math.Abs(got-want) <= 0.002) {
				t.Errorf("DC blocker %g Hz at %g Hz: measured %.4f dB, want %.4f dB", fc, hz, got, want)
			}
		}
	}
	t.Logf("measured against the analytic magnitude: worst error %.5f dB", worst)
}

func TestDCBlockerZeroValuePassesThrough(t *testing.T) {
	in := iirInput(1000)
	var d dsp.DCBlocker
	out := make([]float32, len(in))
	d.Process(out, in)
	for i := range in {
		if out[i] != in[i] || d.Next(in[i]) != in[i] {
			t.Fatalf("zero DCBlocker changes sample %d: %v -> %v", i, in[i], out[i])
		}
	}
}
