// Package testvoices holds voices the engine's tests build and run: a plain sine to
// measure, and voices that misbehave on purpose (panic, nil dereference, os.Exit, an
// endless loop, a 10 GB allocation, NaN output), plus libraries that are not Govox
// voices at all. Each is a main package of its own; this file only documents them.
//
// Faults that strike later or outside Render, each a sine voice until then:
//
//	stuckon     NoteOn never returns for note 60 (C4); other notes play
//	stuckoff    NoteOff never returns
//	stuckparam  ParamChanged never returns once its parameter Hang is set above 0.5
//	nanout      writes NaN from 0.25 s into each note
//	panicmid    panics in Render once 0.5 s of a note has been rendered
//	slowrender  each Render takes 150 ms: slow, never stuck (the engine's block deadline)
package testvoices
