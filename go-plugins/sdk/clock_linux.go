package sdk

import (
	"syscall"
	"unsafe"
)

// monotonicNow is CLOCK_MONOTONIC in nanoseconds: the clock the engine compares
// heartbeat_ns with (Go's time.Now carries a monotonic reading but does not expose it).
func monotonicNow() int64 {
	var ts syscall.Timespec
	syscall.Syscall(syscall.SYS_CLOCK_GETTIME, 1 /* CLOCK_MONOTONIC */, uintptr(unsafe.Pointer(&ts)), 0)
	return ts.Nano()
}
