package main

import (
	"testing"

	"govox.dev/govox/sdk"
)

// 0.5 s (24000 frames at 48 kHz) render, then the next frame panics, mid-chunk.
func TestPanicsAfterHalfASecond(t *testing.T) {
	inst, ok := sdk.RegisteredInstrument()
	if !ok {
		t.Fatal("panicmid did not register exactly one instrument")
	}
	v := inst.New(sdk.NewStandaloneContext(inst, 48000))
	v.NoteOn(69, 1)
	r := v.(sdk.MonoRenderer)
	chunk := make([]float32, 1000)
	for i := 0; i < 24; i++ {
		r.Render(chunk)
	}
	defer func() {
		if p := recover(); p != "panicmid: exploded after 0.5 s on purpose" {
			t.Fatalf("recovered %v, want the voice's panic", p)
		}
	}()
	r.Render(chunk[:1])
	t.Fatal("the voice rendered past 0.5 s")
}
