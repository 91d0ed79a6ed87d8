package sdk

import "time"

// loop is a runner's goroutine when the engine plays live: wait for a note, then keep
// the ring near the engine's target fill, sleeping while it is full enough. It never
// spins: with no note it blocks on its command channel. It ends when the host closes
// that channel (a closed channel would otherwise read as endless zero commands: note 0).
func (r *runner) loop() {
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for c := range r.cmds {
		r.ramp = 2 * int(r.h.region.maxBlock)
		r.handle(c, 0)
		for r.sounding {
			select {
			case c, ok := <-r.cmds:
				if !ok { // the host is shutting down
					return
				}
				r.handle(c, 0)
				continue
			default:
			}
			if r.answerStop() {
				break
			}
			r.ctx.fill, r.ctx.quality = r.h.fillAndQuality(&r.ring)
			target := r.fillTarget(int(r.h.region.ringTarget()))
			fill := int(r.ring.fill())
			r.chunkCap = chunkLimit(fill, r.nsPerFrame, r.h.region.sampleRate,
				int(r.h.region.maxBlock), len(r.left))
			if fill < target*7/8 { // top up to the target (a late timer lands below this)
				// In growing steps after a note-on, so the second block is ready before
				// the engine has played the first.
				n := target - fill
				if n > r.ramp {
					n = r.ramp
				}
				r.renderFrames(n)
				if r.ramp < len(r.left) {
					r.ramp *= 2
				}
				continue
			}
			// Sleep until the fill is down to three quarters of the target, then top up.
			// Waking that early keeps a quarter-ring more in hand against a late wake-up
			// (a busy machine, a descheduled vCPU) than waking at half the target would.
			wait := time.Duration(float64(fill-target*3/4) / r.h.region.sampleRate * float64(time.Second))
			if wait < time.Millisecond {
				wait = time.Millisecond
			}
			resetTimer(timer, wait)
			select {
			case c, ok := <-r.cmds:
				if !ok {
					return
				}
				r.handle(c, 0)
			case <-timer.C:
			}
		}
	}
}

// chunkLimit is the chunk size for a ring that holds `fill` frames: the most frames that
// render in half the time those frames last, at the recent render speed (nsPerFrame, wall
// clock, so a machine too busy to run the voice shows too), between one engine block and
// the voice's ChunkFrames. With room, big chunks (fewer wake-ups, warm caches); with
// little in hand or slow rendering, small ones, so the ring gets its next frames before
// it runs dry instead of after one long chunk.
func chunkLimit(fill int, nsPerFrame, rate float64, block, most int) int {
	if nsPerFrame <= 0 || rate <= 0 {
		return most
	}
	lasts := float64(fill) / rate * 1e9
	k := int(lasts / 2 / nsPerFrame)
	if k < block {
		k = block
	}
	if k > most {
		k = most
	}
	return k
}

func resetTimer(t *time.Timer, d time.Duration) {
	if !t.Stop() {
		select {
		case <-t.C:
		default:
		}
	}
	t.Reset(d)
}
