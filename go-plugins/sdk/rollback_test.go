package sdk

import (
	"strings"
	"testing"
)

func TestAPlainValueVoiceRendersTheSameRolledBackOnEveryBlock(t *testing.T) {
	if err := CheckRollback(probeInstrument(1)); err != nil {
		t.Fatal(err)
	}
}

// forgetfulVoice keeps a counter the SDK cannot see behind a pointer and claims to save
// its state without doing it: CheckRollback must catch the difference.
type forgetfulVoice struct {
	probeVoice
	phase *float32
}

func (f *forgetfulVoice) SaveState(int)    {}
func (f *forgetfulVoice) RestoreState(int) {}
func (f *forgetfulVoice) Render(out []float32) {
	for i := range out {
		*f.phase += 0.001
		out[i] = *f.phase
	}
}

func TestCheckRollbackCatchesAVoiceThatDoesNotRestoreItsState(t *testing.T) {
	inst := probeInstrument(1)
	inst.New = func(ctx *Context) Voice {
		return &forgetfulVoice{probeVoice: probeVoice{ctx: ctx, gain: ctx.Param("gain")}, phase: new(float32)}
	}
	err := CheckRollback(inst)
	if err == nil || !strings.Contains(err.Error(), "not all saved and restored") {
		t.Fatalf("CheckRollback said %v, want the first frame that differs", err)
	}
}

// sliceVoice holds a slice: copying it would share the slice, so the SDK does not offer
// rollback and says which field stops it.
type sliceVoice struct {
	probeVoice
	line []float32
}

func TestAVoiceWithASliceHasNoRollbackAndTheReasonNamesTheField(t *testing.T) {
	inst := probeInstrument(1)
	inst.New = func(ctx *Context) Voice {
		return &sliceVoice{probeVoice: probeVoice{ctx: ctx, gain: ctx.Param("gain")}}
	}
	rig := startLive(t, inst, 1)
	if got := load32(&rig.tr.r.header.rollback); got != rollbackNone {
		t.Fatalf("header says rollback %d, want none", got)
	}
	if why := rig.h.rollbackWhy; !strings.Contains(why, "sliceVoice.line is a slice") {
		t.Fatalf("the reason is %q, want it to name sliceVoice.line", why)
	}
	if err := CheckRollback(inst); err == nil || !strings.Contains(err.Error(), "has no rollback") {
		t.Fatalf("CheckRollback said %v", err)
	}
}

func TestAPlainValueVoiceIsCopiedAndTheHeaderSaysSo(t *testing.T) {
	rig := startLive(t, probeInstrument(1), 1)
	if got := load32(&rig.tr.r.header.rollback); got != rollbackCopy {
		t.Fatalf("header says rollback %d, want copy (%d)", got, rollbackCopy)
	}
}

// Saving states and rolling back allocate nothing once the runner is warm: the saved
// states, the change log and the copies of the voice are made with the voice.
func TestSavingAndRollingBackDoNotAllocate(t *testing.T) {
	mem, base, size := newMemoryRegion(1, 4096, 128, false)
	reg, err := attachRegion(base, size)
	if err != nil {
		t.Fatal(err)
	}
	h, err := newHostOf(reg, probeInstrument(1))
	if err != nil {
		t.Fatal(err)
	}
	r := h.runners[0]
	r.handle(command{kind: cmdStart, note: 60, velocity: 1}, 0)
	read := uint32(0)
	cycle := func() {
		r.renderFrames(256)
		r.handle(command{kind: cmdParam, frame: r.pos - 200, param: 0, value: 1.5}, 0)
		read = r.ring.write - 1024
		store32(&reg.slots[0].read_index, read) // the engine keeps up
	}
	for i := 0; i < 20; i++ { // warm: the saved states fill their ring
		cycle()
	}
	seq := r.rb.seq
	if allocs := testing.AllocsPerRun(100, cycle); allocs != 0 {
		t.Fatalf("%v allocations per render and rollback, want 0", allocs)
	}
	if r.rb.seq-seq < 200 {
		t.Fatalf("only %d rewrites in 101 rollbacks", (r.rb.seq-seq)/2)
	}
	_ = mem
}
