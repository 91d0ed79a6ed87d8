// notavoice: a perfectly good c-shared library that is not a Govox voice.
package main

import "C"

//export Hello
func Hello() C.int { return 42 }

func main() {}
