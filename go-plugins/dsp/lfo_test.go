package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
	"govox.dev/govox/internal/audiotest"
)

var lfoShapes = []dsp.LFOShape{dsp.LFOSine, dsp.LFOTriangle, dsp.LFOSaw, dsp.LFOSquare, dsp.LFOSampleHold}

func TestLFORate(t *testing.T) {
	const rate = 48000.0
	for _, shape := range lfoShapes[:4] {
		for _, hz := range []float64{0.5, 5, 37} {
			var l dsp.LFO
			l.SetShape(shape)
			l.SetRate(hz, rate)
			l.SetPhase(0.3) // so that 4 s of 0.5 Hz hold two rising crossings
			got := audiotest.ZeroCrossingFrequency(dsp.Render(&l, 4*rate), rate)
			if math.Abs(got-hz)/hz > 0.001 {
				t.Errorf("%v LFO at %.1f Hz: measured %.4f Hz", shape, hz, got)
			}
		}
	}
}

func TestLFOSampleAndHoldChangesOncePerCycle(t *testing.T) {
	const rate = 48000.0
	var l dsp.LFO
	l.SetShape(dsp.LFOSampleHold)
	l.SetRate(10, rate) // 4800 samples per cycle
	l.Seed(7)
	out := dsp.Render(&l, 48000)
	changes := 0
	for i := 1; i < len(out); i++ {
		if out[i] != out[i-1] {
			changes++
			if i%4800 != 0 {
				t.Errorf("sample-and-hold changed at sample %d, not at a cycle start", i)
			}
		}
	}
	if changes < 9 || changes > 10 {
		t.Errorf("sample-and-hold changed %d times in 10 cycles", changes)
	}
	if p := audiotest.Peak(out); p > 1 {
		t.Errorf("sample-and-hold peak %v, want <= 1", p)
	}
}

func TestLFOIsDeterministicAndInRange(t *testing.T) {
	const rate = 48000.0
	for _, shape := range lfoShapes {
		render := func() []float32 {
			var l dsp.LFO
			l.SetShape(shape)
			l.SetRate(13, rate)
			l.SetPhase(0.1)
			l.Seed(42)
			return dsp.Render(&l, 20000)
		}
		a, b := render(), render()
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("%v LFO differs between runs at sample %d", shape, i)
			}
		}
		if p := audiotest.Peak(a); p > 1 {
			t.Errorf("%v LFO peak %v, want <= 1", shape, p)
		}
	}
}

func TestLFOShapesStartLikeASine(t *testing.T) {
	want := map[dsp.LFOShape]float32{dsp.LFOSine: 0, dsp.LFOTriangle: 0, dsp.LFOSaw: -1, dsp.LFOSquare: 1}
	for shape, w := range want {
		var l dsp.LFO
		l.SetShape(shape)
		l.SetRate(1, 48000)
		if got := l.Next(); got != w {
			t.Errorf("%v LFO starts at %v, want %v", shape, got, w)
		}
	}
}
