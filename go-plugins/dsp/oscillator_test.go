package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
	"govox.dev/govox/internal/audiotest"
)

// oscillator is what the oscillator tests need of Sine, Saw, Square and
// Triangle.
type oscillator interface {
	dsp.Generator
	SetFrequency(hz, sampleRate float64)
	SetPhase(cycles float64)
	Phase() float64
}

var oscillators = []struct {
	name string
	new  func() oscillator
}{
	{"sine", func() oscillator { return &dsp.Sine{} }},
	{"saw", func() oscillator { return &dsp.Saw{} }},
	{"square", func() oscillator { return &dsp.Square{} }},
	{"pulse 30%", func() oscillator { o := &dsp.Square{}; o.SetPulseWidth(0.3); return o }},
	{"triangle", func() oscillator { return &dsp.Triangle{} }},
}

func TestOscillatorFrequencyWithin0Point1Percent(t *testing.T) {
	const rate = 48000.0
	for _, o := range oscillators {
		for _, hz := range []float64{27.5, 440, 1234.5, 4186} {
			osc := o.new()
			osc.SetFrequency(hz, rate)
			got := audiotest.ZeroCrossingFrequency(dsp.Render(osc, rate/2), rate)
			errPct := 100 * (got - hz) / hz
			if math.Abs(errPct) > 0.1 {
				t.Errorf("%s at %.1f Hz: measured %.4f Hz (%+.4f%%), want within 0.1%%", o.name, hz, got, errPct)
			} else if hz == 27.5 || hz == 4186 {
				t.Logf("%-9s %6.1f Hz: measured %10.4f Hz (%+.5f%%)", o.name, hz, got, errPct)
			}
		}
	}
}

func TestOscillatorOutputStaysInRange(t *testing.T) {
	const rate = 48000.0
	for _, o := range oscillators {
		for _, hz := range []float64{20, 440, 4186, 12000, 23999} {
			osc := o.new()
			osc.SetFrequency(hz, rate)
			out := dsp.Render(osc, 4800)
			if p := audiotest.Peak(out); p > 1.0001 || !audiotest.AllFinite(out) {
				t.Errorf("%s at %.0f Hz: peak %.5f, want <= 1", o.name, hz, p)
			}
		}
	}
	for _, pw := range []float64{0.01, 0.99} {
		for _, hz := range []float64{440, 12000, 23999} {
			var sq dsp.Square
			sq.SetPulseWidth(pw)
			sq.SetFrequency(hz, rate)
			if p := audiotest.Peak(dsp.Render(&sq, 4800)); p > 1.0001 {
				t.Errorf("pulse width %.2f at %.0f Hz: peak %.5f, want <= 1", pw, hz, p)
			}
		}
	}
}

func TestOscillatorPhase(t *testing.T) {
	const rate = 48000.0
	var s dsp.Sine
	s.SetFrequency(100, rate)
	s.SetPhase(1.25) // wraps to 0.25: the peak
	if got := s.Next(); math.Abs(float64(got)-1) > 1e-6 {
		t.Errorf("sine at phase 0.25 = %v, want 1", got)
	}
	if got, want := s.Phase(), 0.25+100/rate; math.Abs(got-want) > 1e-12 {
		t.Errorf("sine phase after one sample = %v, want %v", got, want)
	}
	var tri dsp.Triangle
	tri.SetFrequency(100, rate)
	tri.SetPhase(-0.25) // wraps to 0.75: the trough, rounded by 4*dt/3
	if got, want := tri.Next(), -1+4*(100/rate)/3; math.Abs(float64(got)-want) > 1e-6 {
		t.Errorf("triangle at phase 0.75 = %v, want %v", got, want)
	}
	var saw dsp.Saw
	saw.SetFrequency(100, rate)
	saw.SetPhase(0.5)
	if got := saw.Next(); math.Abs(float64(got)) > 1e-6 {
		t.Errorf("saw at phase 0.5 = %v, want 0", got)
	}
}

// Vibrato by calling SetFrequency before every sample must keep the wave
// continuous: no step larger than the fastest slope of the wave allows.
func TestOscillatorFrequencyModulationIsContinuous(t *testing.T) {
	const rate = 48000.0
	for _, o := range []int{0, 4} { // sine and triangle: waves without jumps
		osc := oscillators[o].new()
		var lfo dsp.LFO
		lfo.SetRate(6, rate)
		out := make([]float32, rate/2)
		maxHz := 0.0
		for i := range out {
			hz := 440 * dsp.SemitonesToRatio(2*float64(lfo.Next())) // ±2 semitones
			maxHz = math.Max(maxHz, hz)
			osc.SetFrequency(hz, rate)
			out[i] = osc.Next()
		}
		// Slope bound per sample: 2*pi*f/rate for a sine, 4*f/rate for a
		// triangle; allow 5%.
		bound := 1.05 * 2 * math.Pi * maxHz / rate
		if step, at := audiotest.MaxStep(out); step > bound {
			t.Errorf("%s with vibrato: step of %.4f at sample %d, want <= %.4f", oscillators[o].name, step, at, bound)
		}
	}
}

func TestSquarePulseWidth(t *testing.T) {
	const rate = 48000.0
	for _, pw := range []float64{0.1, 0.25, 0.5, 0.8} {
		var sq dsp.Square
		sq.SetPulseWidth(pw)
		sq.SetFrequency(187.5, rate) // exactly 256 samples per cycle
		out := dsp.Render(&sq, 256*20)
		// The mean of a pulse wave is 2*width - 1.
		if mean := audiotest.Mean(out); math.Abs(mean-(2*pw-1)) > 1e-3 {
			t.Errorf("pulse width %.2f: mean %.4f, want %.4f", pw, mean, 2*pw-1)
		}
	}
	var sq dsp.Square
	if sq.PulseWidth() != 0.5 {
		t.Errorf("zero Square has pulse width %v, want 0.5", sq.PulseWidth())
	}
	sq.SetPulseWidth(2)
	if sq.PulseWidth() != 0.99 {
		t.Errorf("pulse width 2 clamps to %v, want 0.99", sq.PulseWidth())
	}
}

func TestZeroSineAndTriangleAreSilent(t *testing.T) {
	for _, g := range []dsp.Generator{&dsp.Sine{}, &dsp.Triangle{}} {
		if p := audiotest.Peak(dsp.Render(g, 100)); p != 0 {
			t.Errorf("zero %T: peak %v, want silence", g, p)
		}
	}
}
