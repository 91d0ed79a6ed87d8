package sdk

// A runner's timeline: what happens to a sounding note at an engine frame (its release, a
// bend, the mod wheel, a parameter) waits here until the note's render reaches that frame,
// and the render is split there. Live and offline alike, a change lands on its frame,
// not on a chunk boundary. An event for a frame already rendered (it came later than the
// ring is deep) is applied at its frame by rendering again (rollback.go); when that cannot
// be done it takes effect at the next frame rendered.
type timeline struct {
	cmds []command // by frame; equal frames in arrival order
}

// timelineCap is how many changes a note holds before the oldest is applied early. Live
// events arrive in frame order a host buffer ahead, so a handful are ever waiting.
const timelineCap = 256

func newTimeline() timeline { return timeline{cmds: make([]command, 0, timelineCap)} }

// add inserts c after every change at its frame or before.
func (t *timeline) add(c command) {
	i := len(t.cmds)
	for i > 0 && t.cmds[i-1].frame > c.frame {
		i--
	}
	t.cmds = append(t.cmds, command{})
	copy(t.cmds[i+1:], t.cmds[i:])
	t.cmds[i] = c
}

// next is the frame of the earliest waiting change.
func (t *timeline) next() (uint64, bool) {
	if len(t.cmds) == 0 {
		return 0, false
	}
	return t.cmds[0].frame, true
}

// take removes and returns the earliest change if it is due at `pos`.
func (t *timeline) take(pos uint64) (command, bool) {
	if len(t.cmds) == 0 || t.cmds[0].frame > pos {
		return command{}, false
	}
	c := t.cmds[0]
	copy(t.cmds, t.cmds[1:])
	t.cmds = t.cmds[:len(t.cmds)-1]
	return c, true
}

func (t *timeline) full() bool { return len(t.cmds) >= timelineCap }

func (t *timeline) clear() { t.cmds = t.cmds[:0] }

// schedule applies c now if its frame has come, or keeps it for its frame.
func (r *runner) schedule(c command) {
	if c.frame < r.pos && r.sounding && r.rollBack(c) {
		return
	}
	if c.frame <= r.pos || !r.sounding {
		r.apply(c)
		return
	}
	if r.changes.full() { // never grows past its size: the oldest goes early
		early, _ := r.changes.take(^uint64(0))
		r.apply(early)
	}
	r.changes.add(c)
}

// applyDue applies every change whose frame the render has reached.
func (r *runner) applyDue() {
	for {
		c, ok := r.changes.take(r.pos)
		if !ok {
			return
		}
		r.apply(c)
	}
}

// untilNext bounds a chunk of n frames so that it ends at the next change's frame.
func (r *runner) untilNext(n int) int {
	if at, ok := r.changes.next(); ok && at > r.pos && at-r.pos < uint64(n) {
		return int(at - r.pos)
	}
	return n
}

func (r *runner) apply(c command) {
	if r.sounding {
		r.logApplied(c)
	}
	switch c.kind {
	case cmdRelease:
		r.release()
	case cmdBend:
		r.ctl.bend = c.bend
	case cmdMod:
		r.ctl.mod = c.value
	case cmdParam:
		if c.param >= 0 && c.param < len(r.ctx.params) {
			r.setParam(&r.ctx.params[c.param], c.value)
		}
	}
}

// setParam moves a parameter's target, telling a ParamListener voice when it moved.
func (r *runner) setParam(p *ParamValue, v float32) {
	before := p.target
	p.set(v)
	if r.listener != nil && p.target != before {
		r.paramChanged(p)
	}
}
