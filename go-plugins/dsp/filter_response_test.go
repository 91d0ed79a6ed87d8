package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
	"govox.dev/govox/internal/audiotest"
)

// cutoffProbe measures steady-state gains with a small sine (so that the
// saturating ladder levels are in their linear range) after 100 ms of
// settling.
func cutoffProbe(rate float64) audiotest.ResponseProbe {
	return audiotest.ResponseProbe{
		SampleRate: rate,
		Amplitude:  0.01,
		Settle:     int(0.1 * rate),
		Measure:    4096,
	}
}

// minus3dB returns the -3 dB frequency of a lowpass relative to its gain at
// DC, searching between 0.5 and 2 times the cutoff.
func minus3dB(p audiotest.ResponseProbe, newFilter func() audiotest.Processor, cutoff float64) float64 {
	ref := p.DCGain(newFilter)
	return p.CrossingFrequency(newFilter, ref, -3.0103, cutoff/2, math.Min(2*cutoff, 0.49*p.SampleRate), false)
}

func TestMoogLadderMinus3dBIsTheCutoff(t *testing.T) {
	const rate = 48000.0
	p := cutoffProbe(rate)
	for _, q := range []dsp.Quality{dsp.QualityLow, dsp.QualityNormal, dsp.QualityHigh} {
		for _, fc := range []float64{200, 1000, 5000} {
			q, fc := q, fc
			newFilter := func() audiotest.Processor {
				var m dsp.MoogLadder
				m.SetQuality(q)
				m.Reset() // no crossfade from the default level
				m.SetCutoff(fc, rate)
				return &m
			}
			got := minus3dB(p, newFilter, fc)
			errPct := 100 * (got - fc) / fc
			t.Logf("Moog %-6v cutoff %5.0f Hz: -3 dB at %8.2f Hz (%+.3f%%)", q, fc, got, errPct)
			if math.Abs(errPct) > 5 {
				t.Errorf("Moog %v cutoff %.0f: -3 dB at %.1f Hz, off by %.2f%%, want within 5%%", q, fc, got, errPct)
			}
		}
	}
}

func TestSVFMinus3dBIsTheCutoff(t *testing.T) {
	p := cutoffProbe(48000)
	for _, rate := range []float64{44100, 48000} {
		p.SampleRate = rate
		for _, fc := range []float64{200, 1000, 5000, 15000} {
			fc, rate := fc, rate
			newLP := func() audiotest.Processor {
				var f dsp.SVF
				f.SetCutoff(fc, rate)
				f.SetQ(math.Sqrt2 / 2)
				return &f
			}
			newHP := func() audiotest.Processor {
				f := newLP().(*dsp.SVF)
				f.SetMode(dsp.Highpass)
				return f
			}
			lp := minus3dB(p, newLP, fc)
			hpRef := p.Gain(newHP, math.Min(fc*8, 0.45*rate))
			hp := p.CrossingFrequency(newHP, hpRef, -3.0103, fc/2, math.Min(2*fc, 0.49*rate), true)
			lpErr, hpErr := 100*(lp-fc)/fc, 100*(hp-fc)/fc
			t.Logf("SVF at %5.0f Hz, cutoff %5.0f Hz: lowpass -3 dB at %8.2f Hz (%+.3f%%), highpass at %8.2f Hz (%+.3f%%)",
				rate, fc, lp, lpErr, hp, hpErr)
			if math.Abs(lpErr) > 5 || math.Abs(hpErr) > 5 {
				t.Errorf("SVF cutoff %.0f at %.0f Hz: -3 dB at %.1f (lowpass) and %.1f Hz (highpass), want within 5%%",
					fc, rate, lp, hp)
			}
		}
	}
}
