package dsp

import "math"

// FilterMode selects which response of a state-variable filter Next and
// Process return.
type FilterMode int

// The SVF responses. The zero value is Lowpass.
const (
	// Lowpass passes below the cutoff, falling 12 dB per octave above it.
	Lowpass FilterMode = iota
	// Bandpass passes around the cutoff with unity gain at the cutoff (the
	// constant-peak-gain bandpass), falling 6 dB per octave either side.
	Bandpass
	// Highpass passes above the cutoff, falling 12 dB per octave below it.
	Highpass
	// Notch passes everything except a narrow band around the cutoff,
	// whose width shrinks as Q rises.
	Notch
)

// String returns the mode's name, e.g. "lowpass".
func (m FilterMode) String() string {
	switch m {
	case Lowpass:
		return "lowpass"
	case Bandpass:
		return "bandpass"
	case Highpass:
		return "highpass"
	case Notch:
		return "notch"
	}
	return "FilterMode(invalid)"
}

// SVFOutputs holds all simultaneous responses of an SVF for one sample.
type SVFOutputs struct {
	Low, Band, High, Notch float32
}

// SVF is a 2-pole (12 dB/octave) state-variable filter in the trapezoidal,
// zero-delay-feedback form of Andrew Simper (Cytomic, "Linear Trap Integrated
// SVF"), also known as the TPT SVF. Its response matches the analog filter's
// exactly at the cutoff (the bilinear transform is prewarped there), it stays
// stable under fast cutoff and Q modulation, and it gives lowpass, bandpass,
// highpass and notch outputs at once.
//
// Cutoff is the analog prototype's natural frequency: with Q = 1/sqrt(2)
// (Butterworth) it is the lowpass and highpass -3 dB point, and it is
// always the bandpass peak and the notch centre. Q sets the resonance: 0.5 is
// the flattest without overshoot, 1/sqrt(2) is Butterworth, high values ring.
//
// The zero value has a cutoff of 0 and outputs silence; call SetCutoff and
// SetQ before use.
type SVF struct {
	mode         FilterMode
	g, k         float64 // tan(pi*fc/fs) and 1/Q
	a1, a2, a3   float64
	ic1eq, ic2eq float64
}

// SetMode selects the response Next and Process return.
func (f *SVF) SetMode(m FilterMode) {
	f.mode = m
}

// Mode returns the response Next and Process return.
func (f *SVF) Mode() FilterMode {
	return f.mode
}

// SetCutoff sets the cutoff to hz at sampleRate (both in Hz). hz is clamped
// to [0, 0.49*sampleRate]. It costs one tangent, so calling it every sample
// for modulation is fine.
func (f *SVF) SetCutoff(hz, sampleRate float64) {
	ratio := 0.0
	if sampleRate > 0 {
		ratio = hz / sampleRate
	}
	if !(ratio > 0) {
		ratio = 0
	} else if ratio > 0.49 {
		ratio = 0.49
	}
	f.g = math.Tan(math.Pi * ratio)
	f.update()
}

// SetQ sets the quality factor, clamped to [0.025, 1000]; 1/sqrt(2) is a
// Butterworth response.
func (f *SVF) SetQ(q float64) {
	if !(q >= 0.025) {
		q = 0.025
	} else if q > 1000 {
		q = 1000
	}
	f.k = 1 / q
	f.update()
}

func (f *SVF) update() {
	f.a1 = 1 / (1 + f.g*(f.g+f.k))
	f.a2 = f.g * f.a1
	f.a3 = f.g * f.a2
}

// Reset clears the filter's memory.
func (f *SVF) Reset() {
	f.ic1eq, f.ic2eq = 0, 0
}

// tick runs one sample and returns the bandpass (unnormalised, peak gain
// Q) and lowpass outputs.
func (f *SVF) tick(x float64) (v1, v2 float64) {
	v3 := x - f.ic2eq
	v1 = f.a1*f.ic1eq + f.a2*v3
	v2 = f.ic2eq + f.a2*f.ic1eq + f.a3*v3
	f.ic1eq = flushTiny(2*v1 - f.ic1eq)
	f.ic2eq = flushTiny(2*v2 - f.ic2eq)
	return v1, v2
}

// NextAll filters one sample and returns every response.
func (f *SVF) NextAll(x float32) SVFOutputs {
	v0 := float64(x)
	v1, v2 := f.tick(v0)
	return SVFOutputs{
		Low:   float32(v2),
		Band:  float32(f.k * v1),
		High:  float32(v0 - f.k*v1 - v2),
		Notch: float32(v0 - f.k*v1),
	}
}

// Next filters one sample and returns the response selected by SetMode.
func (f *SVF) Next(x float32) float32 {
	v0 := float64(x)
	v1, v2 := f.tick(v0)
	switch f.mode {
	case Bandpass:
		return float32(f.k * v1)
	case Highpass:
		return float32(v0 - f.k*v1 - v2)
	case Notch:
		return float32(v0 - f.k*v1)
	}
	return float32(v2)
}

// Process filters src into dst with the response selected by SetMode. dst
// and src may be the same slice. It processes len(dst) samples; src must be
// at least as long. It does not allocate.
func (f *SVF) Process(dst, src []float32) {
	if len(dst) == 0 {
		return
	}
	src = src[:len(dst)]
	for i, x := range src {
		dst[i] = f.Next(x)
	}
}
