// misbehave: a sine voice that does one bad thing, chosen by the note it is asked to
// play, so one library covers every runtime fault the engine must survive:
//
//	note 1  panic with a message          note 4  an endless loop in Render
//	note 2  nil pointer dereference       note 5  allocate and touch 10 GB
//	note 3  os.Exit(3)                    note 6  output NaN
//
// Any other note plays a plain sine.
package main

import (
	"math"
	"os"

	"govox.dev/govox/dsp"
	"govox.dev/govox/sdk"
)

func init() {
	sdk.Register(sdk.Instrument{
		Name:      "misbehave",
		Polyphony: 8,
		New:       func(ctx *sdk.Context) sdk.Voice { return &voice{ctx: ctx} },
	})
}

type voice struct {
	ctx  *sdk.Context
	osc  dsp.Sine
	note int
	held bool
	next *voice
}

func (v *voice) NoteOn(note int, velocity float32) { v.note, v.held = note, true }
func (v *voice) NoteOff()                          { v.held = false }
func (v *voice) Done() bool                        { return !v.held }

var sink []byte

func (v *voice) Render(out []float32) {
	switch v.note {
	case 1:
		panic("the voice exploded on purpose")
	case 2:
		v.next.note++ // v.next is nil
	case 3:
		os.Exit(3)
	case 4:
		for n := 0; ; n++ {
			if n < 0 {
				break
			}
		}
	case 5:
		sink = make([]byte, 10<<30)
		for i := 0; i < len(sink); i += 4096 {
			sink[i] = 1
		}
	case 6:
		for i := range out {
			out[i] = float32(math.NaN())
		}
		return
	}
	v.osc.SetFrequency(v.ctx.NoteHz(v.note), v.ctx.SampleRate)
	for i := range out {
		out[i] = 0.2 * v.osc.Next()
	}
}

func main() {}
