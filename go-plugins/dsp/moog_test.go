package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
	"govox.dev/govox/internal/audiotest"
)

var qualities = []dsp.Quality{dsp.QualityLow, dsp.QualityNormal, dsp.QualityHigh}

func newMoog(q dsp.Quality, cutoff, resonance, rate float64) *dsp.MoogLadder {
	var m dsp.MoogLadder
	m.SetQuality(q)
	m.Reset()
	m.SetCutoff(cutoff, rate)
	m.SetResonance(resonance)
	return &m
}

func TestMoogLadderSelfOscillatesAtFullResonance(t *testing.T) {
	const rate, cutoff = 48000.0, 500.0
	for _, q := range qualities {
		m := newMoog(q, cutoff, 1, rate)
		in := make([]float32, rate) // one second: an impulse, then silence
		in[0] = 0.5
		out := make([]float32, len(in))
		m.Process(out, in)
		tail := out[len(out)/2:]
		rms := audiotest.RMS(tail)
		hz := audiotest.ZeroCrossingFrequency(tail, rate)
		t.Logf("Moog %-6v resonance 1: tail RMS %.3f, peak %.3f, pitch %.1f Hz (%.3f x cutoff)",
			q, rms, audiotest.Peak(tail), hz, hz/cutoff)
		if !audiotest.AllFinite(out) || rms < 0.05 || audiotest.Peak(out) > 4 {
			t.Errorf("Moog %v: self-oscillation RMS %.3f, peak %.3f; want a steady, bounded tone", q, rms, audiotest.Peak(out))
		}
		if math.Abs(hz/(cutoff*dsp.MoogPeakRatio)-1) > 0.05 {
			t.Errorf("Moog %v: self-oscillates at %.1f Hz, want about %.1f Hz", q, hz, cutoff*dsp.MoogPeakRatio)
		}
	}
}

func TestMoogLadderBelowThresholdDecays(t *testing.T) {
	const rate = 48000.0
	for _, q := range qualities {
		m := newMoog(q, 500, 0.8, rate)
		in := make([]float32, rate/2)
		in[0] = 1
		out := dsp.Apply(m, in)
		if tail := audiotest.Peak(out[len(out)-4800:]); tail > 1e-4 {
			t.Errorf("Moog %v at resonance 0.8 still rings at %.2g after 0.4 s", q, tail)
		}
	}
}

func TestMoogLadderStaysFiniteWhenDrivenHard(t *testing.T) {
	const rate = 48000.0
	var osc dsp.Saw
	osc.SetFrequency(55, rate)
	in := dsp.Render(&osc, 24000)
	dsp.Scale(in, 4) // +12 dBFS
	for _, q := range qualities {
		for _, cutoff := range []float64{20, 1000, 0.49 * rate} {
			m := newMoog(q, cutoff, 1, rate)
			out := dsp.Apply(m, in)
			t.Logf("Moog %-6v cutoff %6.0f, resonance 1, +12 dBFS saw: peak %.2f", q, cutoff, audiotest.Peak(out))
			if !audiotest.AllFinite(out) || audiotest.Peak(out) > 20 {
				t.Errorf("Moog %v cutoff %.0f: peak %.3g; want finite and bounded", q, cutoff, audiotest.Peak(out))
			}
		}
	}
}

func TestMoogLadderQualitySwitchDoesNotClick(t *testing.T) {
	const rate = 48000.0
	var osc dsp.Saw
	osc.SetFrequency(110, rate)
	in := dsp.Render(&osc, 48000)
	dsp.Scale(in, 0.5)

	// Reference: the largest sample-to-sample step of each level alone.
	refStep := 0.0
	for _, q := range qualities {
		step, _ := audiotest.MaxStep(dsp.Apply(newMoog(q, 2000, 0.7, rate), in))
		refStep = math.Max(refStep, step)
	}

	m := newMoog(dsp.QualityNormal, 2000, 0.7, rate)
	out := make([]float32, len(in))
	order := []dsp.Quality{dsp.QualityHigh, dsp.QualityLow, dsp.QualityNormal, dsp.QualityLow, dsp.QualityHigh, dsp.QualityNormal}
	const chunk = 479 // shorter than a crossfade, so some switches cut one short
	for i, n := 0, 0; i < len(in); i, n = i+chunk, n+1 {
		end := i + chunk
		if end > len(in) {
			end = len(in)
		}
		m.SetQuality(order[n%len(order)])
		m.Process(out[i:end], in[i:end])
	}
	step, at := audiotest.MaxStep(out)
	t.Logf("largest step: %.4f with quality switches every %d samples, %.4f without", step, chunk, refStep)
	if step > 1.1*refStep {
		t.Errorf("quality switching makes a step of %.4f at sample %d; largest step without switching is %.4f", step, at, refStep)
	}
}

// Dynamic quality changes should be heard as little as possible: the levels
// play a loud saw at about the same loudness.
func TestMoogLadderQualityLevelsSoundAlike(t *testing.T) {
	const rate = 48000.0
	var osc dsp.Saw
	osc.SetFrequency(110, rate)
	in := dsp.Render(&osc, 24000)
	for _, r := range []float64{0, 0.5, 0.9, 1} {
		var rms [3]float64
		for i, q := range qualities {
			rms[i] = audiotest.RMS(dsp.Apply(newMoog(q, 1000, r, rate), in)[4800:])
		}
		t.Logf("0 dBFS saw, resonance %.1f: RMS low %.3f, normal %.3f, high %.3f", r, rms[0], rms[1], rms[2])
		for i := range rms {
			if d := audiotest.DB(rms[i] / rms[1]); math.Abs(d) > 1.5 {
				t.Errorf("resonance %.1f: %v is %+.2f dB from normal, want within 1.5 dB", r, qualities[i], d)
			}
		}
	}
}
