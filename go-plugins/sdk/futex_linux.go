package sdk

import (
	"syscall"
	"time"
	"unsafe"
)

const futexWaitOp = 0 // FUTEX_WAIT: the word is shared between processes, so not _PRIVATE

// futexWait sleeps while *word == seen, for at most timeout. The engine's event sender
// increments the word and wakes the host; spurious wake-ups are harmless.
func futexWait(word *cUint32, seen uint32, timeout time.Duration) {
	ts := syscall.NsecToTimespec(int64(timeout))
	syscall.Syscall6(syscall.SYS_FUTEX, uintptr(unsafe.Pointer(word)), futexWaitOp,
		uintptr(seen), uintptr(unsafe.Pointer(&ts)), 0, 0)
}

// engineAlive is false once the engine process is gone and the host has been orphaned
// (govox-voicehost also watches for that; this ends the loops cleanly when it can).
func engineAlive(r *region) bool {
	return int(load32(&r.header.engine_pid)) == syscall.Getppid()
}

// futexWake wakes whoever sleeps in futexWait on word (a Session playing the engine).
func futexWake(word *cUint32) {
	syscall.Syscall6(syscall.SYS_FUTEX, uintptr(unsafe.Pointer(word)), 1 /* FUTEX_WAKE */, 1, 0, 0, 0)
}
