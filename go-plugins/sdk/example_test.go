package sdk_test

import (
	"fmt"
	"math"

	"govox.dev/govox/sdk"
)

// beep is a whole voice: a sine at the note's pitch, on while the key is down (43 rising
// zero crossings in a tenth of a second at 440 Hz: the first is at the start).
type beep struct {
	ctx   *sdk.Context
	phase float64
	hz    float64
	held  bool
}

func (b *beep) NoteOn(note int, velocity float32) { b.hz, b.held = b.ctx.NoteHz(note), true }
func (b *beep) NoteOff()                          { b.held = false }
func (b *beep) Done() bool                        { return !b.held }
func (b *beep) Render(out []float32) {
	for i := range out {
		if !b.held { // no release: silent from the note-off's frame on
			out[i] = 0
			continue
		}
		out[i] = float32(0.5 * math.Sin(2*math.Pi*b.phase))
		b.phase += b.hz / b.ctx.SampleRate
	}
}

// A voice is an Instrument whose New makes a Voice. A real voice registers it from
// init (sdk.Register) in a main package; here a Session plays it offline, as the app
// would: A4 struck at frame 0 and released after a tenth of a second.
func Example() {
	inst := sdk.Instrument{
		Name: "beep",
		New:  func(ctx *sdk.Context) sdk.Voice { return &beep{ctx: ctx} },
	}
	s, err := sdk.NewSession(inst, 48000, 4)
	if err != nil {
		panic(err)
	}
	defer s.Close()
	s.NoteOn(0, 0, 69, 100)
	s.NoteOff(4800, 0, 69)
	left, _, err := s.Render(9600)
	if err != nil {
		panic(err)
	}
	rising := 0
	for i := 1; i < 4800; i++ {
		if left[i-1] < 0 && left[i] >= 0 {
			rising++
		}
	}
	fmt.Printf("%d cycles in 0.1 s; after the release the peak is %.1f\n", rising, peak(left[4800:]))
	// Output: 43 cycles in 0.1 s; after the release the peak is 0.0
}

func peak(x []float32) (p float64) {
	for _, v := range x {
		p = math.Max(p, math.Abs(float64(v)))
	}
	return p
}
