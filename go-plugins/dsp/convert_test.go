package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestPitchConversions(t *testing.T) {
	cases := []struct {
		name      string
		got, want float64
	}{
		{"A4", dsp.MIDIToHz(69, dsp.StandardA4), 440},
		{"middle C", dsp.MIDIToHz(60, dsp.StandardA4), 261.6255653},
		{"A0", dsp.MIDIToHz(21, dsp.StandardA4), 27.5},
		{"C8", dsp.MIDIToHz(108, dsp.StandardA4), 4186.009045},
		{"A4 at 432", dsp.MIDIToHz(69, 432), 432},
		{"quarter tone", dsp.MIDIToHz(69.5, 440), 452.8929841},
		{"HzToMIDI", dsp.HzToMIDI(261.6255653, 440), 60},
		{"octave", dsp.SemitonesToRatio(12), 2},
		{"fifth down", dsp.SemitonesToRatio(-7), 0.6674199271},
		{"1200 cents", dsp.CentsToRatio(1200), 2},
		{"-100 cents", dsp.CentsToRatio(-100), 0.9438743127},
	}
	for _, c := range cases {
		if !near(c.got, c.want, 1e-6*math.Abs(c.want)) {
			t.Errorf("%s: got %.9g, want %.9g", c.name, c.got, c.want)
		}
	}
}

func TestLevelConversions(t *testing.T) {
	if g := dsp.DBToGain(0); g != 1 {
		t.Errorf("0 dB = %v", g)
	}
	if g := dsp.DBToGain(-20); !near(g, 0.1, 1e-12) {
		t.Errorf("-20 dB = %v, want 0.1", g)
	}
	if g := dsp.DBToGain(6.0206); !near(g, 2, 1e-4) {
		t.Errorf("+6.02 dB = %v, want 2", g)
	}
	if db := dsp.GainToDB(0.5); !near(db, -6.0206, 1e-4) {
		t.Errorf("gain 0.5 = %v dB", db)
	}
	if db := dsp.GainToDB(0); !math.IsInf(db, -1) {
		t.Errorf("gain 0 = %v dB, want -Inf", db)
	}
	if db := dsp.GainToDB(dsp.DBToGain(-37.5)); !near(db, -37.5, 1e-9) {
		t.Errorf("round trip -37.5 dB = %v", db)
	}
}
