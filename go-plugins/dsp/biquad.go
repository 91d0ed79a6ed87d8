package dsp

import (
	"math"
	"math/cmplx"
)

// Biquad is a second-order IIR filter in transposed direct form II with
// float64 coefficients and state, designed by the formulas of Robert
// Bristow-Johnson's Audio EQ Cookbook: lowpass, highpass, bandpass, notch,
// allpass, peaking EQ and low and high shelves. Each design is the bilinear
// transform of an analog prototype, prewarped so that the response at the
// given frequency is exactly the prototype's there.
//
// It is the filter for fixed or slowly moving tone shaping (EQ bands, a
// speaker or body resonance, a fixed lowpass after a waveshaper). Use SVF for
// a synthesizer filter swept by an envelope or an LFO.
//
// # Parameters
//
// Frequencies are clamped to [1e-6, 0.49] times the sample rate; Q (and a
// shelf's Q) to [0.025, 1000]; gains to [-120, 120] dB. NaN arguments give
// the bottom of the frequency and Q ranges and 0 dB.
//
// # Modulation
//
// A setter costs a sine and a cosine (peaks and shelves also an
// exponential, shelves a square root) and may be called every sample. The
// new coefficients apply from the next sample and the state is kept, so
// smooth changes are smooth. The transposed direct form is not guaranteed
// stable while its coefficients move, but it is well behaved at the speed of
// a sweep. Measured on white noise at Q 10 with the frequency set every
// sample (see the tests): changing it by up to 0.3% per sample (20 Hz to
// 20 kHz in 50 ms) keeps the output within 5 dB of the static filter's
// largest gain; 3% per sample (in 5 ms) gives transients up to about 18 dB
// above it. A jump - a square-wave LFO between 100 Hz and 10 kHz - gives a
// transient 20 to 26 dB above it, and tens of percent per sample at audio
// rate (frequency modulation of the cutoff) can diverge. Smooth such changes
// (see Smoother), or use SVF, whose state stays consistent under any
// modulation.
//
// The zero value passes its input through unchanged until a setter is
// called.
type Biquad struct {
	// b0, b1, b2, a1, a2 are the cookbook coefficients divided by a0:
	// H(z) = (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2).
	b0, b1, b2, a1, a2 float64
	s1, s2             float64 // the transposed direct form's two states
	designed           bool    // false: pass the input through
}

// Q limits shared by every design.
const (
	minBiquadQ = 0.025
	maxBiquadQ = 1000
)

// biquadShape holds the quantities every cookbook design starts from.
type biquadShape struct {
	cos      float64 // cos(w0), w0 = 2 pi hz / sampleRate
	oneMinus float64 // 1 - cos(w0), computed without cancellation
	alpha    float64 // sin(w0) / (2Q)
}

func newBiquadShape(hz, q, sampleRate float64) biquadShape {
	if !(q >= minBiquadQ) {
		q = minBiquadQ
	} else if q > maxBiquadQ {
		q = maxBiquadQ
	}
	// One sine and cosine of w0/2 give everything, and 1 - cos(w0) as
	// 2 sin^2(w0/2) keeps its precision at low cutoffs.
	sh, ch := math.Sincos(math.Pi * iirRatio(hz, sampleRate))
	oneMinus := 2 * sh * sh
	return biquadShape{
		cos:      1 - oneMinus,
		oneMinus: oneMinus,
		alpha:    sh * ch / q, // sin(w0) = 2 sin(w0/2) cos(w0/2)
	}
}

// biquadGain returns the cookbook's A = 10^(dB/40), the square root of the
// linear gain, with gainDB clamped to [-120, 120].
func biquadGain(gainDB float64) float64 {
	if !(gainDB >= -120) {
		if gainDB != gainDB { // NaN
			gainDB = 0
		} else {
			gainDB = -120
		}
	} else if gainDB > 120 {
		gainDB = 120
	}
	return math.Exp(gainDB * (math.Ln10 / 40))
}

