package sdk

import (
	"math"
	"testing"
	"time"

	"govox.dev/govox/dsp"
)

// waitState waits (5 s at most) for voice v's slot to reach `state`, reading its ring as
// the engine would meanwhile when `read` is set.
func (rig *hostRig) waitState(v int, state uint32, read bool) {
	rig.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for load32(&rig.tr.r.slots[v].state) != state {
		if time.Now().After(deadline) {
			rig.t.Fatalf("slot %d is in state %d, not %d", v, load32(&rig.tr.r.slots[v].state), state)
		}
		if read {
			rig.out[v] = append(rig.out[v], rig.tr.readFrames(v, 64)...)
		}
		time.Sleep(200 * time.Microsecond)
	}
}

// waitConsumed waits until the host has taken every pushed event (the test's push does
// not wake it: it sees them within its 100 ms timeout).
func (rig *hostRig) waitConsumed() {
	rig.t.Helper()
	q := rig.tr.r.events
	deadline := time.Now().Add(5 * time.Second)
	for load32(&q.read.value) != load32(&q.write.value) {
		if time.Now().After(deadline) {
			rig.t.Fatal("the host did not take the events")
		}
		time.Sleep(200 * time.Microsecond)
	}
}

// Live, a note starts at its event's frame and a parameter change and a note-off that
// come before the render has reached their frames land on them exactly: the runner
// splits its chunks there. The ring target is one block, so the runner cannot render
// past the events before they arrive, whatever the scheduling.
func TestLiveEventsAheadOfTheRenderLandOnTheirFrames(t *testing.T) {
	rig := startLive(t, probeInstrument(2), 2)
	hdr := rig.tr.r.header
	store32(&hdr.ring_target_frames, 128)
	store64(&hdr.engine_frame, 1000)
	const start = 1100
	rig.tr.push(noteOnEvent(start, 64, 100))
	rig.waitState(0, stateActive, false)
	if got := load64(&rig.tr.r.slots[0].start_frame); got != start {
		t.Fatalf("start_frame %d, want the note's frame %d", got, start)
	}
	rig.tr.push(paramEvent(start+200, 0, 0.5))
	rig.tr.push(noteOffEvent(start+300, 64))
	rig.waitConsumed()
	rig.waitState(0, stateFinished, true)
	rig.out[0] = append(rig.out[0], rig.tr.readFrames(0, 1<<20)...)

	out := rig.out[0]
	if len(out) < 300 {
		t.Fatalf("only %d frames", len(out))
	}
	for i, x := range out[:300] {
		want := float32(0.5) // note 64 / 128 at gain 1
		if i >= 200 {
			want = 0.25 // gain 0.5 from frame 200 on
		}
		if x != want {
			t.Fatalf("frame %d: %g, want %g (the change belongs on frame 200)", i, x, want)
		}
	}
	if p := probes[0]; p.noteOffAt != 300 {
		t.Fatalf("NoteOff came after %d frames, want 300", p.noteOffAt)
	}
	if out[300] >= 0.25 {
		t.Fatalf("frame 300 is %g: the release had not begun", out[300])
	}
}

// Live, an event for a frame the runner has already rendered is applied at its frame: the
// runner goes back to the state it saved before that frame, renders again and writes the
// frames over the old ones (rollback).
func TestLiveEventsBehindTheRenderAreRenderedAgainAtTheirFrame(t *testing.T) {
	rig := startLive(t, probeInstrument(1), 1)
	store32(&rig.tr.r.header.ring_target_frames, 128)
	rig.tr.push(noteOnEvent(0, 64, 100))
	rig.waitState(0, stateActive, false)
	rig.tr.push(noteOffEvent(10, 64)) // frame 10 was rendered with the first block
	rig.waitConsumed()
	rig.waitState(0, stateFinished, false) // nothing read: every frame may be rewritten
	if p := probes[0]; p.noteOffAt != 10 {
		t.Fatalf("NoteOff after %d frames, want 10: the release belongs on its frame", p.noteOffAt)
	}
	out := rig.tr.readFrames(0, 1<<20)
	for i := 0; i < 10; i++ {
		if out[i] != 0.5 {
			t.Fatalf("frame %d is %g, want 0.5 (held)", i, out[i])
		}
	}
	if want := float32(0.5 * 0.99); math.Abs(float64(out[10]-want)) > 1e-6 {
		t.Fatalf("frame 10 is %g, want %g: the ring still holds the first render", out[10], want)
	}
	if seq := load32(&rig.tr.r.slots[0].rewrite_seq); seq == 0 || seq%2 != 0 {
		t.Fatalf("rewrite counter %d: want even and moved (one rewrite, closed)", seq)
	}
}

