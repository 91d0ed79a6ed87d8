package sdk

import (
	"errors"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// hangVoice plays a constant and, in one slot, never returns from one method until the
// test ends: a stuck voice that waits on a channel rather than spinning a core.
type hangVoice struct {
	ctx  *Context
	plan *hangPlan
	held bool
}

type hangPlan struct {
	in      callKind // the method that hangs
	slot    int      // in this slot only
	release chan struct{}
}

func (v *hangVoice) hangIn(k callKind) {
	if v.plan.in == k && v.ctx.Slot == v.plan.slot {
		<-v.plan.release
	}
}

func (v *hangVoice) NoteOn(note int, velocity float32) { v.held = true; v.hangIn(callNoteOn) }
func (v *hangVoice) NoteOff()                          { v.held = false; v.hangIn(callNoteOff) }
func (v *hangVoice) Done() bool                        { return !v.held }
func (v *hangVoice) ParamChanged(p *ParamValue)        { v.hangIn(callParamChanged) }
func (v *hangVoice) Render(out []float32) {
	v.hangIn(callRender)
	for i := range out {
		out[i] = 0.25
	}
}

func hangInstrument(plan *hangPlan) Instrument {
	return Instrument{
		Name:   "hang",
		Params: []Param{{Name: "Hang", Min: 0, Max: 1}},
		New:    func(ctx *Context) Voice { return &hangVoice{ctx: ctx, plan: plan} },
	}
}

// startHanging runs a host of hang voices whose slot `slot` hangs in method `in`.
func startHanging(t *testing.T, in callKind, slot int, lockstep bool) *hostRig {
	plan := &hangPlan{in: in, slot: slot, release: make(chan struct{})}
	rig := startRig(t, hangInstrument(plan), 4, lockstep)
	// Cleanups run last first: the voice returns, then the rig stops the host.
	t.Cleanup(func() { close(plan.release) })
	return rig
}

// waitStuck waits for the host to give up on a stuck voice and returns the exit status
// it asked for and the region's message. Live, it reads the rings as the engine would,
// so that the voices keep rendering (and reading their parameters).
func (rig *hostRig) waitStuck() (int, string) {
	rig.t.Helper()
	deadline := time.After(3 * time.Second)
	for {
		select {
		case code := <-rig.exits: // the message was written before exit was called
			return code, goString(rig.tr.r)
		case <-deadline:
			rig.t.Fatal("no stuck voice was reported within 3 s")
		case <-time.After(time.Millisecond):
			if rig.h.lockstep {
				continue
			}
			for v := range rig.tr.r.slots {
				rig.tr.readFrames(v, 1<<20)
			}
		}
	}
}

var stuckMessage = regexp.MustCompile(
	`^slot (\d+) has been inside (\w+) for ([0-9.]+m?s): an endless loop\? Govox ended this voice host$`)

// checkStuckMessage checks that msg names the slot and the call, and a time past stuckAfter.
func checkStuckMessage(t *testing.T, msg string, slot int, call string) {
	t.Helper()
	m := stuckMessage.FindStringSubmatch(msg)
	if m == nil {
		t.Fatalf("the message %q is not of the stuck form", msg)
	}
	if m[1] != strconv.Itoa(slot) || m[2] != call {
		t.Fatalf("the message %q names slot %s and %s, want slot %d and %s", msg, m[1], m[2], slot, call)
	}
	if d, err := time.ParseDuration(m[3]); err != nil || d < stuckAfter {
		t.Fatalf("the message %q gives a time under %v (%v)", msg, stuckAfter, err)
	}
}

// Whatever the call, live or offline: the host names the slot and the call and ends itself
// with exitStuck. Slot 2 hangs; slots 0 and 1 get the same calls and return.
func TestAVoiceStuckInAnyCallEndsTheHostNamingSlotAndCall(t *testing.T) {
	for _, mode := range []struct {
		name     string
		lockstep bool
	}{{"Lockstep", true}, {"Live", false}} {
		for _, k := range []callKind{callNoteOn, callNoteOff, callParamChanged, callRender} {
			k, lockstep := k, mode.lockstep
			t.Run(mode.name+"/"+callNames[k], func(t *testing.T) {
				rig := startHanging(t, k, 2, lockstep)
				for _, note := range []uint8{50, 52, 60} {
					rig.tr.push(noteOnEvent(0, note, 100))
				}
				switch k {
				case callNoteOff:
					rig.tr.push(noteOffEvent(64, 60))
				case callParamChanged:
					change := noteOnEvent(64, 0, 0)
					change._type = cUint(eventParamChange)
					change.param_value = cFloat(1)
					rig.tr.push(change)
				}
				if lockstep {
					rig.ask(128)
				}
				code, msg := rig.waitStuck()
				if code != exitStuck {
					t.Errorf("exit status %d, want %d", code, exitStuck)
				}
				checkStuckMessage(t, msg, 2, callNames[k])
			})
		}
	}
}

// The real thing, in a process of its own (this test binary run again): an offline
// render whose event loop hangs in NoteOn ends the process with exitStuck, the message
// on its stderr, instead of waiting forever.
func TestAStuckHostEndsItsProcess(t *testing.T) {
	if os.Getenv("GOVOX_SDK_STUCK_CHILD") != "" {
		plan := &hangPlan{in: callNoteOn, slot: 0, release: make(chan struct{})} // never released
		rig := startRigExiting(t, hangInstrument(plan), 2, true, true)
		rig.tr.push(noteOnEvent(0, 60, 100))
		rig.ask(128)
		select {
		case <-rig.done:
			t.Fatal("the host returned")
		case <-time.After(5 * time.Second):
			t.Fatal("the process was not ended within 5 s")
		}
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestAStuckHostEndsItsProcess$")
	cmd.Env = append(os.Environ(), "GOVOX_SDK_STUCK_CHILD=1")
	var stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	began := time.Now()
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != exitStuck {
		t.Fatalf("the process ended with %v after %v, want status %d; its output:\n%s",
			err, time.Since(began), exitStuck, stderr.String())
	}
	if !strings.Contains(stderr.String(), "govox sdk: slot 0 has been inside NoteOn for ") {
		t.Fatalf("no stuck message on stderr:\n%s", stderr.String())
	}
}

// slowVoice takes 200 ms over its first NoteOn: slow, but not stuck.
type slowVoice struct {
	held  bool
	slept bool
}

func (v *slowVoice) NoteOn(note int, velocity float32) {
	if !v.slept {
		v.slept = true
		time.Sleep(200 * time.Millisecond)
	}
	v.held = true
}
func (v *slowVoice) NoteOff()   { v.held = false }
func (v *slowVoice) Done() bool { return !v.held }
func (v *slowVoice) Render(out []float32) {
	for i := range out {
		out[i] = 0.25
	}
}

// A call that returns is no longer tracked: the stats goroutine checks the voice well
// past stuckAfter after its slow NoteOn and its renders, and lets it be.
func TestAVoiceThatTookLongOnceIsNotStuck(t *testing.T) {
	rig := startLockstep(t, Instrument{Name: "slow", New: func(*Context) Voice { return &slowVoice{} }}, 2)
	rig.tr.push(noteOnEvent(0, 60, 100))
	rig.block(128)
	if k := rig.h.runners[0].callKind.Load(); k != int32(callNone) {
		t.Fatalf("between blocks the runner is still marked inside %s", callNames[k])
	}
	// The stats goroutine checks before each beat: a beat stamped this late comes after
	// a check that would have found the last call, had it still been marked.
	late := uint64(monotonicNow() + int64(stuckAfter+100*time.Millisecond))
	deadline := time.Now().Add(3 * time.Second)
	for load64(&rig.tr.r.stats.heartbeat_ns) < late {
		select {
		case code := <-rig.exits:
			t.Fatalf("the host gave up on a voice that returned (status %d): %q", code, goString(rig.tr.r))
		case <-time.After(5 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("the heartbeat did not go on")
		}
	}
	select {
	case code := <-rig.exits:
		t.Fatalf("the host gave up on a voice that returned (status %d): %q", code, goString(rig.tr.r))
	default:
	}
	rig.block(128) // and it plays on
	if len(rig.out[0]) != 256 || rig.out[0][255] != 0.25 {
		t.Fatalf("the slow voice did not play on after its slow NoteOn")
	}
}

// The check itself: the slot and the name of the call the voice is inside, the render
// method by the name the voice has, and nothing for a call under stuckAfter or none.
func TestStuckCallNamesTheSlotAndTheMethod(t *testing.T) {
	now := time.Now()
	mark := func(r *runner, k callKind, ago time.Duration) {
		r.enter(k, now.Add(-ago))
		if k == callNone {
			r.leave()
		}
	}
	h := &host{}
	for i, name := range []string{"Render", "RenderStereo", "Process"} {
		h.runners = append(h.runners, &runner{index: i, renderName: name})
	}
	mark(h.runners[0], callNone, time.Hour) // an old call that returned
	mark(h.runners[1], callDone, stuckAfter/2)
	mark(h.runners[2], callRender, stuckAfter+time.Millisecond)
	if slot, call, d := h.stuckCall(now); slot != 2 || call != "Process" || d != stuckAfter+time.Millisecond {
		t.Fatalf("stuckCall: slot %d, %q, %v; want slot 2, Process, %v", slot, call, d, stuckAfter+time.Millisecond)
	}
	h.runners[2].leave()
	if slot, _, _ := h.stuckCall(now); slot != -1 {
		t.Fatalf("stuckCall found slot %d, but no call is older than %v", slot, stuckAfter)
	}
	mark(h.runners[1], callResume, time.Second)
	if slot, call, _ := h.stuckCall(now); slot != 1 || call != "Resume" {
		t.Fatalf("stuckCall: slot %d, %q; want slot 1, Resume", slot, call)
	}
}

func TestRendererOfNamesTheRenderMethod(t *testing.T) {
	for _, c := range []struct {
		v    Voice
		want string
	}{{&monoVoice{}, "Render"}, {&stereoVoice{}, "RenderStereo"}, {&processVoice{}, "Process"}} {
		if _, name, err := rendererOf(c.v); err != nil || name != c.want {
			t.Errorf("%T: %q (%v), want %q", c.v, name, err, c.want)
		}
	}
}

// bareVoice is a Voice with no render method, for the three kinds below.
type bareVoice struct{}

func (bareVoice) NoteOn(int, float32) {}
func (bareVoice) NoteOff()            {}
func (bareVoice) Done() bool          { return true }

type monoVoice struct{ bareVoice }
type stereoVoice struct{ bareVoice }
type processVoice struct{ bareVoice }

func (monoVoice) Render([]float32)                     {}
func (stereoVoice) RenderStereo(left, right []float32) {}
func (processVoice) Process(n int) []float32           { return nil }
