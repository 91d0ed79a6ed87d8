package sdk

import (
	"math"
	"sync/atomic"
	"time"
)

// runner drives one voice slot: it owns the Voice made for that slot, renders it into
// the slot's ring and follows the slot protocol of govox_abi.h. Live, a goroutine of its
// own drives it (loop); in lockstep the host's event loop calls it directly. Either way
// one goroutine at a time touches it.
type runner struct {
	h     *host
	index int
	slot  *cVoiceSlot
	voice Voice
	ctx   *Context
	draw  renderFunc
	ring  ringWriter
	left  []float32
	right []float32

	renderName string        // the method draw calls, for the stuck message
	listener   ParamListener // the voice as a ParamListener, nil if it is none (asserted once)
	ender      Ender         // the voice as an Ender, nil if it is none

	ctl         controllers // what this voice hears of the wheels, as of r.pos
	changes     timeline    // releases and controller and parameter changes to come
	startParams []float32   // the host's parameter values, written before each cmdStart

	sounding   bool
	released   bool
	fadeLeft   int // frames of steal fade still to render; -1 when not stolen
	fadeTotal  int
	pos        uint64    // engine frame of the next frame written
	ramp       int       // live: most frames the next top-up renders
	chunkCap   int       // live: most frames one chunk renders now (chunkLimit), 0: no cap
	nsPerFrame float64   // live: recent render time per frame, wall clock (0: none yet)
	rb         *rollback // live: saved states to render again from (rollback.go); nil without
	fresh      func()    // puts the voice back as New made it (freshStart); nil if it cannot
	played     bool      // the voice has played a note: the next starts with fresh()

	cmds chan command
	// The voice call in progress, for the stats goroutine's stuck check (calls.go):
	// its callKind, callNone outside any, and when it began (ns since clockBase).
	callKind  atomic.Int32
	callStart atomic.Int64
}

type commandKind int

const (
	cmdStart   commandKind = iota
	cmdRelease             // at frame
	cmdSteal               // at once
	cmdBend                // at frame: bend
	cmdMod                 // at frame: value
	cmdParam               // at frame: param, value
	cmdReplay              // at frame: changes nothing; CheckRollback rolls back with it
)

type command struct {
	kind     commandKind
	frame    uint64 // the engine frame it takes effect at
	note     int
	velocity float32
	channel  uint8
	resume   int     // frames the note has already sounded in an older build
	bend     int32   // cmdBend; cmdStart: the wheel as the note starts
	value    float32 // cmdMod, cmdParam; cmdStart: the mod wheel as the note starts
	param    int     // cmdParam
}

func newRunner(h *host, index int) (*runner, error) {
	r := &runner{
		h:           h,
		index:       index,
		slot:        &h.region.slots[index],
		ring:        newRingWriter(h.region, index),
		left:        make([]float32, h.inst.ChunkFrames),
		right:       make([]float32, h.inst.ChunkFrames),
		ctl:         h.ctl,
		changes:     newTimeline(),
		startParams: make([]float32, len(h.inst.Params)),
		fadeLeft:    -1,
		cmds:        make(chan command, timelineCap),
	}
	ctx := newContext(&h.inst, h.region.sampleRate, index, &r.ctl)
	ctx.priority = u32(&r.slot.priority)
	every, slots := rollbackPlan(h.region.ringFrames, h.region.maxBlock)
	if h.lockstep { // offline every change arrives before its frame: nothing to undo
		slots = 0
	}
	ctx.snapshotSlots = slots + 1 // the last keeps the voice as New made it (freshStart)
	v := h.inst.New(ctx)
	if v == nil {
		return nil, errorf("New returned a nil voice")
	}
	draw, name, err := rendererOf(v)
	if err != nil {
		return nil, err
	}
	r.listener, _ = v.(ParamListener)
	r.ender, _ = v.(Ender)
	r.voice, r.ctx, r.draw, r.renderName = v, ctx, draw, name
	saver, why := saverFor(v, slots+1)
	r.fresh = freshStart(v, saver, slots)
	if !h.lockstep {
		saver, h.rollback, h.rollbackWhy = rollbackFor(saver, why)
		if saver != nil {
			r.rb = newRollback(saver, every, slots, len(ctx.params), h.region.ringFrames,
				load32(&r.slot.rewrite_seq))
		}
	}
	return r, nil
}

// start claims the slot for a note that plays from engine frame r.pos and writes `pad`
// frames of silence (lockstep aligns a note to its frame that way). The first audible
// frames follow via renderFrames.
func (r *runner) start(c command, pad int) bool {
	if !cas32(&r.slot.state, stateFree, stateStarting) {
		return false
	}
	r.ring.resync()
	store64(&r.slot.start_frame, r.pos)
	store32(&r.slot.priority, uint32(r.h.inst.Priority))
	store32(&r.slot.note, uint32(c.note))
	store32(&r.slot.velocity, uint32(c.velocity*127+0.5))
	store32(&r.slot.channel, uint32(c.channel))
	store32(&r.slot.gain_bits, math.Float32bits(1))
	store32(&r.slot.pan_bits, math.Float32bits(0))
	r.sounding, r.released, r.fadeLeft = true, false, -1
	r.changes.clear()
	if r.rb != nil {
		r.rb.reset(r.pos)
	}
	r.ctl.bend, r.ctl.mod = c.bend, c.value
	for i := range r.ctx.params {
		r.setParam(&r.ctx.params[i], r.startParams[i])
		r.ctx.params[i].snap()
	}
	if r.played && r.fresh != nil {
		r.fresh()
	}
	r.played = true
	r.noteOn(c.note, c.velocity)
	if c.resume > 0 {
		r.fastForward(c.resume)
	}
	r.writeSilence(pad)
	return true
}

