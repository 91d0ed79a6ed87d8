package sdk

import (
	"fmt"
	"os"
	"time"

	"govox.dev/govox/dsp"
)

// Rollback: a change to a sounding note (note-off, bend, mod wheel, parameter) lands on its
// frame even when the runner has already rendered past that frame into the ring. Live,
// the ring holds up to a ring's worth of frames the engine has not played, so without this
// a change would wait for all of them (ring latency). Instead the runner saves the voice's
// state every `every` frames as it renders; a change for frame F restores the last state
// saved at or before F, applies the change at F, renders again up to where it was, and
// writes the frames from F on over the old ones, through the rewrite handshake of
// govox_abi.h ("Rewrites") so that the engine never plays a half-rewritten frame. Frames
// the engine has claimed cannot change: a change for one of those lands on the first frame
// that can. Offline (lockstep) every change arrives before its frame: nothing to undo.
type rollback struct {
	saver Snapshotter // the voice itself, or a voiceCopier for a plain-value voice
	every uint64      // frames between saved states
	saved []savedState
	first int // oldest saved state in the ring of them
	n     int // saved states held
	next  uint64

	// Changes applied since the oldest saved state, at the frame each took effect: a
	// restore applies again those after the state it goes back to.
	log []command

	rewriting bool      // rendering again, into scratch
	ended     bool      // the note ended inside the render again: the rest is silence
	from      uint32    // ring index of the first frame rendered anew (scratch's first)
	end       uint64    // the frame the render again goes up to: where the runner was
	scratch   []float32 // the frames rendered anew, interleaved, before they go to the ring
	seq       uint32    // this slot's rewrite counter (govox_voice_slot.rewrite_seq)

	lastRollback time.Time // when the last change was rendered again (zero: never)
}

// While changes keep coming (a knob turned, a controller swept), every rollback throws
// away what was rendered past the change, and rendering a full ring ahead would render
// most frames two or three times. For modulatedFor after a rollback the runner keeps its
// ring at half the engine's target (at least four blocks): half the work thrown away per
// change, and still a ring that rides out the collector (the GC torture soak is clean at
// half of a 1024-frame ring, docs/benchmarks.md). Measured with rollback_bench.
const modulatedFor = 50 * time.Millisecond

// fillTarget is the fill the live loop keeps: the engine's target, or less while the
// note is being modulated (see modulatedFor).
func (r *runner) fillTarget(target int) int {
	if r.rb == nil || r.rb.lastRollback.IsZero() || time.Since(r.rb.lastRollback) > modulatedFor {
		return target
	}
	shallow := target / 2
	if least := 4 * int(r.h.region.maxBlock); shallow < least {
		shallow = least
	}
	if shallow > target {
		return target
	}
	return shallow
}

// savedState is what the SDK keeps of a runner at one frame; the voice's own state is in
// slot i of its saver.
type savedState struct {
	frame    uint64
	index    uint32 // the ring's write index at that frame
	ctl      controllers
	params   []ParamValue
	released bool
	quality  dsp.Quality
	fill     float32
}

// rollbackLogCap bounds the changes remembered for replay; a flood beyond it (hundreds of
// changes within one ring) forgets the saved states and those changes wait, as without
// rollback, until the next states are saved.
const rollbackLogCap = 128

// maxSavedStates bounds the memory per voice on deep rings: the spacing grows instead.
const maxSavedStates = 64

// rollbackPlan is how often to save a voice's state and how many states cover a ring:
// about every engine block (a change restores at most that far back), and enough of them
// to reach from the engine's read index to the ring's end.
func rollbackPlan(ringFrames, maxBlock uint32) (every uint64, slots int) {
	every = uint64(maxBlock)
	if every < 64 {
		every = 64
	} else if every > 256 {
		every = 256
	}
	slots = int(uint64(ringFrames)/every) + 3
	if slots > maxSavedStates {
		slots = maxSavedStates
		every = (uint64(ringFrames) + uint64(slots-4)) / uint64(slots-3)
	}
	return every, slots
}

// saverFor is what saves and restores v's state: the voice itself (Snapshotter), a copier
// of its struct (plain values; `slots` copies), or nil and why neither works.
func saverFor(v Voice, slots int) (Snapshotter, string) {
	if s, ok := v.(Snapshotter); ok {
		return s, ""
	}
	if why := whyNotCopyable(v); why != "" {
		return nil, fmt.Sprintf("%s; the voice can implement sdk.Snapshotter", why)
	}
	return newVoiceCopier(v, slots), ""
}

