package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
	"govox.dev/govox/internal/audiotest"
)

// brownSlope is the density step per octave of 1/f² noise.
var brownSlope = -20 * math.Log10(2)

// Brown noise falls 6 dB per octave at every rate: measured against its
// white source like pink noise (see TestPinkNoiseSlopeAtEachRate), each
// octave from 40 Hz to 20 kHz lies 6 dB below the previous within 0.5 dB,
// and third-octave bands from 20 Hz to 20 kHz follow an analog one-pole
// lowpass at the corner, 1/(f² + corner²), within ±0.25 dB (the design is
// within ±0.08 dB; a plain integrator, without the correction near Nyquist,
// is 1.6 dB off at 44.1 kHz).
func TestBrownNoiseSlopeAtEachRate(t *testing.T) {
	const corner = 10.0
	lowpass := func(lo, hi float64) float64 {
		return (math.Atan(hi/corner) - math.Atan(lo/corner)) / (corner * (hi - lo))
	}
	for _, rate := range noiseRates {
		b := dsp.NewBrownNoise(23)
		b.SetCorner(corner, rate)
		s := measureNoise(b, dsp.NewNoise(23), rate, 0.5, 4)
		_, rel := s.octaveSteps(40, 20480)
		relDev, relAt := noiseWorstStep(rel, brownSlope)
		thirdDev, thirdAt := s.thirdOctaveDeviation(20, 20000, lowpass)
		t.Logf("%6.0f Hz: octave steps from 40 Hz%s dB (worst %+.3f dB), third octaves within %+.3f dB of the lowpass (at %.0f Hz); RMS %.3f",
			rate, noiseFormatSteps(rel), relDev, thirdDev, thirdAt, s.outputRMS)
		if math.Abs(relDev) > 0.5 {
			t.Errorf("%.0f Hz: the octave from %.0f Hz lies %+.2f dB off -6 dB from the one below", rate, 40*math.Pow(2, float64(relAt+1)), relDev)
		}
		if math.Abs(thirdDev) > 0.25 {
			t.Errorf("%.0f Hz: the third octave from %.0f Hz lies %+.2f dB off 1/(f² + corner²)", rate, thirdAt, thirdDev)
		}
		if math.Abs(s.outputRMS-0.25) > 0.04 {
			t.Errorf("%.0f Hz: RMS %.3f, want about 0.25", rate, s.outputRMS)
		}
	}
}

// Brown noise does not drift: its mean over 10 s is near 0 and so is every
// second's (a plain integrator's would wander off), for 60 seeds; and it
// never leaves [-1, 1] in those ten minutes, where it reaches past ±0.95
// and has to be folded back.
func TestBrownNoiseHasNoDriftAndStaysInRange(t *testing.T) {
	const rate = 48000
	b := dsp.NewBrownNoise(5)
	b.SetCorner(10, rate)
	out := dsp.Render(b, 10*rate)
	mean, peak := audiotest.Mean(out), audiotest.Peak(out)
	t.Logf("10 s: mean %+.4f, peak %.3f, RMS %.3f", mean, peak, audiotest.RMS(out))
	if math.Abs(mean) > 0.05 {
		t.Errorf("mean over 10 s %+.4f, want within 0.05 of 0", mean)
	}
	if peak > 1 {
		t.Errorf("peak %v over 10 s, want <= 1", peak)
	}
	for i := 0; i < 10; i++ {
		if m := audiotest.Mean(out[i*rate : (i+1)*rate]); math.Abs(m) > 0.2 {
			t.Errorf("mean over second %d %+.3f, want within 0.2 of 0", i, m)
		}
	}
	buf := make([]float32, 10*44100)
	peak, near, worstMean := 0.0, 0, 0.0
	for seed := uint64(0); seed < 60; seed++ {
		var z dsp.BrownNoise // the zero value: 10 Hz at 44.1 kHz
		z.Seed(seed)
		z.Fill(buf)
		for _, v := range buf {
			a := math.Abs(float64(v))
			if a > peak {
				peak = a
			}
			if a > 0.95 {
				near++
			}
		}
		if m := audiotest.Mean(buf); math.Abs(m) > math.Abs(worstMean) {
			worstMean = m
		}
	}
	t.Logf("600 s in 60 seeds: peak %.4f, %d samples beyond ±0.95, largest 10 s mean %+.4f", peak, near, worstMean)
	if math.Abs(worstMean) > 0.06 {
		t.Errorf("a mean over 10 s of %+.4f, want within 0.06 of 0", worstMean)
	}
	if peak > 1 {
		t.Errorf("peak %v, want <= 1", peak)
	}
	if near == 0 {
		t.Error("no sample beyond ±0.95 in 600 s: the range limit was not exercised")
	}
}
