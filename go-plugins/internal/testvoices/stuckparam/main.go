// stuckparam: a sine voice with a parameter Hang (0..1, default 0). It listens for
// parameter changes (sdk.ParamListener), and its ParamChanged never returns once Hang is
// set above 0.5: a sounding note hangs before its next chunk, a silent voice when its
// next note starts. Below 0.5 nothing happens.
package main

import (
	"sync/atomic"

	"govox.dev/govox/dsp"
	"govox.dev/govox/sdk"
)

func init() {
	sdk.Register(sdk.Instrument{
		Name:   "stuckparam",
		Params: []sdk.Param{{Name: "Hang", Min: 0, Max: 1, Default: 0}},
		New:    func(ctx *sdk.Context) sdk.Voice { return &voice{ctx: ctx} },
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

func (v *voice) ParamChanged(p *sdk.ParamValue) {
	if p.Name() == "Hang" && p.Value() > 0.5 {
		hang()
	}
}

func (v *voice) NoteOn(note int, velocity float32) {
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
