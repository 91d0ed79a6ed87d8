package sdk

import (
	"math"
	"testing"
	"time"
)

// probeVoice outputs its note number / 128 while held and ramps to silence over 100
// samples after NoteOff, recording when things happened, so tests can check timing.
type probeVoice struct {
	ctx       *Context
	note      int
	level     float32
	held      bool
	rendered  int // samples since NoteOn
	noteOffAt int // rendered count at NoteOff, -1 before
	lastBend  float64
	lastMod   float32
	gain      *ParamValue
}

func b2f(b bool) float32 {
	if b {
		return 1
	}
	return 0
}

func (p *probeVoice) NoteOn(note int, velocity float32) {
	p.note, p.level, p.held, p.rendered, p.noteOffAt = note, 1, true, 0, -1
}
func (p *probeVoice) NoteOff()   { p.held, p.noteOffAt = false, p.rendered }
func (p *probeVoice) Done() bool { return !p.held && p.level <= 0 }
func (p *probeVoice) Render(out []float32) {
	p.lastBend, p.lastMod = p.ctx.PitchBend(), p.ctx.ModWheel()
	for i := range out {
		if !p.held && p.level > 0 {
			p.level -= 0.01
			if p.level < 0 {
				p.level = 0
			}
		}
		out[i] = float32(p.note) / 128 * p.level * p.gain.Value()
		p.rendered++
	}
}

var probes []*probeVoice

func probeInstrument(polyphony int) Instrument {
	probes = nil
	return Instrument{
		Name:      "probe",
		Params:    []Param{{Name: "Gain", Min: 0, Max: 2, Default: 1}},
		Polyphony: polyphony,
		New: func(ctx *Context) Voice {
			v := &probeVoice{ctx: ctx, gain: ctx.Param("gain")}
			probes = append(probes, v)
			return v
		},
	}
}

// hostRig runs the SDK's host on a test region and plays the engine: in lockstep
// (startLockstep), or live (startLive), where the host's own goroutines drive the voices.
type hostRig struct {
	t     *testing.T
	tr    *testRegion
	h     *host
	done  chan int
	exits chan int // what the host passed to exit: it ends the process outside tests
	frame uint64
	out   [][]float32 // per voice, every frame the "engine" read
}

func startLockstep(t *testing.T, inst Instrument, voices uint32) *hostRig {
	return startRig(t, inst, voices, true)
}

func startLive(t *testing.T, inst Instrument, voices uint32) *hostRig {
	return startRig(t, inst, voices, false)
}

func startRig(t *testing.T, inst Instrument, voices uint32, lockstep bool) *hostRig {
	return startRigExiting(t, inst, voices, lockstep, false)
}

// startRigExiting is startRig; with realExit the host ends the test process itself when
// a voice is stuck, as it would end the voice host (see TestAStuckHostEndsItsProcess).
func startRigExiting(t *testing.T, inst Instrument, voices uint32, lockstep, realExit bool) *hostRig {
	registryMu.Lock()
	registered = []Instrument{inst}
	registryMu.Unlock()
	rig := &hostRig{t: t, tr: newTestRegion(t, voices, 1024, 128, lockstep), done: make(chan int, 1),
		exits: make(chan int, 1), out: make([][]float32, voices)}
	go func() {
		h, code := openHost(rig.tr.base, rig.tr.size)
		if h == nil {
			rig.done <- code
			return
		}
		if !realExit {
			h.exit = func(code int) { rig.exits <- code }
		}
		rig.h = h // read by the test once it has seen host_state READY, which run stores
		rig.done <- h.run()
	}()
	deadline := time.Now().Add(5 * time.Second)
	for load32(&rig.tr.r.header.host_state) != hostReady {
		if time.Now().After(deadline) {
			t.Fatalf("host not ready: %q", goString(rig.tr.r))
		}
		time.Sleep(time.Millisecond)
	}
	t.Cleanup(rig.stop)
	return rig
}

func goString(r *region) string {
	b := make([]byte, 0, 64)
	for i := 0; i < messageLen && r.header.message[i] != 0; i++ {
		b = append(b, byte(r.header.message[i]))
	}
	return string(b)
}

func (rig *hostRig) stop() {
	store32(&rig.tr.r.header.shutdown_requested, 1)
	store32(&rig.tr.r.header.wake_word, load32(&rig.tr.r.header.wake_word)+1)
	select {
	case <-rig.done:
	case <-time.After(5 * time.Second):
		rig.t.Error("host did not stop")
	}
}

