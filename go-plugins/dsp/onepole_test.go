package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
	"govox.dev/govox/internal/audiotest"
)

func newOnePole(highpass bool, hz, rate float64) *dsp.OnePole {
	var f dsp.OnePole
	if highpass {
		f.SetHighpass(hz, rate)
	} else {
		f.SetLowpass(hz, rate)
	}
	return &f
}

// onePoleWant is the bilinear transform of the analog RC filter prewarped at
// the cutoff: |H| = 1/sqrt(1 + r^2) (lowpass) or r/sqrt(1 + r^2)
// (highpass), r = tan(pi hz/fs) / tan(pi fc/fs).
func onePoleWant(highpass bool, hz, fc, rate float64) float64 {
	r := math.Tan(math.Pi*hz/rate) / math.Tan(math.Pi*fc/rate)
	if highpass {
		return r / math.Hypot(1, r)
	}
	return 1 / math.Hypot(1, r)
}

// Both responses are 3 dB below their passband (1 at DC for the lowpass, 1
// at Nyquist for the highpass) exactly at the cutoff.
func TestOnePoleMinus3dBIsTheCutoff(t *testing.T) {
	worst := 0.0
	for _, c := range []struct{ fc, rate float64 }{{50, 48000}, {1000, 48000}, {10000, 48000}, {20000, 48000}, {1000, 44100}, {15000, 44100}} {
		c := c
		p := cutoffProbe(c.rate)
		p.Amplitude = 0.5
		lo, hi := c.fc/2, math.Min(2*c.fc, 0.49*c.rate)
		newLP := func() audiotest.Processor { return newOnePole(false, c.fc, c.rate) }
		newHP := func() audiotest.Processor { return newOnePole(true, c.fc, c.rate) }
		lp := p.CrossingFrequency(newLP, 1, -3.0103, lo, hi, false)
		hp := p.CrossingFrequency(newHP, 1, -3.0103, lo, hi, true)
		lpErr, hpErr := 100*(lp-c.fc)/c.fc, 100*(hp-c.fc)/c.fc
		worst = math.Max(worst, math.Max(math.Abs(lpErr), math.Abs(hpErr)))
		t.Logf("one-pole %5.0f Hz at %5.0f Hz: lowpass -3 dB at %8.2f Hz (%+.3f%%), highpass at %8.2f Hz (%+.3f%%)",
			c.fc, c.rate, lp, lpErr, hp, hpErr)
		if math.Abs(lpErr) > 0.1 || math.Abs(hpErr) > 0.1 {
			t.Errorf("one-pole %.0f Hz at %.0f Hz: -3 dB at %.2f (lowpass) and %.2f Hz (highpass), want within 0.1%%",
				c.fc, c.rate, lp, hp)
		}
	}
	t.Logf("worst -3 dB point error %.4f%%", worst)
}

// Sines through the filter against the analytic response, within 0.01 dB
// above -60 dB.
func TestOnePoleMeasuredMagnitude(t *testing.T) {
	const rate = 48000.0
	worst := 0.0
	for _, fc := range []float64{100, 3000} {
		for _, hp := range []bool{false, true} {
			fc, hp := fc, hp
			newFilter := func() audiotest.Processor { return newOnePole(hp, fc, rate) }
			for i := 0; i < 12; i++ {
				hz := 40 * math.Pow(0.45*rate/40, float64(i)/11)
				measure := 2048
				if n := int(8 * rate / hz); n > measure {
					measure = n
				}
				got := audiotest.DB(audiotest.Gain(newFilter, hz, 0.5, rate, 4800, measure))
				want := audiotest.DB(onePoleWant(hp, hz, fc, rate))
				if want < -60 {
					continue
				}
				worst = math.Max(worst, math.Abs(got-want))
				if math.Abs(got-want) > 0.01 {
					t.Errorf("one-pole (highpass %v) at %.0f Hz, %.1f Hz: measured %.4f dB, want %.4f dB", hp, fc, hz, got, want)
				}
			}
		}
	}
	t.Logf("measured against the analytic magnitude: worst error %.5f dB", worst)
}

