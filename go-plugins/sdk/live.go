package sdk

import "time"

// runLive is the event loop while the engine plays in real time. Runners render on
// their own goroutines; this loop hands them notes and sleeps on the engine's wake word
// between events, so an idle instrument costs next to nothing.
func (h *host) runLive() {
	for _, r := range h.runners {
		go r.loop()
	}
	start := func(i int, c command) { h.send(i, c) }
	for !h.region.shutdownRequested() && engineAlive(h.region) {
		seen := load32(&h.region.header.wake_word)
		h.collectFinished()
		h.startPending(start)
		for {
			e, ok := h.events.next()
			if !ok {
				break
			}
			h.handle(e, start)
			h.events.consume()
		}
		h.countActive()
		store32(&h.region.header.host_sleeping, 1)
		if _, pending := h.events.next(); !pending {
			// Events wake the loop at once (the engine futex-wakes the word); the timeout
			// only bounds how late shutdown or a vanished engine is noticed.
			// With notes waiting for a slot, look again soon: the engine frees a slot
			// within a callback of its note finishing, and that wakes no one here.
			timeout := 100 * time.Millisecond
			if len(h.pending) > 0 {
				timeout = time.Millisecond
			}
			futexWait(&h.region.header.wake_word, seen, timeout)
		}
		store32(&h.region.header.host_sleeping, 0)
	}
	for _, r := range h.runners {
		close(r.cmds)
	}
}

func (h *host) collectFinished() {
	for {
		select {
		case i := <-h.finished:
			h.status[i].state = voiceIdle
		default:
			return
		}
	}
}
