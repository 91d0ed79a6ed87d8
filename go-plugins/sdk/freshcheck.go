package sdk

import (
	"fmt"
	"math"

	"govox.dev/govox/dsp"
)

// CheckFreshNotes proves that a pooled voice starts every note clean, for a voice
// package's own tests (sdktest.FreshNotes): a note played on a voice that has just had
// its last note stolen at full sustain must sound, sample for sample, like the same note
// on a voice that has never played, 10 ms by 10 ms within 3 dB (a skipped
// attack is 20-40 dB louder; a voice whose notes differ on purpose, by noise that does
// not repeat, stays within it). The error says where and by how much.
func CheckFreshNotes(inst Instrument) error {
	fresh, err := playAfter(inst, false)
	if err != nil {
		return err
	}
	reused, err := playAfter(inst, true)
	if err != nil {
		return err
	}
	// Window by window (10 ms), the reused voice's level against the new one's: equal for
	// a voice that starts clean, within a little for one that means each note to differ
	// (noise that does not repeat). Windows 60 dB below the note's loudest are not judged.
	const window = 2 * freshCheckRate / 100
	loudest := rms(fresh)
	for i := 0; i+window <= len(fresh); i += window {
		a, b := rms(fresh[i:i+window]), rms(reused[i:i+window])
		if math.Max(a, b) < loudest*1e-3 {
			continue
		}
		if d := 20 * math.Log10(math.Max(b, 1e-30)/math.Max(a, 1e-30)); math.Abs(d) > freshCheckDB {
			return fmt.Errorf("instrument %q: a note on a voice that played before is %+.1f dB "+
				"from the same note on a new voice %.1f ms into it: the voice does not start each "+
				"note clean (implement sdk.Resetter, or keep its state in plain values or a "+
				"Snapshotter so the SDK can)", inst.Name, d, float64(i/2)*1000/freshCheckRate)
		}
	}
	return nil
}

const (
	freshCheckRate   = 48000
	freshCheckFrames = 9600 // 200 ms of the note compared
	freshCheckDB     = 3    // the most a window's level may differ
)

// playAfter plays a note (57, velocity 0.8) on a one-slot host and returns its first
// freshCheckFrames frames, interleaved; with `reused`, the slot's voice first plays note 64
// for a second and has it stolen, as the pool would.
func playAfter(inst Instrument, reused bool) ([]float32, error) {
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
	r.ctx.quality = dsp.QualityNormal
	copy(r.startParams, h.params)
	var out []float32
	read := uint32(0)
	play := func(frames int) { // the engine's part: render a block, take what is written
		for n := 0; n < frames && r.sounding; n += checkBlock {
			r.renderFrames(checkBlock)
			ring := reg.ring(0)
			for ; read != r.ring.write; read++ {
				at := (read & (checkRing - 1)) * 2
				out = append(out, ring[at], ring[at+1])
			}
			store32(&reg.slots[0].read_index, read)
		}
	}
	if reused {
		r.handle(command{kind: cmdStart, frame: r.pos, note: 64, velocity: 1}, 0)
		play(freshCheckRate)
		r.handle(command{kind: cmdSteal}, 0)
		play(freshCheckRate)
		if r.sounding {
			return nil, fmt.Errorf("instrument %q: a stolen note still sounds a second later", inst.Name)
		}
		store32(&reg.slots[0].state, stateFree) // the engine frees the finished slot
		out = out[:0]
	}
	r.handle(command{kind: cmdStart, frame: r.pos, note: 57, velocity: 0.8}, 0)
	play(freshCheckFrames)
	if len(out) < 2*freshCheckFrames {
		return nil, fmt.Errorf("instrument %q: the note ended after %d frames", inst.Name, len(out)/2)
	}
	_ = mem // the region lives in mem until here
	return out[:2*freshCheckFrames], nil
}

func rms(x []float32) float64 {
	var s float64
	for _, v := range x {
		s += float64(v) * float64(v)
	}
	return math.Sqrt(s / math.Max(1, float64(len(x))))
}
