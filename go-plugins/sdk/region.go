package sdk

import (
	"errors"
	"fmt"
	"unsafe"
)

// region is the voice host's view of the shared memory the engine created. Its layout
// is checked once, then kept here: nothing below re-reads sizes from shared memory.
type region struct {
	header     *cHeader
	slots      []cVoiceSlot
	events     *cEventQueue
	params     *cParamBlock
	stats      *cHostStats
	rings      unsafe.Pointer
	ringStride uintptr
	ringFrames uint32
	sampleRate float64
	maxBlock   uint32
}

func attachRegion(base unsafe.Pointer, size uint64) (*region, error) {
	if base == nil {
		return nil, errors.New("no region mapped")
	}
	h := (*cHeader)(base)
	if ok, reason := validateLayout(h, size); !ok {
		return nil, fmt.Errorf("cannot attach voice region: %s", reason)
	}
	l := layoutOf(uint32(h.voice_count), uint32(h.ring_capacity_frames))
	r := &region{
		header:     h,
		slots:      unsafe.Slice((*cVoiceSlot)(unsafe.Add(base, uintptr(l.voices_offset))), int(h.voice_count)),
		events:     (*cEventQueue)(unsafe.Add(base, uintptr(l.event_queue_offset))),
		params:     (*cParamBlock)(unsafe.Add(base, uintptr(l.params_offset))),
		stats:      (*cHostStats)(unsafe.Add(base, uintptr(l.host_stats_offset))),
		rings:      unsafe.Add(base, uintptr(l.rings_offset)),
		ringStride: uintptr(l.ring_stride_bytes),
		ringFrames: uint32(h.ring_capacity_frames),
		sampleRate: float64(h.sample_rate),
		maxBlock:   uint32(h.max_block_frames),
	}
	return r, nil
}

// ring returns voice i's interleaved stereo frames.
func (r *region) ring(i int) []float32 {
	p := unsafe.Add(r.rings, uintptr(i)*r.ringStride)
	return unsafe.Slice((*float32)(p), int(r.ringFrames)*channels)
}

func (r *region) voiceCount() int { return len(r.slots) }

// setMessage writes a bounded, NUL-terminated message for the engine to show.
func (r *region) setMessage(text string) {
	if len(text) > messageLen-1 {
		text = text[:messageLen-1]
	}
	dst := unsafe.Slice((*byte)(unsafe.Pointer(&r.header.message[0])), messageLen)
	n := copy(dst, text)
	dst[n] = 0
}

// message is what the host last told the engine (setMessage).
func (r *region) message() string {
	src := unsafe.Slice((*byte)(unsafe.Pointer(&r.header.message[0])), messageLen)
	n := 0
	for n < messageLen && src[n] != 0 {
		n++
	}
	return string(src[:n])
}

func (r *region) shutdownRequested() bool { return load32(&r.header.shutdown_requested) != 0 }
func (r *region) ringTarget() uint32 {
	t := load32(&r.header.ring_target_frames)
	if t == 0 || t > r.ringFrames {
		return r.ringFrames / 2
	}
	return t
}
