package sdk

import "math"

// handle applies one engine event: note allocation and stealing, sustain, controllers.
// It runs on the host's event loop only.
func (h *host) handle(e event, start func(index int, c command)) {
	at := e.frame
	switch e.kind {
	case eventNoteOn:
		if e.data2 == 0 {
			h.noteOff(at, e.channel, int(e.data1))
			return
		}
		h.noteOn(at, e.channel, int(e.data1), float32(e.data2)/127, int(e.resume), start)
	case eventNoteOff:
		h.noteOff(at, e.channel, int(e.data1))
	case eventControl:
		h.control(at, e.data1, e.data2)
	case eventPitchBend:
		b := e.bend
		if b < -8192 {
			b = -8192
		} else if b > 8191 {
			b = 8191
		}
		h.ctl.bend = b
		h.broadcast(command{kind: cmdBend, frame: at, bend: b})
	case eventAllNotesOff:
		h.allNotesOff(at)
	case eventParamChange:
		if int(e.paramIndex) < len(h.params) && !math.IsNaN(float64(e.paramValue)) {
			h.params[e.paramIndex] = e.paramValue
			h.broadcast(command{kind: cmdParam, frame: at, param: int(e.paramIndex), value: e.paramValue})
		}
	}
}

// broadcast hands a change of the wheels or a parameter to every note in use: each applies
// it at its frame.
func (h *host) broadcast(c command) {
	for i := range h.status {
		if h.status[i].state != voiceIdle {
			h.send(i, c)
		}
	}
}

// release ends the note of voice i at frame `at`.
func (h *host) release(i int, at uint64) {
	h.send(i, command{kind: cmdRelease, frame: at})
	h.status[i].state = voiceReleased
}

func (h *host) noteOn(at uint64, channel uint8, note int, velocity float32, resume int, start func(int, command)) {
	if _, mapped := h.ctl.tuning.Hz(note); !mapped {
		return // the keyboard mapping leaves this key silent
	}
	// The same key again: the old note releases, a new voice starts.
	for i := range h.status {
		s := &h.status[i]
		if (s.state == voiceHeld || s.state == voiceSustained) && s.note == note && s.channel == channel {
			h.release(i, at)
		}
	}
	h.dropPending(channel, note)
	if h.sounding() >= h.inst.Polyphony {
		if v := h.victim(); v >= 0 {
			h.send(v, command{kind: cmdSteal})
			h.status[v].state = voiceStolen
		}
	}
	p := pendingNote{frame: at, channel: channel, note: note, velocity: velocity, resume: resume}
	if !h.startNote(p, start) {
		// Every slot is busy (a chord struck while many notes release): the oldest
		// releasing note fades out in 5 ms to make room, one for each waiting note, and
		// the note waits for that slot instead of being lost.
		if h.count(voiceStolen) < len(h.pending)+1 {
			if v := h.victim(); v >= 0 {
				h.send(v, command{kind: cmdSteal})
				h.status[v].state = voiceStolen
			}
		}
		if len(h.pending) >= maxPending {
			h.pending = h.pending[1:]
			h.dropped++
		}
		h.pending = append(h.pending, p)
	}
}

// maxPending bounds the notes waiting for a slot: every key of every channel at most
// once (a repeated key replaces its waiting note), so a flood cannot grow it without end.
const maxPending = 16 * 128

// pendingNote is a note-on waiting for a free slot.
type pendingNote struct {
	frame    uint64 // when it was meant to start; it starts later if it waits
	channel  uint8
	note     int
	velocity float32
	resume   int
	keyUp    bool // released while the sustain pedal was down: starts sustained
}

// startNote gives the note the first idle slot the engine has freed; false if none is.
func (h *host) startNote(p pendingNote, start func(int, command)) bool {
	for i := range h.status {
		if h.status[i].state == voiceIdle && load32(&h.region.slots[i].state) == stateFree {
			h.seq++
			state := voiceHeld
			if p.keyUp {
				state = voiceSustained
			}
			h.status[i] = voiceStatus{state: state, note: p.note, channel: p.channel, seq: h.seq,
				velocity: p.velocity}
			// The runner is idle: nothing reads its startParams until this command.
			copy(h.runners[i].startParams, h.params)
			start(i, command{kind: cmdStart, frame: p.frame, note: p.note, velocity: p.velocity,
				channel: p.channel, resume: p.resume, bend: h.ctl.bend, value: h.ctl.mod})
			return true
		}
	}
	return false
}

