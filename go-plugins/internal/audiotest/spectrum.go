package audiotest

import (
	"math"
	"math/cmplx"
)

// PowerSpectrum returns the power |X[k]|^2 of the windowed DFT of x for bins
// k = 0 .. len(x)/2. len(x) must be a power of two. Bin k is at
// k*sampleRate/len(x) Hz.
//
// The window is the 4-term Blackman-Harris window: its side lobes are 92 dB
// down, where a Hann window's leakage 4 bins from a strong harmonic is only
// about 40 dB down and would hide the aliases being measured. Its main lobe
// is 4 bins wide either side.
func PowerSpectrum(x []float32) []float64 {
	n := len(x)
	if n == 0 || n&(n-1) != 0 {
		panic("audiotest: PowerSpectrum needs a power-of-two length")
	}
	buf := make([]complex128, n)
	for i, v := range x {
		p := 2 * math.Pi * float64(i) / float64(n)
		w := 0.35875 - 0.48829*math.Cos(p) + 0.14128*math.Cos(2*p) - 0.01168*math.Cos(3*p)
		buf[i] = complex(float64(v)*w, 0)
	}
	fft(buf)
	power := make([]float64, n/2+1)
	for k := range power {
		a := cmplx.Abs(buf[k])
		power[k] = a * a
	}
	return power
}

// fft is an in-place iterative radix-2 FFT; len(a) is a power of two.
func fft(a []complex128) {
	n := len(a)
	for i, j := 1, 0; i < n; i++ {
		bit := n >> 1
		for ; j&bit != 0; bit >>= 1 {
			j ^= bit
		}
		j ^= bit
		if i < j {
			a[i], a[j] = a[j], a[i]
		}
	}
	for size := 2; size <= n; size <<= 1 {
		step := cmplx.Exp(complex(0, -2*math.Pi/float64(size)))
		for start := 0; start < n; start += size {
			w := complex(1, 0)
			for k := 0; k < size/2; k++ {
				u := a[start+k]
				v := a[start+k+size/2] * w
				a[start+k] = u + v
				a[start+k+size/2] = u - v
				w *= step
			}
		}
	}
}

// AliasReport splits the spectrum of a periodic waveform into harmonic and
// non-harmonic (alias) energy.
type AliasReport struct {
	// Fundamental is the power around the fundamental.
	Fundamental float64
	// Harmonics is the power around all harmonics below Nyquist, the
	// fundamental included.
	Harmonics float64
	// Aliases is the power in all other bins above DC.
	Aliases float64
	// LowAliases is the part of Aliases below the lowBand frequency given
	// to Aliasing: the aliases that are not masked by the top octave.
	LowAliases float64
}

// AliasDB returns the alias power relative to the fundamental, in dB.
func (r AliasReport) AliasDB() float64 {
	return 10 * math.Log10(r.Aliases/r.Fundamental)
}

// LowAliasDB returns the alias power below the low band relative to the
// fundamental, in dB.
func (r AliasReport) LowAliasDB() float64 {
	return 10 * math.Log10(r.LowAliases/r.Fundamental)
}

// Aliasing measures a periodic waveform of fundamental f0 (Hz): it takes the
// PowerSpectrum of x (power-of-two length) and counts bins within
// guard bins of a harmonic (use at least 5) k*f0 below Nyquist as harmonic and every other
// bin above the DC region as alias; aliases below lowBand Hz are also
// summed separately. Choose f0 so that aliases, which fold back to
// |k*f0 - m*sampleRate|, do not land next to harmonics.
func Aliasing(x []float32, f0, sampleRate float64, guard int, lowBand float64) AliasReport {
	power := PowerSpectrum(x)
	n := len(x)
	binHz := sampleRate / float64(n)
	harmonic := make([]bool, len(power))
	for k := 1; float64(k)*f0 < sampleRate/2; k++ {
		c := int(math.Round(float64(k) * f0 / binHz))
		for b := c - guard; b <= c+guard; b++ {
			if b >= 0 && b < len(power) {
				harmonic[b] = true
			}
		}
	}
	var r AliasReport
	c0 := int(math.Round(f0 / binHz))
	for b, p := range power {
		switch {
		case b <= guard: // DC and the window's leakage around it
		case harmonic[b]:
			r.Harmonics += p
			if b >= c0-guard && b <= c0+guard {
				r.Fundamental += p
			}
		default:
			r.Aliases += p
			if float64(b)*binHz < lowBand {
				r.LowAliases += p
			}
		}
	}
	return r
}
