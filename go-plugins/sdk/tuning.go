package sdk

import (
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
)

// Tuning maps MIDI notes to frequencies: twelve-tone equal temperament at A4 = 440 Hz by
// default, another reference pitch (A4 = 432, 415...), or any scale in the Scala format
// (a .scl file of pitches and a .kbm keyboard mapping), the de-facto standard for
// microtonal tunings. Context.NoteHz reads the host's tuning; the user picks it with
// GOVOX_A4, GOVOX_SCALE and GOVOX_KEYBOARD_MAP (LoadTuningFromEnv).
//
// The zero value is 12-TET at A4 = 440 Hz. A Tuning is read-only once made: voices share it.
type Tuning struct {
	scale []float64 // cents of each degree above the first, the last the period; nil: 12-TET
	kbm   keyboardMap
	a4    float64 // reference pitch of the default mapping; 0: 440
}

// keyboardMap is a Scala .kbm mapping: which scale degree each key plays.
type keyboardMap struct {
	set          bool
	first, last  int     // the keys retuned (others are unmapped)
	middle       int     // the key that plays degree 0
	refNote      int     // the key tuned to refHz
	refHz        float64 // its frequency
	octaveDegree int     // the degree of the formal octave (0: the scale's size)
	degrees      []int   // per key from middle on, the degree; -1 unmapped ('x'); empty: linear
}

// NewTuning12TET is equal temperament with A4 (note 69) at a4 Hz.
func NewTuning12TET(a4 float64) (*Tuning, error) {
	if !(a4 >= 100 && a4 <= 1000) {
		return nil, fmt.Errorf("A4 at %g Hz: the reference pitch must be between 100 and 1000 Hz", a4)
	}
	return &Tuning{a4: a4}, nil
}

// Hz is note's frequency, and false if the keyboard mapping leaves the key unmapped (it
// should not sound).
func (t *Tuning) Hz(note int) (float64, bool) {
	if t == nil || (t.scale == nil && !t.kbm.set) {
		a4 := 440.0
		if t != nil && t.a4 > 0 {
			a4 = t.a4
		}
		return a4 * math.Pow(2, float64(note-69)/12), true
	}
	c, ok := t.cents(note)
	if !ok {
		return 0, false
	}
	ref, _ := t.cents(t.refNote())
	return t.refHz() * math.Pow(2, (c-ref)/1200), true
}

// Without a keyboard mapping a scale starts on middle C (key 60), at its 12-TET pitch for
// the reference A4 (261.63 Hz at 440): the common default of microtonal synthesizers.
func (t *Tuning) refNote() int {
	if t.kbm.set {
		return t.kbm.refNote
	}
	return 60
}

func (t *Tuning) refHz() float64 {
	if t.kbm.set {
		return t.kbm.refHz
	}
	a4 := 440.0
	if t.a4 > 0 {
		a4 = t.a4
	}
	return a4 * math.Pow(2, -9.0/12)
}

// cents is note's pitch in cents above the mapping's middle key (any origin works: Hz
// takes the difference to the reference key).
func (t *Tuning) cents(note int) (float64, bool) {
	scale := t.scale
	if scale == nil {
		scale = equalTemperament
	}
	n := len(scale)
	middle, degree := 60, 0
	if t.kbm.set {
		if note < t.kbm.first || note > t.kbm.last {
			return 0, false
		}
		middle = t.kbm.middle
	}
	offset := note - middle
	if !t.kbm.set || len(t.kbm.degrees) == 0 {
		degree = offset
	} else {
		size := len(t.kbm.degrees)
		octaves, key := floorDiv(offset, size)
		d := t.kbm.degrees[key]
		if d < 0 {
			return 0, false
		}
		octDegree := t.kbm.octaveDegree
		if octDegree == 0 {
			octDegree = n
		}
		degree = octaves*octDegree + d
	}
	periods, step := floorDiv(degree, n)
	c := float64(periods) * scale[n-1]
	if step > 0 {
		c += scale[step-1]
	}
	return c, true
}

var equalTemperament = func() []float64 {
	s := make([]float64, 12)
	for i := range s {
		s[i] = float64(i+1) * 100
	}
	return s
}()

// floorDiv is a / b rounded down, and the remainder in [0, b).
func floorDiv(a, b int) (int, int) {
	q, r := a/b, a%b
	if r < 0 {
		q, r = q-1, r+b
	}
	return q, r
}

// ParseScale reads a Scala .scl file: after '!' comments, a description line, the number
// of pitches, then each pitch as cents (a number with a '.') or a ratio (a/b or a whole
// number); the last pitch is the period. name labels the errors ("scale.scl line 7: ...").
func ParseScale(name string, scl []byte) (*Tuning, error) {
	lines := scalaLines(scl)
	if len(lines) < 2 {
		return nil, fmt.Errorf("%s: not a Scala scale: a description line and a pitch count are needed", name)
	}
	count, err := strconv.Atoi(firstField(lines[1].text))
	if err != nil || count < 1 || count > 1024 {
		return nil, fmt.Errorf("%s line %d: %q is not a pitch count (1 to 1024)", name, lines[1].number, lines[1].text)
	}
	if len(lines)-2 < count {
		return nil, fmt.Errorf("%s: %d pitches announced, %d given", name, count, len(lines)-2)
	}
	t := &Tuning{scale: make([]float64, count)}
	last := 0.0
	for i := 0; i < count; i++ {
		l := lines[2+i]
		c, err := scalaPitch(firstField(l.text))
		if err != nil {
			return nil, fmt.Errorf("%s line %d: %v", name, l.number, err)
		}
		t.scale[i] = c
		last = c
	}
	if !(last > 0) {
		return nil, fmt.Errorf("%s line %d: the period (the last pitch) must be above the first, not %g cents",
			name, lines[1+count].number, last)
	}
	return t, nil
}

