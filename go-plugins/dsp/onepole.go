package dsp

import "math"

// OnePole is a one-pole (6 dB/octave) lowpass or highpass filter in the
// topology-preserving, trapezoidal form (Zavalishin, "The Art of VA Filter
// Design"): one integrator with zero-delay feedback. Its response is the
// bilinear transform of the analog RC filter prewarped at the cutoff, so it
// is exactly 3 dB down at the cutoff at any frequency below Nyquist, and the
// lowpass reaches zero gain at Nyquist. Its state is the integrator's, which
// keeps its meaning when the cutoff moves, so the cutoff may be changed every
// sample, by any amount: a sweep is smooth, and even a cutoff jumping between
// 20 Hz and 20 kHz every sample keeps the output within a few times the
// input's peak (it can never pass tan(0.49 pi), about 32, times it).
//
// It is the filter for gentle tilts, smoothing a control signal, taming the
// top of an oscillator or as one stage of a bigger structure.
//
// The zero value passes its input through unchanged (it is a highpass with a
// cutoff of 0) until SetLowpass or SetHighpass is called.
type OnePole struct {
	g       float64 // G = g/(1+g), g = tan(pi fc/fs): the integrator gain
	s       float64 // the integrator state
	lowpass bool
}

// SetLowpass makes the filter a lowpass with its -3 dB point at hz for
// sampleRate. hz is clamped to [1e-6, 0.49] times sampleRate. It costs one
// tangent; the state is kept, so it may be called every sample.
func (f *OnePole) SetLowpass(hz, sampleRate float64) {
	f.setCutoff(hz, sampleRate)
	f.lowpass = true
}

// SetHighpass makes the filter a highpass with its -3 dB point at hz for
// sampleRate, clamped as for SetLowpass.
func (f *OnePole) SetHighpass(hz, sampleRate float64) {
	f.setCutoff(hz, sampleRate)
	f.lowpass = false
}

func (f *OnePole) setCutoff(hz, sampleRate float64) {
	g := math.Tan(math.Pi * iirRatio(hz, sampleRate))
	f.g = g / (1 + g)
}

// Reset clears the filter's memory; the cutoff and mode stay.
func (f *OnePole) Reset() {
	f.s = 0
}

// Next filters one sample.
func (f *OnePole) Next(x float32) float32 {
	in := float64(x)
	v := (in - f.s) * f.g
	lp := v + f.s
	f.s = flushTiny(lp + v)
	if f.lowpass {
		return float32(lp)
	}
	return float32(in - lp)
}

// Process filters src into dst. dst and src may be the same slice. It
// processes len(dst) samples; src must be at least as long. It does not
// allocate.
func (f *OnePole) Process(dst, src []float32) {
	if len(dst) == 0 {
		return
	}
	src = src[:len(dst)]
	// The same arithmetic as Next, with the state held in a register for
	// the block.
	g, st := f.g, f.s
	if f.lowpass {
		for i, x := range src {
			v := (float64(x) - st) * g
			lp := v + st
			st = flushTiny(lp + v)
			dst[i] = float32(lp)
		}
	} else {
		for i, x := range src {
			in := float64(x)
			v := (in - st) * g
			lp := v + st
			st = flushTiny(lp + v)
			dst[i] = float32(in - lp)
		}
	}
	f.s = st
}
