package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
)

// slewSteps feeds target to s until its output equals target exactly and
// returns the number of samples that took (the sample on which the output
// first equals the target counts), and the largest and smallest step per
// sample on the way.
func slewSteps(s *dsp.Slew, target float32, limit int) (n int, largest, smallest float64) {
	smallest = math.Inf(1)
	last := float64(s.Value())
	for n = 1; n <= limit; n++ {
		y := s.Next(target)
		step := math.Abs(float64(y) - last)
		last = float64(y)
		if y == target {
			return n, largest, smallest
		}
		largest, smallest = math.Max(largest, step), math.Min(smallest, step)
	}
	return -1, largest, smallest
}

// A step rises at the rise rate and falls at the fall rate: it reaches its
// target in step/rate*sampleRate samples (within one; rounded up) and then
// equals it exactly, each sample on the way moving by rate/sampleRate.
func TestSlewReachesATargetAtItsRate(t *testing.T) {
	cases := []struct {
		rise, fall, rate float64
		from, to         float32
	}{
		{100, 300, 48000, 0, 1},      // up: 480 samples
		{100, 300, 48000, 1, -0.5},   // down: 240 samples
		{123, 7, 44100, -0.25, 0.75}, // up: 358.5 samples
		{123, 7, 44100, 0.3, 0.1},    // down: 1260 samples
		{2000, 0.5, 192000, 0, 440},  // up a frequency, in Hz per second: 42240 samples
		{2000, 0.5, 96000, 1, 0.99},  // down: 1920 samples
	}
	for _, c := range cases {
		var s dsp.Slew
		s.SetRates(c.rise, c.fall, c.rate)
		s.Snap(c.from)
		rate := c.rise
		if c.to < c.from {
			rate = c.fall
		}
		d := math.Abs(float64(c.to) - float64(c.from))
		want := d / rate * c.rate
		n, largest, smallest := slewSteps(&s, c.to, int(2*want)+10)
		step := rate / c.rate
		t.Logf("%v -> %v at %v/s and %v Hz: %d samples (want %.2f), steps %.6g-%.6g (want %.6g)", c.from, c.to, rate, c.rate, n, want, smallest, largest, step)
		if n < 0 || math.Abs(float64(n)-math.Ceil(want)) > 1 {
			t.Errorf("%v -> %v at %v/s and %v Hz: reached in %d samples, want %.2f", c.from, c.to, rate, c.rate, n, want)
		}
		// float32 output: steps are exact to a float32 rounding of the value.
		tol := 2 * float64(math.Max(math.Abs(float64(c.from)), math.Abs(float64(c.to)))) * 6e-8
		if math.Abs(largest-step) > tol || math.Abs(smallest-step) > tol {
			t.Errorf("%v -> %v: steps %v to %v, want %v", c.from, c.to, smallest, largest, step)
		}
		if y := s.Next(c.to); y != c.to {
			t.Errorf("%v -> %v: after reaching the target the output is %v", c.from, c.to, y)
		}
	}
}

// The zero Slew passes its input through, as does a direction whose rate
// is 0 or not finite; Rates reads the rates back, Reset jumps to 0.
func TestSlewZeroValueAndUnlimitedDirections(t *testing.T) {
	var s dsp.Slew
	in := []float32{0.5, -1, 3, 3, -2}
	for i, x := range in {
		if y := s.Next(x); y != x {
			t.Errorf("the zero Slew gives %v for %v at sample %d", y, x, i)
		}
	}
	s.SetRates(0, 100, 48000) // rises at once, falls at 100/s
	s.Reset()
	if y := s.Next(2); y != 2 {
		t.Errorf("with no rise limit, 0 -> 2 gives %v", y)
	}
	if y := s.Next(1); math.Abs(float64(y)-(2-100.0/48000)) > 1e-6 {
		t.Errorf("falling at 100/s, 2 -> 1 gives %v after one sample", y)
	}
	if rise, fall := s.Rates(48000); rise != 0 || math.Abs(fall-100) > 1e-9 {
		t.Errorf("Rates = %v, %v, want 0, 100", rise, fall)
	}
	s.SetRates(math.Inf(1), math.NaN(), 48000)
	if y := s.Next(-5); y != -5 {
		t.Errorf("with infinite and NaN rates, a step to -5 gives %v", y)
	}
}
