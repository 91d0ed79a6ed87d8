// nanout: a sine voice that plays the first 0.25 s of each note, then writes NaN for
// the rest of it (release included), so the engine's NaN guard has a note that starts
// out fine.
package main

import (
	"math"

	"govox.dev/govox/dsp"
	"govox.dev/govox/sdk"
)

func init() {
	sdk.Register(sdk.Instrument{
		Name: "nanout",
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
	good := int(0.25 * v.ctx.SampleRate)
	nan := float32(math.NaN())
	for i := range out {
		out[i] = 0.25 * v.osc.Next() * v.env.Next()
		if v.rendered >= good {
			out[i] = nan
		}
		v.rendered++
	}
}

func main() {}
