package dsp

import "math"

// PinkNoise is a pink (1/f, -3 dB per octave) noise generator: white Noise,
// seeded with the same seed, through a pinking filter whose poles are placed
// for the sample rate. Its power density is within ±0.1 dB of 1/f from 20 Hz
// to 20 kHz (or to 0.92 of Nyquist, if that is lower) at any rate from 8 kHz
// to 800 kHz; at 44.1, 48, 96 and 192 kHz within ±0.06 dB.
//
// The filter is a cascade of first-order pole-zero sections: a pole every two
// octaves, each with its zero an octave above it (the interlaced pole-zero
// approximation of a half-order integrator), from 0.9 of Nyquist down to
// 2 Hz, mapped to the rate by z = exp(-2πf/rate), and one section near
// Nyquist, fitted once by minimax, that keeps the slope straight up to
// there. Below 2-8 Hz (where the lowest pole falls) the noise turns white.
//
// The level does not depend on the rate: every octave holds the same power,
// 0.004 ln 2 (an RMS of 0.053, -25.6 dB; the power density times the
// frequency is 0.004), so the RMS is about 0.2 (0.195 at 44.1 and 48 kHz,
// 0.21 at 96 kHz and above, where more octaves lie below Nyquist). Peaks
// rarely go beyond ±1; they are not clipped.
//
// The same seed and rate always give the same samples. The zero value is
// usable: it uses seed 0 and 44.1 kHz, as NewPinkNoise does, until
// SetSampleRate says otherwise.
type PinkNoise struct {
	white Noise
	// rate is the sample rate the filter is designed for; 0 (the zero
	// value) until the first SetSampleRate, Next or Fill.
	rate float64
	n    int     // sections in use
	gain float64 // scales the cascade to the level above
	// Section k computes y = x + p[k]*y1 - z[k]*x1.
	p, z [pinkMaxSections]float64
	// s[0] is the last white sample; s[k+1] is section k's last output,
	// which is section k+1's last input.
	s [pinkMaxSections + 1]float64
}

const (
	// NoiseDefaultRate is the sample rate NewPinkNoise, NewBrownNoise and
	// the zero PinkNoise and BrownNoise are set for.
	NoiseDefaultRate = 44100.0

	pinkMaxSections = 16
	// pinkTopPole is the highest matched-z pole, as a fraction of Nyquist;
	// the grid goes down from it by a factor 4 per section to pinkLowest
	// Hz. pinkTopP and pinkTopZ are the fitted section near Nyquist. The
	// three were fitted together (minimax over 200 Hz to 0.92 Nyquist at
	// 192 kHz): ±0.04 dB.
	pinkTopPole = 0.903247
	pinkTopP    = -0.245911
	pinkTopZ    = -0.335856
	pinkLowest  = 2.0
	// pinkDensity is the output's power density times the frequency
	// (one-sided, per Hz): each octave holds pinkDensity*ln 2 of power.
	pinkDensity = 0.004
	// whiteVariance is the power of Noise: uniform in [-1, 1).
	whiteVariance = 1.0 / 3
)

// NewPinkNoise returns a pink noise generator seeded with seed, with its
// filter placed for 44.1 kHz (NoiseDefaultRate); call SetSampleRate for
// another rate.
func NewPinkNoise(seed uint64) *PinkNoise {
	p := &PinkNoise{}
	p.Seed(seed)
	return p
}

// Seed restarts the noise at the beginning of the sequence for seed and
// clears the filter. The rate is kept.
func (p *PinkNoise) Seed(seed uint64) {
	p.white.Seed(seed)
	p.s = [pinkMaxSections + 1]float64{}
}

// SetSampleRate places the filter's poles for sampleRate (Hz). A rate that
// is not positive and finite means NoiseDefaultRate. Changing the rate clears
// the filter (the random sequence goes on); setting the rate it already has
// does nothing, so it may be called every block. It does not allocate.
func (p *PinkNoise) SetSampleRate(sampleRate float64) {
	if !(sampleRate > 0) || math.IsInf(sampleRate, 1) {
		sampleRate = NoiseDefaultRate
	}
	if sampleRate == p.rate {
		return
	}
	p.rate = sampleRate
	p.s = [pinkMaxSections + 1]float64{}
	p.p[0], p.z[0] = pinkTopP, pinkTopZ
	p.n = 1
	for f := pinkTopPole * sampleRate / 2; f >= pinkLowest && p.n < pinkMaxSections; f /= 4 {
		p.p[p.n] = math.Exp(-2 * math.Pi * f / sampleRate)
		p.z[p.n] = math.Exp(-2 * math.Pi * 2 * f / sampleRate)
		p.n++
	}
	// Set the gain from the geometric mean of |H|^2*f over one period of
	// the grid's ripple (a factor 4), well inside the 1/f range.
	ref := 500.0
	if ref > sampleRate/20 {
		ref = sampleRate / 20
	}
	logSum := 0.0
	for i := 0; i < 8; i++ {
		f := ref * math.Pow(4, float64(i)/8)
		logSum += math.Log(p.power(f/sampleRate) * f)
	}
	hf := math.Exp(logSum / 8)
	// Output density gain^2 * |H|^2 * whiteVariance / (rate/2) = pinkDensity / f.
	p.gain = math.Sqrt(pinkDensity * sampleRate / 2 / (whiteVariance * hf))
}

// SampleRate returns the rate the filter is placed for.
func (p *PinkNoise) SampleRate() float64 {
	if p.rate == 0 {
		return NoiseDefaultRate
	}
	return p.rate
}

// power returns the cascade's power gain |H|^2 at f cycles per sample.
func (p *PinkNoise) power(f float64) float64 {
	c := math.Cos(2 * math.Pi * f)
	h := 1.0
	for k := 0; k < p.n; k++ {
		pk, zk := p.p[k], p.z[k]
		h *= (1 - 2*zk*c + zk*zk) / (1 - 2*pk*c + pk*pk)
	}
	return h
}

// Next returns the next sample.
func (p *PinkNoise) Next() float32 {
	if p.rate == 0 {
		p.SetSampleRate(NoiseDefaultRate)
	}
	x := float64(p.white.Next())
	n := p.n
	s := p.s[:n+1]
	pp, zz := p.p[:n], p.z[:n]
	for k := range pp {
		y := x + (pp[k]*s[k+1] - zz[k]*s[k])
		s[k] = x
		x = y
	}
	s[n] = x
	return float32(x * p.gain)
}

// Fill overwrites out with the next len(out) samples. It does not
// allocate.
func (p *PinkNoise) Fill(out []float32) {
	for i := range out {
		out[i] = p.Next()
	}
}
