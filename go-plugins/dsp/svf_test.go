package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
	"govox.dev/govox/internal/audiotest"
)

func newSVF(mode dsp.FilterMode, cutoff, q, rate float64) *dsp.SVF {
	var f dsp.SVF
	f.SetMode(mode)
	f.SetCutoff(cutoff, rate)
	f.SetQ(q)
	return &f
}

func TestSVFBandpassAndNotchAtCutoff(t *testing.T) {
	const rate = 48000.0
	p := cutoffProbe(rate)
	for _, fc := range []float64{300, 2000, 9000} {
		for _, q := range []float64{0.7, 4} {
			fc, q := fc, q
			bp := p.Gain(func() audiotest.Processor { return newSVF(dsp.Bandpass, fc, q, rate) }, fc)
			notch := p.Gain(func() audiotest.Processor { return newSVF(dsp.Notch, fc, q, rate) }, fc)
			off := p.Gain(func() audiotest.Processor { return newSVF(dsp.Notch, fc, q, rate) }, fc/4)
			if math.Abs(bp-1) > 0.01 {
				t.Errorf("bandpass %.0f Hz Q %.1f: gain %.4f at the cutoff, want 1", fc, q, bp)
			}
			if audiotest.DB(notch) > -40 || math.Abs(off-1) > 0.1 {
				t.Errorf("notch %.0f Hz Q %.1f: %.1f dB at the cutoff and %.3f two octaves below", fc, q, audiotest.DB(notch), off)
			}
		}
	}
}

func TestSVFNextAllMatchesModes(t *testing.T) {
	const rate = 48000.0
	var noise dsp.Noise
	in := dsp.Render(&noise, 2000)
	all := newSVF(dsp.Lowpass, 1500, 2, rate)
	outs := make([]dsp.SVFOutputs, len(in))
	for i, x := range in {
		outs[i] = all.NextAll(x)
	}
	for _, m := range []dsp.FilterMode{dsp.Lowpass, dsp.Bandpass, dsp.Highpass, dsp.Notch} {
		got := dsp.Apply(newSVF(m, 1500, 2, rate), in)
		for i, o := range outs {
			want := [...]float32{o.Low, o.Band, o.High, o.Notch}[m]
			if got[i] != want {
				t.Fatalf("%v: sample %d is %v, NextAll gives %v", m, i, got[i], want)
			}
		}
	}
	// The state-variable decomposition: low + band + high is the input
	// (with the unity-peak bandpass), and notch is low + high.
	for i, o := range outs {
		if d := float64(o.Low+o.Band+o.High) - float64(in[i]); math.Abs(d) > 1e-5 {
			t.Fatalf("sample %d: low + band + high is off the input by %v", i, d)
		}
		if d := float64(o.Low+o.High) - float64(o.Notch); math.Abs(d) > 1e-5 {
			t.Fatalf("sample %d: low + high is off the notch by %v", i, d)
		}
	}
}

func TestSVFStableUnderFastModulation(t *testing.T) {
	const rate = 48000.0
	var f dsp.SVF
	f.SetQ(20)
	var lfo dsp.LFO
	lfo.SetShape(dsp.LFOSquare)
	lfo.SetRate(200, rate)
	var noise dsp.Noise
	out := make([]float32, 48000)
	for i := range out {
		f.SetCutoff(2000+1900*float64(lfo.Next()), rate)
		out[i] = f.Next(noise.Next())
	}
	if !audiotest.AllFinite(out) || audiotest.Peak(out) > 50 {
		t.Errorf("SVF under square-wave cutoff modulation: peak %v", audiotest.Peak(out))
	}
}