// block asks for the next n frames, waits for them and consumes them as the engine does
// (a FINISHED voice whose ring is empty becomes FREE).
func (rig *hostRig) block(n uint64) {
	rig.t.Helper()
	h := rig.tr.r.header
	rig.ask(n)
	deadline := time.Now().Add(5 * time.Second)
	for load64(&h.lockstep_done_frame) < rig.frame {
		if time.Now().After(deadline) {
			rig.t.Fatalf("host did not render up to frame %d", rig.frame)
		}
		time.Sleep(50 * time.Microsecond)
	}
	for v := range rig.tr.r.slots {
		s := &rig.tr.r.slots[v]
		st := load32(&s.state)
		if st == stateActive || st == stateReleasing || st == stateFinished {
			rig.out[v] = append(rig.out[v], rig.tr.readFrames(v, int(n))...)
			if st == stateFinished && load32(&s.write_index) == load32(&s.read_index) {
				store32(&s.state, stateFree)
			}
		}
	}
}

// ask asks for the next n frames without waiting for them.
func (rig *hostRig) ask(n uint64) {
	h := rig.tr.r.header
	rig.frame += n
	store64(&h.lockstep_frame, rig.frame)
	store32(&h.wake_word, load32(&h.wake_word)+1)
}

func TestLockstepPlacesNotesAndReleasesOnTheirFrames(t *testing.T) {
	rig := startLockstep(t, probeInstrument(4), 4)
	rig.tr.push(noteOnEvent(10, 64, 100))
	rig.block(128)
	got := rig.out[0]
	if len(got) != 128 {
		t.Fatalf("the voice wrote %d frames in its first block, want 128", len(got))
	}
	for i, v := range got { // the engine reads from the block start: silence up to frame 10
		if want := float32(0.5) * b2f(i >= 10); v != want {
			t.Fatalf("frame %d is %v, want %v", i, v, want)
		}
	}
	rig.tr.push(noteOffEvent(300, 64))
	rig.block(128)
	rig.block(128)
	if p := probes[0]; p.noteOffAt != 300-10 {
		t.Fatalf("NoteOff came after %d samples, want %d", p.noteOffAt, 300-10)
	}
	for i := 0; i < 4; i++ {
		rig.block(128)
	}
	if st := load32(&rig.tr.r.slots[0].state); st != stateFree {
		t.Fatalf("slot state %d after the release ended, want FREE", st)
	}
	// 10 silent, 290 held, 100 of release ramp, then silence to the end of its block.
	out := rig.out[0]
	if len(out) < 400 || out[299] != 0.5 || out[300] >= 0.5 || out[398] <= 0 {
		t.Fatalf("the release does not start at frame 300 and last 100 frames (%d frames)", len(out))
	}
	for i := 400; i < len(out); i++ {
		if out[i] != 0 {
			t.Fatalf("frame %d is %v after the release ended", i, out[i])
		}
	}
}

func TestSustainPedalHoldsReleasedNotes(t *testing.T) {
	rig := startLockstep(t, probeInstrument(4), 4)
	rig.tr.push(noteOnEvent(0, 60, 100))
	rig.tr.push(controlEvent(10, 64, 127))
	rig.tr.push(noteOffEvent(20, 60))
	rig.block(128)
	rig.block(128)
	if probes[0].noteOffAt >= 0 {
		t.Fatal("the voice was released while the sustain pedal was down")
	}
	rig.tr.push(controlEvent(300, 64, 0))
	rig.block(128)
	rig.block(128)
	if probes[0].noteOffAt != 300 {
		t.Fatalf("released at %d, want at the pedal's release (300)", probes[0].noteOffAt)
	}
}

func TestPitchBendAndModWheelReachTheVoices(t *testing.T) {
	rig := startLockstep(t, probeInstrument(4), 4)
	rig.tr.push(noteOnEvent(0, 60, 100))
	bend := noteOnEvent(0, 0, 0)
	bend._type = cUint(eventPitchBend)
	bend.bend = cInt(8191)
	rig.tr.push(bend)
	rig.tr.push(controlEvent(0, 1, 127))
	rig.block(128)
	rig.block(128)
	if b := probes[0].lastBend; math.Abs(b-2) > 0.001 {
		t.Errorf("pitch bend %.4f semitones at full deflection, want 2", b)
	}
	if m := probes[0].lastMod; m != 1 {
		t.Errorf("mod wheel %v, want 1", m)
	}
}

