// panicmid: a sine voice that panics inside Render once 0.5 s of a note has been
// rendered, in the middle of a chunk, so the engine's crash report has a note that
// played before it failed.
package main

import (
	"govox.dev/govox/dsp"
	"govox.dev/govox/sdk"
)

func init() {
	sdk.Register(sdk.Instrument{
		Name: "panicmid",
		New:  func(ctx *sdk.Context) sdk.Voice { return &voice{ctx: ctx} },
	})
}

type voice struct {
	ctx      *sdk.Context
	osc      dsp.Sine
	env      dsp.Ramp
	note     int
	held     bool
	rendered int // frames since NoteOn
}

func (v *voice) NoteOn(note int, velocity float32) {
	v.note, v.held, v.rendered = note, true, 0
	v.osc.SetPhase(0)
	v.env.Snap(0)
	v.env.SetTarget(1, int(0.005*v.ctx.SampleRate))
}

func (v *voice) NoteOff() {
	v.held = false
	v.env.SetTarget(0, int(0.02*v.ctx.SampleRate))
}

func (v *voice) Done() bool { return !v.held && v.env.Settled() && v.env.Value() == 0 }

func (v *voice) Render(out []float32) {
	v.osc.SetFrequency(v.ctx.NoteHz(v.note), v.ctx.SampleRate)
	limit := int(0.5 * v.ctx.SampleRate)
	for i := range out {
		if v.rendered == limit {
			panic("panicmid: exploded after 0.5 s on purpose")
		}
		out[i] = 0.25 * v.osc.Next() * v.env.Next()
		v.rendered++
	}
}

func main() {}