// maxFastForward bounds the silent render of a resumed note: enough for any attack and
// decay, short enough that a reload stays quick.
const maxFastForwardSeconds = 3

// fastForward brings a resumed note to where it was in the old build. Each silent chunk
// is a Render call of its own for the stuck check.
func (r *runner) fastForward(frames int) {
	if res, ok := r.voice.(Resumer); ok {
		r.resume(res, frames)
		return
	}
	if limit := int(maxFastForwardSeconds * r.h.region.sampleRate); frames > limit {
		frames = limit
	}
	for frames > 0 {
		k := frames
		if k > len(r.left) {
			k = len(r.left)
		}
		r.render(r.left[:k], r.right[:k], time.Now())
		frames -= k
	}
}

// activate publishes the first block: from now on the engine plays the voice.
func (r *runner) activate() { cas32(&r.slot.state, stateStarting, stateActive) }

func (r *runner) release() {
	if !r.sounding || r.released {
		return
	}
	r.released = true
	r.noteOff()
	cas32(&r.slot.state, stateActive, stateReleasing)
}

// steal fades the voice out within 5 ms: the pool needs its place for a new note.
func (r *runner) steal() {
	if !r.sounding || r.fadeLeft >= 0 {
		return
	}
	r.fadeTotal = int(0.005 * r.h.region.sampleRate)
	r.fadeLeft = r.fadeTotal
	r.release()
}

func (r *runner) handle(c command, pad int) {
	switch c.kind {
	case cmdStart:
		r.pos = c.frame
		if r.start(c, pad) {
			// A note that waited for a slot, or reached us late, keeps its frame in
			// start_frame (the engine plays it at once and counts it late); its own
			// timeline starts where the engine is.
			if now := load64(&r.h.region.header.engine_frame); r.pos < now {
				r.pos = now
			}
			r.renderFrames(int(r.h.region.maxBlock)) // a first block at once: low latency
			r.activate()
		} else {
			r.h.report(r.index)
		}
	case cmdSteal:
		r.steal()
	default:
		r.schedule(c)
	}
}

// renderFrames renders and writes n frames (no more than the ring has room for), in
// chunks, and finishes the voice when it has fallen silent.
func (r *runner) renderFrames(n int) {
	rewriting := r.rb != nil && r.rb.rewriting
	for n > 0 && r.sounding {
		r.saveIfDue()
		r.applyDue()
		k := r.untilSave(r.untilNext(n))
		if k > len(r.left) {
			k = len(r.left)
		}
		if r.chunkCap > 0 && k > r.chunkCap {
			k = r.chunkCap
		}
		room := int(r.ring.space())
		if rewriting { // frames already written, up to where the render had got
			room = int(r.rb.end - r.pos)
		}
		if k > room {
			k = room
		}
		if k == 0 {
			return
		}
		if rewriting && r.rb.ended { // the note ended inside the rewrite: silence to its end
			clear32(r.left[:k])
			clear32(r.right[:k])
		} else {
			r.renderChunk(r.left[:k], r.right[:k])
		}
		if rewriting {
			r.writeRewritten(r.left[:k], r.right[:k])
			r.rb.ended = r.rb.ended || (r.released && r.done()) || r.fadeLeft == 0 || r.ended()
		} else {
			r.ring.writeStereo(r.left[:k], r.right[:k])
		}
		r.pos += uint64(k)
		n -= k
		if !rewriting { // a rewrite finishes the note, if it ended, once it is closed
			r.finishIfDone()
		}
	}
}

func (r *runner) renderChunk(left, right []float32) {
	began := time.Now()
	r.render(left, right, began)
	took := time.Since(began)
	r.h.countRender(took, len(left))
	if perFrame := float64(took) / float64(len(left)); r.nsPerFrame == 0 {
		r.nsPerFrame = perFrame
	} else { // a short memory: a busy machine shows within a few chunks, and passes
		r.nsPerFrame += 0.25 * (perFrame - r.nsPerFrame)
	}
	if r.fadeLeft >= 0 { // stolen: a linear fade to silence
		for i := range left {
			g := float32(0)
			if r.fadeLeft > 0 {
				g = float32(r.fadeLeft) / float32(r.fadeTotal)
				r.fadeLeft--
			}
			left[i] *= g
			right[i] *= g
		}
	}
}

func clear32(x []float32) {
	for i := range x {
		x[i] = 0
	}
}

func (r *runner) writeSilence(n int) {
	for n > 0 {
		k := n
		if k > len(r.left) {
			k = len(r.left)
		}
		for i := 0; i < k; i++ {
			r.left[i], r.right[i] = 0, 0
		}
		r.ring.writeStereo(r.left[:k], r.right[:k])
		r.pos += uint64(k)
		n -= k
	}
}

// finishIfDone hands the slot back once the voice is silent: released and Done, stolen
// and faded, or ended by itself (Ender).
func (r *runner) finishIfDone() {
	done := (r.released && r.done()) || r.fadeLeft == 0 || r.ended()
	if !done {
		return
	}
	if cas32(&r.slot.state, stateReleasing, stateFinished) ||
		cas32(&r.slot.state, stateActive, stateFinished) ||
		cas32(&r.slot.state, stateStarting, stateFinished) {
		r.stop()
	}
}

// answerStop acknowledges the engine's request to stop (it faded the voice out).
func (r *runner) answerStop() bool {
	if load32(&r.slot.state) != stateStopRequested {
		return false
	}
	cas32(&r.slot.state, stateStopRequested, stateFinished)
	r.stop()
	return true
}

func (r *runner) stop() {
	r.sounding = false
	r.fadeLeft = -1
	r.changes.clear()
	r.h.report(r.index)
}
