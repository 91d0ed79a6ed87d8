package sdk

import "govox.dev/govox/dsp"

// NewStandaloneContext makes a Context outside the engine, for a voice's own tests and
// benchmarks: parameters start at their defaults and can be changed with SetParam,
// controllers are at rest, and Quality is normal until SetQuality.
func NewStandaloneContext(inst Instrument, sampleRate float64) *Context {
	span := inst.BendRange
	if span == 0 {
		span = 2
	}
	return newContext(&inst, sampleRate, 0, &controllers{bendSpan: span})
}

// SetTuning gives a standalone Context the tuning NoteHz follows (nil: 12-TET, 440 Hz),
// as the host's GOVOX_A4, GOVOX_SCALE and GOVOX_KEYBOARD_MAP would.
func (c *Context) SetTuning(t *Tuning) { c.controllers.tuning = t }

// SetParam sets a standalone Context's parameter (clamped to its range), as the app's
// control would. Unknown names panic, as Param does. It calls no ParamChanged: a test of
// a ParamListener calls that itself, as the SDK would before the next chunk.
func (c *Context) SetParam(name string, value float32) {
	p := c.Param(name)
	p.set(value)
}

// SetQuality sets a standalone Context's quality, as the engine's hint would before a
// chunk (for tests of how a voice reacts to it).
func (c *Context) SetQuality(q dsp.Quality) { c.quality = q }

// RegisteredInstrument returns the instrument registered by this library (for tests and
// benchmarks of a voice package), and false if there is not exactly one.
func RegisteredInstrument() (Instrument, bool) {
	registryMu.Lock()
	defer registryMu.Unlock()
	if len(registered) != 1 {
		return Instrument{}, false
	}
	return registered[0], true
}
