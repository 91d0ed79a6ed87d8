// abimismatch: claims to be a Govox voice built for an ABI version that does not exist.
package main

// #include <stdint.h>
import "C"

import "unsafe"

//export govox_abi_version
func govox_abi_version() C.uint32_t { return 999 }

//export govox_run
func govox_run(base unsafe.Pointer, size C.uint64_t) C.int { return 0 }

func main() {}
