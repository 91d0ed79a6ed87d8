package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
	"govox.dev/govox/internal/audiotest"
)

// The SVF's bell and shelves measure as the RBJ cookbook's (the same analog prototypes,
// prewarped at the cutoff): against Biquad's designed response, within 0.02 dB, at
// boosts and cuts, narrow and wide; the allpass is flat.
func TestSVFBellAndShelvesMatchTheCookbook(t *testing.T) {
	const rate = 48000.0
	worst := 0.0
	for _, c := range []struct {
		mode      dsp.FilterMode
		hz, q, db float64
	}{
		{dsp.Bell, 1000, 2, 12}, {dsp.Bell, 300, 0.7, -9}, {dsp.Bell, 8000, 6, 6},
		{dsp.LowShelf, 200, 0.707, 9}, {dsp.LowShelf, 1500, 0.5, -12},
		{dsp.HighShelf, 4000, 0.707, -6}, {dsp.HighShelf, 800, 1.2, 10},
	} {
		var ref dsp.Biquad
		switch c.mode {
		case dsp.Bell:
			ref.SetPeak(c.hz, c.q, c.db, rate)
		case dsp.LowShelf:
			ref.SetLowShelf(c.hz, c.q, c.db, rate)
		case dsp.HighShelf:
			ref.SetHighShelf(c.hz, c.q, c.db, rate)
		}
		newSVF := func() audiotest.Processor {
			f := &dsp.SVF{}
			f.SetMode(c.mode)
			f.SetCutoff(c.hz, rate)
			f.SetQ(c.q)
			f.SetGain(c.db)
			return f
		}
		for _, hz := range []float64{50, 120, 300, 700, c.hz, 2000, 5000, 11000, 17000} {
			got := audiotest.DB(audiotest.Gain(newSVF, hz, 0.25, rate, 9600, 9600))
			want := ref.MagnitudeDB(hz, rate)
			if d := math.Abs(got - want); d > 0.02 || d != d {
				t.Errorf("%v %g Hz Q %g %+g dB: %.3f dB at %g Hz, the cookbook %.3f", c.mode, c.hz, c.q, c.db, got, hz, want)
			} else if d > worst {
				worst = d
			}
		}
	}
	t.Logf("largest difference from the cookbook: %.4f dB", worst)
	newAllpass := func() audiotest.Processor {
		f := &dsp.SVF{}
		f.SetMode(dsp.Allpass)
		f.SetCutoff(1000, rate)
		f.SetQ(3)
		return f
	}
	for _, hz := range []float64{60, 900, 1000, 1100, 15000} {
		if g := audiotest.DB(audiotest.Gain(newAllpass, hz, 0.25, rate, 9600, 9600)); math.Abs(g) > 0.01 {
			t.Errorf("the allpass is %.3f dB at %g Hz", g, hz)
		}
	}
}

// A bell's gain and cutoff turned every sample stay bounded and finite (the SVF's point
// over a biquad), and 0 dB is the input itself.
func TestSVFBellModulatedEverySample(t *testing.T) {
	var f dsp.SVF
	f.SetMode(dsp.Bell)
	f.SetQ(4)
	n := dsp.NewNoise(1)
	peak := 0.0
	for i := 0; i < 48000; i++ {
		ph := float64(i) / 48000
		f.SetCutoff(100*math.Pow(150, 0.5+0.5*math.Sin(2*math.Pi*40*ph)), 48000)
		f.SetGain(18 * math.Sin(2*math.Pi*27*ph))
		y := f.Next(0.25 * n.Next())
		if math.IsNaN(float64(y)) || math.IsInf(float64(y), 0) {
			t.Fatalf("sample %d is %v", i, y)
		}
		peak = math.Max(peak, math.Abs(float64(y)))
	}
	if peak > 0.25*8*3 { // +18 dB is 7.9x; noise peaks at 0.25
		t.Errorf("a bell swept every sample peaked at %.2f", peak)
	}
	var flat dsp.SVF
	flat.SetMode(dsp.Bell)
	flat.SetCutoff(1000, 48000)
	flat.SetQ(1)
	flat.SetGain(0)
	for i := 0; i < 1000; i++ {
		x := 0.25 * n.Next()
		if y := flat.Next(x); math.Abs(float64(y-x)) > 1e-6 {
			t.Fatalf("a 0 dB bell changed %v into %v", x, y)
		}
	}
}