// rollbackFor decides whether a voice gets rollback, given its saver (saverFor): the
// saver, and the mode the header shows, or nil and why not.
func rollbackFor(saver Snapshotter, why string) (Snapshotter, uint32, string) {
	if os.Getenv("GOVOX_ROLLBACK") == "off" {
		return nil, rollbackNone, "turned off by GOVOX_ROLLBACK=off"
	}
	switch saver.(type) {
	case nil:
		return nil, rollbackNone, why
	case *voiceCopier:
		return saver, rollbackCopy, ""
	}
	return saver, rollbackVoice, ""
}

// freshStart is how a pooled voice starts each note after its first as New made it: its
// Reset (Resetter), or the state its saver keeps in slot `slot` from right after New; nil
// when it has neither (it starts where its last note ended).
func freshStart(v Voice, saver Snapshotter, slot int) func() {
	if r, ok := v.(Resetter); ok {
		return r.Reset
	}
	if saver == nil {
		return nil
	}
	saver.SaveState(slot)
	return func() { saver.RestoreState(slot) }
}

func newRollback(saver Snapshotter, every uint64, slots, params int, ringFrames, seq uint32) *rollback {
	rb := &rollback{saver: saver, every: every, saved: make([]savedState, slots),
		log: make([]command, 0, rollbackLogCap), scratch: make([]float32, 2*int(ringFrames)),
		seq: (seq + 1) &^ 1}
	for i := range rb.saved {
		rb.saved[i].params = make([]ParamValue, params)
	}
	return rb
}

// reset forgets the last note's states: a new note saves its first at its first frame.
func (rb *rollback) reset(pos uint64) {
	rb.n, rb.first, rb.next = 0, 0, pos
	rb.log = rb.log[:0]
}

// saveIfDue saves the runner's state when its render has reached the next saving frame.
func (r *runner) saveIfDue() {
	rb := r.rb
	if rb == nil || r.pos < rb.next {
		return
	}
	i := (rb.first + rb.n) % len(rb.saved)
	if rb.n == len(rb.saved) { // the oldest goes, and the changes only it could replay
		rb.first = (rb.first + 1) % len(rb.saved)
		rb.n--
		oldest := rb.saved[rb.first].frame
		k := 0
		for k < len(rb.log) && rb.log[k].frame < oldest {
			k++
		}
		rb.log = rb.log[:copy(rb.log, rb.log[k:])]
	}
	s := &rb.saved[i]
	s.frame, s.index, s.ctl, s.released = r.pos, r.ring.write, r.ctl, r.released
	s.quality, s.fill = r.ctx.quality, r.ctx.fill
	copy(s.params, r.ctx.params)
	rb.saver.SaveState(i)
	rb.n++
	rb.next = r.pos + rb.every
}

// untilSave bounds a chunk of n frames so that it ends where the next state is saved.
func (r *runner) untilSave(n int) int {
	if r.rb != nil && r.rb.next > r.pos && r.rb.next-r.pos < uint64(n) {
		return int(r.rb.next - r.pos)
	}
	return n
}

// logApplied remembers a change applied at the runner's frame, for replay after a restore.
func (r *runner) logApplied(c command) {
	rb := r.rb
	if rb == nil || rb.n == 0 {
		return
	}
	if len(rb.log) == cap(rb.log) { // a flood: give up these states rather than grow
		rb.reset(r.pos + rb.every)
		return
	}
	c.frame = r.pos
	rb.log = append(rb.log, c)
}

