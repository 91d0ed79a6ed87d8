package sdk

import (
	"sync/atomic"
	"unsafe"
)

// event is one engine -> host event, copied out of shared memory.
type event struct {
	frame      uint64
	kind       uint32
	channel    uint8
	data1      uint8
	data2      uint8
	bend       int32
	paramIndex uint32
	paramValue float32
	resume     uint32 // note-on moved from an older build: frames it has already sounded
}

// eventReader consumes the engine's event queue. The engine's write index is checked
// against the capacity before any slot is read.
type eventReader struct {
	queue       *cEventQueue
	events      []cEvent
	read        uint32
	writeIndex  *uint32
	readIndex   *uint32
	cachedWrite uint32
}

func newEventReader(r *region) eventReader {
	q := r.events
	e := eventReader{
		queue:      q,
		events:     unsafe.Slice(&q.events[0], int(eventCap)),
		writeIndex: u32(&q.write.value),
		readIndex:  u32(&q.read.value),
	}
	e.read = atomic.LoadUint32(e.readIndex)
	return e
}

// next returns the oldest unconsumed event without consuming it.
func (e *eventReader) next() (event, bool) {
	if e.cachedWrite == e.read {
		e.cachedWrite = atomic.LoadUint32(e.writeIndex)
		if e.cachedWrite-e.read > eventCap { // impossible: resynchronise, drop the lot
			e.read = e.cachedWrite
			atomic.StoreUint32(e.readIndex, e.read)
			return event{}, false
		}
		if e.cachedWrite == e.read {
			return event{}, false
		}
	}
	c := &e.events[e.read&(eventCap-1)]
	return event{
		frame:      uint64(c.frame),
		kind:       uint32(c._type),
		channel:    uint8(c.channel),
		data1:      uint8(c.data1),
		data2:      uint8(c.data2),
		bend:       int32(c.bend),
		paramIndex: uint32(c.param_index),
		paramValue: float32(c.param_value),
		resume:     uint32(c.resume_frames),
	}, true
}

// consume marks the event returned by next as handled.
func (e *eventReader) consume() {
	e.read++
	atomic.StoreUint32(e.readIndex, e.read)
}