// startPending starts the waiting notes, oldest first, as slots come free.
func (h *host) startPending(start func(int, command)) {
	for len(h.pending) > 0 && h.startNote(h.pending[0], start) {
		h.pending = h.pending[1:]
	}
}

// dropPending forgets a waiting note: its key went up (pedal up) or was struck again.
func (h *host) dropPending(channel uint8, note int) {
	kept := h.pending[:0]
	for _, p := range h.pending {
		if p.channel != channel || p.note != note {
			kept = append(kept, p)
		}
	}
	h.pending = kept
}

func (h *host) noteOff(at uint64, channel uint8, note int) {
	if h.sustain { // a waiting note released under the pedal starts sustained
		for i := range h.pending {
			if h.pending[i].channel == channel && h.pending[i].note == note {
				h.pending[i].keyUp = true
			}
		}
	} else {
		h.dropPending(channel, note)
	}
	for i := range h.status {
		s := &h.status[i]
		if s.state != voiceHeld || s.note != note || s.channel != channel {
			continue
		}
		if h.sustain {
			s.state = voiceSustained
		} else {
			h.release(i, at)
		}
	}
}

func (h *host) control(at uint64, controller, value uint8) {
	switch controller {
	case 1: // mod wheel
		h.ctl.mod = float32(value) / 127
		h.broadcast(command{kind: cmdMod, frame: at, value: h.ctl.mod})
	case 64: // sustain pedal
		down := value >= 64
		if h.sustain && !down {
			kept := h.pending[:0] // waiting notes whose key is already up: not worth starting
			for _, p := range h.pending {
				if !p.keyUp {
					kept = append(kept, p)
				}
			}
			h.pending = kept
			for i := range h.status {
				if h.status[i].state == voiceSustained {
					h.release(i, at)
				}
			}
		}
		h.sustain = down
	case 120, 123: // all sound off, all notes off
		h.allNotesOff(at)
	}
}

func (h *host) allNotesOff(at uint64) {
	h.sustain = false
	h.pending = h.pending[:0]
	for i := range h.status {
		if s := h.status[i].state; s == voiceHeld || s == voiceSustained {
			h.release(i, at)
		}
	}
}

// count is how many voices are in `state`.
func (h *host) count(state int) int {
	n := 0
	for _, s := range h.status {
		if s.state == state {
			n++
		}
	}
	return n
}

// sounding counts the notes that use polyphony: held, sustained and releasing ones.
func (h *host) sounding() int {
	n := 0
	for _, s := range h.status {
		if s.state == voiceHeld || s.state == voiceSustained || s.state == voiceReleased {
			n++
		}
	}
	return n
}

// victim is the voice to steal, sparing the notes that matter: a releasing note before a
// sustained one before a held one; among those, a low-priority note before a high one
// (the voice may set a note's priority while it sounds), then a clearly quieter note
// before a louder one, then the oldest.
func (h *host) victim() int {
	best := -1
	for _, want := range []int{voiceReleased, voiceSustained, voiceHeld} {
		for i, s := range h.status {
			if s.state == want && (best < 0 || h.stealsBefore(i, best)) {
				best = i
			}
		}
		if best >= 0 {
			return best
		}
	}
	return best
}

// quieterBy is how much softer a note must have been struck (of velocity 0..1) to be
// stolen before an older one: about 20 of 127, a step a player means.
const quieterBy = 0.15

// stealsBefore says whether voice a should go before voice b (both in the same state).
func (h *host) stealsBefore(a, b int) bool {
	pa, pb := load32(&h.region.slots[a].priority), load32(&h.region.slots[b].priority)
	if pa != pb {
		return pa < pb
	}
	va, vb := h.status[a].velocity, h.status[b].velocity
	if va < vb-quieterBy || va > vb+quieterBy {
		return va < vb
	}
	return h.status[a].seq < h.status[b].seq
}

// send passes a command to a runner: to its goroutine live, directly in lockstep.
func (h *host) send(index int, c command) {
	if h.lockstep {
		h.runners[index].handle(c, 0)
		return
	}
	select {
	case h.runners[index].cmds <- c:
	default: // the runner is stuck (the watchdog will notice); never block the event loop
	}
}
