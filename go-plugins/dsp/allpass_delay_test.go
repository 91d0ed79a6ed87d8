package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
	"govox.dev/govox/internal/audiotest"
)

// measuredDelay plays a sine at hz through d and returns the delay of the output against
// the input, in samples at that frequency, and the gain, from the steady state.
func measuredDelay(d *dsp.AllpassDelay, hz float64) (delay, gain float64) {
	const n = 48000
	in := audiotest.SineWave(n, hz, 0.5, testRate)
	out := make([]float32, n)
	d.Process(out, in)
	w := 2 * math.Pi * hz / testRate
	// fit fits a cos + b sin to the tail by least squares (exact for any length, where
	// a plain correlation would leak at low frequencies) and returns (phase, amplitude).
	fit := func(x []float32) (float64, float64) {
		var cc, ss, cs, xc, xs float64
		for i := n / 2; i < n; i++ {
			c, s := math.Cos(w*float64(i)), math.Sin(w*float64(i))
			cc, ss, cs = cc+c*c, ss+s*s, cs+c*s
			xc, xs = xc+float64(x[i])*c, xs+float64(x[i])*s
		}
		det := cc*ss - cs*cs
		a, b := (xc*ss-xs*cs)/det, (xs*cc-xc*cs)/det
		return math.Atan2(b, a), math.Hypot(a, b)
	}
	pin, ain := fit(in)
	pout, aout := fit(out)
	lag := pout - pin // a cos(wi - phi): a later copy has a larger phi
	for lag < 0 {
		lag += 2 * math.Pi
	}
	return lag / w, aout / ain
}

// The delay is exact at the tuning frequency for every order and fraction, every
// frequency passes at full level, and the third order stays nearer its delay far above
// the tuning frequency than the first (what keeps a string's partials harmonic).
func TestAllpassDelayIsExactAtItsTuningFrequency(t *testing.T) {
	for _, order := range []int{1, 2, 3, 4} {
		for _, frac := range []float64{-0.5, -0.2, 0, 0.3, 0.49} {
			for _, hz := range []float64{27.5, 440, 4186} {
				var d dsp.AllpassDelay
				want := float64(order) + frac
				d.SetDelay(order, want, hz, testRate)
				got, gain := measuredDelay(&d, hz)
				if math.Abs(got-want) > 1e-4 || math.Abs(gain-1) > 1e-3 {
					t.Errorf("order %d, delay %.2f tuned at %g Hz: measured %.5f samples, gain %.5f",
						order, want, hz, got, gain)
				}
				if _, g := measuredDelay(&d, 3.3*hz); hz < 5000 && math.Abs(g-1) > 1e-3 {
					t.Errorf("order %d: gain %.5f at %g Hz, an allpass passes all", order, g, 3.3*hz)
				}
			}
		}
	}
	// Tuned at C7 (2093 Hz) with half a sample over the order, at the fifth partial.
	drift := func(order int) float64 {
		var d dsp.AllpassDelay
		d.SetDelay(order, float64(order)+0.5-1e-3, 2093, testRate)
		got, _ := measuredDelay(&d, 5*2093)
		return math.Abs(got - (float64(order) + 0.5))
	}
	if d1, d3 := drift(1), drift(3); d3 >= d1/2 {
		t.Errorf("at 5x the tuning frequency the third order drifts %.3f samples, the first %.3f", d3, d1)
	} else {
		t.Logf("drift at 5x the tuning frequency: first order %.3f samples, third %.3f", d1, d3)
	}
}

// The zero value passes its input through.
func TestAllpassDelayZeroValue(t *testing.T) {
	var d dsp.AllpassDelay
	for _, x := range []float32{1, -0.5, 0.25} {
		if y := d.Next(x); y != x {
			t.Fatalf("zero AllpassDelay turned %v into %v", x, y)
		}
	}
}
