package main

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
	"govox.dev/govox/internal/audiotest"
	"govox.dev/govox/sdk"
	"govox.dev/govox/sdk/sdktest"
)

func tortureAt(t *testing.T, q dsp.Quality) []float32 {
	return tortureNote(t, 69, 1, 0.2, q)
}

// tortureNote renders `seconds` of a note with the given vibrato depth, garbage off.
func tortureNote(t *testing.T, note int, vibrato float32, seconds float64, q dsp.Quality) []float32 {
	inst, ok := sdk.RegisteredInstrument()
	if !ok {
		t.Fatal("gctorture did not register exactly one instrument")
	}
	ctx := sdk.NewStandaloneContext(inst, 48000)
	ctx.SetParam("Garbage", 0) // the sound only
	ctx.SetParam("Vibrato", vibrato)
	ctx.Param("Vibrato").Advance(1 << 20)
	ctx.SetQuality(q)
	v := inst.New(ctx)
	p := v.(sdk.Processor)
	v.NoteOn(note, 1)
	var out []float32
	for len(out) < int(seconds*48000) {
		out = append(out, p.Process(479)...) // an odd chunk: retune points move across chunks
	}
	return out
}

// The vibrato runs at its 5.5 Hz at every quality (it ran at 5.5/16 = 0.34 Hz when the
// LFO moved one sample per retune): the period of each cycle of the tone, taken from its
// rising zero crossings, swings above and below its mean 11 times a second.
func TestTortureVibratoAtItsRate(t *testing.T) {
	for _, q := range []dsp.Quality{dsp.QualityLow, dsp.QualityNormal, dsp.QualityHigh} {
		x := tortureNote(t, 69, 1, 2.2, q)[4800:] // past the attack: 2 s
		var crossings []float64
		for i := 1; i < len(x); i++ {
			if x[i-1] < 0 && x[i] >= 0 {
				crossings = append(crossings, float64(i-1)+float64(x[i-1]/(x[i-1]-x[i])))
			}
		}
		periods := make([]float64, len(crossings)-1)
		var mean float64
		for i := range periods {
			periods[i] = crossings[i+1] - crossings[i]
			mean += periods[i] / float64(len(periods))
		}
		swings := 0
		for i := 1; i < len(periods); i++ {
			if (periods[i-1] < mean) != (periods[i] < mean) {
				swings++
			}
		}
		rate := float64(swings) / 2 / (float64(len(x)) / 48000)
		t.Logf("%v: vibrato at %.2f Hz", q, rate)
		if math.Abs(rate-5.5) > 0.3 {
			t.Errorf("%v: the vibrato runs at %.2f Hz, not 5.5", q, rate)
		}
	}
}

// Without vibrato, every third note from A0 to C8 within 3 cents at every quality.
func TestTortureIsInTuneAcrossTheKeyboard(t *testing.T) {
	for _, q := range []dsp.Quality{dsp.QualityLow, dsp.QualityNormal, dsp.QualityHigh} {
		for note := 21; note <= 108; note += 3 {
			hz := 440 * math.Pow(2, float64(note-69)/12)
			x := tortureNote(t, note, 0, 0.5, q)[4800:]
			if c := 1200 * math.Log2(audiotest.Pitch(x, hz, 48000)/hz); math.Abs(c) > 3 {
				t.Errorf("%v: note %d is %+.2f cents out", q, note, c)
			}
		}
	}
}

// The vibrato retunes the oscillator in steps: the coarser the steps, the further the
// waveform strays from the one retuned most often.
func TestTortureReactsToQuality(t *testing.T) {
	low, normal, high := tortureAt(t, dsp.QualityLow), tortureAt(t, dsp.QualityNormal), tortureAt(t, dsp.QualityHigh)
	distance := func(a, b []float32) (d float64) {
		for i := range a {
			x := float64(a[i] - b[i])
			d += x * x
		}
		return d
	}
	dl, dn := distance(low, high), distance(normal, high)
	t.Logf("distance from high: low %.4g, normal %.4g", dl, dn)
	if dn == 0 || dl <= dn {
		t.Errorf("each quality should retune differently, low furthest: low %.4g, normal %.4g", dl, dn)
	}
}

// Rollback (a change for a frame already rendered renders the note again from a saved
// state) must give exactly what rendering once with the change known gives.
func TestRollbackRendersExactlyWhatRenderingOnceDoes(t *testing.T) { sdktest.Rollback(t) }

// A note on a pooled voice whose last note was stolen sounds exactly like the same note on
// a new voice: no attack skipped, nothing left ringing.
func TestEveryNoteStartsClean(t *testing.T) { sdktest.FreshNotes(t) }

// Through the SDK's host, as the app plays it (the test kit), garbage and all.
func TestTortureIsInTuneThroughTheHost(t *testing.T) {
	sdktest.InTune(t, sdktest.Notes(21, 108, 7), 3, map[string]float32{"Vibrato": 0})
}
