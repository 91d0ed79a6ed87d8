package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
)

// advancer is a modulation source read at a control rate: step is one sample (Next),
// skip moves on n samples at once (Advance), event changes it mid-way (a gate, a target).
type advancer struct {
	name  string
	step  func() float32
	skip  func(n int)
	event func()
}

func advancers() []func() advancer {
	const rate = 48000
	return []func() advancer{
		func() advancer {
			var s dsp.Smoother
			s.SetTime(10, rate)
			s.SetTarget(1)
			return advancer{"smoother", s.Next, s.Advance, func() { s.SetTarget(-0.25) }}
		},
		func() advancer {
			var l dsp.LFO
			l.SetRate(5.5, rate)
			return advancer{"sine LFO", l.Next, l.Advance, func() { l.SetRate(40, rate) }}
		},
		func() advancer {
			var l dsp.LFO
			l.SetShape(dsp.LFOSampleHold)
			l.Seed(7)
			l.SetRate(300, rate) // many cycles per skip: each must draw
			return advancer{"sample-and-hold LFO", l.Next, l.Advance, func() { l.SetRate(1000, rate) }}
		},
		func() advancer {
			e := dsp.ADSR{Attack: 0.01, Decay: 0.02, Sustain: 0.5, Release: 0.05, SampleRate: rate}
			e.Gate(true)
			return advancer{"ADSR", e.Next, e.Advance, func() { e.Gate(false) }}
		},
	}
}

// A control-rate loop (Next, then Advance(n-1)) reads the same values as reading every
// sample does, at the same times: the trap was a source that ran n times too slowly.
func TestAdvanceKeepsTimeAtAControlRate(t *testing.T) {
	const frames, event = 12000, 3000 // the ADSR passes every stage, the LFOs many cycles
	for _, newSource := range advancers() {
		ref := newSource()
		every := readEvery(frames, event, 1, ref)
		for _, n := range []int{2, 16, 64, 333} {
			a := newSource()
			got := readEvery(frames, event, n, a)
			for i := 0; i < frames; i += n {
				if math.Abs(float64(got[i]-every[i])) > 1e-5 {
					t.Errorf("%s read every %d samples: at sample %d %v, every sample gives %v",
						a.name, n, i, got[i], every[i])
					break
				}
			}
		}
	}
}

// readEvery reads a source every n samples for frames samples, with its event at `event`
// (a multiple of every n tried), and returns what was read at each read.
func readEvery(frames, event, n int, a advancer) []float32 {
	out := make([]float32, frames)
	for i := 0; i < frames; i += n {
		if i == event-event%n && event%n != 0 {
			// the event falls inside this stretch: read up to it, then go on
			k := event - i
			out[i] = a.step()
			a.skip(k - 1)
			a.event()
			a.skip(n - k)
			continue
		}
		if i == event {
			a.event()
		}
		out[i] = a.step()
		a.skip(n - 1)
	}
	return out
}

// Advance with nothing to do is harmless: no samples, or a source at rest.
func TestAdvanceByNothing(t *testing.T) {
	var s dsp.Smoother
	s.Snap(0.5)
	s.Advance(1000)
	s.Advance(0)
	s.Advance(-3)
	if s.Value() != 0.5 {
		t.Errorf("a settled smoother moved to %v", s.Value())
	}
	var e dsp.ADSR
	e.Advance(100)
	if e.Active() || e.Level() != 0 {
		t.Errorf("an idle envelope woke up: %v", e.Level())
	}
	var l dsp.LFO
	l.Advance(100)
	if l.Phase() != 0 {
		t.Errorf("a 0 Hz LFO moved to phase %v", l.Phase())
	}
}
