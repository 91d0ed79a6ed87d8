package sdk

import "sync/atomic"

// ringWriter is the producer side of one voice's frame ring in shared memory: the Go
// twin of engine/rt/FrameRing.hpp's FrameRingWriter. The write index lives here and is
// only published; the reader's index is read and range-checked, never trusted.
type ringWriter struct {
	frames     []float32 // capacity * 2, interleaved
	capacity   uint32
	mask       uint32
	write      uint32
	cachedRead uint32
	writeIndex *uint32
	readIndex  *uint32
}

func newRingWriter(r *region, voice int) ringWriter {
	s := &r.slots[voice]
	w := ringWriter{
		frames:     r.ring(voice),
		capacity:   r.ringFrames,
		mask:       r.ringFrames - 1,
		writeIndex: u32(&s.write_index),
		readIndex:  u32(&s.read_index),
	}
	w.write = atomic.LoadUint32(w.writeIndex)
	w.cachedRead = atomic.LoadUint32(w.readIndex)
	return w
}

// resync begins a note on the empty ring the engine left: a slot is free only once the
// engine has dropped everything in it and published its read index, so writing goes on
// from there. It also heals a ring whose indices were overwritten with garbage (the engine
// stopped that voice, and without this its writer would find no room for good).
func (w *ringWriter) resync() {
	w.write = atomic.LoadUint32(w.readIndex)
	w.cachedRead = w.write
	atomic.StoreUint32(w.writeIndex, w.write)
}

// space is how many frames can be written now; 0 if the reader's index is impossible.
func (w *ringWriter) space() uint32 {
	w.cachedRead = atomic.LoadUint32(w.readIndex)
	used := w.write - w.cachedRead
	if used > w.capacity {
		return 0
	}
	return w.capacity - used
}

// fill is how many written frames the engine has not read yet.
func (w *ringWriter) fill() uint32 { return w.capacity - w.space() }

// writeStereo copies min(len(left), space()) frames, interleaving, and publishes them.
func (w *ringWriter) writeStereo(left, right []float32) int {
	n := uint32(len(left))
	if room := w.space(); n > room {
		n = room
	}
	for i := uint32(0); i < n; i++ {
		at := ((w.write + i) & w.mask) * 2
		w.frames[at] = left[i]
		w.frames[at+1] = right[i]
	}
	w.write += n
	atomic.StoreUint32(w.writeIndex, w.write)
	return int(n)
}
