package sdk

import (
	"fmt"
	"math"
	"strings"
	"sync/atomic"

	"govox.dev/govox/dsp"
)

// Context is what a voice may ask of its surroundings: the sample rate, its parameters,
// the controllers, and how much CPU it should spend. Each voice gets its own; use it
// from the voice's methods.
type Context struct {
	SampleRate float64
	// Slot is the voice slot this voice renders into, for voices that want variety.
	Slot int

	params      []ParamValue
	byName      map[string]int
	controllers *controllers
	priority    *uint32 // the slot's priority word; nil outside a voice host
	fill        float32
	quality     dsp.Quality
	// saved states a Snapshotter keeps (0 offline, where nothing is rolled back)
	snapshotSlots int
}

// ParamValue is one parameter as a voice sees it. The SDK updates its target at every
// chunk from the values the app sets; Next smooths towards it sample by sample.
type ParamValue struct {
	decl    Param
	target  float32
	current float32
	coeff   float32 // one-pole smoothing per sample
}

// Name is the parameter's name as the instrument declares it.
func (p *ParamValue) Name() string { return p.decl.Name }

// Value is the parameter's latest value, unsmoothed.
func (p *ParamValue) Value() float32 { return p.target }

// Next steps the smoother one sample and returns the smoothed value: use it per sample
// for anything audible (cutoff, gain) to avoid zipper noise.
func (p *ParamValue) Next() float32 {
	p.current += (p.target - p.current) * p.coeff
	return p.current
}

// Fill writes the smoothed values of the next len(dst) samples into dst, exactly as
// len(dst) calls of Next would: a chunk's worth of a parameter in one call. A change
// scheduled inside a chunk splits the chunk at its frame, so dst never straddles one.
func (p *ParamValue) Fill(dst []float32) {
	c, t, k := p.current, p.target, p.coeff
	for i := range dst {
		c += (t - c) * k
		dst[i] = c
	}
	p.current = c
}

// Advance steps the smoother n samples at once, as n calls of Next would (to rounding):
// for a voice that reads the parameter every n samples (a control rate) - call Next and
// then Advance(n-1), or the 10 ms glide lasts n times longer.
func (p *ParamValue) Advance(n int) {
	if n <= 0 || p.current == p.target {
		return
	}
	p.current = p.target + (p.current-p.target)*float32(math.Pow(float64(1-p.coeff), float64(n)))
}

// Smoothed is the value the last Next, Fill or Advance reached.
func (p *ParamValue) Smoothed() float32 { return p.current }

func (p *ParamValue) set(v float32) {
	if v != v || v < p.decl.Min || v > p.decl.Max { // NaN or out of range from the engine
		if v != v {
			v = p.decl.Default
		} else if v < p.decl.Min {
			v = p.decl.Min
		} else {
			v = p.decl.Max
		}
	}
	p.target = v
}

func (p *ParamValue) snap() { p.current = p.target }

// Param returns the named parameter (case-insensitive). Asking for one the instrument
// does not declare is a bug in the voice: it panics with the name, when the voice is
// made at start, so the app shows the message.
func (c *Context) Param(name string) *ParamValue {
	i, ok := c.byName[strings.ToLower(name)]
	if !ok {
		panic(fmt.Sprintf("govox: the voice asked for parameter %q, which the instrument does not declare", name))
	}
	return &c.params[i]
}

// PitchBend is the pitch wheel's offset in semitones (±Instrument.BendRange at its ends).
func (c *Context) PitchBend() float64 { return c.controllers.bendSemitones() }

// ModWheel is the modulation wheel, 0..1.
func (c *Context) ModWheel() float32 { return c.controllers.modWheel() }

// NoteHz is a MIDI note's frequency in the user's tuning (12-TET at A4 = 440 Hz unless
// they chose another reference or a Scala scale: Tuning) with the pitch wheel applied.
func (c *Context) NoteHz(note int) float64 {
	hz, _ := c.controllers.tuning.Hz(note)
	if b := c.PitchBend(); b != 0 {
		hz *= math.Pow(2, b/12)
	}
	return hz
}

// PitchBendRange is the pitch wheel's span in semitones each way (Instrument.BendRange).
func (c *Context) PitchBendRange() float64 { return c.controllers.bendSpan }

// SetPriority sets what the engine does with this note if its ring runs dry, from now
// until the note ends (each note starts at the instrument's Priority): a lead line or a
// loud note may ask for PriorityHigh, a quiet pad layer for PriorityLow. A released note
// is let go either way, so the notes still held keep their slots.
func (c *Context) SetPriority(p Priority) {
	if c.priority != nil {
		atomic.StoreUint32(c.priority, uint32(p))
	}
}

// Fill is the voice's ring fill as a fraction of the target the engine asked for: below
// 0.25 the voice is falling behind and should spend less.
func (c *Context) Fill() float32 { return c.fill }

// Quality is what the voice may spend now: the engine's hint, lowered while the voice's
// ring is low (the dynamic quality adjustment). Offline it is the render's choice:
// High unless `govox render --quality` says otherwise.
func (c *Context) Quality() dsp.Quality { return c.quality }

func newContext(inst *Instrument, sampleRate float64, slot int, ctl *controllers) *Context {
	c := &Context{
		SampleRate:  sampleRate,
		Slot:        slot,
		params:      make([]ParamValue, len(inst.Params)),
		byName:      make(map[string]int, len(inst.Params)),
		controllers: ctl,
		fill:        1,
	}
	coeff := float32(1 - math.Exp(-1/(0.01*sampleRate))) // 10 ms time constant
	for i, p := range inst.Params {
		c.params[i] = ParamValue{decl: p, target: p.Default, current: p.Default, coeff: coeff}
		c.byName[strings.ToLower(p.Name)] = i
	}
	return c
}

// controllers is the MIDI controller state a voice reads. Each runner has its own copy,
// changed on the runner's goroutine at the frame each change takes effect (timeline.go),
// so a voice hears a bend or the mod wheel at its frame, not when the host got it.
type controllers struct {
	bend     int32   // -8192..8191
	mod      float32 // 0..1
	bendSpan float64 // semitones at full deflection
	tuning   *Tuning // shared by every runner, read-only; nil: 12-TET at 440 Hz
}

func (c *controllers) bendSemitones() float64 {
	return float64(c.bend) / 8192 * c.bendSpan
}

func (c *controllers) modWheel() float32 { return c.mod }
