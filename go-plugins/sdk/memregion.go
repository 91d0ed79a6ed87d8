package sdk

import (
	"syscall"
	"unsafe"
)

// newMemoryRegion lays out a region in Go memory exactly as the engine's
// shm::Region::create does, so the SDK can be driven without the engine (its tests, and
// CheckRollback): the caller plays the engine's part. mem keeps the memory alive.
func newMemoryRegion(voices, ringFrames, block uint32, lockstep bool) (mem []uint64, base unsafe.Pointer, size uint64) {
	l := layoutOf(voices, ringFrames)
	mem = make([]uint64, (uint64(l.region_size)+63)/8+8)
	base = unsafe.Pointer(&mem[0])
	if off := uintptr(base) % 64; off != 0 { // cache-line align like an mmap would be
		base = unsafe.Add(base, 64-off)
	}
	h := (*cHeader)(base)
	h.magic = cUint(uint32(0x584F5647))
	h.abi_version = cUint(AbiVersion)
	h.region_size = l.region_size
	h.header_size = cUint(uint32(unsafe.Sizeof(cHeader{})))
	h.event_size = cUint(uint32(unsafe.Sizeof(cEvent{})))
	h.event_queue_size = cUint(uint32(unsafe.Sizeof(cEventQueue{})))
	h.voice_slot_size = cUint(uint32(unsafe.Sizeof(cVoiceSlot{})))
	h.param_block_size = cUint(uint32(unsafe.Sizeof(cParamBlock{})))
	h.host_stats_size = cUint(uint32(unsafe.Sizeof(cHostStats{})))
	h.voice_count = cUint(voices)
	h.ring_capacity_frames = cUint(ringFrames)
	h.channels = cUint(uint32(channels))
	h.event_capacity = cUint(eventCap)
	h.param_capacity = cUint(uint32(maxParams))
	h.sample_rate = cUint(48000)
	h.max_block_frames = cUint(block)
	h.event_queue_offset = l.event_queue_offset
	h.voices_offset = l.voices_offset
	h.rings_offset = l.rings_offset
	h.ring_stride_bytes = l.ring_stride_bytes
	h.params_offset = l.params_offset
	h.host_stats_offset = l.host_stats_offset
	h.ring_target_frames = cUint(ringFrames / 2)
	h.engine_pid = cUint(uint32(syscall.Getppid())) // the host's "engine" is the caller's parent
	if lockstep {
		h.lockstep = cUint(1)
	}
	return mem, base, uint64(l.region_size)
}
