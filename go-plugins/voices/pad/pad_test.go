package main

import (
	"math"
	"testing"
	"time"

	"govox.dev/govox/dsp"
	"govox.dev/govox/internal/audiotest"
	"govox.dev/govox/sdk"
	"govox.dev/govox/sdk/sdktest"
)

func newTestPad(t testing.TB) sdk.Voice {
	inst, ok := sdk.RegisteredInstrument()
	if !ok {
		t.Fatal("the pad did not register exactly one instrument")
	}
	return inst.New(sdk.NewStandaloneContext(inst, 48000))
}

func TestPadSoundsAndReleasesToSilence(t *testing.T) {
	v := newTestPad(t)
	r := v.(sdk.StereoRenderer)
	left, right := make([]float32, 479), make([]float32, 479) // an odd chunk size
	v.NoteOn(57, 0.8)
	var energy float64
	for i := 0; i < 100; i++ {
		r.RenderStereo(left, right)
		for _, x := range left {
			energy += float64(x) * float64(x)
		}
	}
	if energy == 0 {
		t.Fatal("the pad is silent")
	}
	v.NoteOff()
	for i := 0; i < 1000 && !v.Done(); i++ {
		r.RenderStereo(left, right)
	}
	if !v.Done() {
		t.Fatal("the pad never finished its release")
	}
	for _, x := range left {
		if math.Abs(float64(x)) > 1e-3 {
			t.Fatalf("still sounding (%v) after Done", x)
		}
	}
}

// padNote renders a note for `seconds` with the given parameters set before it starts,
// at quality q, in chunks of 480 frames, and returns the left channel; change, if not nil,
// is called before the chunk that starts at frame `at`.
func padNote(t testing.TB, note int, seconds float64, q dsp.Quality, params map[string]float32,
	at int, change func(*sdk.Context)) []float32 {
	inst, ok := sdk.RegisteredInstrument()
	if !ok {
		t.Fatal("the pad did not register exactly one instrument")
	}
	ctx := sdk.NewStandaloneContext(inst, 48000)
	for name, v := range params {
		ctx.SetParam(name, v)
		ctx.Param(name).Advance(1 << 20) // settled before the note
	}
	ctx.SetQuality(q)
	v := inst.New(ctx)
	r := v.(sdk.StereoRenderer)
	v.NoteOn(note, 0.8)
	left := make([]float32, int(seconds*48000))
	right := make([]float32, len(left))
	for i := 0; i < len(left); i += 480 {
		if i == at && change != nil {
			change(ctx)
		}
		end := i + 480
		if end > len(left) {
			end = len(left)
		}
		r.RenderStereo(left[i:end], right[i:end])
	}
	return left
}

// With Detune at zero both oscillators play the note: every third note from A0 to C8
// within 3 cents, played through the SDK's host by the test kit (quality high, as
// offline), and at low quality too.
func TestPadIsInTuneAcrossTheKeyboard(t *testing.T) {
	sdktest.InTune(t, sdktest.Notes(21, 108, 3), 3, map[string]float32{"Detune": 0})
	for _, note := range []int{21, 60, 108} {
		x := padNote(t, note, 1, dsp.QualityLow, map[string]float32{"Detune": 0}, 0, nil)[24000:]
		hz := sdktest.NoteHz(note)
		if c := 1200 * math.Log2(audiotest.Pitch(x, hz, 48000)/hz); math.Abs(c) > 3 {
			t.Errorf("low quality: note %d is %+.2f cents out", note, c)
		}
	}
}

