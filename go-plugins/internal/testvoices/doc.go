// Package testvoices holds voices the engine's tests build and run: a plain sine to
// measure, and voices that misbehave on purpose (panic, nil dereference, os.Exit, an
// endless loop, a 10 GB allocation, NaN output), plus libraries that are not Govox
// voices at all. Each is a main package of its own; this file only documents them.
package testvoices
