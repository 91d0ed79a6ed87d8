package sdk

import "math"

// handle applies one engine event: note allocation and stealing, sustain, controllers.
// It runs on the host's event loop only.
func (h *host) handle(e event, start func(index int, c command)) {
	switch e.kind {
	case eventNoteOn:
		if e.data2 == 0 {
			h.noteOff(e.channel, int(e.data1))
			return
		}
		h.noteOn(e.channel, int(e.data1), float32(e.data2)/127, int(e.resume), start)
	case eventNoteOff:
		h.noteOff(e.channel, int(e.data1))
	case eventControl:
		h.control(e.data1, e.data2)
	case eventPitchBend:
		b := e.bend
		if b < -8192 {
			b = -8192
		} else if b > 8191 {
			b = 8191
		}
		h.ctl.bend.Store(b)
	case eventAllNotesOff:
		h.allNotesOff()
	case eventParamChange:
		if int(e.paramIndex) < len(h.params) && !math.IsNaN(float64(e.paramValue)) {
			h.params[e.paramIndex] = e.paramValue
		}
	}
}

func (h *host) noteOn(channel uint8, note int, velocity float32, resume int, start func(int, command)) {
	// The same key again: the old note releases, a new voice starts.
	for i := range h.status {
		s := &h.status[i]
		if (s.state == voiceHeld || s.state == voiceSustained) && s.note == note && s.channel == channel {
			h.send(i, command{kind: cmdRelease})
			s.state = voiceReleased
		}
	}
	h.dropPending(channel, note)
	if h.sounding() >= h.inst.Polyphony {
		if v := h.victim(); v >= 0 {
			h.send(v, command{kind: cmdSteal})
			h.status[v].state = voiceStolen
		}
	}
	p := pendingNote{channel: channel, note: note, velocity: velocity, resume: resume}
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
			h.status[i] = voiceStatus{state: state, note: p.note, channel: p.channel, seq: h.seq}
			start(i, command{kind: cmdStart, note: p.note, velocity: p.velocity, channel: p.channel, resume: p.resume})
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

func (h *host) noteOff(channel uint8, note int) {
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
			h.send(i, command{kind: cmdRelease})
			s.state = voiceReleased
		}
	}
}

func (h *host) control(controller, value uint8) {
	switch controller {
	case 1: // mod wheel
		h.ctl.mod.Store(math.Float32bits(float32(value) / 127))
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
					h.send(i, command{kind: cmdRelease})
					h.status[i].state = voiceReleased
				}
			}
		}
		h.sustain = down
	case 120, 123: // all sound off, all notes off
		h.allNotesOff()
	}
}

func (h *host) allNotesOff() {
	h.sustain = false
	h.pending = h.pending[:0]
	for i := range h.status {
		if s := h.status[i].state; s == voiceHeld || s == voiceSustained {
			h.send(i, command{kind: cmdRelease})
			h.status[i].state = voiceReleased
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

// victim is the voice to steal: the oldest releasing one, else the oldest held one.
func (h *host) victim() int {
	best := -1
	for _, want := range []int{voiceReleased, voiceSustained, voiceHeld} {
		for i, s := range h.status {
			if s.state == want && (best < 0 || s.seq < h.status[best].seq) {
				best = i
			}
		}
		if best >= 0 {
			return best
		}
	}
	return best
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
