package dsp_test

import (
	"testing"

	"govox.dev/govox/dsp"
)

func TestProcessAndNextDoNotAllocate(t *testing.T) {
	in := testInput(479)
	out := make([]float32, len(in))
	for _, u := range units {
		x := u.new()
		if a := testing.AllocsPerRun(50, func() { x.process(out, in) }); a != 0 {
			t.Errorf("%s: Process allocates %v times per call", u.name, a)
		}
		if a := testing.AllocsPerRun(50, func() { x.next(0.5) }); a != 0 {
			t.Errorf("%s: Next allocates %v times per call", u.name, a)
		}
		if a := testing.AllocsPerRun(50, func() { x.event(); x.process(out, in) }); a != 0 {
			t.Errorf("%s: changing settings allocates %v times", u.name, a)
		}
	}
}

func TestModulationAndHelpersDoNotAllocate(t *testing.T) {
	buf := make([]float32, 256)
	mod := make([]float32, 256)
	var saw dsp.Saw
	var m dsp.MoogLadder
	var f dsp.SVF
	u := dsp.NewUnisonSaw(dsp.Unison{Voices: 5, DetuneCents: 20, Spread: 1})
	left, right := make([]float32, 256), make([]float32, 256)
	cases := map[string]func(){
		"per-sample SetFrequency": func() {
			for i := range buf {
				saw.SetFrequency(440+float64(i), testRate)
				buf[i] = saw.Next()
			}
		},
		"per-sample SetCutoff": func() {
			for i := range buf {
				m.SetCutoff(500+float64(i), testRate)
				f.SetCutoff(500+float64(i), testRate)
				buf[i] = m.Next(f.Next(buf[i]))
			}
		},
		"quality switch":      func() { m.SetQuality(dsp.QualityHigh); m.Process(buf, buf); m.SetQuality(dsp.QualityLow) },
		"block helpers":       func() { dsp.Multiply(buf, mod); dsp.Add(buf, mod); dsp.Scale(buf, 0.5); dsp.Zero(mod) },
		"unison saw":          func() { u.SetFrequency(110, testRate); u.Fill(left, right) },
		"conversions and pan": func() { _, _ = dsp.PanGains(dsp.DBToGain(-3) + dsp.MIDIToHz(60, 440)) },
	}
	for name, fn := range cases {
		if a := testing.AllocsPerRun(50, fn); a != 0 {
			t.Errorf("%s allocates %v times", name, a)
		}
	}
}
