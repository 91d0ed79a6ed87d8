package sdk

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9*math.Max(1, math.Abs(b)) }

func TestTwelveToneEqualTemperament(t *testing.T) {
	var zero *Tuning
	for note, want := range map[int]float64{69: 440, 60: 261.6255653005986, 21: 27.5, 108: 4186.009044809578} {
		if hz, ok := zero.Hz(note); !ok || !near(hz, want) {
			t.Errorf("12-TET note %d: %v Hz, want %v", note, hz, want)
		}
	}
	t432, err := NewTuning12TET(432)
	if err != nil {
		t.Fatal(err)
	}
	if hz, _ := t432.Hz(81); !near(hz, 864) {
		t.Errorf("A5 at A4 = 432: %v Hz", hz)
	}
	if _, err := NewTuning12TET(20); err == nil || !strings.Contains(err.Error(), "between 100 and 1000") {
		t.Errorf("A4 at 20 Hz was accepted or not explained: %v", err)
	}
}

// A just-intonation scale from a Scala file, cents and ratios mixed: each key plays its
// ratio above middle C, which stays at its 12-TET pitch.
const justScale = `! just.scl
!
5-limit just intonation, cents and ratios
 12
!
 16/15
 9/8
 6/5
 5/4
 4/3
 45/32
 3/2   the fifth
 8/5
 5/3
 9/5
 15/8
 2/1
`

func TestScalaScale(t *testing.T) {
	tu, err := ParseScale("just.scl", []byte(justScale))
	if err != nil {
		t.Fatal(err)
	}
	c, _ := tu.Hz(60)
	for note, ratio := range map[int]float64{60: 1, 64: 5.0 / 4, 67: 3.0 / 2, 72: 2, 48: 0.5, 79: 3} {
		if hz, ok := tu.Hz(note); !ok || !near(hz/c, ratio) {
			t.Errorf("note %d: %v times middle C, want %v", note, hz/c, ratio)
		}
	}
	if !near(c, 261.6255653005986) {
		t.Errorf("middle C moved to %v Hz", c)
	}
}

// A keyboard mapping: a 7-note scale on the white keys only, A4 the reference at 432 Hz;
// black keys are silent.
func TestScalaKeyboardMapping(t *testing.T) {
	scale, err := ParseScale("maj.scl", []byte("major\n7\n200.0\n400.0\n500.0\n700.0\n900.0\n1100.0\n1200.0\n"))
	if err != nil {
		t.Fatal(err)
	}
	kbm := "! white.kbm\n12\n0\n127\n60\n69\n432.0\n7\n0\nx\n1\nx\n2\n3\nx\n4\nx\n5\nx\n6\n"
	tu, err := scale.WithKeyboardMap("white.kbm", []byte(kbm))
	if err != nil {
		t.Fatal(err)
	}
	if hz, ok := tu.Hz(69); !ok || !near(hz, 432) {
		t.Errorf("the reference key plays %v Hz", hz)
	}
	if _, ok := tu.Hz(61); ok {
		t.Error("an x key is mapped")
	}
	a, _ := tu.Hz(60)
	b, _ := tu.Hz(72)
	e, _ := tu.Hz(64)
	if !near(b/a, 2) || !near(e/a, math.Pow(2, 400.0/1200)) {
		t.Errorf("C to C %v, C to E %v", b/a, e/a)
	}
}

