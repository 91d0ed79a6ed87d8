package sdk

import "time"

// While changes keep coming (a knob turned, a controller swept), every rollback throws
// away what was rendered past the change: the deeper the ring, the more is rendered twice.
// So for modulatedFor after a rollback the runner keeps its ring shallower than the
// engine's target, as shallow as the machine allows: modDepth learns that depth from the
// fill the runner finds when it wakes. A wake-up that finds less than a third of the depth
// left (a busy machine, a late timer) deepens it by half at once; each calm half second
// makes it one half block shallower, down to three and a half engine blocks (the engine
// reads one, one more is claimed for the change, the rest is margin). Increase fast,
// decrease slowly. Measured with rollback_bench (docs/benchmarks.md): three blocks
// underran the pad now and then; a floor of half the ring while the collector runs did
// not help GC torture (rendering deeper ahead renders more again, which makes more
// garbage).
const modulatedFor = 50 * time.Millisecond

const (
	depthRelaxEvery      = 500 * time.Millisecond // calm this long: half a block shallower
	depthFloorHalfBlocks = 7
)

// modDepth is one runner's ring depth while modulated, in frames (0: not learnt yet).
type modDepth struct {
	frames    int
	lastScare time.Time // or the last step shallower: the calm is counted from there
}

// target is the fill to keep, given the fill found on waking (see above). The first
// modulation starts at half the engine's target (the ring that rode out GC torture).
// settled is false while a note's ring is still ramping up after its note-on: a low fill
// then is no sign of a stall.
func (d *modDepth) target(fill, ringTarget, block int, settled bool, now time.Time) int {
	floor := depthFloorHalfBlocks * block / 2
	if floor > ringTarget {
		floor = ringTarget
	}
	switch {
	case d.frames == 0:
		d.frames, d.lastScare = ringTarget/2, now
	case settled && fill < d.frames/3 && now.Sub(d.lastScare) > modulatedFor:
		d.frames += d.frames / 2 // once per episode: the wake-ups inside one all find it low
		d.lastScare = now
	case now.Sub(d.lastScare) >= depthRelaxEvery:
		d.frames -= block / 2
		d.lastScare = now
	}
	if d.frames < floor {
		d.frames = floor
	} else if d.frames > ringTarget {
		d.frames = ringTarget
	}
	return d.frames
}

// fillTarget is the fill the live loop keeps: the engine's target, or the learnt depth
// while the note is being modulated.
func (r *runner) fillTarget(target, fill int) int {
	if r.rb == nil || r.rb.lastRollback.IsZero() {
		return target
	}
	now := time.Now()
	if now.Sub(r.rb.lastRollback) > modulatedFor {
		return target
	}
	settled := r.ramp >= len(r.left)
	return r.rb.depth.target(fill, target, int(r.h.region.maxBlock), settled, now)
}
