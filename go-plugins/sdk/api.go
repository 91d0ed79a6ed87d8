package sdk

import (
	"fmt"
	"strings"
	"sync"
)

// Priority says what the engine does when a voice's ring runs dry.
type Priority int

const (
	// PriorityLow voices are faded out and stopped on an underrun.
	PriorityLow Priority = 0
	// PriorityHigh voices play what they have, fade the gap and fade back in, while
	// their note is held (a released note is faded out and stopped like a low one).
	PriorityHigh Priority = 1
)

// Curve says how a parameter's control maps onto its range.
type Curve int

const (
	Linear      Curve = 0 // equal steps
	Exponential Curve = 1 // equal ratios: frequencies, times
	Decibel     Curve = 2 // equal decibels: gains
	Stepped     Curve = 3 // integers from Min to Max: switches and choices
)

// Param declares one parameter the app shows as a control.
type Param struct {
	Name    string // unique within the instrument, at most 31 bytes
	Min     float32
	Max     float32
	Default float32
	Unit    string // "Hz", "s", "dB", "%", "" ...; at most 15 bytes
	Curve   Curve
}

// Instrument describes a voice library: what to call it, its parameters, and how to
// make one voice. Register it from an init function in the voice's main package.
type Instrument struct {
	Name   string
	Params []Param
	// Polyphony is how many notes sound at once before the oldest is stolen (default 16).
	Polyphony int
	Priority  Priority // each note's priority as it starts; Context.SetPriority changes it
	// BendRange is how many semitones the pitch wheel bends each way (default 2, at most
	// 48); Context.NoteHz and PitchBend follow it.
	BendRange float64
	// ChunkFrames is the most a voice renders at once (default 2048). Right after a
	// note-on the first chunk is one engine block, so the note starts at once.
	ChunkFrames int
	// New makes one voice. It is called once per voice slot when the host starts (the
	// pool is pre-warmed), never while notes play.
	New func(ctx *Context) Voice
}

// Voice is one sounding note. The SDK calls its methods from one goroutine at a time.
// A voice also implements one of MonoRenderer, StereoRenderer or Processor. Any call
// into a voice (but New) that has not returned after 300 ms is taken for an endless
// loop: the host ends, with a message naming the slot and the method.
type Voice interface {
	NoteOn(note int, velocity float32)
	NoteOff()
	// Done reports that the voice has fallen silent after NoteOff (its release ended).
	Done() bool
}

// Ender is optional, for a note that can end while its key is still down: a one-shot (a
// drum hit, a sample played to its end, a string that has died away). After each chunk
// the SDK asks Ended; when it says true, the note ends there and its slot is free for
// the next, as after a release (the key's note-off, when it comes, finds nothing to do).
type Ender interface {
	Ended() bool
}

// Resetter is optional. Voices are pooled: New makes one per slot when the host starts,
// and that voice plays every note its slot gets, so a note could start where the last one
// ended (an envelope still at its sustain level after a steal, a filter still ringing).
// Before each note after a voice's first, the SDK puts the voice back as New made it:
// it calls Reset if the voice has it; else it restores a copy taken right after New (a
// voice of plain values is copied by the SDK; a Snapshotter saves it in its last slot). A
// voice with neither starts each note from where the last ended, and its NoteOn must
// reset what needs it. State meant to carry over from note to note (a round-robin
// counter, noise that must not repeat) belongs behind a pointer, which a copy shares.
type Resetter interface {
	Reset()
}

// MonoRenderer fills out with the voice's next samples; the SDK plays them on both
// channels. out belongs to the SDK; the voice may allocate freely in Render.
type MonoRenderer interface {
	Render(out []float32)
}

// StereoRenderer fills left and right with the voice's next frames.
type StereoRenderer interface {
	RenderStereo(left, right []float32)
}

// Resumer is optional. Hot reload moves notes that are held into the new build; it
// calls Resume(frames) right after NoteOn with how long the note has sounded, so the
// voice can jump past its attack. Without it the SDK renders that much (at most 3 s)
// silently instead, which does the same for any voice that depends only on time.
type Resumer interface {
	Resume(frames int)
}

// ParamListener is optional: a voice that must recompute something when a parameter
// moves (a wavetable, a filter design) gets ParamChanged, on its own goroutine, before
// the chunk that first uses the new value.
//
// It is called once for each parameter whose target differs from the one this voice's
// Context held before (read per chunk, and at note start, so also before NoteOn for a
// change made while the voice was silent), and never when nothing moved. p.Value() is the
// new target; p.Name() says which parameter it is.
type ParamListener interface {
	ParamChanged(p *ParamValue)
}

// Processor is the original design's style: return a fresh slice of `samples` mono
// samples each call. Allocating a slice per chunk is fine.
type Processor interface {
	Process(samples int) []float32
}

var (
	registryMu sync.Mutex
	registered []Instrument
)

// Register makes inst the instrument this library plays. Call it exactly once, from init.
func Register(inst Instrument) {
	registryMu.Lock()
	defer registryMu.Unlock()
	registered = append(registered, inst)
}

// checkInstrument fills defaults and reports what is wrong with inst, naming it.
func checkInstrument(inst *Instrument, voices int) error {
	if inst.New == nil {
		return fmt.Errorf("instrument %q has no New function", inst.Name)
	}
	if inst.Polyphony <= 0 {
		inst.Polyphony = 16
	}
	if inst.Polyphony > voices {
		inst.Polyphony = voices
	}
	if inst.ChunkFrames <= 0 {
		inst.ChunkFrames = 2048
	}
	if inst.BendRange == 0 {
		inst.BendRange = 2
	}
	if !(inst.BendRange > 0 && inst.BendRange <= 48) {
		return fmt.Errorf("instrument %q: BendRange %g semitones: it must be above 0 and at most 48",
			inst.Name, inst.BendRange)
	}
	if len(inst.Params) > maxParams {
		return fmt.Errorf("instrument %q declares %d parameters, at most %d are supported",
			inst.Name, len(inst.Params), maxParams)
	}
	seen := map[string]bool{}
	for i, p := range inst.Params {
		switch {
		case p.Name == "" || len(p.Name) >= nameLen:
			return fmt.Errorf("parameter %d of %q: the name must be 1 to %d bytes", i, inst.Name, nameLen-1)
		case seen[strings.ToLower(p.Name)]:
			return fmt.Errorf("parameter %q of %q is declared twice", p.Name, inst.Name)
		case len(p.Unit) >= unitLen:
			return fmt.Errorf("parameter %q: the unit %q is longer than %d bytes", p.Name, p.Unit, unitLen-1)
		case !(p.Min < p.Max) || p.Default < p.Min || p.Default > p.Max:
			return fmt.Errorf("parameter %q: needs Min < Max and Default within them (got %g, %g, %g)",
				p.Name, p.Min, p.Max, p.Default)
		case p.Curve == Exponential && p.Min <= 0:
			return fmt.Errorf("parameter %q: an exponential curve needs Min > 0", p.Name)
		}
		seen[strings.ToLower(p.Name)] = true
	}
	return nil
}
