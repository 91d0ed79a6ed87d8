package main

import (
	"math"
	"testing"

	"govox.dev/govox/sdk"
)

// Finite and audible for exactly 0.25 s (12000 frames at 48 kHz), NaN from then on.
func TestNaNFromAQuarterSecondOn(t *testing.T) {
	inst, ok := sdk.RegisteredInstrument()
	if !ok {
		t.Fatal("nanout did not register exactly one instrument")
	}
	v := inst.New(sdk.NewStandaloneContext(inst, 48000))
	v.NoteOn(69, 1)
	var got []float32
	chunk := make([]float32, 1001) // chunks that do not divide 12000
	for len(got) < 24000 {
		v.(sdk.MonoRenderer).Render(chunk)
		got = append(got, chunk...)
	}
	for i, x := range got {
		if nan := math.IsNaN(float64(x)); nan != (i >= 12000) {
			t.Fatalf("frame %d is %v", i, x)
		}
	}
	if got[6000] == 0 {
		t.Fatal("the first quarter second is silent")
	}
}
