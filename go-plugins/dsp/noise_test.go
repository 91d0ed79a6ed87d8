package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
	"govox.dev/govox/internal/audiotest"
)

func TestNoiseIsDeterministic(t *testing.T) {
	a := dsp.Render(dsp.NewNoise(1234), 10000)
	b := dsp.Render(dsp.NewNoise(1234), 10000)
	c := dsp.Render(dsp.NewNoise(1235), 10000)
	same := 0
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("same seed differs at sample %d", i)
		}
		if a[i] == c[i] {
			same++
		}
	}
	if same > 10 {
		t.Errorf("seeds 1234 and 1235 agree on %d of %d samples", same, len(a))
	}
	// Seed restarts the sequence, and the zero value is seed 0.
	n := dsp.NewNoise(1234)
	dsp.Render(n, 500)
	n.Seed(1234)
	if got := n.Next(); got != a[0] {
		t.Errorf("after Seed the first sample is %v, want %v", got, a[0])
	}
	var zero dsp.Noise
	if got, want := dsp.Render(&zero, 3), dsp.Render(dsp.NewNoise(0), 3); got[2] != want[2] {
		t.Error("the zero Noise differs from seed 0")
	}
}

func TestWhiteNoiseStatistics(t *testing.T) {
	out := dsp.Render(dsp.NewNoise(99), 1<<16)
	if p := audiotest.Peak(out); p > 1 {
		t.Errorf("peak %v, want <= 1", p)
	}
	if m := audiotest.Mean(out); math.Abs(m) > 0.01 {
		t.Errorf("mean %v, want about 0", m)
	}
	if r := audiotest.RMS(out); math.Abs(r-1/math.Sqrt(3)) > 0.01 {
		t.Errorf("RMS %v, want about %v (uniform)", r, 1/math.Sqrt(3))
	}
}

// bandPower returns the summed spectral power between lo and hi Hz.
func bandPower(power []float64, lo, hi, binHz float64) float64 {
	sum := 0.0
	for k := int(lo / binHz); k < int(hi/binHz); k++ {
		sum += power[k]
	}
	return sum
}

func TestPinkNoiseFallsThreeDBPerOctave(t *testing.T) {
	const rate, n = 48000.0, 1 << 14
	p := dsp.NewPinkNoise(5)
	p.SetSampleRate(rate)
	dsp.Render(p, 4800) // let the slowest pole settle a little
	// Average the spectra of several blocks.
	avg := make([]float64, n/2+1)
	for b := 0; b < 16; b++ {
		for k, v := range audiotest.PowerSpectrum(dsp.Render(p, n)) {
			avg[k] += v
		}
	}
	binHz := rate / n
	// Equal power per octave: the 4-8 kHz octave holds as much as 250-500 Hz.
	low := bandPower(avg, 250, 500, binHz)
	high := bandPower(avg, 4000, 8000, binHz)
	ratio := 10 * math.Log10(high/low)
	// Power density 1 kHz vs 4 kHz: 6 dB for pink.
	dens := 10 * math.Log10(bandPower(avg, 900, 1100, binHz)/bandPower(avg, 3600, 4400, binHz)*4)
	t.Logf("pink: octave power 4-8 kHz vs 250-500 Hz %+.2f dB; density 1 kHz vs 4 kHz %.2f dB", ratio, dens)
	if math.Abs(ratio) > 1 || math.Abs(dens-6) > 1 {
		t.Errorf("pink noise slope off: octave ratio %+.2f dB (want 0), density ratio %.2f dB (want 6)", ratio, dens)
	}
	if r := audiotest.RMS(dsp.Render(p, 1<<16)); r < 0.1 || r > 0.3 {
		t.Errorf("pink RMS %v, want about 0.2", r)
	}
}
