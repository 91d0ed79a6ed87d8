package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
	"govox.dev/govox/internal/audiotest"
)

func TestUnisonOffsets(t *testing.T) {
	got := dsp.Unison{Voices: 5, DetuneCents: 20, Spread: 1}.Offsets()
	wantCents := []float64{-20, -10, 0, 10, 20}
	wantPan := []float64{-1, -0.5, 0, 0.5, 1}
	if len(got) != 5 {
		t.Fatalf("%d offsets, want 5", len(got))
	}
	for i, o := range got {
		if math.Abs(o.Cents-wantCents[i]) > 1e-12 || math.Abs(o.Pan-wantPan[i]) > 1e-12 ||
			math.Abs(o.Ratio-dsp.CentsToRatio(wantCents[i])) > 1e-12 {
			t.Errorf("voice %d: %+v, want %v cents at pan %v", i, o, wantCents[i], wantPan[i])
		}
	}
	one := dsp.Unison{Voices: 0, DetuneCents: 50, Spread: 1}.Offsets()
	if len(one) != 1 || one[0].Cents != 0 || one[0].Pan != 0 || one[0].Ratio != 1 {
		t.Errorf("single voice: %+v, want centred and in tune", one)
	}
	narrow := dsp.Unison{Voices: 2, DetuneCents: 10, Spread: 0.5}.Offsets()
	if narrow[0].Pan != -0.5 || narrow[1].Pan != 0.5 || narrow[0].Cents != -10 {
		t.Errorf("two voices: %+v", narrow)
	}
	if g := (dsp.Unison{Voices: 4}).Gain(); g != 0.5 {
		t.Errorf("gain of 4 voices = %v, want 0.5", g)
	}
	buf := make([]dsp.UnisonVoice, 0, 8)
	if allocs := testing.AllocsPerRun(100, func() {
		buf = dsp.Unison{Voices: 7, DetuneCents: 12}.AppendOffsets(buf[:0])
	}); allocs != 0 {
		t.Errorf("AppendOffsets with room allocates %v times", allocs)
	}
}

func TestUnisonSaw(t *testing.T) {
	const rate = 48000.0
	s := dsp.NewUnisonSaw(dsp.Unison{Voices: 7, DetuneCents: 15, Spread: 1})
	s.SetFrequency(220, rate)
	left, right := make([]float32, 48000), make([]float32, 48000)
	s.Fill(left, right)
	if s.Voices() != 7 {
		t.Errorf("Voices() = %d, want 7", s.Voices())
	}
	l, r := audiotest.RMS(left), audiotest.RMS(right)
	t.Logf("7-voice unison saw: RMS left %.3f right %.3f (one saw: %.3f)", l, r, 1/math.Sqrt(3))
	if l < 0.25 || l > 0.6 || r < 0.25 || r > 0.6 {
		t.Errorf("unison RMS %.3f/%.3f, want about as loud as one saw", l, r)
	}
	// The centre voice carries the note: the spectrum peaks at 220 Hz.
	if a := audiotest.ToneAmplitude(left, 220, rate); a < 0.1 {
		t.Errorf("amplitude at 220 Hz is %.3f", a)
	}
}

func TestPanGains(t *testing.T) {
	l, r := dsp.PanGains(0)
	if math.Abs(float64(l)-math.Sqrt2/2) > 1e-6 || l != r {
		t.Errorf("centre: %v, %v, want -3 dB each", l, r)
	}
	if l, r := dsp.PanGains(-1); l != 1 || r > 1e-7 {
		t.Errorf("hard left: %v, %v", l, r)
	}
	if l, r := dsp.PanGains(5); l > 1e-7 || r != 1 {
		t.Errorf("beyond right: %v, %v, want clamped to hard right", l, r)
	}
	for _, p := range []float64{-0.7, 0.1, 0.9} {
		l, r := dsp.PanGains(p)
		if pw := l*l + r*r; math.Abs(float64(pw)-1) > 1e-6 {
			t.Errorf("pan %v: power %v, want 1", p, pw)
		}
	}
}
