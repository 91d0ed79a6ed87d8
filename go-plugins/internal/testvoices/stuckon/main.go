// stuckon: a sine voice whose NoteOn never returns for note 60 (C4); every other note
// plays a plain sine, so a test can hear other notes play before it strikes C4.
package main

import (
	"sync/atomic"

	"govox.dev/govox/dsp"
	"govox.dev/govox/sdk"
)

func init() {
	sdk.Register(sdk.Instrument{
		Name: "stuckon",
		New:  func(ctx *sdk.Context) sdk.Voice { return &voice{ctx: ctx} },
	})
}

type voice struct {
	ctx  *sdk.Context
	osc  dsp.Sine
	env  dsp.Ramp
	note int
	held bool
}

// never is never set: hang spins on it for good. An atomic load cannot be optimised
// away, and the loop allocates nothing.
var never atomic.Bool

func hang() {
	for !never.Load() {
	}
}

func (v *voice) NoteOn(note int, velocity float32) {
	if note == 60 {
		hang()
	}
	v.note, v.held = note, true
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
	for i := range out {
		out[i] = 0.25 * v.osc.Next() * v.env.Next()
	}
}

func main() {}
