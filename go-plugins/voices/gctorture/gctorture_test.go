package main

import (
	"testing"

	"govox.dev/govox/dsp"
	"govox.dev/govox/sdk"
	"govox.dev/govox/sdk/sdktest"
)

func tortureAt(t *testing.T, q dsp.Quality) []float32 {
	inst, ok := sdk.RegisteredInstrument()
	if !ok {
		t.Fatal("gctorture did not register exactly one instrument")
	}
	ctx := sdk.NewStandaloneContext(inst, 48000)
	ctx.SetParam("Garbage", 0) // the sound only
	ctx.SetParam("Vibrato", 1)
	ctx.SetQuality(q)
	v := inst.New(ctx)
	p := v.(sdk.Processor)
	v.NoteOn(69, 1)
	var out []float32
	for i := 0; i < 20; i++ {
		out = append(out, p.Process(480)...)
	}
	return out
}

// The vibrato retunes the oscillator in steps: the coarser the steps, the further the
// waveform strays from the one retuned most often.
func TestTortureReactsToQuality(t *testing.T) {
	low, normal, high := tortureAt(t, dsp.QualityLow), tortureAt(t, dsp.QualityNormal), tortureAt(t, dsp.QualityHigh)
	distance := func(a, b []float32) (d float64) {
		for i := range a {
			x := float64(a[i] - b[i])
			d += x * x
		}
		return d
	}
	dl, dn := distance(low, high), distance(normal, high)
	t.Logf("distance from high: low %.4g, normal %.4g", dl, dn)
	if dn == 0 || dl <= dn {
		t.Errorf("each quality should retune differently, low furthest: low %.4g, normal %.4g", dl, dn)
	}
}

// Rollback (a change for a frame already rendered renders the note again from a saved
// state) must give exactly what rendering once with the change known gives.
func TestRollbackRendersExactlyWhatRenderingOnceDoes(t *testing.T) { sdktest.Rollback(t) }
