package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
)

// sampleIndexRamp returns n samples whose values are their indices (exact
// in float32 up to 2^24), so that a held value tells which sample was taken.
func sampleIndexRamp(n int) []float32 {
	x := make([]float32, n)
	for i := range x {
		x[i] = float32(i)
	}
	return x
}

// A clocked sample-and-hold takes the input on sample ceil(m*rate/hz) for
// m = 0, 1, 2... and holds it until the next tick: checked sample by sample
// for whole periods (48000/1000 = 48), fractional ones (44100/440 =
// 100.23, 48000/1100 = 43.64, whose 11th tick falls exactly on sample 480,
// 44100/7 = 6300), and a tick on every sample.
func TestSampleHoldClockTicksOnTheExpectedSamples(t *testing.T) {
	cases := []struct{ hz, rate int }{{1000, 48000}, {440, 44100}, {1100, 48000}, {7, 44100}, {3, 192000}, {48000, 48000}, {17, 96000}}
	for _, c := range cases {
		var s dsp.SampleHold
		s.SetRate(float64(c.hz), float64(c.rate))
		in := sampleIndexRamp(2 * c.rate)
		out := dsp.Apply(&s, in)
		m, tick, next := 0, 0, 0
		ticks := 0
		for i, y := range out {
			for next <= i { // the latest tick at or before sample i
				tick = next
				m++
				next = (m*c.rate + c.hz - 1) / c.hz // ceil(m*rate/hz) in integers
				ticks++
			}
			if y != float32(tick) {
				t.Fatalf("%d Hz at %d Hz: sample %d holds input sample %v, want %d (tick %d)", c.hz, c.rate, i, y, tick, m-1)
			}
		}
		t.Logf("%d Hz at %d Hz: %d ticks in 2 s, each on its sample", c.hz, c.rate, ticks)
		if got := s.Rate(float64(c.rate)); math.Abs(got-float64(c.hz)) > 1e-9*float64(c.hz) {
			t.Errorf("%d Hz at %d Hz: Rate reads back %v", c.hz, c.rate, got)
		}
	}
}

// Without a clock the sample-and-hold takes the sample after each Trigger;
// with one, a Trigger takes its sample and restarts the clock from it. A
// rate change keeps the clock's phase, a zero rate stops it, and Reset holds
// 0 and restarts it.
func TestSampleHoldTrigger(t *testing.T) {
	var s dsp.SampleHold
	in := sampleIndexRamp(1000)
	for i := 0; i < 10; i++ {
		if y := s.Next(in[i]); y != 0 {
			t.Fatalf("the zero SampleHold gives %v at sample %d, want 0", y, i)
		}
	}
	s.Trigger()
	for i := 10; i < 20; i++ {
		if y := s.Next(in[i]); y != 10 {
			t.Fatalf("after a Trigger before sample 10, sample %d holds %v, want 10", i, y)
		}
	}
	if s.Value() != 10 {
		t.Errorf("Value %v, want 10", s.Value())
	}

	// Clocked every 100 samples, triggered at sample 250: ticks at 0, 100,
	// 200, then 250, 350, 450...
	s.Reset()
	s.SetRate(480, 48000)
	want := func(i int) float32 {
		if i < 250 {
			return float32(i / 100 * 100)
		}
		return float32(250 + (i-250)/100*100)
	}
	for i := 0; i < 1000; i++ {
		if i == 250 {
			s.Trigger()
		}
		if y := s.Next(in[i]); y != want(i) {
			t.Fatalf("clocked and triggered at 250: sample %d holds %v, want %v", i, y, want(i))
		}
	}

	// Halving the period 50 samples into it leaves 25 samples to the next
	// tick; rate 0 then holds for good.
	s.Reset()
	s.SetRate(480, 48000)
	got := make([]float32, 0, 200)
	for i := 0; i < 200; i++ {
		if i == 50 {
			s.SetRate(960, 48000)
		}
		got = append(got, s.Next(in[i]))
	}
	for _, c := range []struct{ at, want int }{{74, 0}, {75, 75}, {124, 75}, {125, 125}, {175, 175}} {
		if got[c.at] != float32(c.want) {
			t.Errorf("after the rate doubled at sample 50, sample %d holds %v, want %d", c.at, got[c.at], c.want)
		}
	}
	s.SetRate(0, 48000)
	for i := 200; i < 1000; i++ {
		if y := s.Next(in[i]); y != 175 {
			t.Fatalf("with the clock stopped, sample %d holds %v, want 175", i, y)
		}
	}
}