func TestStealingTakesTheOldestAndFadesItWithin5ms(t *testing.T) {
	rig := startLockstep(t, probeInstrument(2), 4)
	rig.tr.push(noteOnEvent(0, 60, 100))
	rig.tr.push(noteOnEvent(5, 62, 100))
	rig.block(128)
	rig.tr.push(noteOnEvent(200, 64, 100)) // a third note: 60 is the oldest
	for i := 0; i < 4; i++ {
		rig.block(128)
	}
	stolen := rig.out[0]
	fade := int(0.005 * 48000)
	if len(stolen) > 200+fade {
		t.Fatalf("the stolen voice played %d frames, want at most %d (200 + a 5 ms fade)", len(stolen), 200+fade)
	}
	// The voice's own release (1/100 per sample) under the steal fade (1/240): at most
	// their sum times the level, nowhere near the 0.47 jump of a hard cut.
	limit := 0.47 * (1.0/100 + 1.0/float64(fade))
	for i := 1; i < len(stolen); i++ {
		if d := math.Abs(float64(stolen[i] - stolen[i-1])); d > limit {
			t.Fatalf("the steal fade steps by %.5f at frame %d: a click", d, i)
		}
	}
	if len(rig.out[2]) == 0 {
		t.Fatal("the third note did not sound")
	}
	if len(rig.out[1]) < 500 {
		t.Fatal("the second note was cut, but it was not the oldest")
	}
}

// stealOneOfTwo returns how long each of the first two slots played when a third note came at
// frame 200 over polyphony 2: the stolen one stops within its 5 ms fade.
func stealOneOfTwo(t *testing.T, setUp func(rig *hostRig)) (first, second int) {
	rig := startLockstep(t, probeInstrument(2), 4)
	setUp(rig)
	for i := 0; i < 4; i++ {
		rig.block(128)
	}
	if probes[0].note != 60 || probes[1].note != 62 {
		t.Fatalf("slots hold notes %d and %d, want 60 and 62", probes[0].note, probes[1].note)
	}
	return len(rig.out[0]), len(rig.out[1])
}

func TestStealingSparesAClearlyLouderNoteOverAnOlderOne(t *testing.T) {
	loud, soft := stealOneOfTwo(t, func(rig *hostRig) {
		rig.tr.push(noteOnEvent(0, 60, 100))
		rig.tr.push(noteOnEvent(5, 62, 30)) // newer, but struck softly
		rig.block(128)
		rig.tr.push(noteOnEvent(200, 64, 100))
	})
	if fade := int(0.005 * 48000); soft > 200+fade || loud < 500 {
		t.Fatalf("played %d frames (loud, older) and %d (soft, newer): the soft one should go", loud, soft)
	}
}

func TestStealingSparesANoteTheVoiceMadeHighPriority(t *testing.T) {
	high, low := stealOneOfTwo(t, func(rig *hostRig) {
		rig.tr.push(noteOnEvent(0, 60, 100))
		rig.tr.push(noteOnEvent(5, 62, 100))
		rig.block(128)
		store32(&rig.tr.r.slots[0].priority, uint32(PriorityHigh)) // as Context.SetPriority does
		rig.tr.push(noteOnEvent(200, 64, 100))
	})
	if fade := int(0.005 * 48000); low > 200+fade || high < 500 {
		t.Fatalf("played %d frames (high priority, older) and %d (low, newer): the low one should go", high, low)
	}
}

// A chord struck while every slot is still fading out released notes: each new note steals
// a fading one and waits for its slot instead of being lost; a waiting note whose key goes
// up before it could start never sounds.
func TestNotesWaitForASlotInsteadOfBeingLost(t *testing.T) {
	rig := startLockstep(t, probeInstrument(2), 2)
	rig.tr.push(noteOnEvent(0, 60, 100))
	rig.tr.push(noteOnEvent(0, 62, 100))
	rig.block(128)
	rig.tr.push(noteOffEvent(130, 60)) // both release (100 samples each) ...
	rig.tr.push(noteOffEvent(130, 62))
	rig.tr.push(noteOnEvent(131, 64, 100)) // ... and a new chord comes at once
	rig.tr.push(noteOnEvent(131, 65, 100))
	rig.tr.push(noteOnEvent(131, 67, 100)) // a third one, let go before any slot is free
	rig.tr.push(noteOffEvent(140, 67))
	for i := 0; i < 6; i++ {
		rig.block(128)
	}
	sounding := map[int]bool{}
	for _, p := range probes {
		if p.held {
			sounding[p.note] = true
		}
	}
	if !sounding[64] || !sounding[65] {
		t.Fatalf("held after the chord: %v, want 64 and 65 (none lost)", sounding)
	}
	for _, p := range probes {
		if p.note == 67 {
			t.Fatal("a note whose key went up while it waited for a slot was started")
		}
	}
}

func TestParametersFollowTheEngineAndAreClamped(t *testing.T) {
	rig := startLockstep(t, probeInstrument(2), 2)
	rig.tr.push(noteOnEvent(0, 64, 100))
	change := noteOnEvent(128, 0, 0)
	change._type = cUint(eventParamChange)
	change.param_index = cUint(0)
	change.param_value = cFloat(5) // above Max = 2
	rig.tr.push(change)
	rig.block(128)
	rig.block(128)
	rig.block(128)
	if g := probes[0].gain.Value(); g != 2 {
		t.Fatalf("gain %v after setting 5 on a 0..2 parameter, want 2 (clamped)", g)
	}
}