// Without rollback (a voice that cannot be copied, or GOVOX_ROLLBACK=off) the same event
// takes effect at the next frame the runner renders: late, never lost.
func TestLiveEventsBehindTheRenderWithoutRollbackApplyAtOnce(t *testing.T) {
	t.Setenv("GOVOX_ROLLBACK", "off")
	rig := startLive(t, probeInstrument(1), 1)
	store32(&rig.tr.r.header.ring_target_frames, 128)
	if got := load32(&rig.tr.r.header.rollback); got != rollbackNone {
		t.Fatalf("header says rollback %d, want none", got)
	}
	rig.tr.push(noteOnEvent(0, 64, 100))
	rig.waitState(0, stateActive, false)
	rig.tr.push(noteOffEvent(10, 64))
	rig.waitConsumed()
	rig.waitState(0, stateFinished, true)
	if p := probes[0]; p.noteOffAt < 128 {
		t.Fatalf("NoteOff after %d frames, before the first block's end", p.noteOffAt)
	}
}

// A note whose frame has passed (it waited, or arrived late) keeps that frame in
// start_frame, so the engine plays it at once and counts it late; the changes that follow
// are placed on a timeline that starts where the engine is.
func TestALateLiveNoteKeepsItsFrameAndItsChangesFollowTheEngine(t *testing.T) {
	rig := startLive(t, probeInstrument(1), 1)
	store32(&rig.tr.r.header.ring_target_frames, 128)
	store64(&rig.tr.r.header.engine_frame, 5000)
	rig.tr.push(noteOnEvent(4000, 64, 100))
	rig.waitState(0, stateActive, false)
	if got := load64(&rig.tr.r.slots[0].start_frame); got != 4000 {
		t.Fatalf("start_frame %d, want the note's frame 4000", got)
	}
	rig.tr.push(noteOffEvent(5000+200, 64)) // 200 frames after the note began to render
	rig.waitConsumed()
	rig.waitState(0, stateFinished, true)
	if p := probes[0]; p.noteOffAt != 200 {
		t.Fatalf("NoteOff after %d frames, want 200", p.noteOffAt)
	}
}

// The mod wheel and the pitch wheel reach a sounding voice through its own timeline.
func TestLiveWheelsReachASoundingVoice(t *testing.T) {
	rig := startLive(t, probeInstrument(1), 1)
	store32(&rig.tr.r.header.ring_target_frames, 128)
	rig.tr.push(noteOnEvent(0, 64, 100))
	rig.waitState(0, stateActive, false)
	var bend cEvent
	bend._type = cUint(eventPitchBend)
	bend.frame = cU64(200)
	bend.bend = cInt(8191)
	rig.tr.push(bend)
	rig.tr.push(controlEvent(200, 1, 127))
	rig.tr.push(noteOffEvent(256, 64))
	rig.waitConsumed()
	rig.waitState(0, stateFinished, true)
	p := probes[0]
	if math.Abs(p.lastBend-2*8191.0/8192) > 1e-9 || p.lastMod != 1 {
		t.Fatalf("the voice heard bend %g and mod %g, want the wheels at their ends", p.lastBend, p.lastMod)
	}
}

// Offline, a voice hears the render's quality as it is: no ring runs low there.
func TestLockstepVoicesHearTheRendersQuality(t *testing.T) {
	for _, c := range []struct {
		hint uint32
		want dsp.Quality
	}{{qualityLowHint, dsp.QualityLow}, {qualityHighHint, dsp.QualityHigh}} {
		var heard []dsp.Quality
		inst := probeInstrument(1)
		inst.New = func(ctx *Context) Voice {
			v := &qualityProbe{ctx: ctx, heard: &heard}
			return v
		}
		rig := startLockstep(t, inst, 1)
		store32(&rig.tr.r.header.quality_hint, c.hint)
		rig.tr.push(noteOnEvent(0, 64, 100))
		rig.block(128)
		if len(heard) == 0 || heard[0] != c.want {
			t.Fatalf("hint %d: the voice heard %v, want %v", c.hint, heard, c.want)
		}
	}
}

type qualityProbe struct {
	ctx   *Context
	heard *[]dsp.Quality
}

func (q *qualityProbe) NoteOn(int, float32) {}
func (q *qualityProbe) NoteOff()            {}
func (q *qualityProbe) Done() bool          { return false }
func (q *qualityProbe) Render(out []float32) {
	*q.heard = append(*q.heard, q.ctx.Quality())
	for i := range out {
		out[i] = 0
	}
}

