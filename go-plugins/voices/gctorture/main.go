// GC torture: a pleasant vibrato sine that allocates on purpose, heavily, every chunk -
// a fresh output slice (the original design's Process style), maps, strings and a
// pile of short-lived garbage - so that Govox's GC tolerance can be measured: its rings
// must ride out the collector's pauses. The quality the engine asks for sets how often
// the vibrato retunes the oscillator (every 64, 16 or 4 frames, the vibrato at 5.5 Hz
// whatever the step); the garbage stays, it is what the voice is for.
package main

import (
	"math"
	"strconv"

	"govox.dev/govox/dsp"
	"govox.dev/govox/sdk"
)

func init() {
	sdk.Register(sdk.Instrument{
		Name: "gctorture",
		Params: []sdk.Param{
			// KiB of garbage per 2048 frames (the SDK's default chunk), made in proportion
			// to what each call renders, so the load is the same whatever the ring depth
			// and the chunk sizes it leads to: 1 MiB per chunk is 24 MiB/s per voice.
			{Name: "Garbage", Min: 0, Max: 4096, Default: 1024, Unit: "KiB"},
			{Name: "Vibrato", Min: 0, Max: 1, Default: 0.3},
			{Name: "Volume", Min: -40, Max: 0, Default: -14, Unit: "dB", Curve: sdk.Decibel},
		},
		Polyphony: 32,
		Priority:  sdk.PriorityHigh,
		New:       newTorture,
	})
}

type torture struct {
	ctx                      *sdk.Context
	osc                      dsp.Sine
	lfo                      dsp.LFO
	env                      dsp.ADSR
	gain                     dsp.Ramp // the volume, ramped between retune points
	note                     int
	garbage, vibrato, volume *sdk.ParamValue
	kept                     map[string][]byte // survives a chunk, so the GC has to trace it
	chunks                   int
	owedBytes                float64 // garbage due but not yet made (it is made 16 KiB at a time)
	saved                    []torture
}

// SaveState and RestoreState let the SDK apply a change at its frame after the voice has
// rendered past it (sdk.Snapshotter). Everything that makes the sound is plain values; the
// garbage map is not part of the sound, so it is kept as it is.
func (t *torture) SaveState(slot int) {
	t.saved[slot] = *t
	t.saved[slot].saved, t.saved[slot].kept = nil, nil
}

func (t *torture) RestoreState(slot int) {
	kept, saved := t.kept, t.saved
	*t = saved[slot]
	t.kept, t.saved = kept, saved
}

func newTorture(ctx *sdk.Context) sdk.Voice {
	t := &torture{
		ctx:     ctx,
		garbage: ctx.Param("Garbage"),
		vibrato: ctx.Param("Vibrato"),
		volume:  ctx.Param("Volume"),
		env:     dsp.ADSR{Attack: 0.02, Decay: 0.1, Sustain: 0.8, Release: 0.3, SampleRate: ctx.SampleRate},
		saved:   make([]torture, ctx.SnapshotSlots()),
	}
	t.lfo.SetRate(5.5, ctx.SampleRate)
	return t
}

func (t *torture) NoteOn(note int, velocity float32) {
	t.note = note
	t.kept = map[string][]byte{}
	t.env.Gate(true)
	t.gain.Snap(float32(dsp.DBToGain(float64(t.volume.Smoothed()))))
}

func (t *torture) NoteOff()   { t.env.Gate(false) }
func (t *torture) Done() bool { return !t.env.Active() }

// Process returns a new slice every chunk and litters the heap while it is at it. The
// vibrato, its depth and the volume are read at each retune point; the LFO and the
// parameters' glides are advanced by the samples in between, so they keep their time
// whatever the step, and the volume is ramped sample by sample.
func (t *torture) Process(samples int) []float32 {
	t.makeGarbage(samples)
	out := make([]float32, samples)
	base := t.ctx.NoteHz(t.note)
	step := 16
	switch t.ctx.Quality() {
	case dsp.QualityLow:
		step = 64
	case dsp.QualityHigh:
		step = 4
	}
	for i := range out {
		if i%step == 0 {
			k := step
			if left := samples - i; left < k {
				k = left
			}
			depth := float64(t.vibrato.Next()) * 0.5 // semitones
			t.osc.SetFrequency(base*math.Pow(2, depth*float64(t.lfo.Next())/12), t.ctx.SampleRate)
			// Over a whole step even if the chunk ends sooner: a frame does not depend on
			// where its chunk ends.
			t.gain.SetTarget(float32(dsp.DBToGain(float64(t.volume.Next()))), step)
			t.lfo.Advance(k - 1)
			t.vibrato.Advance(k - 1)
			t.volume.Advance(k - 1)
		}
		out[i] = t.osc.Next() * t.env.Next() * t.gain.Next()
	}
	return out
}

func (t *torture) makeGarbage(samples int) {
	const piece = 16 << 10
	t.chunks++
	t.owedBytes += float64(t.garbage.Value()) * 1024 * float64(samples) / 2048
	junk := make([][]byte, 0, 64)
	for ; t.owedBytes >= piece; t.owedBytes -= piece {
		junk = append(junk, make([]byte, piece))
	}
	key := strconv.Itoa(t.chunks % 64)
	if len(junk) > 0 {
		t.kept[key] = junk[len(junk)-1] // some of it lives on for a while
	}
	_ = junk
}

func main() {}
