package sdk

import (
	"fmt"
	"os"
	"time"
)

// callKind names the voice method a runner is inside, for the stuck-voice check. Every
// call into voice code but New is tracked: a voice that never returns from any of them
// hangs an offline render for good, and live silences its note without a word.
type callKind int32

const (
	callNone callKind = iota
	callNoteOn
	callNoteOff
	callDone
	callRender // Render, RenderStereo or Process: whichever the voice has
	callResume
	callParamChanged
	callEnded
)

var callNames = [...]string{"none", "NoteOn", "NoteOff", "Done", "Render", "Resume", "ParamChanged", "Ended"}

// clockBase anchors the call timestamps: time.Since reads the monotonic clock through the
// vDSO, cheaper than the clock_gettime syscall of monotonicNow, and never allocates.
var clockBase = time.Now()

func sinceBase(t time.Time) int64 { return int64(t.Sub(clockBase)) }

// enter marks the runner as inside voice method k from `at` on. The start is stored
// before the kind, so a checker that sees the kind sees its start too; leave clears the
// kind only. Two atomic stores per call: cheap enough for every Done and every chunk.
func (r *runner) enter(k callKind, at time.Time) {
	r.callStart.Store(sinceBase(at))
	r.callKind.Store(int32(k))
}

func (r *runner) leave() { r.callKind.Store(int32(callNone)) }

// The tracked calls into the voice, each wrapped in enter and leave. A voice that panics
// ends the process, so none needs a defer.

func (r *runner) noteOn(note int, velocity float32) {
	r.enter(callNoteOn, time.Now())
	r.voice.NoteOn(note, velocity)
	r.leave()
}

func (r *runner) noteOff() {
	r.enter(callNoteOff, time.Now())
	r.voice.NoteOff()
	r.leave()
}

func (r *runner) done() bool {
	r.enter(callDone, time.Now())
	d := r.voice.Done()
	r.leave()
	return d
}

// ended asks an Ender voice whether its note has ended by itself (false for others).
func (r *runner) ended() bool {
	if r.ender == nil {
		return false
	}
	r.enter(callEnded, time.Now())
	e := r.ender.Ended()
	r.leave()
	return e
}

func (r *runner) resume(res Resumer, frames int) {
	r.enter(callResume, time.Now())
	res.Resume(frames)
	r.leave()
}

func (r *runner) paramChanged(p *ParamValue) {
	r.enter(callParamChanged, time.Now())
	r.listener.ParamChanged(p)
	r.leave()
}

// render is one chunk through draw, begun at `began` (the caller times it for the stats).
func (r *runner) render(left, right []float32, began time.Time) {
	r.enter(callRender, began)
	r.draw(left, right)
	r.leave()
}

// callName is what the stuck message calls method k: the render method the voice
// actually has, so its author finds it.
func (r *runner) callName(k callKind) string {
	if k == callRender {
		return r.renderName
	}
	if k > callNone && int(k) < len(callNames) {
		return callNames[k]
	}
	return fmt.Sprintf("call %d", k)
}

// stuckAfter is how long a voice may stay inside one call before the host gives up on it.
const stuckAfter = 300 * time.Millisecond

// exitStuck is the host process's exit status when it ends itself over a stuck voice:
// EX_SOFTWARE of sysexits.h, distinct from the 2 of a Go panic or fatal error and the 1
// of log.Fatal or a voice's usual os.Exit, so the host's status alone says what happened.
const exitStuck = 70

// stuckCall reports a runner that has been inside one voice call for longer than
// stuckAfter at `now`: its slot, which call and for how long; slot -1 if none is.
func (h *host) stuckCall(now time.Time) (slot int, call string, d time.Duration) {
	at := sinceBase(now)
	for _, r := range h.runners {
		k := callKind(r.callKind.Load())
		if k == callNone {
			continue
		}
		// Loaded after the kind: if the call ended and another began in between, this
		// is the newer start, so a call is never judged by an older one's start.
		if d := time.Duration(at - r.callStart.Load()); d > stuckAfter {
			return r.index, r.callName(k), d
		}
	}
	return -1, "", 0
}

// endStuck tells the engine and the terminal which voice hung in which call, then ends
// the host process at once: the engine notices the exit within a few milliseconds and
// shows the region's message, where a frozen heartbeat took another 500 ms of its
// watchdog, and an offline render (whose event loop is the stuck goroutine) would wait
// forever on a host whose heartbeat goroutine beat on.
func (h *host) endStuck(slot int, call string, d time.Duration) {
	msg := fmt.Sprintf("slot %d has been inside %s for %v: an endless loop? Govox ended this voice host",
		slot, call, d.Round(time.Millisecond))
	h.region.setMessage(msg)
	fmt.Fprintln(os.Stderr, "govox sdk:", msg)
	h.exit(exitStuck)
}
