package sdk

// The C entry points govox-voicehost looks up with dlsym. A voice author writes none of
// this: importing the SDK puts them in the voice's c-shared library.

/*
#include <stdint.h>
*/
import "C"

import "unsafe"

//export GovoxAbiVersion
func GovoxAbiVersion() C.uint32_t { return C.uint32_t(AbiVersion) }

//export GovoxRun
func GovoxRun(base unsafe.Pointer, size C.uint64_t) C.int {
	return C.int(runHost(base, uint64(size)))
}
