package sdktest

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"

	"govox.dev/govox/internal/audiotest"
)

// Audio is what a Kit played: stereo frames at Rate, the first at Start seconds.
type Audio struct {
	Left, Right []float32
	Rate        float64
	Start       float64
}

// Slice is the part from `from` to `to` seconds (times from the kit's start, clamped).
func (a Audio) Slice(from, to float64) Audio {
	i, j := a.index(from), a.index(to)
	if j < i {
		j = i
	}
	return Audio{Left: a.Left[i:j], Right: a.Right[i:j], Rate: a.Rate, Start: a.Start + float64(i)/a.Rate}
}

func (a Audio) index(at float64) int {
	i := int(math.Round((at - a.Start) * a.Rate))
	if i < 0 {
		return 0
	}
	if i > len(a.Left) {
		return len(a.Left)
	}
	return i
}

// Mono is the channels' average.
func (a Audio) Mono() []float32 {
	m := make([]float32, len(a.Left))
	for i := range m {
		m[i] = 0.5 * (a.Left[i] + a.Right[i])
	}
	return m
}

// Pitch is the fundamental frequency near nearHz (within 15 %), read over the whole
// slice by autocorrelation to well under a cent; 0 for silence.
func (a Audio) Pitch(nearHz float64) float64 { return audiotest.Pitch(a.Mono(), nearHz, a.Rate) }

// Cents is how far the slice's pitch is from note's 12-TET frequency (NaN if silent).
func (a Audio) Cents(note int) float64 {
	hz := a.Pitch(NoteHz(note))
	if hz == 0 {
		return math.NaN()
	}
	return 1200 * math.Log2(hz/NoteHz(note))
}

// InTune fails t if the slice's pitch is more than `cents` from note's 12-TET frequency.
func (a Audio) InTune(t interface {
	Helper()
	Errorf(string, ...interface{})
}, note int, cents float64) {
	t.Helper()
	if c := a.Cents(note); !(math.Abs(c) <= cents) {
		t.Errorf("at %.2f-%.2f s note %d is %+.2f cents out (the limit is %g)", a.Start,
			a.Start+float64(len(a.Left))/a.Rate, note, c, cents)
	}
}

// LevelDB is the RMS level in dB relative to full scale (-inf for silence).
func (a Audio) LevelDB() float64 { return 20 * math.Log10(audiotest.RMS(a.Mono())) }

// Peak is the largest absolute sample of either channel.
func (a Audio) Peak() float64 {
	return math.Max(audiotest.Peak(a.Left), audiotest.Peak(a.Right))
}

// Silent reports whether every sample is below -100 dBFS.
func (a Audio) Silent() bool { return a.Peak() < 1e-5 }

// MaxStep is the largest sample-to-sample step of either channel and when it happens
// (seconds): a click is a step far larger than the sound's own.
func (a Audio) MaxStep() (step float64, at float64) {
	l, li := audiotest.MaxStep(a.Left)
	r, ri := audiotest.MaxStep(a.Right)
	if r > l {
		l, li = r, ri
	}
	return l, a.Start + float64(li)/a.Rate
}

// WriteWAV writes the audio as a 32-bit float stereo WAV (to listen to a failing test:
// write it under t.TempDir() or a path of your choice).
func (a Audio) WriteWAV(path string) error {
	var data bytes.Buffer
	for i := range a.Left {
		binary.Write(&data, binary.LittleEndian, a.Left[i])
		binary.Write(&data, binary.LittleEndian, a.Right[i])
	}
	var b bytes.Buffer
	put := func(v interface{}) { binary.Write(&b, binary.LittleEndian, v) }
	b.WriteString("RIFF")
	put(uint32(36 + data.Len()))
	b.WriteString("WAVEfmt ")
	put(uint32(16))
	put(uint16(3)) // IEEE float
	put(uint16(2))
	put(uint32(a.Rate))
	put(uint32(a.Rate) * 8)
	put(uint16(8))
	put(uint16(32))
	b.WriteString("data")
	put(uint32(data.Len()))
	b.Write(data.Bytes())
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".partial")
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %v", path, err)
	}
	return os.Rename(tmp, path)
}
