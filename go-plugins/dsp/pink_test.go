package dsp_test

import (
	"fmt"
	"math"
	"testing"

	"govox.dev/govox/dsp"
	"govox.dev/govox/internal/audiotest"
)

// The rates the coloured noises are measured at.
var noiseRates = []float64{44100, 48000, 96000, 192000}

// noiseSpectrum is the averaged power spectrum of a coloured noise and of
// the white Noise it is made from, rendered side by side.
type noiseSpectrum struct {
	rate      float64
	size      int       // FFT frame length
	out, in   []float64 // summed power per bin: the noise, its white source
	frames    int
	inputRMS  float64
	outputRMS float64
}

// measureNoise renders seconds of gen after skipping settle seconds, next to
// white, which must be the white Noise gen draws from (the same seed), and
// sums the power spectra of frames with about 1.4 Hz bins.
func measureNoise(gen, white dsp.Generator, rate, settle, seconds float64) noiseSpectrum {
	size := 1 << 10
	for float64(size) < rate/1.5 {
		size <<= 1
	}
	s := noiseSpectrum{rate: rate, size: size, out: make([]float64, size/2+1), in: make([]float64, size/2+1)}
	skip := make([]float32, int(settle*rate))
	gen.Fill(skip)
	white.Fill(skip)
	y, w := make([]float32, size), make([]float32, size)
	var sumY, sumW float64
	for s.frames = 0; float64(s.frames*size) < seconds*rate; s.frames++ {
		gen.Fill(y)
		white.Fill(w)
		for k, p := range audiotest.PowerSpectrum(y) {
			s.out[k] += p
		}
		for k, p := range audiotest.PowerSpectrum(w) {
			s.in[k] += p
		}
		for i := range y {
			sumY += float64(y[i]) * float64(y[i])
			sumW += float64(w[i]) * float64(w[i])
		}
	}
	n := float64(s.frames * size)
	s.outputRMS, s.inputRMS = math.Sqrt(sumY/n), math.Sqrt(sumW/n)
	return s
}

// band returns the summed power of the noise in the bins from lo up to hi
// Hz, and the mean over those bins of its power relative to its white
// source's in the same bin: the filter's power gain, with the randomness of
// the white source divided out bin by bin.
func (s noiseSpectrum) band(lo, hi float64) (out, gain float64) {
	binHz := s.rate / float64(s.size)
	n := 0
	for k := int(math.Ceil(lo / binHz)); float64(k)*binHz < hi && k < len(s.out); k++ {
		out += s.out[k]
		gain += s.out[k] / s.in[k]
		n++
	}
	return out, gain / float64(n)
}

// octaveSteps returns, for the octaves from lo Hz up to top Hz, how many dB
// each octave's mean power density lies above the previous one's: from the
// noise's own power (raw), and from its power relative to its white source
// in the same bins (relative; the white source's randomness cancels, which
// leaves the filter's response with far less scatter than a raw spectrum of
// the same length has).
func (s noiseSpectrum) octaveSteps(lo, top float64) (raw, relative []float64) {
	var lastOut, lastGain float64
	for f := lo; 2*f <= top*1.0001; f *= 2 {
		out, gain := s.band(f, 2*f)
		density := out / f
		if f > lo {
			raw = append(raw, 10*math.Log10(density/lastOut))
			relative = append(relative, 10*math.Log10(gain/lastGain))
		}
		lastOut, lastGain = density, gain
	}
	return raw, relative
}

// noiseWorstStep returns the step farthest from want and its index.
func noiseWorstStep(steps []float64, want float64) (dev float64, at int) {
	for i, v := range steps {
		if d := v - want; math.Abs(d) > math.Abs(dev) {
			dev, at = d, i
		}
	}
	return dev, at
}

func noiseFormatSteps(steps []float64) string {
	s := ""
	for _, v := range steps {
		s += fmt.Sprintf(" %+.2f", v)
	}
	return s
}

// thirdOctaveDeviation returns, for the third-octave bands from lo Hz up to
// top Hz, the largest deviation in dB of the filter's power gain from the
// shape want, the mean power density over a band (fitted through the middle
// of the deviations), and the band where it lies.
func (s noiseSpectrum) thirdOctaveDeviation(lo, top float64, want func(lo, hi float64) float64) (dev, at float64) {
	var devs, fs []float64
	for f := lo; f*math.Cbrt(2) <= top*1.0001; f *= math.Cbrt(2) {
		_, gain := s.band(f, f*math.Cbrt(2))
		devs = append(devs, 10*math.Log10(gain/want(f, f*math.Cbrt(2))))
		fs = append(fs, f)
	}
	lowest, highest := math.Inf(1), math.Inf(-1)
	for _, d := range devs {
		lowest, highest = math.Min(lowest, d), math.Max(highest, d)
	}
	mid := (lowest + highest) / 2
	for i, d := range devs {
		if math.Abs(d-mid) > math.Abs(dev) {
			dev, at = d-mid, fs[i]
		}
	}
	return dev, at
}

