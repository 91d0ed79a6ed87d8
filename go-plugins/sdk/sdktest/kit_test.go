package sdktest_test

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"govox.dev/govox/sdk"
	"govox.dev/govox/sdk/sdktest"
)

// sine is the smallest voice: a sine at the note, held until released.
type sine struct {
	ctx   *sdk.Context
	phase float64
	hz    float64
	on    bool
}

func (s *sine) NoteOn(note int, _ float32) { s.hz, s.on, s.phase = s.ctx.NoteHz(note), true, 0 }
func (s *sine) NoteOff()                   { s.on = false }
func (s *sine) Done() bool                 { return !s.on }
func (s *sine) Render(out []float32) {
	for i := range out {
		out[i] = float32(0.5 * math.Sin(2*math.Pi*s.phase))
		s.phase += s.hz / s.ctx.SampleRate
	}
}

func init() {
	sdk.Register(sdk.Instrument{Name: "sine", New: func(ctx *sdk.Context) sdk.Voice { return &sine{ctx: ctx} }})
}

// The kit plays notes on their times, measures them, and writes what it heard.
func TestKitPlaysAndMeasures(t *testing.T) {
	k := sdktest.New(t)
	k.NoteOn(0.1, 69, 1)
	k.NoteOff(0.5, 69)
	a := k.Play(1)
	if !a.Slice(0, 0.1).Silent() || a.Slice(0.1, 0.5).Silent() || !a.Slice(0.51, 1).Silent() {
		t.Error("the note is not between 0.1 and 0.5 s")
	}
	if hz := a.Slice(0.2, 0.5).Pitch(440); math.Abs(hz-440) > 0.01 {
		t.Errorf("A4 measured at %v Hz", hz)
	}
	if l := a.Slice(0.2, 0.5).LevelDB(); math.Abs(l-(-9.03)) > 0.05 {
		t.Errorf("a 0.5 sine measured at %.2f dB", l)
	}
	a.Slice(0.2, 0.5).InTune(t, 69, 0.1)
	path := filepath.Join(t.TempDir(), "a.wav")
	if err := a.WriteWAV(path); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Size() != 44+int64(len(a.Left))*8 {
		t.Errorf("the WAV is %v bytes (%v)", st, err)
	}
	later := k.Play(1.5) // the next Play continues where the last ended
	if later.Start != 1 || len(later.Left) != 24000 {
		t.Errorf("the second Play starts at %v s with %d frames", later.Start, len(later.Left))
	}
}

// InTune fails a test whose notes are out of tune: caught with a fake testing.TB.
func TestInTuneCatchesADetunedVoice(t *testing.T) {
	a := sdktest.New(t)
	a.NoteOn(0, 69, 1)
	heard := a.Play(0.5).Slice(0.1, 0.5)
	rec := &recorder{}
	heard.InTune(rec, 70, 3) // A4 measured against A#4: 100 cents out
	if !rec.failed {
		t.Error("InTune passed a note 100 cents out")
	}
}

type recorder struct{ failed bool }

func (r *recorder) Helper()                       {}
func (r *recorder) Errorf(string, ...interface{}) { r.failed = true }
