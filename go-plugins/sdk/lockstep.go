package sdk

import "time"

// runLockstep is the event loop of an offline render (see "Lockstep" in govox_abi.h):
// each time the engine asks for the frames up to lockstep_frame, every event before that
// frame is applied on the voices' own timelines and every sounding voice is rendered to
// exactly that frame. Nothing depends on timing, so a render is bit-identical each time.
func (h *host) runLockstep() {
	hdr := h.region.header
	blockStart := load64(&hdr.lockstep_done_frame)
	for !h.region.shutdownRequested() && engineAlive(h.region) {
		seen := load32(&hdr.wake_word)
		target := load64(&hdr.lockstep_frame)
		if target <= blockStart {
			store32(&hdr.host_sleeping, 1)
			if load64(&hdr.lockstep_frame) <= blockStart {
				futexWait(&hdr.wake_word, seen, 20*time.Millisecond)
			}
			store32(&hdr.host_sleeping, 0)
			continue
		}
		startAt := func(at uint64) func(int, command) {
			return func(i int, c command) {
				r := h.runners[i]
				r.pos = blockStart
				if r.start(c, int(at-blockStart)) {
					r.activate()
				} else {
					h.status[i].state = voiceIdle
				}
			}
		}
		q := h.hintedQuality() // offline there is no ring to run low: the hint as it is
		for _, r := range h.runners {
			r.ctx.quality = q
		}
		h.startPending(startAt(blockStart)) // notes that waited for the engine to free a slot
		for {
			e, ok := h.events.next()
			if !ok || e.frame >= target {
				break
			}
			at := e.frame
			if at < blockStart {
				at = blockStart
			}
			h.renderAllUntil(at)
			h.handle(e, startAt(at))
			h.events.consume()
		}
		h.renderAllUntil(target)
		h.countActive()
		blockStart = target
		store64(&hdr.lockstep_done_frame, target)
	}
}

// renderAllUntil brings every sounding voice's timeline to frame `at`.
func (h *host) renderAllUntil(at uint64) {
	for _, r := range h.runners {
		if r.sounding && !r.answerStop() && r.pos < at {
			r.renderFrames(int(at - r.pos))
		}
	}
}