// Seventeen notes through the kit (the pad's polyphony is 16): the seventeenth steals the
// oldest and is heard, the chord plays on through the steal, and the release of every
// key ends in silence.
func TestPadStealsAndReleases(t *testing.T) {
	k := sdktest.New(t)
	for i := 0; i < 16; i++ {
		k.NoteOn(0.04*float64(i), 40+i, 0.8)
	}
	k.NoteOn(1.5, 81, 0.8) // A5, above the chord
	held := k.Play(2.5)
	if l := held.Slice(1.5, 1.6).LevelDB(); l < held.Slice(1.3, 1.5).LevelDB()-3 {
		t.Errorf("the chord dropped to %.1f dB at the steal", l)
	}
	if a := audiotest.ToneAmplitude(held.Slice(2.0, 2.5).Mono(), sdktest.NoteHz(81), 48000); a < 0.01 {
		t.Errorf("the seventeenth note is not heard: %.4f at its frequency", a)
	}
	for i := 0; i < 16; i++ {
		k.NoteOff(2.5, 40+i)
	}
	k.NoteOff(2.5, 81)
	tail := k.Play(5.5)
	if !tail.Slice(5, 5.5).Silent() {
		t.Errorf("the pad still sounds 2.5 s after every key went up (Release 1.2 s): peak %.2g", tail.Slice(5, 5.5).Peak())
	}
}

// A knob turned all the way at once makes no click or zipper: in the 30 ms after the
// jump, no sample-to-sample step is larger than the largest step of the steady sound at
// the new setting (which for these three is the loudest or brightest of the two).
func TestPadParameterJumpsAreSmooth(t *testing.T) {
	for _, c := range []struct {
		name     string
		from, to float32
	}{
		{"Volume", -40, 0},
		{"Resonance", 0, 0.95},
		{"Cutoff", 200, 12000},
	} {
		const at = 24000 + 480*10 // past the attack, at a chunk's start
		x := padNote(t, 45, 1.5, dsp.QualityNormal, map[string]float32{c.name: c.from}, at,
			func(ctx *sdk.Context) { ctx.SetParam(c.name, c.to) })
		jump, _ := audiotest.MaxStep(x[at-1 : at+1440])
		steady, _ := audiotest.MaxStep(x[at+24000:])
		t.Logf("%s %g to %g: largest step %.4f after the jump, %.4f steady", c.name, c.from, c.to, jump, steady)
		if jump > 1.1*steady {
			t.Errorf("%s %g to %g clicks: a step of %.4f after the jump against %.4f steady",
				c.name, c.from, c.to, jump, steady)
		}
	}
}

// The cutoff's 10 ms glide keeps its time (the trap: a glide read every 32 samples but
// stepped once, lasting 0.32 s): 50 ms after a jump the sound is as bright as it will be.
func TestPadCutoffGlideKeepsItsTime(t *testing.T) {
	const at = 24000 + 480*10
	x := padNote(t, 45, 1.5, dsp.QualityNormal, map[string]float32{"Cutoff": 200}, at,
		func(ctx *sdk.Context) { ctx.SetParam("Cutoff", 6000) })
	brightness := func(y []float32) float64 { s, _ := audiotest.MaxStep(y); return s / audiotest.Peak(y) }
	after, later := brightness(x[at+2400:at+4800]), brightness(x[at+24000:at+26400])
	if after < 0.8*later {
		t.Errorf("50 ms after the cutoff jumped the sound is at %.3f of its brightness %.3f", after, later)
	}
}

// BenchmarkPadRender is the Go side of the Go-versus-C++ comparison in
// tests/bench/pad_speed: one voice, 2048-frame chunks, reported per frame.
func BenchmarkPadRender(b *testing.B) {
	v := newTestPad(b)
	r := v.(sdk.StereoRenderer)
	left, right := make([]float32, 2048), make([]float32, 2048)
	v.NoteOn(57, 0.8)
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		r.RenderStereo(left, right)
	}
	b.ReportMetric(float64(time.Since(start).Nanoseconds())/float64(b.N*2048), "ns/frame")
}

// Rollback (a change for a frame already rendered renders the note again from a saved
// state) must give exactly what rendering once with the change known gives.
func TestRollbackRendersExactlyWhatRenderingOnceDoes(t *testing.T) { sdktest.Rollback(t) }

// A note on a pooled voice whose last note was stolen sounds exactly like the same note on
// a new voice: no attack skipped, nothing left ringing.
func TestEveryNoteStartsClean(t *testing.T) { sdktest.FreshNotes(t) }
