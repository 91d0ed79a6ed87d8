// Package sdktest holds checks a voice package runs in its own tests (go test), so that
// every voice is held to the same rules with one line each.
package sdktest

import (
	"testing"

	"govox.dev/govox/sdk"
)

// Rollback fails t unless the instrument this package registers gets changes that arrive
// late exactly right: rendered again from a saved state, they must give sample for sample
// what rendering once with every change known gives (sdk.CheckRollback says how).
func Rollback(t testing.TB) {
	t.Helper()
	inst, ok := sdk.RegisteredInstrument()
	if !ok {
		t.Fatal("the voice did not register exactly one instrument")
	}
	if err := sdk.CheckRollback(inst); err != nil {
		t.Fatal(err)
	}
}

// FreshNotes fails t unless every note of the instrument this package registers starts
// clean: a note on a pooled voice that has just had a note stolen must sound exactly like
// the same note on a new voice (sdk.CheckFreshNotes, sdk.Resetter).
func FreshNotes(t testing.TB) {
	t.Helper()
	inst, ok := sdk.RegisteredInstrument()
	if !ok {
		t.Fatal("the voice did not register exactly one instrument")
	}
	if err := sdk.CheckFreshNotes(inst); err != nil {
		t.Fatal(err)
	}
}
