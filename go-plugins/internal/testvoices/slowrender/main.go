// slowrender: a sine voice whose every Render call takes 150 ms - far slower than real
// time, yet never long enough inside one call for the SDK to end its host (300 ms). Only
// the engine's own deadline on an offline block can stop a render of it.
package main

import (
	"time"

	"govox.dev/govox/dsp"
	"govox.dev/govox/sdk"
)

func init() {
	sdk.Register(sdk.Instrument{
		Name:        "slowrender",
		ChunkFrames: 128,
		New:         func(ctx *sdk.Context) sdk.Voice { return &voice{ctx: ctx} },
	})
}

type voice struct {
	ctx  *sdk.Context
	osc  dsp.Sine
	note int
	held bool
}

func (v *voice) NoteOn(note int, velocity float32) { v.note, v.held = note, true }
func (v *voice) NoteOff()                          { v.held = false }
func (v *voice) Done() bool                        { return !v.held }

func (v *voice) Render(out []float32) {
	time.Sleep(150 * time.Millisecond)
	v.osc.SetFrequency(v.ctx.NoteHz(v.note), v.ctx.SampleRate)
	for i := range out {
		out[i] = 0.25 * v.osc.Next()
	}
}

func main() {}
