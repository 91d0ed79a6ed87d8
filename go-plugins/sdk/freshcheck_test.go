package sdk

import (
	"strings"
	"testing"
)

// swellVoice rises by a step per frame while its note is held and never resets itself:
// a note that starts where the last one ended starts loud. Its map makes it uncopyable.
type swellVoice struct {
	level  float32
	tags   map[string]int
	resets *int
}

func (v *swellVoice) NoteOn(int, float32) {}
func (v *swellVoice) NoteOff()            {}
func (v *swellVoice) Done() bool          { return false }
func (v *swellVoice) Render(out []float32) {
	for i := range out {
		if v.level < 1 {
			v.level += 1.0 / 48000
		}
		out[i] = v.level
	}
}

// resettingSwell is the same voice with a Reset.
type resettingSwell struct{ swellVoice }

func (v *resettingSwell) Reset() { v.level = 0; *v.resets++ }

func swellInstrument(reset bool, resets *int) Instrument {
	return Instrument{Name: "swell", Polyphony: 1, New: func(*Context) Voice {
		s := swellVoice{tags: map[string]int{}, resets: resets}
		if reset {
			return &resettingSwell{s}
		}
		return &s
	}}
}

// Reset runs before every note but a voice's first; a voice that can neither be reset,
// copied nor snapshotted starts where it ended, and CheckFreshNotes says so in dB.
func TestPooledVoicesStartEachNoteFresh(t *testing.T) {
	resets := 0
	if err := CheckFreshNotes(swellInstrument(true, &resets)); err != nil {
		t.Fatalf("a voice with Reset: %v", err)
	}
	if resets != 1 { // two hosts: one note on the first, two on the second
		t.Errorf("Reset ran %d times, want once (before the second note of the reused voice)", resets)
	}
	err := CheckFreshNotes(swellInstrument(false, &resets))
	if err == nil || !strings.Contains(err.Error(), "dB") || !strings.Contains(err.Error(), "Resetter") {
		t.Errorf("a voice that cannot start clean passed or was not explained: %v", err)
	}
}

// A voice of plain values is put back as New made it, with no code of its own.
type plainSwell struct{ level float32 }

func (v *plainSwell) NoteOn(int, float32) {}
func (v *plainSwell) NoteOff()            {}
func (v *plainSwell) Done() bool          { return false }
func (v *plainSwell) Render(out []float32) {
	for i := range out {
		v.level += 1.0 / 48000
		out[i] = v.level
	}
}

func TestPlainVoicesStartEachNoteFresh(t *testing.T) {
	inst := Instrument{Name: "plain", Polyphony: 1, New: func(*Context) Voice { return &plainSwell{} }}
	if err := CheckFreshNotes(inst); err != nil {
		t.Fatal(err)
	}
}

// oneShot plays 1000 frames of a constant and then has ended, key down or not.
type oneShot struct{ played int }

func (v *oneShot) NoteOn(int, float32) { v.played = 0 }
func (v *oneShot) NoteOff()            {}
func (v *oneShot) Done() bool          { return v.played >= 1000 }
func (v *oneShot) Ended() bool         { return v.played >= 1000 }
func (v *oneShot) Render(out []float32) {
	for i := range out {
		out[i] = 0
		if v.played < 1000 {
			out[i] = 0.5
		}
		v.played++
	}
}

// A one-shot (Ender) ends while its key is down: its slot finishes without a note-off,
// and the next note gets it (with one slot, it could not otherwise).
func TestAOneShotEndsWhileItsKeyIsDown(t *testing.T) {
	inst := Instrument{Name: "oneshot", Polyphony: 1, New: func(*Context) Voice { return &oneShot{} }}
	rig := startLockstep(t, inst, 1)
	rig.tr.push(noteOnEvent(0, 64, 100))
	for i := 0; i < 12; i++ {
		rig.block(128)
	}
	if s := load32(&rig.tr.r.slots[0].state); s != stateFinished && s != stateFree {
		t.Fatalf("1536 frames into a 1000-frame one-shot, key down, the slot is in state %d", s)
	}
	out := rig.out[0]
	if len(out) < 1000 || out[999] != 0.5 {
		t.Fatalf("the one-shot did not play its 1000 frames (%d read)", len(out))
	}
}
