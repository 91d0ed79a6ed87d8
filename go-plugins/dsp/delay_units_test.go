package dsp_test

import (
	"testing"

	"govox.dev/govox/dsp"
)

// dlyUnits returns fresh delay-based units, configured as an effect would use
// them, each with a settings change to make mid-run.
var dlyUnits = []struct {
	name string
	new  func() unit
}{
	{"comb damped", func() unit {
		c := dsp.NewComb(2000)
		c.SetDelay(1116)
		c.SetGain(0.84)
		c.SetDamping(3000, testRate)
		return filterUnit(c, func() { c.SetDelay(1188.3); c.SetDamping(0, testRate) })
	}},
	{"comb allpass-read", func() unit {
		c := dsp.NewComb(200)
		c.SetInterpolation(dsp.InterpAllpass)
		c.SetDelay(109.09)
		c.SetGain(-0.97)
		return filterUnit(c, func() { c.SetMode(dsp.CombFeedforward) })
	}},
	{"comb feedforward", func() unit {
		c := dsp.NewComb(200)
		c.SetMode(dsp.CombFeedforward)
		c.SetInterpolation(dsp.InterpLagrange3)
		c.SetDelay(33.3)
		c.SetGain(0.7)
		return filterUnit(c, func() { c.SetGain(-1) })
	}},
	{"schroeder allpass", func() unit {
		a := dsp.NewSchroederAllpass(600)
		a.SetDelay(556)
		a.SetGain(0.5)
		return filterUnit(a, func() { a.SetInterpolation(dsp.InterpAllpass); a.SetDelay(441.7) })
	}},
	{"flanger", func() unit {
		f := dsp.NewFlanger(testRate)
		f.SetRate(3)
		f.SetFeedback(0.9)
		return filterUnit(f, func() { f.SetDepth(10); f.SetFeedback(-0.99) })
	}},
	{"phaser", func() unit {
		p := dsp.NewPhaser(testRate)
		p.SetRate(4)
		p.SetFeedback(0.7)
		return filterUnit(p, func() { p.SetStages(12); p.SetRange(100, 10000) })
	}},
	{"chorus left", func() unit { return dlyChorusUnit(func(l, _ float32) float32 { return l }) }},
	{"chorus right", func() unit { return dlyChorusUnit(func(_, r float32) float32 { return r }) }},
}

// dlyChorusUnit sees one side of a three-voice chorus as a filter.
func dlyChorusUnit(side func(l, r float32) float32) unit {
	c := dsp.NewChorus(testRate)
	c.SetVoices(3)
	c.SetRate(1.3)
	c.SetDepth(8)
	var l, r []float32
	return unit{
		next: func(x float32) float32 { return side(c.Next(x)) },
		process: func(dst, src []float32) {
			if cap(l) < len(dst) {
				l, r = make([]float32, len(dst)), make([]float32, len(dst))
			}
			l, r = l[:len(dst)], r[:len(dst)]
			c.Process(l, r, src)
			for i := range dst {
				dst[i] = side(l[i], r[i])
			}
		},
		event: func() { c.SetVoices(2); c.SetDelay(20); c.SetMix(0.8) },
	}
}

// Process gives exactly the samples of Next, sample by sample, in blocks of
// any size and in place, across a settings change.
func TestDelayUnitsProcessEqualsNext(t *testing.T) {
	in := testInput(4000)
	for _, u := range dlyUnits {
		a, b := u.new(), u.new()
		want := make([]float32, len(in))
		for i, x := range in {
			if i == 2000 {
				a.event()
			}
			want[i] = a.next(x)
		}
		got := append([]float32(nil), in...)
		for start, size := 0, 1; start < len(got); size = size*3 + 1 {
			end := start + size
			if start < 2000 && end > 2000 {
				end = 2000
			}
			if end > len(got) {
				end = len(got)
			}
			if start == 2000 {
				b.event()
			}
			b.process(got[start:end], got[start:end])
			start = end
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s: sample %d: Process %g, Next %g", u.name, i, got[i], want[i])
				break
			}
		}
	}
}

// Next, Process, the settings and a delay line's reads do not allocate.
func TestDelayUnitsDoNotAllocate(t *testing.T) {
	in := testInput(479)
	out := make([]float32, len(in))
	left, right := make([]float32, len(in)), make([]float32, len(in))
	for _, u := range dlyUnits {
		x := u.new()
		x.process(out, in) // the chorus adapter makes its buffers once
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
	c := dsp.NewChorus(testRate)
	if a := testing.AllocsPerRun(50, func() { c.Process(left, right, in) }); a != 0 {
		t.Errorf("Chorus.Process allocates %v times per call", a)
	}
	for _, interp := range dlyInterps {
		d := dsp.NewDelayLine(100)
		d.SetInterpolation(interp)
		delay := 10.0
		if a := testing.AllocsPerRun(50, func() {
			for _, x := range in {
				d.Write(x)
				out[0] = d.Read(delay) + d.ReadInt(7)
				delay += 0.01
			}
			d.Reset()
		}); a != 0 {
			t.Errorf("%v: Write, Read and Reset allocate %v times", interp, a)
		}
	}
}
