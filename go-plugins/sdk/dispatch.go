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
	if h.sounding() >= h.inst.Polyphony {
		if v := h.victim(); v >= 0 {
			h.send(v, command{kind: cmdSteal})
			h.status[v].state = voiceStolen
		}
	}
	for i := range h.status {
		if h.status[i].state == voiceIdle && load32(&h.region.slots[i].state) == stateFree {
			h.seq++
			h.status[i] = voiceStatus{state: voiceHeld, note: note, channel: channel, seq: h.seq}
			start(i, command{kind: cmdStart, note: note, velocity: velocity, channel: channel, resume: resume})
			return
		}
	}
	h.dropped++ // every slot is still fading out a stolen or finished note
}

func (h *host) noteOff(channel uint8, note int) {
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
	for i := range h.status {
		if s := h.status[i].state; s == voiceHeld || s == voiceSustained {
			h.send(i, command{kind: cmdRelease})
			h.status[i].state = voiceReleased
		}
	}
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