func TestOnePoleZeroValuePassesThrough(t *testing.T) {
	in := testInput(1000)
	var f dsp.OnePole
	out := make([]float32, len(in))
	f.Process(out, in)
	for i := range in {
		if out[i] != in[i] || f.Next(in[i]) != in[i] {
			t.Fatalf("zero OnePole changes sample %d: %v -> %v", i, in[i], out[i])
		}
	}
}

// The lowpass and highpass outputs are complementary: they sum to the
// input, whatever the cutoff does.
func TestOnePoleOutputsSumToTheInput(t *testing.T) {
	in := testInput(4000)
	var lp, hp dsp.OnePole
	for i, x := range in {
		hz := 30 * math.Pow(600, 0.5+0.5*math.Sin(float64(i)/40))
		lp.SetLowpass(hz, testRate)
		hp.SetHighpass(hz, testRate)
		if d := float64(lp.Next(x)) + float64(hp.Next(x)) - float64(x); math.Abs(d) > 1e-6 {
			t.Fatalf("sample %d: lowpass + highpass is off the input by %g", i, d)
		}
	}
}

// Clamping: above 0.49 fs is 0.49 fs; 0 Hz or a NaN is the bottom of the
// range, a lowpass that is not silent but passes DC.
func TestOnePoleClampsTheCutoff(t *testing.T) {
	in := testInput(2000)
	same := func(what string, a, b *dsp.OnePole) {
		t.Helper()
		x, y := dsp.Apply(a, in), dsp.Apply(b, in)
		for i := range x {
			if x[i] != y[i] {
				t.Errorf("%s: sample %d is %v, want %v", what, i, x[i], y[i])
				return
			}
		}
	}
	same("cutoff above 0.49 fs", newOnePole(false, 1e9, testRate), newOnePole(false, 0.49*testRate, testRate))
	same("cutoff 0", newOnePole(true, 0, testRate), newOnePole(true, 1e-6*testRate, testRate))
	same("NaN cutoff", newOnePole(true, math.NaN(), testRate), newOnePole(true, 1e-6*testRate, testRate))
	dc := make([]float32, int(testRate))
	for i := range dc {
		dc[i] = 1
	}
	// The bottom of the range is 0.048 Hz: a time constant of 3.3 s.
	if y := dsp.Apply(newOnePole(false, 0, testRate), dc); !(y[len(y)-1] > 0.2) {
		t.Errorf("lowpass at 0 Hz: DC step reaches %v after a second, want the bottom of the range (0.048 Hz)", y[len(y)-1])
	}
}

// The trapezoidal integrator stays bounded however fast the cutoff moves:
// white noise through a cutoff swept from 20 Hz to 20 kHz and back in 10 ms
// (3% per sample) and through one jumping between the ends every sample.
// Its state s' = 2G x + (1 - 2G) s with 0 < G < 1 can never exceed
// G/(1-G) = tan(0.49 pi), about 32, times the input's peak; in practice it
// stays within a few times it.
func TestOnePoleStableUnderModulation(t *testing.T) {
	for _, hp := range []bool{false, true} {
		for _, jump := range []bool{false, true} {
			var f dsp.OnePole
			noise := dsp.NewNoise(2)
			out := make([]float32, int(testRate))
			half := 0.005 * testRate
			for i := range out {
				tri := math.Abs(math.Mod(float64(i)/half, 2) - 1)
				if jump {
					tri = float64(i % 2)
				}
				hz := 20 * math.Pow(1000, tri)
				if hp {
					f.SetHighpass(hz, testRate)
				} else {
					f.SetLowpass(hz, testRate)
				}
				out[i] = f.Next(noise.Next())
			}
			peak := audiotest.Peak(out)
			t.Logf("highpass %v, jumping %v: peak %.3f", hp, jump, peak)
			if !audiotest.AllFinite(out) || peak > 8 {
				t.Errorf("one-pole (highpass %v, jumping %v) under modulation: peak %v, want at most 8", hp, jump, peak)
			}
		}
	}
}
