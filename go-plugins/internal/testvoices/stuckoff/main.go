// stuckoff: a sine voice whose NoteOff never returns, whatever the note: the note plays
// until its key goes up, then the voice hangs.
package main

import (
	"sync/atomic"

	"govox.dev/govox/dsp"
	"govox.dev/govox/sdk"
)

func init() {
	sdk.Register(sdk.Instrument{
		Name: "stuckoff",
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
	v.note, v.held = note, true
	v.osc.SetPhase(0)
	v.env.Snap(0)
	v.env.SetTarget(1, int(0.005*v.ctx.SampleRate))
}

func (v *voice) NoteOff() {
	hang()
	v.held = false
}

func (v *voice) Done() bool { return !v.held }

func (v *voice) Render(out []float32) {
	v.osc.SetFrequency(v.ctx.NoteHz(v.note), v.ctx.SampleRate)
	for i := range out {
		out[i] = 0.25 * v.osc.Next() * v.env.Next()
	}
}

func main() {}
