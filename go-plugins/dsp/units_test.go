package dsp_test

import "govox.dev/govox/dsp"

// unit is one configured unit under test, seen as a filter: generators
// ignore their input. event is called once in the middle of a run (a gate,
// a quality switch) so that state changes are covered too.
type unit struct {
	next    func(x float32) float32
	process func(dst, src []float32)
	event   func()
}

func generatorUnit(g dsp.Generator, event func()) unit {
	return unit{
		next:    func(float32) float32 { return g.Next() },
		process: func(dst, _ []float32) { g.Fill(dst) },
		event:   event,
	}
}

func filterUnit(f dsp.Filter, event func()) unit {
	return unit{next: f.Next, process: f.Process, event: event}
}

const testRate = 48000.0

// units returns fresh instances of every unit, configured as a voice would
// use them.
var units = []struct {
	name string
	new  func() unit
}{
	{"sine", func() unit {
		o := &dsp.Sine{}
		o.SetFrequency(440, testRate)
		return generatorUnit(o, func() { o.SetFrequency(660, testRate) })
	}},
	{"saw", func() unit {
		o := &dsp.Saw{}
		o.SetFrequency(1234.5, testRate)
		return generatorUnit(o, func() { o.SetFrequency(97, testRate) })
	}},
	{"square", func() unit {
		o := &dsp.Square{}
		o.SetFrequency(3000, testRate)
		o.SetPulseWidth(0.2)
		return generatorUnit(o, func() { o.SetPulseWidth(0.7) })
	}},
	{"triangle", func() unit {
		o := &dsp.Triangle{}
		o.SetFrequency(4186, testRate)
		return generatorUnit(o, func() { o.SetPhase(0.5) })
	}},
	{"noise", func() unit {
		n := dsp.NewNoise(3)
		return generatorUnit(n, func() { n.Seed(4) })
	}},
	{"pink noise", func() unit {
		n := dsp.NewPinkNoise(3)
		return generatorUnit(n, func() {})
	}},
	{"lfo", func() unit {
		l := &dsp.LFO{}
		l.SetShape(dsp.LFOSampleHold)
		l.SetRate(97, testRate)
		l.Seed(1)
		return generatorUnit(l, func() { l.SetShape(dsp.LFOTriangle) })
	}},
	{"adsr", func() unit {
		e := &dsp.ADSR{Attack: 0.01, Decay: 0.02, Sustain: 0.5, Release: 0.03, SampleRate: testRate}
		e.Gate(true)
		return generatorUnit(e, func() { e.Gate(false) })
	}},
	{"smoother", func() unit {
		s := &dsp.Smoother{}
		s.SetTime(5, testRate)
		s.SetTarget(1)
		return generatorUnit(s, func() { s.SetTarget(-0.5) })
	}},
	{"ramp", func() unit {
		r := &dsp.Ramp{}
		r.SetTarget(1, 3001)
		return generatorUnit(r, func() { r.SetTarget(-1, 2047) })
	}},
	{"svf", func() unit {
		f := &dsp.SVF{}
		f.SetCutoff(800, testRate)
		f.SetQ(3)
		return filterUnit(f, func() { f.SetMode(dsp.Highpass); f.SetCutoff(5000, testRate) })
	}},
	{"allpass delay", func() unit {
		d := &dsp.AllpassDelay{}
		d.SetDelay(3, 2.7, 2093, testRate)
		return filterUnit(d, func() { d.SetDelay(1, 0.6, 440, testRate) })
	}},
	{"moog low", func() unit { return moogUnit(dsp.QualityLow) }},
	{"moog normal", func() unit { return moogUnit(dsp.QualityNormal) }},
	{"moog high", func() unit { return moogUnit(dsp.QualityHigh) }},
}

func moogUnit(q dsp.Quality) unit {
	m := &dsp.MoogLadder{}
	m.SetQuality(q)
	m.Reset()
	m.SetCutoff(700, testRate)
	m.SetResonance(0.9)
	next := q + 1
	if next > dsp.QualityHigh {
		next = dsp.QualityLow
	}
	return filterUnit(m, func() { m.SetQuality(next) })
}

// testInput is a loud, rich input for the filters: a saw plus noise.
func testInput(n int) []float32 {
	var saw dsp.Saw
	saw.SetFrequency(110, testRate)
	in := dsp.Render(&saw, n)
	dsp.Add(in, dsp.Render(dsp.NewNoise(9), n))
	dsp.Scale(in, 0.5)
	return in
}