// Fill is Next for a whole chunk: the same values, and the smoother left where Next would.
func TestParamFillMatchesNextSampleForSample(t *testing.T) {
	ctx := NewStandaloneContext(Instrument{Params: []Param{{Name: "Cutoff", Min: 0, Max: 1000, Default: 0}}}, 48000)
	a, b := *ctx.Param("Cutoff"), *ctx.Param("Cutoff")
	a.set(800)
	b.set(800)
	got := make([]float32, 300)
	a.Fill(got)
	for i, x := range got {
		if want := b.Next(); x != want {
			t.Fatalf("sample %d: Fill %g, Next %g", i, x, want)
		}
	}
	if a.current != b.current || got[299] >= 800 || got[0] <= 0 {
		t.Fatalf("Fill left %g, Next %g (last %g)", a.current, b.current, got[299])
	}
}

// Advance(n) at a control rate keeps the glide's time: the value read every 32 samples is
// the one Next reaches on those samples, to float32 rounding (0.01 of 800). The trap it
// guards against: a 10 ms glide lasting 0.32 s.
func TestParamAdvanceKeepsTheGlidesTime(t *testing.T) {
	ctx := NewStandaloneContext(Instrument{Params: []Param{{Name: "Cutoff", Min: 0, Max: 1000, Default: 0}}}, 48000)
	a, b := *ctx.Param("Cutoff"), *ctx.Param("Cutoff")
	a.set(800)
	b.set(800)
	for i := 0; i < 4800; i += 32 {
		got := a.Next()
		a.Advance(31)
		want := b.Next()
		for k := 1; k < 32; k++ {
			b.Next()
		}
		if math.Abs(float64(got-want)) > 0.01 || math.Abs(float64(a.Smoothed()-b.Smoothed())) > 0.01 {
			t.Fatalf("sample %d: read %g at a control rate, %g every sample (then %g, %g)",
				i, got, want, a.Smoothed(), b.Smoothed())
		}
	}
	if a.Smoothed() < 799 {
		t.Fatalf("after 100 ms the 10 ms glide is at %g of 800", a.Smoothed())
	}
}

// A voice sets its note's priority while the note sounds: the slot says so at once, and
// the next note starts at the instrument's priority again.
func TestAVoiceSetsItsNotesPriority(t *testing.T) {
	inst := probeInstrument(1)
	inst.Priority = PriorityLow
	rig := startLockstep(t, inst, 1)
	rig.tr.push(noteOnEvent(0, 64, 100))
	rig.block(128)
	slot := &rig.tr.r.slots[0]
	if got := load32(&slot.priority); got != uint32(PriorityLow) {
		t.Fatalf("the note started at priority %d, want the instrument's %d", got, PriorityLow)
	}
	probes[0].ctx.SetPriority(PriorityHigh)
	if got := load32(&slot.priority); got != uint32(PriorityHigh) {
		t.Fatalf("after SetPriority the slot says %d", got)
	}
	rig.tr.push(noteOffEvent(128, 64))
	for i := 0; i < 4; i++ {
		rig.block(128)
	}
	rig.tr.push(noteOnEvent(rig.frame, 65, 100))
	rig.block(128)
	if got := load32(&slot.priority); got != uint32(PriorityLow) {
		t.Fatalf("the next note started at priority %d, want the instrument's", got)
	}
}

// A chunk renders in at most half the time the ring's frames last, within [block, most].
func TestChunkLimitFollowsTheMarginAndTheRenderSpeed(t *testing.T) {
	const rate, block, most = 48000.0, 128, 2048
	cases := []struct {
		fill       int
		nsPerFrame float64
		want       int
	}{
		{768, 0, most},       // no render measured yet: the voice's own chunk size
		{768, 50, most},      // a cheap voice with 16 ms in hand: as big as allowed
		{768, 5000, 1600},    // 16 ms in hand at 5 us a frame: 8 ms of rendering
		{128, 5000, 266},     // 2.7 ms in hand: smaller chunks, sooner in the ring
		{64, 1000000, block}, // hopelessly slow: never below one engine block
	}
	for _, c := range cases {
		if got := chunkLimit(c.fill, c.nsPerFrame, rate, block, most); got != c.want {
			t.Errorf("chunkLimit(fill %d, %g ns/frame) = %d, want %d", c.fill, c.nsPerFrame, got, c.want)
		}
	}
}