// Bad files get an error naming the file, the line and what is wrong; nothing panics.
func TestMalformedScalaFilesAreExplained(t *testing.T) {
	for _, c := range []struct{ scl, want string }{
		{"", "a description line and a pitch count"},
		{"x\nmany\n100.0\n", `bad.scl line 2: "many" is not a pitch count`},
		{"x\n3\n100.0\n200.0\n", "3 pitches announced, 2 given"},
		{"x\n2\n100.0\nabc\n", `bad.scl line 4: "abc" is not a pitch`},
		{"x\n1\n-3/2\n", `bad.scl line 3: "-3/2" is not a pitch`},
		{"x\n1\n0/1\n", `"0/1" is not a pitch`},
		{"x\n1\n-100.0\n", "the period (the last pitch) must be above the first"},
	} {
		_, err := ParseScale("bad.scl", []byte(c.scl))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want an error with %q", c.scl, err, c.want)
		}
	}
	for _, c := range []struct{ kbm, want string }{
		{"12\n0\n127\n", "7 header lines are needed"},
		{"12\n0\n127\n60\n69\nhigh\n12\n", `bad.kbm line 6: "high" is not a reference frequency`},
		{"12\n100\n10\n60\n69\n440.0\n12\n", "the first key retuned (100) is above the last (10)"},
		{"2\n0\n127\n60\n69\n440.0\n12\n0\n", "a map of 2 keys announced, 1 given"},
		{"1\n0\n127\n60\n69\n440.0\n12\nq\n", `bad.kbm line 8: "q" is not a scale degree`},
		{"2\n0\n127\n60\n61\n440.0\n12\n0\nx\n", "the reference key 61 is not mapped"},
	} {
		var base *Tuning
		_, err := base.WithKeyboardMap("bad.kbm", []byte(c.kbm))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want an error with %q", c.kbm, err, c.want)
		}
	}
}

// The host reads the user's tuning from the environment: a key the mapping leaves silent
// starts no note, and a broken scale file stops the host with its name in the message.
func TestHostFollowsTheTuningInTheEnvironment(t *testing.T) {
	dir := t.TempDir()
	scl := filepath.Join(dir, "maj.scl")
	kbm := filepath.Join(dir, "white.kbm")
	os.WriteFile(scl, []byte("major\n7\n200.0\n400.0\n500.0\n700.0\n900.0\n1100.0\n1200.0\n"), 0o644)
	os.WriteFile(kbm, []byte("12\n0\n127\n60\n69\n440.0\n7\n0\nx\n1\nx\n2\n3\nx\n4\nx\n5\nx\n6\n"), 0o644)
	t.Setenv("GOVOX_SCALE", scl)
	t.Setenv("GOVOX_KEYBOARD_MAP", kbm)
	rig := startLockstep(t, probeInstrument(2), 2)
	rig.tr.push(noteOnEvent(0, 61, 100)) // a black key: unmapped
	rig.tr.push(noteOnEvent(0, 64, 100))
	rig.block(128)
	started := 0
	for i := range rig.tr.r.slots {
		if load32(&rig.tr.r.slots[i].state) != stateFree {
			started++
		}
	}
	if started != 1 {
		t.Errorf("%d notes started for one mapped and one unmapped key", started)
	}
	if hz := probes[0].ctx.NoteHz(64); !near(hz/probes[0].ctx.NoteHz(60), math.Pow(2, 400.0/1200)) {
		t.Errorf("a voice's NoteHz ignores the scale: E at %v Hz", hz)
	}

	os.WriteFile(scl, []byte("broken\n2\n100.0\n"), 0o644)
	mem, base, size := newMemoryRegion(1, 1024, 128, true)
	reg, err := attachRegion(base, size)
	if err != nil {
		t.Fatal(err)
	}
	_, err = newHostOf(reg, probeInstrument(1))
	if err == nil || !strings.Contains(err.Error(), scl) || !strings.Contains(err.Error(), "2 pitches announced") {
		t.Errorf("a broken scale file: %v", err)
	}
	_ = mem
}

// The pitch wheel's range is the instrument's: default 2 semitones, up to 48.
func TestBendRangeIsTheInstruments(t *testing.T) {
	inst := probeInstrument(1)
	if err := checkInstrument(&inst, 1); err != nil || inst.BendRange != 2 {
		t.Errorf("default bend range %v (%v)", inst.BendRange, err)
	}
	inst.BendRange = 12
	ctx := NewStandaloneContext(inst, 48000)
	ctx.controllers.bend = 8192 / 2
	if b := ctx.PitchBend(); !near(b, 6) || !near(ctx.NoteHz(69), 440*math.Pow(2, 0.5)) {
		t.Errorf("half way up a 12-semitone wheel: %v semitones, A4 at %v Hz", b, ctx.NoteHz(69))
	}
	inst.BendRange = 100
	if err := checkInstrument(&inst, 1); err == nil || !strings.Contains(err.Error(), "at most 48") {
		t.Errorf("a 100-semitone range: %v", err)
	}
}
