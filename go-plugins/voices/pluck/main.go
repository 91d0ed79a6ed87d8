// Pluck: a plucked string (Karplus-Strong). A burst of filtered noise excites a delay
// line, and the loop's averaging filter makes high partials die first. Each note
// allocates its own delay line: voices may allocate freely.
//
// In tune across the keyboard: the loop's delay must be the period, P = rate / f0, which
// is rarely a whole number of samples. The line gives the whole part, the averaging
// filter half a sample, and an allpass filter the fraction, with its coefficient chosen
// so that its delay is exact at the fundamental (an allpass passes every partial at full
// level, so the damping does not depend on the fraction the way an interpolated read
// does). The fundamental decays 60 dB in Decay seconds at every note: the averaging
// filter's own loss at f0, large for high notes, is made up in the loop gain.
//
// The quality the engine asks for, read at each note-on, picks the allpass: LOW and
// NORMAL a first-order one (the fundamental exact, the upper partials of high notes
// slightly stretched), HIGH a third-order Thiran allpass also tuned exactly at the
// fundamental, whose delay stays flat far higher, so the partials of high notes stay
// harmonic (three times the filtering per sample).
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
	tune       dsp.AllpassDelay // the loop's fractional delay
	last       float32          // the loop filter's previous input
	stretch    float32          // the loop filter's S: 1/2 averages, less damps less
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
	hz := p.ctx.NoteHz(note)
	w0 := 2 * math.Pi * hz / p.ctx.SampleRate
	p.setLoopFilter(w0, float64(p.decay.Value())*hz)
	// The loop: line (n samples) + allpass (the fraction, within half a sample of its
	// order) + the loop filter (its delay at f0, half a sample or less) = one period.
	order := 1
	if p.ctx.Quality() == dsp.QualityHigh {
		order = 3
	}
	rest := p.ctx.SampleRate/hz - p.filterDelay(w0)
	n := int(math.Floor(rest - float64(order) + 0.5))
	if n < 1 {
		n = 1
	}
	p.tune.SetDelay(order, rest-float64(n), hz, p.ctx.SampleRate)
	p.line = make([]float32, n) // a fresh string per note
	p.excite(velocity)
	p.pos, p.last = 0, 0
	p.damp, p.released, p.silentRun = 1, false, 0
	p.level = float32(dsp.DBToGain(float64(p.volume.Value())))
}

// setLoopFilter picks the loop filter, (1-S) y + S y[-1], and the loop gain so that the
// fundamental falls 60 dB in `loops` passes. S = 1/2 (the averaging filter) where a loop
// gain below 1 can make up the filter's loss at f0; for high notes, whose many loops a
// second would lose too much to it, a smaller S that loses only what the decay allows.
// Below 1 at DC either way: the loop stays stable.
func (p *pluck) setLoopFilter(w0, loops float64) {
	const most = 0.9999
	want := math.Pow(0.001, 1/loops) // per loop, at f0
	p.stretch = 0.5
	if fb := want / math.Cos(w0/2); fb <= most {
		p.feedback = float32(fb)
		return
	}
	p.feedback = most
	// |H(w0)|^2 = 1 - 2 S (1-S) (1 - cos w0) = (want/most)^2, solved for S < 1/2.
	g := math.Min(want/most, 1)
	sq := (1 - g*g) / (2 * (1 - math.Cos(w0)))
	p.stretch = float32(0.5 * (1 - math.Sqrt(math.Max(0, 1-4*sq))))
}

// filterDelay is the loop filter's phase delay at w0 in samples (1/2 for the average).
func (p *pluck) filterDelay(w0 float64) float64 {
	s := float64(p.stretch)
	return math.Atan2(s*math.Sin(w0), 1-s+s*math.Cos(w0)) / w0
}

// excite fills the line with the pluck: noise, lowpassed more for soft notes and a dull
// brightness, without DC (a constant would circle the loop long after the tone).
func (p *pluck) excite(velocity float32) {
	smooth := float32(1 - 0.85*float64(p.brightness.Value())*float64(0.5+0.5*velocity))
	var s, mean float32
	for i := range p.line {
		s += (p.noise.Next() - s) * (1 - smooth*0.9)
		p.line[i] = s
		mean += s / float32(len(p.line))
	}
	var peak float32
	for i := range p.line {
		p.line[i] -= mean
		if a := float32(math.Abs(float64(p.line[i]))); a > peak {
			peak = a
		}
	}
	for i := range p.line { // the filtered burst at full scale, then by velocity
		p.line[i] *= velocity / (peak + 1e-9)
	}
}

func (p *pluck) NoteOff() { p.released = true }

func (p *pluck) Done() bool { return p.released && p.Ended() }

// Ended says the string has died away (a whole loop below -100 dB): the note ends even
// with its key still down, and its slot is free for the next (sdk.Ender).
func (p *pluck) Ended() bool { return p.silentRun > len(p.line)+8 }

func (p *pluck) Render(out []float32) {
	if len(p.line) == 0 {
		for i := range out {
			out[i] = 0
		}
		return
	}
	for i := range out {
		if p.released && p.damp > 0 { // a 50 ms mute after note off
			p.damp -= float32(20 / p.ctx.SampleRate)
			if p.damp < 0 {
				p.damp = 0
			}
		}
		y := p.tune.Next(p.line[p.pos])
		p.line[p.pos] = ((1-p.stretch)*y + p.stretch*p.last) * p.feedback
		p.last = y
		if p.pos++; p.pos == len(p.line) {
			p.pos = 0
		}
		out[i] = y * p.level * p.damp
		if math.Abs(float64(out[i])) < 1e-5 {
			p.silentRun++
		} else {
			p.silentRun = 0
		}
	}
}

func main() {}
