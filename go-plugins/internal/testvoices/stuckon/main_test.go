package main

import (
	"testing"

	"govox.dev/govox/sdk"
)

// Any note but C4 plays: the engine's test relies on it before it strikes C4.
func TestNotesOtherThanC4Play(t *testing.T) {
	inst, ok := sdk.RegisteredInstrument()
	if !ok {
		t.Fatal("stuckon did not register exactly one instrument")
	}
	v := inst.New(sdk.NewStandaloneContext(inst, 48000))
	v.NoteOn(61, 1)
	out := make([]float32, 4800)
	v.(sdk.MonoRenderer).Render(out)
	if out[1200] == 0 {
		t.Fatal("note 61 is silent")
	}
}
