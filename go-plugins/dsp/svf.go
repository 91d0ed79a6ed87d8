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
	// Allpass passes every frequency at full level, its phase turning through
	// -180 degrees at the cutoff (faster as Q rises): a phaser's stage.
	Allpass
	// Bell boosts or cuts a band around the cutoff by the gain (SetGain), a
	// parametric EQ's band; its width shrinks as Q rises.
	Bell
	// LowShelf boosts or cuts below the cutoff by the gain, half of it (in dB)
	// at the cutoff.
	LowShelf
	// HighShelf boosts or cuts above the cutoff by the gain, half of it at the
	// cutoff.
	HighShelf
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
	case Allpass:
		return "allpass"
	case Bell:
		return "bell"
	case LowShelf:
		return "low shelf"
	case HighShelf:
		return "high shelf"
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
// highpass and notch outputs at once (NextAll). Its allpass, bell and shelf
// modes are Simper's too: the same two integrators with the cutoff and
// damping moved for the gain, so a bell or shelf can be swept and its gain
// turned every sample without clicks; their responses are the RBJ cookbook's
// (the same analog prototypes, the same prewarping) as Biquad gives.
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
	g, k         float64 // the integrators' gain (tan(pi*fc/fs), moved for shelves) and damping (1/Q, moved for bells)
	tanG, q      float64 // tan(pi*fc/fs) and Q as set
	gainA        float64 // 10^(dB/40), for bells and shelves; 0 reads as 1 (0 dB)
	a1, a2, a3   float64
	ic1eq, ic2eq float64
}

// SetMode selects the response Next and Process return.
func (f *SVF) SetMode(m FilterMode) {
	f.mode = m
	f.update()
}

// SetGain sets the boost (positive) or cut of the Bell, LowShelf and
// HighShelf modes in dB, clamped to +-48 dB; the other modes ignore it.
func (f *SVF) SetGain(db float64) {
	if !(db >= -48) {
		db = -48
		if db != db {
			db = 0
		}
	} else if db > 48 {
		db = 48
	}
	f.gainA = math.Pow(10, db/40)
	f.update()
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
	f.tanG = math.Tan(math.Pi * ratio)
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
	f.q = q
	f.update()
}

// update works out the integrators' coefficients for the mode: a bell's damping and
// a shelf's cutoff move with the gain (Simper's bell and shelf designs).
func (f *SVF) update() {
	a := f.gainA
	if a == 0 {
		a = 1
	}
	q := f.q
	if q == 0 { // the zero value: SetQ was never called
		q = 1 / math.Sqrt2
	}
	f.g, f.k = f.tanG, 1/q
	switch f.mode {
	case Bell:
		f.k = 1 / (q * a)
	case LowShelf:
		f.g = f.tanG / math.Sqrt(a)
	case HighShelf:
		f.g = f.tanG * math.Sqrt(a)
	}
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
	case Allpass:
		return float32(v0 - 2*f.k*v1)
	case Bell, LowShelf, HighShelf:
		return float32(f.eq(v0, v1, v2))
	}
	return float32(v2)
}

// eq mixes the bell and shelf outputs from the input, the bandpass and the lowpass.
func (f *SVF) eq(v0, v1, v2 float64) float64 {
	a := f.gainA
	if a == 0 {
		a = 1
	}
	switch f.mode {
	case Bell:
		return v0 + f.k*(a*a-1)*v1
	case LowShelf:
		return v0 + f.k*(a-1)*v1 + (a*a-1)*v2
	}
	return a*a*v0 + f.k*(1-a)*a*v1 + (1-a*a)*v2 // HighShelf
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
