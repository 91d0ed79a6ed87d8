// Pluck: a plucked string (Karplus-Strong). A burst of filtered noise excites a delay
// line one period long, whose averaging loop filter makes high partials die first.
// Each note allocates its own delay line: voices may allocate freely.
//
// The quality the engine asks for picks how the delay line is read between samples, for
// the period's fractional remainder: LOW rounds to the nearest sample (high notes up to
// a few cents out, cheapest), NORMAL interpolates linearly (in tune, a little duller as
// the loop runs), HIGH uses 4-point Lagrange interpolation (in tune and bright).
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
	before     float32 // the sample before line[pos] as it was before the loop rewrote it
	feedback   float32
	damp       float32 // release: fade the string quickly after note off
	level      float32
	released   bool
	silentRun  int
	decay      *sdk.ParamValue
	brightness *sdk.ParamValue
	volume     *sdk.ParamValue
	saved      []savedString // for rollback: see SaveState
}

// savedString is the string as it was at one frame: every field, and the delay line's
// samples (the line itself is a slice, which a plain copy would share).
type savedString struct {
	p    pluck
	line []float32
}

// SaveState and RestoreState let the SDK apply a change at its frame after the string has
// rendered past it (sdk.Snapshotter). The slots' lines are reused: no allocation once
// each has grown to the longest string. The noise is only read at NoteOn, which no
// rollback goes back across, so it is shared, not saved.
func (p *pluck) SaveState(slot int) {
	s := &p.saved[slot]
	line := s.line
	s.p = *p
	s.p.saved = nil
	s.line = append(line[:0], p.line...)
}

func (p *pluck) RestoreState(slot int) {
	s := &p.saved[slot]
	line, saved := p.line, p.saved
	*p = s.p
	p.line, p.saved = append(line[:0], s.line...), saved
}

func newPluck(ctx *sdk.Context) sdk.Voice {
	return &pluck{
		ctx:        ctx,
		noise:      dsp.NewNoise(uint64(ctx.Slot) + 1),
		decay:      ctx.Param("Decay"),
		brightness: ctx.Param("Brightness"),
		volume:     ctx.Param("Volume"),
		saved:      make([]savedString, ctx.SnapshotSlots()),
	}
}

func (p *pluck) NoteOn(note int, velocity float32) {
	// The loop delays by the line's length, less the fraction it is read ahead of it,
	// plus half a sample for the averaging filter: that sum must be the period.
	target := p.ctx.SampleRate/p.ctx.NoteHz(note) - 0.5
	n := int(math.Ceil(target))
	p.frac = float64(n) - target
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
	p.pos, p.last, p.before = 0, 0, 0
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
	quality := p.ctx.Quality()
	n := len(p.line)
	for i := range out {
		if p.released && p.damp > 0 { // a 50 ms mute after note off
			p.damp -= float32(20 / p.ctx.SampleRate)
			if p.damp < 0 {
				p.damp = 0
			}
		}
		var y float32
		switch quality {
		case dsp.QualityLow:
			if g < 0.5 {
				y = p.line[p.pos]
			} else {
				y = p.line[(p.pos+1)%n]
			}
		case dsp.QualityHigh:
			y = lagrange4(p.before, p.line[p.pos], p.line[(p.pos+1)%n], p.line[(p.pos+2)%n], g)
		default:
			cur, next := p.line[p.pos], p.line[(p.pos+1)%n]
			y = cur + (next-cur)*g // fractional delay for the period's remainder
		}
		v := 0.5 * (y + p.last) * p.feedback
		p.last = y
		p.before = p.line[p.pos]
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

// lagrange4 reads between b and c at fraction g from the four samples around it: flat
// to far higher frequencies than a straight line between b and c.
func lagrange4(a, b, c, d, g float32) float32 {
	ga, gb, gc, gd := g+1, g, g-1, g-2
	return -a*gb*gc*gd/6 + b*ga*gc*gd/2 - c*ga*gb*gd/2 + d*ga*gb*gc/6
}

func main() {}
