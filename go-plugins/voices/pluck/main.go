// Pluck: a plucked string (Karplus-Strong). A burst of filtered noise excites a delay
// line one period long, whose averaging loop filter makes high partials die first.
// Each note allocates its own delay line: voices may allocate freely.
package main

import (
	"math"

	"govox.dev/govox/dsp"
	"govox.dev/govox/sdk"
)

func init() {
	sdk.Register(sdk.Instrument{
		Name: "pluck",
		Params: []sdk.Param{
			{Name: "Decay", Min: 0.2, Max: 10, Default: 2.5, Unit: "s", Curve: sdk.Exponential},
			{Name: "Brightness", Min: 0, Max: 1, Default: 0.6},
			{Name: "Volume", Min: -40, Max: 0, Default: -6, Unit: "dB", Curve: sdk.Decibel},
		},
		Polyphony: 24,
		Priority:  sdk.PriorityHigh,
		New:       newPluck,
	})
}

type pluck struct {
	ctx        *sdk.Context
	noise      *dsp.Noise
	line       []float32
	pos        int
	frac       float64 // fractional part of the period, for in-tune high notes
	last       float32
	feedback   float32
	damp       float32 // release: fade the string quickly after note off
	level      float32
	released   bool
	silentRun  int
	decay      *sdk.ParamValue
	brightness *sdk.ParamValue
	volume     *sdk.ParamValue
}

func newPluck(ctx *sdk.Context) sdk.Voice {
	return &pluck{
		ctx:        ctx,
		noise:      dsp.NewNoise(uint64(ctx.Slot) + 1),
		decay:      ctx.Param("Decay"),
		brightness: ctx.Param("Brightness"),
		volume:     ctx.Param("Volume"),
	}
}

func (p *pluck) NoteOn(note int, velocity float32) {
	period := p.ctx.SampleRate / p.ctx.NoteHz(note)
	n := int(period)
	p.frac = period - float64(n)
	p.line = make([]float32, n) // a fresh string per note
	// The excitation: noise, lowpassed more for soft notes and a dull brightness.
	smooth := float32(1 - 0.85*float64(p.brightness.Value())*float64(0.5+0.5*velocity))
	var s, peak float32
	for i := range p.line {
		s += (p.noise.Next() - s) * (1 - smooth*0.9)
		p.line[i] = s
		if a := float32(math.Abs(float64(s))); a > peak {
			peak = a
		}
	}
	for i := range p.line { // the filtered burst at full scale, then by velocity
		p.line[i] *= velocity / (peak + 1e-9)
	}
	p.pos, p.last = 0, 0
	// Loop gain so that the string falls 60 dB in Decay seconds.
	loops := float64(p.decay.Value()) * p.ctx.NoteHz(note)
	p.feedback = float32(math.Pow(0.001, 1/loops))
	p.damp, p.released, p.silentRun = 1, false, 0
	p.level = float32(dsp.DBToGain(float64(p.volume.Value())))
}

func (p *pluck) NoteOff() { p.released = true }

func (p *pluck) Done() bool { return p.released && p.silentRun > len(p.line) }

func (p *pluck) Render(out []float32) {
	if len(p.line) == 0 {
		for i := range out {
			out[i] = 0
		}
		return
	}
	g := float32(p.frac)
	for i := range out {
		if p.released && p.damp > 0 { // a 50 ms mute after note off
			p.damp -= float32(20 / p.ctx.SampleRate)
			if p.damp < 0 {
				p.damp = 0
			}
		}
		cur := p.line[p.pos]
		next := p.line[(p.pos+1)%len(p.line)]
		y := cur + (next-cur)*g // fractional delay for the period's remainder
		v := 0.5 * (y + p.last) * p.feedback
		p.last = y
		p.line[p.pos] = v
		p.pos = (p.pos + 1) % len(p.line)
		out[i] = y * p.level * p.damp
		if math.Abs(float64(out[i])) < 1e-5 {
			p.silentRun++
		} else {
			p.silentRun = 0
		}
	}
}

func main() {}