// set stores the coefficients normalised by a0.
func (f *Biquad) set(b0, b1, b2, a0, a1, a2 float64) {
	inv := 1 / a0
	f.b0, f.b1, f.b2 = b0*inv, b1*inv, b2*inv
	f.a1, f.a2 = a1*inv, a2*inv
	f.designed = true
}

// SetLowpass makes the filter a lowpass with cutoff hz at sampleRate,
// falling 12 dB per octave above it. Its gain at hz is Q: Q = 1/sqrt(2) is
// the Butterworth response, 3 dB down at hz; higher Q adds a resonant peak.
func (f *Biquad) SetLowpass(hz, q, sampleRate float64) {
	s := newBiquadShape(hz, q, sampleRate)
	f.set(s.oneMinus/2, s.oneMinus, s.oneMinus/2, 1+s.alpha, -2*s.cos, 1-s.alpha)
}

// SetHighpass makes the filter a highpass with cutoff hz at sampleRate,
// falling 12 dB per octave below it. Its gain at hz is Q, as for SetLowpass.
func (f *Biquad) SetHighpass(hz, q, sampleRate float64) {
	s := newBiquadShape(hz, q, sampleRate)
	onePlus := 2 - s.oneMinus
	f.set(onePlus/2, -onePlus, onePlus/2, 1+s.alpha, -2*s.cos, 1-s.alpha)
}

// SetBandpass makes the filter a bandpass centred on hz with a gain of
// exactly 1 (0 dB) there, falling 6 dB per octave either side. Its -3 dB
// bandwidth is hz/Q in the analog prototype (narrower near Nyquist).
func (f *Biquad) SetBandpass(hz, q, sampleRate float64) {
	s := newBiquadShape(hz, q, sampleRate)
	f.set(s.alpha, 0, -s.alpha, 1+s.alpha, -2*s.cos, 1-s.alpha)
}

// SetNotch makes the filter a notch: zero gain at hz, unity gain far from it,
// with a -3 dB bandwidth of hz/Q in the analog prototype.
func (f *Biquad) SetNotch(hz, q, sampleRate float64) {
	s := newBiquadShape(hz, q, sampleRate)
	f.set(1, -2*s.cos, 1, 1+s.alpha, -2*s.cos, 1-s.alpha)
}

// SetAllpass makes the filter an allpass: unity gain at every frequency,
// with a phase that turns from 0 at DC through -180 degrees at hz to -360
// degrees at Nyquist, faster the higher Q is. It is the building block of
// phase shifters and dispersion.
func (f *Biquad) SetAllpass(hz, q, sampleRate float64) {
	s := newBiquadShape(hz, q, sampleRate)
	f.set(1-s.alpha, -2*s.cos, 1+s.alpha, 1+s.alpha, -2*s.cos, 1-s.alpha)
}

// SetPeak makes the filter a peaking EQ band: a gain of gainDB at hz,
// returning to 0 dB away from it. Q sets the width; the response in dB is
// symmetric, so a cut undoes a boost of the same Q.
func (f *Biquad) SetPeak(hz, q, gainDB, sampleRate float64) {
	s := newBiquadShape(hz, q, sampleRate)
	a := biquadGain(gainDB)
	f.set(1+s.alpha*a, -2*s.cos, 1-s.alpha*a, 1+s.alpha/a, -2*s.cos, 1-s.alpha/a)
}