// scalaPitch converts one pitch field to cents.
func scalaPitch(f string) (float64, error) {
	if strings.Contains(f, ".") {
		c, err := strconv.ParseFloat(f, 64)
		if err != nil || math.IsInf(c, 0) || math.IsNaN(c) {
			return 0, fmt.Errorf("%q is not a pitch in cents", f)
		}
		return c, nil
	}
	num, den := f, "1"
	if i := strings.IndexByte(f, '/'); i >= 0 {
		num, den = f[:i], f[i+1:]
	}
	a, errA := strconv.ParseUint(num, 10, 63)
	b, errB := strconv.ParseUint(den, 10, 63)
	if errA != nil || errB != nil || a == 0 || b == 0 {
		return 0, fmt.Errorf("%q is not a pitch: cents need a '.', a ratio is two positive whole numbers a/b", f)
	}
	return 1200 * math.Log2(float64(a)/float64(b)), nil
}

// WithKeyboardMap reads a Scala .kbm file into a copy of t: map size, first and last key
// retuned, middle key (degree 0), reference key, its frequency, the octave's degree, then
// map-size entries (a degree, or x for an unmapped key).
func (t *Tuning) WithKeyboardMap(name string, kbm []byte) (*Tuning, error) {
	lines := scalaLines(kbm)
	if len(lines) < 7 {
		return nil, fmt.Errorf("%s: not a Scala keyboard mapping: 7 header lines are needed, %d given", name, len(lines))
	}
	ints := make([]int, 7)
	what := []string{"map size", "first key", "last key", "middle key", "reference key", "", "octave degree"}
	var refHz float64
	for i, l := range lines[:7] {
		f := firstField(l.text)
		if i == 5 {
			v, err := strconv.ParseFloat(f, 64)
			if err != nil || !(v > 0 && v < 100000) {
				return nil, fmt.Errorf("%s line %d: %q is not a reference frequency in Hz", name, l.number, f)
			}
			refHz = v
			continue
		}
		v, err := strconv.Atoi(f)
		if err != nil || v < 0 || (i >= 1 && i <= 4 && v > 127) || (i == 0 && v > 128) {
			return nil, fmt.Errorf("%s line %d: %q is not a %s", name, l.number, f, what[i])
		}
		ints[i] = v
	}
	size := ints[0]
	if ints[1] > ints[2] {
		return nil, fmt.Errorf("%s: the first key retuned (%d) is above the last (%d)", name, ints[1], ints[2])
	}
	if len(lines)-7 < size {
		return nil, fmt.Errorf("%s: a map of %d keys announced, %d given", name, size, len(lines)-7)
	}
	n := 12
	if t != nil && t.scale != nil {
		n = len(t.scale)
	}
	m := keyboardMap{set: true, first: ints[1], last: ints[2], middle: ints[3], refNote: ints[4],
		refHz: refHz, octaveDegree: ints[6], degrees: make([]int, size)}
	for i := 0; i < size; i++ {
		l := lines[7+i]
		f := firstField(l.text)
		if f == "x" || f == "X" {
			m.degrees[i] = -1
			continue
		}
		d, err := strconv.Atoi(f)
		if err != nil || d < 0 || d > 10*n {
			return nil, fmt.Errorf("%s line %d: %q is not a scale degree (0 to %d) or x", name, l.number, f, 10*n)
		}
		m.degrees[i] = d
	}
	out := &Tuning{kbm: m}
	if t != nil {
		out.scale = t.scale
	}
	if _, ok := out.cents(m.refNote); !ok {
		return nil, fmt.Errorf("%s: the reference key %d is not mapped", name, m.refNote)
	}
	return out, nil
}

type scalaLine struct {
	number int
	text   string
}

// scalaLines is the file's lines without '!' comments (blank lines count in .scl only as
// the description, which may be empty: keep every non-comment line).
func scalaLines(b []byte) []scalaLine {
	var out []scalaLine
	for i, l := range strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n") {
		if strings.HasPrefix(l, "!") {
			continue
		}
		out = append(out, scalaLine{number: i + 1, text: strings.TrimSpace(l)})
	}
	// A trailing newline makes an empty last line that is not part of the file's content.
	for len(out) > 0 && out[len(out)-1].text == "" && len(out) > 1 {
		out = out[:len(out)-1]
	}
	return out
}

func firstField(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

// LoadTuningFromEnv is the tuning the user picked for this voice host: GOVOX_SCALE (a .scl
// file) and GOVOX_KEYBOARD_MAP (a .kbm file), or GOVOX_A4 (Hz) for equal temperament at
// another reference; nil for 12-TET at 440 Hz. Errors name the file and the line.
func LoadTuningFromEnv() (*Tuning, error) {
	var t *Tuning
	if a4 := os.Getenv("GOVOX_A4"); a4 != "" {
		hz, err := strconv.ParseFloat(a4, 64)
		if err != nil {
			return nil, fmt.Errorf("GOVOX_A4=%q is not a frequency in Hz", a4)
		}
		if t, err = NewTuning12TET(hz); err != nil {
			return nil, fmt.Errorf("GOVOX_A4: %v", err)
		}
	}
	if path := os.Getenv("GOVOX_SCALE"); path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("the scale file: %v", err)
		}
		a4 := 0.0
		if t != nil {
			a4 = t.a4
		}
		if t, err = ParseScale(path, b); err != nil {
			return nil, err
		}
		t.a4 = a4
	}
	if path := os.Getenv("GOVOX_KEYBOARD_MAP"); path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("the keyboard mapping file: %v", err)
		}
		if t, err = t.WithKeyboardMap(path, b); err != nil {
			return nil, err
		}
	}
	return t, nil
}
