// Package sdk turns a Go program into a Govox voice: a synthesizer voice that Govox builds
// with `go build -buildmode=c-shared`, runs in a voice host process of its own, and swaps
// in without a dropout each time its source is saved.
//
// # A voice in four parts
//
// A voice is a main package that registers one Instrument from an init function and has
// an empty main:
//
//   - Instrument names the voice, declares its parameters (Param: the knobs the app shows,
//     with ranges, units and curves), its polyphony, and New, which makes one Voice.
//   - A Voice is one sounding note: NoteOn, NoteOff, Done, and one of Render (mono),
//     RenderStereo or Process (the original design's allocate-as-you-like style).
//   - Context is the voice's view of the world: SampleRate, Param (a ParamValue that
//     glides 10 ms to each new value: Next, Fill, Advance), NoteHz (the user's tuning and
//     the pitch wheel), ModWheel, Quality (what the machine can afford now), SetPriority.
//   - Optional interfaces add abilities: Resumer (hot reload past the attack),
//     ParamListener (recompute on a parameter change), Snapshotter (rollback for voices
//     the SDK cannot copy), Resetter (start each note clean), Ender (end with the key
//     down: one-shots).
//
// # What the SDK promises
//
//   - Everything lands on its frame. A note-off, bend, controller or parameter change
//     that falls inside a chunk splits it there; live, a change for frames already
//     rendered ahead is applied by rendering them again (rollback), so controls are heard
//     one buffer after they move whatever the ring depth. A frame must not depend on where
//     its chunk ends.
//   - Voices are pooled and reused, but every note starts clean (Resetter).
//   - One goroutine at a time calls a voice; voices may allocate, use maps and start
//     goroutines: the rings Govox keeps ride out the collector.
//   - A call that has not returned after 300 ms, a panic or NaN output ends the host with
//     a report naming the voice, the slot and the call; the app plays on.
//
// # Testing a voice
//
// Package sdktest plays the instrument through this package's own host (Session) and
// measures the result: pitch across the keyboard, level, clicks, silence after release,
// clean notes after a steal, rollback that renders exactly what rendering once does. See
// the example voices in go-plugins/voices and their tests.
package sdk
