package sdk

import (
	"strings"
	"testing"
)

// A session plays notes on their frames through the real host: a probe voice (0.5 while
// held, a 100-frame release) starts at its frame, is released at its frame, and the pool
// steals when polyphony is full.
func TestSessionPlaysNotesOnTheirFrames(t *testing.T) {
	s, err := NewSession(probeInstrument(1), 48000, 4)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.NoteOn(1000, 0, 64, 100) // the probe plays note/128: 0.5
	s.NoteOff(3000, 0, 64)
	left, right, err := s.Render(4800)
	if err != nil {
		t.Fatal(err)
	}
	if left[999] != 0 || left[1000] != 0.5 || left[2999] != 0.5 || left[3000] >= 0.5 || left[3200] != 0 {
		t.Errorf("the note is not on its frames: %v %v %v %v %v", left[999], left[1000], left[2999], left[3000], left[3200])
	}
	if right[1500] != left[1500] {
		t.Errorf("a mono voice plays on both channels: %v and %v", left[1500], right[1500])
	}
	if s.Frame() != 4800 {
		t.Errorf("the session is at frame %d", s.Frame())
	}
	s.Param(5000, "nope", 1)
	if _, _, err := s.Render(128); err == nil || !strings.Contains(err.Error(), `no parameter "nope"`) {
		t.Errorf("an unknown parameter: %v", err)
	}
}

func TestSessionRefusesBadSetups(t *testing.T) {
	if _, err := NewSession(probeInstrument(1), 1000, 4); err == nil {
		t.Error("a 1 kHz session started")
	}
	if _, err := NewSession(probeInstrument(1), 48000, 0); err == nil {
		t.Error("a session without voices started")
	}
}