// SetLowShelf makes the filter a low shelf: a gain of gainDB at DC, 0 dB at
// Nyquist, and half the gain in dB at hz, the shelf's midpoint.
//
// The shelf's steepness is set by q, like the other designs, rather than the
// cookbook's slope S: q = 1/sqrt(2) is the steepest shelf without overshoot
// (S = 1, whatever the gain), lower values are gentler, and higher ones
// overshoot, with a bump on the shelf's side of hz and a dip on the other. For
// a slope S, q = 1/sqrt((A + 1/A)(1/S - 1) + 2) with A = 10^(gainDB/40).
func (f *Biquad) SetLowShelf(hz, q, gainDB, sampleRate float64) {
	s := newBiquadShape(hz, q, sampleRate)
	a := biquadGain(gainDB)
	k := 2 * math.Sqrt(a) * s.alpha
	f.set(
		a*((a+1)-(a-1)*s.cos+k),
		2*a*((a-1)-(a+1)*s.cos),
		a*((a+1)-(a-1)*s.cos-k),
		(a+1)+(a-1)*s.cos+k,
		-2*((a-1)+(a+1)*s.cos),
		(a+1)+(a-1)*s.cos-k,
	)
}

// SetHighShelf makes the filter a high shelf: 0 dB at DC, a gain of gainDB at
// Nyquist, and half the gain in dB at hz. q is as for SetLowShelf.
func (f *Biquad) SetHighShelf(hz, q, gainDB, sampleRate float64) {
	s := newBiquadShape(hz, q, sampleRate)
	a := biquadGain(gainDB)
	k := 2 * math.Sqrt(a) * s.alpha
	f.set(
		a*((a+1)+(a-1)*s.cos+k),
		-2*a*((a-1)+(a+1)*s.cos),
		a*((a+1)+(a-1)*s.cos-k),
		(a+1)-(a-1)*s.cos+k,
		2*((a-1)-(a+1)*s.cos),
		(a+1)-(a-1)*s.cos-k,
	)
}

// Response returns the filter's complex frequency response at hz for
// sampleRate: the steady-state gain and phase a sine of that frequency
// sees. The zero value's response is 1 everywhere. hz is not clamped.
func (f *Biquad) Response(hz, sampleRate float64) complex128 {
	if !f.designed {
		return 1
	}
	w := 0.0
	if sampleRate > 0 {
		w = 2 * math.Pi * hz / sampleRate
	}
	z1 := cmplx.Exp(complex(0, -w)) // z^-1
	z2 := z1 * z1
	num := complex(f.b0, 0) + complex(f.b1, 0)*z1 + complex(f.b2, 0)*z2
	den := 1 + complex(f.a1, 0)*z1 + complex(f.a2, 0)*z2
	return num / den
}

// MagnitudeDB returns the filter's gain at hz for sampleRate in decibels
// (-Inf at the exact centre of a notch).
func (f *Biquad) MagnitudeDB(hz, sampleRate float64) float64 {
	return 20 * math.Log10(cmplx.Abs(f.Response(hz, sampleRate)))
}

// Reset clears the filter's memory; the design stays.
func (f *Biquad) Reset() {
	f.s1, f.s2 = 0, 0
}

// Next filters one sample.
func (f *Biquad) Next(x float32) float32 {
	if !f.designed {
		return x
	}
	in := float64(x)
	y := f.b0*in + f.s1
	f.s1 = flushTiny(f.b1*in - f.a1*y + f.s2)
	f.s2 = flushTiny(f.b2*in - f.a2*y)
	return float32(y)
}

// Process filters src into dst. dst and src may be the same slice. It
// processes len(dst) samples; src must be at least as long. It does not
// allocate.
func (f *Biquad) Process(dst, src []float32) {
	if len(dst) == 0 {
		return
	}
	src = src[:len(dst)]
	if !f.designed {
		copy(dst, src)
		return
	}
	// The same arithmetic as Next, with the coefficients and state held in
	// registers for the block.
	b0, b1, b2, a1, a2 := f.b0, f.b1, f.b2, f.a1, f.a2
	s1, s2 := f.s1, f.s2
	for i, x := range src {
		in := float64(x)
		y := b0*in + s1
		s1 = flushTiny(b1*in - a1*y + s2)
		s2 = flushTiny(b2*in - a2*y)
		dst[i] = float32(y)
	}
	f.s1, f.s2 = s1, s2
}