// rollBack applies c, due at a frame the runner has already rendered, at that frame (or
// the first after it the engine has not claimed) by rendering again. False when it cannot:
// no state saved early enough, or the engine has claimed everything written.
//
// The frames are rendered again into scratch first and only then copied into the ring
// under the rewrite handshake: the engine waits on an open rewrite for a copy of a few
// microseconds, never for rendering (which a GC pause may stretch to milliseconds).
func (r *runner) rollBack(c command) bool {
	rb := r.rb
	if rb == nil || rb.n == 0 || r.fadeLeft >= 0 || !r.sounding || rb.rewriting {
		return false
	}
	ahead := r.ring.write - r.claimed()
	if int32(ahead) <= 0 {
		return false
	}
	at := c.frame
	if first := r.pos - uint64(ahead); at < first {
		at = first
	}
	k := rb.latestAtOrBefore(at)
	if k < 0 {
		return false
	}
	end, endIndex := r.pos, r.ring.write
	rb.rewriting, rb.ended, rb.from, rb.end = true, false, endIndex-uint32(end-at), end
	r.restore(k)
	c.frame = at
	r.changes.add(c)
	r.renderFrames(int(end - r.pos))
	rb.rewriting = false
	r.publishRewrite(endIndex)
	rb.lastRollback = time.Now()
	r.finishIfDone()
	return true
}

// claimed is the first ring index the engine may not be reading: its claim, or its read
// index if that is further (a ring dropped at a note's end).
func (r *runner) claimed() uint32 {
	claim, read := load32(&r.slot.read_claim), load32(&r.slot.read_index)
	if int32(claim-read) < 0 {
		return read
	}
	return claim
}

// latestAtOrBefore is the position among the saved states of the newest one at or before
// `frame`; -1 if there is none. (restore then forgets the newer ones.)
func (rb *rollback) latestAtOrBefore(frame uint64) int {
	for i := rb.n - 1; i >= 0; i-- {
		if rb.saved[(rb.first+i)%len(rb.saved)].frame <= frame {
			return i
		}
	}
	return -1
}

// publishRewrite copies the frames rendered anew, from rb.from up to ring index end, into
// the ring through the rewrite handshake (govox_abi.h, "Rewrites"). Frames the engine has
// claimed meanwhile keep what they held: the copy starts after them.
func (r *runner) publishRewrite(end uint32) {
	rb := r.rb
	for try := 0; try < 2; try++ {
		from := rb.from
		if claim := r.claimed(); int32(claim-from) > 0 {
			from = claim
		}
		if int32(end-from) <= 0 {
			return // too late for all of it: the engine has claimed every frame
		}
		store32(&r.slot.rewrite_from, from)
		store32(&r.slot.rewrite_cursor, from)
		rb.seq++
		store32(&r.slot.rewrite_seq, rb.seq) // sequentially consistent, then the claim
		if int32(from-r.claimed()) < 0 {     // claimed meanwhile: close, and start after it
			rb.seq++
			store32(&r.slot.rewrite_seq, rb.seq)
			continue
		}
		r.copyScratch(from, end)
		store32(&r.slot.rewrite_cursor, end)
		rb.seq++
		store32(&r.slot.rewrite_seq, rb.seq)
		return
	}
}

// copyScratch copies ring indices [from, end) from scratch into the ring: at most two
// copies (before and after the ring's wrap).
func (r *runner) copyScratch(from, end uint32) {
	w, rb := &r.ring, r.rb
	src := rb.scratch[2*(from-rb.from) : 2*(end-rb.from)]
	at := 2 * (from & w.mask)
	n := copy(w.frames[at:], src)
	copy(w.frames, src[n:])
}

// restore goes back to saved state k (its position among those held); the changes applied
// since are queued again at their frames.
func (r *runner) restore(k int) {
	rb := r.rb
	i := (rb.first + k) % len(rb.saved)
	s := &rb.saved[i]
	r.pos, r.ring.write, r.ctl, r.released = s.frame, s.index, s.ctl, s.released
	r.ctx.quality, r.ctx.fill = s.quality, s.fill
	copy(r.ctx.params, s.params)
	rb.saver.RestoreState(i)
	cut := len(rb.log)
	for cut > 0 && rb.log[cut-1].frame >= s.frame {
		cut--
	}
	for _, c := range rb.log[cut:] {
		r.changes.add(c)
	}
	rb.log = rb.log[:cut]
	rb.n = k + 1
	rb.next = s.frame + rb.every
}

// writeRewritten keeps a chunk rendered anew in scratch; frames before rb.from are the same
// as before and are not kept.
func (r *runner) writeRewritten(left, right []float32) {
	w, from := &r.ring, r.rb.from
	for i := range left {
		index := w.write + uint32(i)
		if int32(index-from) < 0 {
			continue
		}
		at := 2 * (index - from)
		r.rb.scratch[at], r.rb.scratch[at+1] = left[i], right[i]
	}
	w.write += uint32(len(left))
}
