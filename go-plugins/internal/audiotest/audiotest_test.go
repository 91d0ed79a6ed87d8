package audiotest_test

import (
	"math"
	"math/cmplx"
	"testing"

	"govox.dev/govox/internal/audiotest"
)

func TestZeroCrossingFrequencyOfExactSine(t *testing.T) {
	for _, hz := range []float64{27.5, 440, 4186, 15000} {
		x := audiotest.SineWave(24000, hz, 0.8, 48000)
		if got := audiotest.ZeroCrossingFrequency(x, 48000); math.Abs(got-hz)/hz > 1e-5 {
			t.Errorf("%.1f Hz sine measured at %.5f Hz", hz, got)
		}
	}
	if got := audiotest.ZeroCrossingFrequency(make([]float32, 100), 48000); got != 0 {
		t.Errorf("silence measured at %v Hz, want 0", got)
	}
}

func TestToneAmplitude(t *testing.T) {
	x := audiotest.SineWave(8192, 1000, 0.3, 48000)
	y := audiotest.SineWave(8192, 3000, 0.5, 48000)
	for i := range x {
		x[i] += y[i]
	}
	if a := audiotest.ToneAmplitude(x, 1000, 48000); math.Abs(a-0.3) > 1e-4 {
		t.Errorf("amplitude at 1 kHz = %v, want 0.3", a)
	}
	if a := audiotest.ToneAmplitude(x, 3000, 48000); math.Abs(a-0.5) > 1e-4 {
		t.Errorf("amplitude at 3 kHz = %v, want 0.5", a)
	}
}

func TestPowerSpectrumMatchesDFT(t *testing.T) {
	const n = 64
	x := audiotest.SineWave(n, 5000, 1, 48000)
	x[3] += 0.5
	got := audiotest.PowerSpectrum(x)
	for k := 0; k <= n/2; k++ {
		var sum complex128
		for i, v := range x {
			p := 2 * math.Pi * float64(i) / n
			w := 0.35875 - 0.48829*math.Cos(p) + 0.14128*math.Cos(2*p) - 0.01168*math.Cos(3*p)
			sum += complex(float64(v)*w, 0) * cmplx.Exp(complex(0, -2*math.Pi*float64(k*i)/n))
		}
		want := cmplx.Abs(sum) * cmplx.Abs(sum)
		if math.Abs(got[k]-want) > 1e-9*(1+want) {
			t.Errorf("bin %d: %v, DFT gives %v", k, got[k], want)
		}
	}
}

func TestAliasingOfPureSineIsNegligible(t *testing.T) {
	x := audiotest.SineWave(8192, 3520, 1, 48000)
	r := audiotest.Aliasing(x, 3520, 48000, 6, 10000)
	if r.AliasDB() > -90 {
		t.Errorf("a pure sine shows aliases at %.1f dB; the measurement floor is too high", r.AliasDB())
	}
	if math.Abs(r.Harmonics/r.Fundamental-1) > 1e-6 {
		t.Errorf("a pure sine shows harmonics: %v vs fundamental %v", r.Harmonics, r.Fundamental)
	}
}

func TestLevels(t *testing.T) {
	x := []float32{1, -1, 1, -1}
	if audiotest.RMS(x) != 1 || audiotest.Mean(x) != 0 || audiotest.Peak(x) != 1 {
		t.Error("RMS, Mean or Peak of a ±1 square is wrong")
	}
	if step, at := audiotest.MaxStep([]float32{0, 0.1, 0.9, 1}); math.Abs(step-0.8) > 1e-6 || at != 2 {
		t.Errorf("MaxStep = %v at %d, want 0.8 at 2", step, at)
	}
	if audiotest.AllFinite([]float32{0, float32(math.Inf(1))}) {
		t.Error("AllFinite misses an infinity")
	}
}

// Pitch reads a bright, decaying, DC-offset tone to well under a cent across the range,
// where zero crossings are fooled.
func TestPitchOfADecayingSawtooth(t *testing.T) {
	for _, hz := range []float64{27.5, 261.63, 1046.5, 4186, 4300.7} {
		x := make([]float32, 24000)
		for i := range x {
			ph := math.Mod(float64(i)*hz/48000, 1)
			x[i] = float32((2*ph-1)*math.Exp(-float64(i)/20000) + 0.1)
		}
		got := audiotest.Pitch(x, hz*1.05, 48000)
		if cents := 1200 * math.Log2(got/hz); math.Abs(cents) > 0.1 {
			t.Errorf("%.2f Hz decaying saw measured at %.4f Hz (%+.3f cents)", hz, got, cents)
		}
	}
	if got := audiotest.Pitch(make([]float32, 1000), 440, 48000); got != 0 {
		t.Errorf("silence measured at %v Hz, want 0", got)
	}
}
