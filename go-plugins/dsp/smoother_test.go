package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
)

func TestSmootherTimeConstant(t *testing.T) {
	for _, rate := range []float64{44100, 48000} {
		const ms = 20.0
		var s dsp.Smoother
		s.SetTime(ms, rate)
		s.Snap(0)
		s.SetTarget(1)
		tau := int(math.Round(ms / 1000 * rate))
		var v float32
		for i := 0; i < tau; i++ {
			v = s.Next()
		}
		if math.Abs(float64(v)-(1-math.Exp(-1))) > 0.002 {
			t.Errorf("%.0f Hz: after one time constant the value is %.4f, want 0.632", rate, v)
		}
		// 99.9% after 7 time constants, settled exactly well before 20.
		n := tau
		for ; !s.Settled() && n < 40*tau; n++ {
			v = s.Next()
			if n == 7*tau && math.Abs(1-float64(v)) > 0.001 {
				t.Errorf("%.0f Hz: after 7 time constants the value is %.5f, want within 0.1%%", rate, v)
			}
		}
		t.Logf("%.0f Hz, %.0f ms: settled exactly after %.1f time constants", rate, ms, float64(n)/float64(tau))
		if !s.Settled() || s.Value() != 1 || n > 20*tau {
			t.Errorf("%.0f Hz: not settled at 1 after %d samples (value %v)", rate, n, s.Value())
		}
	}
}

func TestSmootherSnapAndZeroValue(t *testing.T) {
	var s dsp.Smoother
	s.SetTarget(0.5)
	if v := s.Next(); v != 0.5 {
		t.Errorf("zero Smoother: %v after one sample, want 0.5 (no smoothing)", v)
	}
	s.SetTime(50, 48000)
	s.SetTarget(1)
	s.Next()
	s.Snap(-1)
	if v := s.Next(); v != -1 || s.Target() != -1 || !s.Settled() {
		t.Errorf("after Snap(-1): %v (target %v), want -1", v, s.Target())
	}
}

func TestRampReachesTargetExactly(t *testing.T) {
	var r dsp.Ramp
	r.Snap(0.25)
	r.SetTarget(1, 479)
	var v float32
	for i := 1; i <= 479; i++ {
		v = r.Next()
		want := 0.25 + 0.75*float64(i)/479
		if math.Abs(float64(v)-want) > 1e-6 {
			t.Fatalf("ramp sample %d = %v, want %v", i, v, want)
		}
	}
	if v != 1 || !r.Settled() {
		t.Errorf("ramp ends at %v (settled %v), want exactly 1", v, r.Settled())
	}
	if r.Next() != 1 {
		t.Error("ramp does not hold its target")
	}
	r.SetTarget(0, 0)
	if r.Value() != 0 || !r.Settled() {
		t.Errorf("SetTarget with 0 samples: value %v, want a jump to 0", r.Value())
	}
}