// pinkDensity is the mean of 1/f from lo to hi.
func pinkDensity(lo, hi float64) float64 {
	return math.Log(hi/lo) / (hi - lo)
}

// rawSlope returns the least-squares slope in dB per octave of the raw
// output's octave densities from lo Hz up to top Hz.
func (s noiseSpectrum) rawSlope(lo, top float64) float64 {
	var xs, ys []float64
	for f := lo; 2*f <= top*1.0001; f *= 2 {
		out, _ := s.band(f, 2*f)
		xs = append(xs, math.Log2(f))
		ys = append(ys, 10*math.Log10(out/f))
	}
	var mx, my float64
	for i := range xs {
		mx += xs[i] / float64(len(xs))
		my += ys[i] / float64(len(xs))
	}
	var sxy, sxx float64
	for i := range xs {
		sxy += (xs[i] - mx) * (ys[i] - my)
		sxx += (xs[i] - mx) * (xs[i] - mx)
	}
	return sxy / sxx
}

// bandLevel returns the output's power from lo up to hi Hz, from its power
// relative to its white source (whose power is 1/3, spread evenly up to
// Nyquist) in the same bins.
func (s noiseSpectrum) bandLevel(lo, hi float64) float64 {
	binHz := s.rate / float64(s.size)
	var sum float64
	for k := int(math.Ceil(lo / binHz)); float64(k)*binHz < hi && k < len(s.out); k++ {
		sum += s.out[k] / s.in[k]
	}
	return sum * (1.0 / 3) * binHz / (s.rate / 2)
}

// pinkSlope is the density step per octave of 1/f noise.
var pinkSlope = -10 * math.Log10(2)

// Pink noise falls 3 dB per octave from 20 Hz to 20 kHz at every rate, at
// the same level. Four seconds at each rate are measured against the white
// source they are made from, bin by bin, which divides out the source's
// randomness: octave by octave to ±0.5 dB of -3 dB, and third-octave bands
// within ±0.25 dB of 1/f (the filter is within ±0.1 dB; Kellet's filter
// with its 44.1 kHz poles, the old PinkNoise, is 0.43 dB off at 192 kHz). The raw output
// spectrum, whose low octaves scatter by a few tenths of a dB over four
// seconds, must show a least-squares slope from 40 Hz to 20 kHz of -3 dB per
// octave within 0.15 dB, and every octave must hold 0.004 ln 2 of power
// (-25.6 dBFS) within 0.5 dB.
func TestPinkNoiseSlopeAtEachRate(t *testing.T) {
	wantOctave := 10 * math.Log10(0.004*math.Ln2)
	for _, rate := range noiseRates {
		p := dsp.NewPinkNoise(17)
		p.SetSampleRate(rate)
		s := measureNoise(p, dsp.NewNoise(17), rate, 0.5, 4)
		_, rel := s.octaveSteps(20, 20480)
		relDev, relAt := noiseWorstStep(rel, pinkSlope)
		thirdDev, thirdAt := s.thirdOctaveDeviation(20, 20000, pinkDensity)
		slope := s.rawSlope(40, 20480)
		level := 10*math.Log10(s.bandLevel(250, 8000)/5) - wantOctave
		t.Logf("%6.0f Hz: octave steps from 20 Hz%s dB (worst %+.3f dB), third octaves within %+.3f dB of 1/f (at %.0f Hz); raw slope %.3f dB/octave, octave level %+.2f dB, RMS %.3f",
			rate, noiseFormatSteps(rel), relDev, thirdDev, thirdAt, slope, level, s.outputRMS)
		if math.Abs(relDev) > 0.5 {
			t.Errorf("%.0f Hz: the octave from %.0f Hz lies %+.2f dB off -3 dB from the one below", rate, 20*math.Pow(2, float64(relAt+1)), relDev)
		}
		if math.Abs(thirdDev) > 0.25 {
			t.Errorf("%.0f Hz: the third octave from %.0f Hz lies %+.2f dB off 1/f", rate, thirdAt, thirdDev)
		}
		if math.Abs(slope-pinkSlope) > 0.15 {
			t.Errorf("%.0f Hz: the raw spectrum falls %.2f dB per octave, want %.2f", rate, slope, pinkSlope)
		}
		if math.Abs(level) > 0.5 {
			t.Errorf("%.0f Hz: an octave holds %+.2f dB more power than 0.004 ln 2", rate, level)
		}
		if math.Abs(s.outputRMS-0.2) > 0.02 {
			t.Errorf("%.0f Hz: RMS %.3f, want about 0.2", rate, s.outputRMS)
		}
	}
}
