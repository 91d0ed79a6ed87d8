package main

import (
	"testing"

	"govox.dev/govox/sdk"
)

// Hang up to 0.5 changes nothing: the voice returns and plays on.
func TestHangAtOrBelowHalfReturns(t *testing.T) {
	inst, ok := sdk.RegisteredInstrument()
	if !ok {
		t.Fatal("stuckparam did not register exactly one instrument")
	}
	ctx := sdk.NewStandaloneContext(inst, 48000)
	v := inst.New(ctx)
	v.NoteOn(69, 1)
	ctx.SetParam("Hang", 0.5)
	v.(sdk.ParamListener).ParamChanged(ctx.Param("Hang"))
	out := make([]float32, 4800)
	v.(sdk.MonoRenderer).Render(out)
	if out[1200] == 0 {
		t.Fatal("the voice is silent")
	}
}
