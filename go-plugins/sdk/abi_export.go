package sdk

// The C entry points govox-voicehost looks up with dlsym. A voice author writes none of
// this: importing the SDK puts them in the voice's c-shared library. Their Go names are
// unexported (cgo exports a function under its Go name), so `go doc` shows the SDK, not
// the plumbing.

/*
#include <stdint.h>
*/
import "C"

import "unsafe"

//export govox_abi_version
func govox_abi_version() C.uint32_t { return C.uint32_t(AbiVersion) }

//export govox_run
func govox_run(base unsafe.Pointer, size C.uint64_t) C.int {
	return C.int(runHost(base, uint64(size)))
}
