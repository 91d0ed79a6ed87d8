package main

import (
	"math"
	"testing"
	"time"

	"govox.dev/govox/sdk"
	"govox.dev/govox/sdk/sdktest"
)

func newTestPad(t testing.TB) sdk.Voice {
	inst, ok := sdk.RegisteredInstrument()
	if !ok {
		t.Fatal("the pad did not register exactly one instrument")
	}
	return inst.New(sdk.NewStandaloneContext(inst, 48000))
}

func TestPadSoundsAndReleasesToSilence(t *testing.T) {
	v := newTestPad(t)
	r := v.(sdk.StereoRenderer)
	left, right := make([]float32, 479), make([]float32, 479) // an odd chunk size
	v.NoteOn(57, 0.8)
	var energy float64
	for i := 0; i < 100; i++ {
		r.RenderStereo(left, right)
		for _, x := range left {
			energy += float64(x) * float64(x)
		}
	}
	if energy == 0 {
		t.Fatal("the pad is silent")
	}
	v.NoteOff()
	for i := 0; i < 1000 && !v.Done(); i++ {
		r.RenderStereo(left, right)
	}
	if !v.Done() {
		t.Fatal("the pad never finished its release")
	}
	for _, x := range left {
		if math.Abs(float64(x)) > 1e-3 {
			t.Fatalf("still sounding (%v) after Done", x)
		}
	}
}

// BenchmarkPadRender is the Go side of the Go-versus-C++ comparison in
// tests/bench/pad_speed: one voice, 2048-frame chunks, reported per frame.
func BenchmarkPadRender(b *testing.B) {
	v := newTestPad(b)
	r := v.(sdk.StereoRenderer)
	left, right := make([]float32, 2048), make([]float32, 2048)
	v.NoteOn(57, 0.8)
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		r.RenderStereo(left, right)
	}
	b.ReportMetric(float64(time.Since(start).Nanoseconds())/float64(b.N*2048), "ns/frame")
}

// Rollback (a change for a frame already rendered renders the note again from a saved
// state) must give exactly what rendering once with the change known gives.
func TestRollbackRendersExactlyWhatRenderingOnceDoes(t *testing.T) { sdktest.Rollback(t) }
