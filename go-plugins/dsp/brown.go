package dsp

import "math"

// BrownNoise is a brown (Brownian, red: 1/f², -6 dB per octave) noise
// generator: white Noise, seeded with the same seed, through a leaky
// integrator. The leak sets a low corner frequency below which the noise
// turns white instead of rising for ever, so the output has no DC drift: its
// power density is that of an analog one-pole lowpass at the corner,
// 1/(f² + corner²), within ±0.08 dB from 20 Hz to 20 kHz (or to 0.92 of
// Nyquist, if that is lower) at any rate, thanks to a first-order section
// fitted once by minimax that cancels the digital integrator's excess near
// Nyquist.
//
// The level is set for an RMS of 0.25 whatever the corner and the rate;
// most of the power lies near the corner, so a lower corner leaves less
// above it (at a 10 Hz corner, 30% of the power is above 20 Hz). The output
// is kept within [-1, 1]: a step that would leave the range is folded back
// into it. At 4 times the RMS that happens rarely: a few times a minute at
// a 10 Hz corner, more often at higher corners, less at lower ones.
//
// The same seed, corner and rate always give the same samples. The zero
// value is usable: it uses seed 0 and a 10 Hz corner at 44.1 kHz, as
// NewBrownNoise does, until SetCorner says otherwise.
type BrownNoise struct {
	white Noise
	// corner and rate are the corner frequency and the sample rate the
	// leak is set for; rate is 0 (the zero value) until the first
	// SetCorner, Next or Fill.
	corner, rate float64
	keep         float64 // the leak: y = keep*y + gain*v
	gain         float64
	w1, v1, y    float64 // the last white and corrected inputs, the output
}

const (
	// BrownDefaultCorner is the corner frequency (Hz) of NewBrownNoise and
	// the zero BrownNoise, at NoiseDefaultRate.
	BrownDefaultCorner = 10.0

	brownMinCorner = 0.01
	brownRMS       = 0.25
	// The top correction v = w - brownZ*w1 + brownP*v1 tilts the white
	// input down towards Nyquist so that the integrator's power density
	// follows 1/f² there: minimax over 0 to 0.92 Nyquist, ±0.077 dB.
	brownZ = -0.378069
	brownP = -0.205761
)

// NewBrownNoise returns a brown noise generator seeded with seed, with its
// corner at 10 Hz (BrownDefaultCorner) at 44.1 kHz (NoiseDefaultRate); call
// SetCorner for another corner or rate.
func NewBrownNoise(seed uint64) *BrownNoise {
	b := &BrownNoise{}
	b.Seed(seed)
	return b
}

// Seed restarts the noise at the beginning of the sequence for seed and
// clears the integrator (the output starts again from 0). The corner is
// kept.
func (b *BrownNoise) Seed(seed uint64) {
	b.white.Seed(seed)
	b.w1, b.v1, b.y = 0, 0, 0
}

// SetCorner sets the corner frequency to hz at sampleRate (both in Hz).
// hz is clamped to [0.01, sampleRate/4]; a sampleRate that is not positive
// and finite means NoiseDefaultRate. The output goes on from where it is,
// without a jump. It does not allocate.
func (b *BrownNoise) SetCorner(hz, sampleRate float64) {
	if !(sampleRate > 0) || math.IsInf(sampleRate, 1) {
		sampleRate = NoiseDefaultRate
	}
	if !(hz >= brownMinCorner) { // also catches NaN
		hz = brownMinCorner
	}
	if hz > sampleRate/4 {
		hz = sampleRate / 4
	}
	if hz == b.corner && sampleRate == b.rate {
		return
	}
	b.corner, b.rate = hz, sampleRate
	theta := 2 * math.Pi * hz / sampleRate
	k := math.Exp(-theta)
	b.keep = k
	// The power gain of (1 - Z/z) / ((1 - P/z)(1 - k/z)), the sum of its
	// squared impulse response, from its partial fractions A/(1 - P/z) +
	// B/(1 - k/z). 1 - k² is computed as -expm1(-2θ) for corners far
	// below the rate.
	a := (brownP - brownZ) / (brownP - k)
	c := (k - brownZ) / (k - brownP)
	power := a*a/(1-brownP*brownP) + c*c/(-math.Expm1(-2*theta)) + 2*a*c/(1-brownP*k)
	b.gain = brownRMS / math.Sqrt(whiteVariance*power)
}

// Corner returns the corner frequency in Hz.
func (b *BrownNoise) Corner() float64 {
	if b.rate == 0 {
		return BrownDefaultCorner
	}
	return b.corner
}

// Next returns the next sample, in [-1, 1].
func (b *BrownNoise) Next() float32 {
	if b.rate == 0 {
		b.SetCorner(BrownDefaultCorner, NoiseDefaultRate)
	}
	w := float64(b.white.Next())
	v := w - brownZ*b.w1 + brownP*b.v1
	b.w1, b.v1 = w, v
	y := b.keep*b.y + b.gain*v
	// Fold a step that would leave [-1, 1] back into it.
	if y > 1 {
		y = 2 - y
	} else if y < -1 {
		y = -2 - y
	}
	b.y = y
	return float32(y)
}

// Fill overwrites out with the next len(out) samples. It does not
// allocate.
func (b *BrownNoise) Fill(out []float32) {
	for i := range out {
		out[i] = b.Next()
	}
}
