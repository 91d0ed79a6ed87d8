package sdk

// The cgo bridge to the shared-memory contract, engine/abi/govox_abi.h: the one header
// C++ and Go share. Everything in shared memory is reached through these helpers, with
// atomic loads and stores on the fields the header marks atomic.

/*
#cgo CFLAGS: -I${SRCDIR}/../../engine/abi
#include "govox_abi.h"
*/
import "C"

import (
	"sync/atomic"
	"unsafe"
)

// AbiVersion is the version of govox_abi.h this SDK was built against.
const AbiVersion = uint32(C.GOVOX_ABI_VERSION)

type (
	cHeader     = C.govox_header
	cVoiceSlot  = C.govox_voice_slot
	cEvent      = C.govox_event
	cEventQueue = C.govox_event_queue
	cParamBlock = C.govox_param_block
	cParamDesc  = C.govox_param_desc
	cHostStats  = C.govox_host_stats
	cUint32     = C.uint32_t
)

const (
	maxParams    = int(C.GOVOX_MAX_PARAMS)
	nameLen      = int(C.GOVOX_NAME_LEN)
	unitLen      = int(C.GOVOX_UNIT_LEN)
	messageLen   = int(C.GOVOX_MESSAGE_LEN)
	eventCap     = uint32(C.GOVOX_EVENT_CAPACITY)
	channels     = int(C.GOVOX_CHANNELS)
	hostStarting = uint32(C.GOVOX_HOST_STARTING)
	hostReady    = uint32(C.GOVOX_HOST_READY)
	hostFailed   = uint32(C.GOVOX_HOST_FAILED)

	stateFree          = uint32(C.GOVOX_VOICE_FREE)
	stateStarting      = uint32(C.GOVOX_VOICE_STARTING)
	stateActive        = uint32(C.GOVOX_VOICE_ACTIVE)
	stateReleasing     = uint32(C.GOVOX_VOICE_RELEASING)
	stateFinished      = uint32(C.GOVOX_VOICE_FINISHED)
	stateStopRequested = uint32(C.GOVOX_VOICE_STOP_REQUESTED)

	eventNoteOn       = uint32(C.GOVOX_EVENT_NOTE_ON)
	eventNoteOff      = uint32(C.GOVOX_EVENT_NOTE_OFF)
	eventControl      = uint32(C.GOVOX_EVENT_CONTROL_CHANGE)
	eventPitchBend    = uint32(C.GOVOX_EVENT_PITCH_BEND)
	eventAllNotesOff  = uint32(C.GOVOX_EVENT_ALL_NOTES_OFF)
	eventParamChange  = uint32(C.GOVOX_EVENT_PARAM_CHANGE)
	qualityLowHint    = uint32(C.GOVOX_QUALITY_LOW)
	qualityHighHint   = uint32(C.GOVOX_QUALITY_HIGH)
	qualityNormalHint = uint32(C.GOVOX_QUALITY_NORMAL)

	rollbackNone  = uint32(C.GOVOX_ROLLBACK_NONE)
	rollbackCopy  = uint32(C.GOVOX_ROLLBACK_COPY)
	rollbackVoice = uint32(C.GOVOX_ROLLBACK_VOICE)
)

func u32(p *C.uint32_t) *uint32 { return (*uint32)(unsafe.Pointer(p)) }
func u64(p *C.uint64_t) *uint64 { return (*uint64)(unsafe.Pointer(p)) }

func load32(p *C.uint32_t) uint32               { return atomic.LoadUint32(u32(p)) }
func store32(p *C.uint32_t, v uint32)           { atomic.StoreUint32(u32(p), v) }
func cas32(p *C.uint32_t, old, new uint32) bool { return atomic.CompareAndSwapUint32(u32(p), old, new) }
func load64(p *C.uint64_t) uint64               { return atomic.LoadUint64(u64(p)) }
func store64(p *C.uint64_t, v uint64)           { atomic.StoreUint64(u64(p), v) }
func add64(p *C.uint64_t, d uint64)             { atomic.AddUint64(u64(p), d) }

func cFloat(v float32) C.float  { return C.float(v) }
func cUint(v uint32) C.uint32_t { return C.uint32_t(v) }
func cU64(v uint64) C.uint64_t  { return C.uint64_t(v) }
func cU8(v uint8) C.uint8_t     { return C.uint8_t(v) }
func cInt(v int32) C.int32_t    { return C.int32_t(v) }

// validateLayout runs the header's own check, so that C++ and Go cannot disagree.
func validateLayout(h *cHeader, size uint64) (ok bool, reason string) {
	e := C.govox_layout_validate(h, C.uint64_t(size))
	if e == C.GOVOX_LAYOUT_OK {
		return true, ""
	}
	return false, C.GoString(C.govox_layout_error_text(e))
}

// layoutOf recomputes the block offsets from the counts, as the engine did.
func layoutOf(voices, ringFrames uint32) C.govox_layout {
	return C.govox_layout_compute(C.uint32_t(voices), C.uint32_t(ringFrames))
}
