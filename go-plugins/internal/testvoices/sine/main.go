// sine: a plain sine at the note's pitch with a short linear attack and release, the
// voice the engine's tests measure pitch, level and silence with.
package main

import (
	"govox.dev/govox/dsp"
	"govox.dev/govox/sdk"
)

func init() {
	sdk.Register(sdk.Instrument{
		Name:      "sine",
		Params:    []sdk.Param{{Name: "Level", Min: 0, Max: 1, Default: 0.25}},
		Polyphony: 32,
		Priority:  sdk.PriorityHigh,
		New: func(ctx *sdk.Context) sdk.Voice {
			return &sine{ctx: ctx, level: ctx.Param("Level")}
		},
	})
}

type sine struct {
	ctx   *sdk.Context
	osc   dsp.Sine
	env   dsp.Ramp
	level *sdk.ParamValue
	note  int
	held  bool
}

func (s *sine) NoteOn(note int, velocity float32) {
	s.note, s.held = note, true
	s.osc.SetPhase(0)
	s.env.Snap(0)
	s.env.SetTarget(1, int(0.005*s.ctx.SampleRate))
}

func (s *sine) NoteOff() {
	s.held = false
	s.env.SetTarget(0, int(0.02*s.ctx.SampleRate))
}

func (s *sine) Done() bool { return !s.held && s.env.Settled() && s.env.Value() == 0 }

func (s *sine) Render(out []float32) {
	s.osc.SetFrequency(s.ctx.NoteHz(s.note), s.ctx.SampleRate)
	for i := range out {
		out[i] = s.osc.Next() * s.env.Next() * s.level.Next()
	}
}

func main() {}
