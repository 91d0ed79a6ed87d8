package sdk

import (
	"fmt"
	"math"
	"sort"

	"govox.dev/govox/dsp"
)

// CheckRollback proves that a voice renders the same with rollback as without, for a
// voice package's own tests:
//
//	if err := sdk.CheckRollback(inst); err != nil {
//		t.Fatal(err)
//	}
//
// It plays one note of inst twice, with a script of changes: every parameter, the pitch
// and mod wheels, and the note-off. The first time every change is known before the voice
// renders its frame. The second time each arrives only after the voice has rendered a
// thousand frames past it, and a change that changes nothing arrives late after every
// block of the first 8192 frames besides, so the SDK goes back to a saved state and renders
// again for each (rollback is forced on every block). The two must match sample for
// sample. The error names the first frame that differs, or why the voice has no rollback.
func CheckRollback(inst Instrument) error {
	early, err := playRollbackScript(inst, false)
	if err != nil {
		return err
	}
	late, err := playRollbackScript(inst, true)
	if err != nil {
		return err
	}
	// A note that ends inside a rewrite ends where the first render had got to, with
	// silence after its end: the frames beyond are already in the ring.
	for i := len(early); i < len(late); i++ {
		if late[i] != 0 {
			return fmt.Errorf("rolled back, the note sounds on past its end (frame %d is %g)", i/2, late[i])
		}
	}
	if len(late) < len(early) {
		return fmt.Errorf("rolled back, the note lasts %d frames; rendered once, %d", len(late)/2, len(early)/2)
	}
	for i := range early {
		if math.Float32bits(early[i]) != math.Float32bits(late[i]) {
			return fmt.Errorf("frame %d (channel %d) is %g rolled back and %g rendered once: "+
				"the voice's state is not all saved and restored", i/2, i%2, late[i], early[i])
		}
	}
	return nil
}

const (
	checkRing      = 4096
	checkBlock     = 128
	checkLateBy    = 1024  // how far the voice has rendered past a change when it hears of it
	checkReplays   = 8192  // frames over which a no-op change after every block forces rollback
	checkNoteOff   = 24000 // half a second at 48 kHz
	checkLastFrame = 6 * 48000
)

// rollbackScript is what CheckRollback plays, in frame order: each parameter halfway
// through its range, the wheels, the note-off, and (late) a replay after every block.
func rollbackScript(inst Instrument, replays bool) []command {
	var cs []command
	for i, p := range inst.Params {
		v := p.Min + 0.5*(p.Max-p.Min)
		if p.Curve == Stepped {
			v = float32(math.Round(float64(v)))
		}
		cs = append(cs, command{kind: cmdParam, frame: 1000 + uint64(i)*577, param: i, value: v})
	}
	cs = append(cs,
		command{kind: cmdBend, frame: 9001, bend: 4096},
		command{kind: cmdMod, frame: 13337, value: 0.6},
		command{kind: cmdBend, frame: 20011, bend: -3000},
		command{kind: cmdRelease, frame: checkNoteOff})
	if replays {
		for f := uint64(checkBlock / 2); f < checkReplays; f += checkBlock {
			cs = append(cs, command{kind: cmdReplay, frame: f})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].frame < cs[j].frame })
	return cs
}

// playRollbackScript renders one note with the script, playing the engine's part: it
// reads the ring as far as no change can touch it any more. It returns interleaved frames.
func playRollbackScript(inst Instrument, late bool) ([]float32, error) {
	mem, base, size := newMemoryRegion(1, checkRing, checkBlock, false)
	reg, err := attachRegion(base, size)
	if err != nil {
		return nil, err
	}
	h, err := newHostOf(reg, inst)
	if err != nil {
		return nil, err
	}
	r := h.runners[0]
	if r.rb == nil {
		return nil, fmt.Errorf("instrument %q has no rollback: %s", inst.Name, h.rollbackWhy)
	}
	r.ctx.quality = dsp.QualityNormal
	copy(r.startParams, h.params) // the note starts at the defaults, as a first note would
	// The replays go to both plays: they split chunks at their frames, and the voice must
	// see the same chunks either way.
	script := rollbackScript(inst, true)
	var out []float32
	read := uint32(0)
	take := func(upTo uint64) { // the engine plays what can no longer change
		ring := reg.ring(0)
		for ; uint64(read) < upTo && read != r.ring.write; read++ {
			at := (read & (checkRing - 1)) * 2
			out = append(out, ring[at], ring[at+1])
		}
		store32(&reg.slots[0].read_index, read)
	}
	r.handle(command{kind: cmdStart, frame: 0, note: 60, velocity: 0.8}, 0)
	next := 0
	if !late {
		for _, c := range script {
			r.handle(c, 0)
		}
		next = len(script)
	}
	rollbacks := 0
	for r.sounding && r.pos < checkLastFrame {
		due := uint64(math.MaxUint64)
		if next < len(script) {
			due = script[next].frame
		}
		take(due)
		if next < len(script) && r.pos >= due+checkLateBy {
			seq := r.rb.seq
			r.handle(script[next], 0)
			if r.rb.seq != seq {
				rollbacks++
			}
			next++
			continue
		}
		r.renderFrames(checkBlock)
	}
	take(math.MaxUint64)
	if late && rollbacks < len(script) {
		return nil, fmt.Errorf("instrument %q: %d of %d late changes were rolled back", inst.Name, rollbacks, len(script))
	}
	_ = mem // the region lives in mem until here
	return out, nil
}
