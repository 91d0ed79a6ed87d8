package sdktest

import (
	"fmt"
	"math"
	"testing"

	"govox.dev/govox/sdk"
)

// Kit plays the instrument this package registers as the app would - through the SDK's
// own host (sdk.Session): notes, pitch bend, controllers, the sustain pedal and parameter
// changes on their frames, voices pooled and stolen - and hands back what it sounded like
// as Audio to measure. Times are in seconds from the start.
//
//	k := sdktest.New(t)
//	k.NoteOn(0, 57, 0.8)
//	k.NoteOff(1, 57)
//	a := k.Play(2)
//	a.Slice(0.5, 0.9).InTune(t, 57, 3)
//
// A Kit belongs to one test goroutine; it ends with the test.
type Kit struct {
	t testing.TB
	s *sdk.Session
}

// KitRate is the sample rate a Kit plays at.
const KitRate = 48000

// New starts a Kit on the registered instrument, with 32 voices at 48 kHz.
func New(t testing.TB) *Kit {
	t.Helper()
	inst, ok := sdk.RegisteredInstrument()
	if !ok {
		t.Fatal("the voice did not register exactly one instrument")
	}
	s, err := sdk.NewSession(inst, KitRate, 32)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return &Kit{t: t, s: s}
}

func frame(at float64) uint64 {
	if at < 0 {
		return 0
	}
	return uint64(math.Round(at * KitRate))
}

func midi7(v float32) uint8 {
	x := math.Round(float64(v) * 127)
	if x < 0 {
		return 0
	}
	if x > 127 {
		return 127
	}
	return uint8(x)
}

// NoteOn strikes note at `at` seconds with velocity 0..1 (on MIDI channel 1).
func (k *Kit) NoteOn(at float64, note int, velocity float32) {
	v := midi7(velocity)
	if v == 0 {
		v = 1
	}
	k.s.NoteOn(frame(at), 0, uint8(note), v)
}

// NoteOff releases note at `at` seconds.
func (k *Kit) NoteOff(at float64, note int) { k.s.NoteOff(frame(at), 0, uint8(note)) }

// Bend moves the pitch wheel at `at` seconds to wheel, -1..1 (the instrument's BendRange
// at either end).
func (k *Kit) Bend(at float64, wheel float64) {
	v := int(math.Round(wheel * 8192))
	if v > 8191 {
		v = 8191
	} else if v < -8192 {
		v = -8192
	}
	k.s.PitchBend(frame(at), 0, v)
}

// CC sends MIDI controller cc at value 0..1 at `at` seconds (1 is the mod wheel).
func (k *Kit) CC(at float64, cc int, value float32) {
	k.s.Control(frame(at), 0, uint8(cc), midi7(value))
}

// Pedal presses (down) or lifts the sustain pedal at `at` seconds.
func (k *Kit) Pedal(at float64, down bool) {
	var v float32
	if down {
		v = 1
	}
	k.CC(at, 64, v)
}

// Param sets a parameter by name at `at` seconds, as the app's knob would.
func (k *Kit) Param(at float64, name string, value float32) { k.s.Param(frame(at), name, value) }

// Play renders up to `until` seconds from the start and returns what sounded since the
// last Play (or the start).
func (k *Kit) Play(until float64) Audio {
	k.t.Helper()
	n := int(frame(until)) - int(k.s.Frame())
	if n <= 0 {
		k.t.Fatalf("Play(%g): the kit has already played up to %g s", until, float64(k.s.Frame())/KitRate)
	}
	from := float64(k.s.Frame()) / KitRate
	left, right, err := k.s.Render(n)
	if err != nil {
		k.t.Fatal(err)
	}
	return Audio{Left: left, Right: right, Rate: KitRate, Start: from}
}

// InTune plays each note alone (held for a second, measured from 0.5 to 0.9 s, past any
// attack) with the parameters given, and fails t for each that is more than `cents` from
// 12-TET at A4 = 440 Hz, listing them all; it logs the worst.
func InTune(t testing.TB, notes []int, cents float64, params map[string]float32) {
	t.Helper()
	worst, at := 0.0, 0
	for _, note := range notes {
		k := New(t)
		for name, v := range params {
			k.Param(0, name, v)
		}
		k.NoteOn(0.001, note, 0.8)
		a := k.Play(0.9).Slice(0.5, 0.9)
		c := a.Cents(note)
		if math.Abs(c) > cents || math.IsNaN(c) {
			t.Errorf("note %d is %+.2f cents from %.2f Hz", note, c, NoteHz(note))
		}
		if math.Abs(c) > math.Abs(worst) {
			worst, at = c, note
		}
	}
	t.Logf("%d notes, the worst %+.3f cents (note %d)", len(notes), worst, at)
}

// Notes is every step-th MIDI note from lo to hi, hi included.
func Notes(lo, hi, step int) []int {
	var out []int
	for n := lo; n <= hi; n += step {
		out = append(out, n)
	}
	if len(out) > 0 && out[len(out)-1] != hi {
		out = append(out, hi)
	}
	return out
}

// NoteHz is a note's 12-TET frequency at A4 = 440 Hz.
func NoteHz(note int) float64 { return 440 * math.Pow(2, float64(note-69)/12) }

func (k *Kit) String() string { return fmt.Sprintf("kit at %.3f s", float64(k.s.Frame())/KitRate) }
