package dsp_test

import (
	"testing"

	"govox.dev/govox/dsp"
)

// The zero values are what the package doc and each type's doc say they are.
func TestZeroValuesAreWhatTheDocsSay(t *testing.T) {
	var sine dsp.Sine
	var tri dsp.Triangle
	var saw dsp.Saw
	var sq dsp.Square
	var moog dsp.MoogLadder
	var ap dsp.AllpassDelay
	for i := 0; i < 100; i++ {
		if v := sine.Next(); v != 0 {
			t.Fatalf("a zero Sine gives %v", v)
		}
		if v := tri.Next(); v != 0 {
			t.Fatalf("a zero Triangle gives %v", v)
		}
		if v := saw.Next(); v != -1 {
			t.Fatalf("a zero Saw gives %v, its doc says a constant -1", v)
		}
		if v := sq.Next(); v != 1 {
			t.Fatalf("a zero Square gives %v, its doc says a constant +1", v)
		}
		if v := moog.Next(0.5); v != 0 {
			t.Fatalf("a zero MoogLadder gives %v for 0.5, its doc says silence", v)
		}
		if v := ap.Next(0.25); v != 0.25 {
			t.Fatalf("a zero AllpassDelay gives %v for 0.25, it passes its input", v)
		}
	}
	if moog.Quality() != dsp.QualityNormal {
		t.Errorf("a zero MoogLadder is at %v", moog.Quality())
	}
}
