package dsp

import "math"

// Saturator is a waveshaper: it drives the input into a static saturating
// curve, y = level * f(drive * x), with a choice of curve (SatShape) and of
// antialiasing (SatAntialias).
//
// A curve that bends a signal adds harmonics, and those above Nyquist fold
// back as inharmonic aliases: a 5 kHz sine driven 24 dB into tanh at 48 kHz
// has aliases only 11 dB below its fundamental. The antialiasing modes trade
// CPU, latency and top-octave response for fewer of them (the figures are for
// that sine, in the whole band / below 10 kHz):
//
//   - SatNoAntialias applies the curve to each sample. No latency.
//   - SatADAA is first-order antiderivative antialiasing: the output is the
//     mean of the curve along the straight line from the previous driven
//     input x1 to this one x, (F(x) - F(x1)) / (x - x1) with F the curve's
//     antiderivative. That is the curve applied to the linearly interpolated
//     input, then box-filtered over one sample, which attenuates the aliases
//     that land far from Nyquist (those of harmonics near multiples of the
//     sample rate) strongly and those near Nyquist little: 6.6 / 19.5 dB
//     fewer aliases. It delays the signal by half a sample, and since quiet
//     signals come out as (x + x1)/2 it rolls off the top octave: -0.5 dB at
//     0.1 times the sample rate, -2 dB at 0.21, -5 dB at 0.31 (5, 10 and
//     15 kHz at 48 kHz). Where x and x1 are too close for the quotient to be
//     accurate the curve is evaluated at their midpoint, the same mean to
//     second order. The tanh curves cost an exponential and a logarithm per
//     sample.
//   - SatOversample2x runs the curve at twice the sample rate between the
//     package's halfband up- and downsamplers: 8.4 / 9.5 dB fewer aliases.
//     The harmonics just above Nyquist pass the decimator's transition band
//     partly, and those near twice the sample rate fold into the passband
//     at the doubled rate already. It delays the signal by 10.5 samples and
//     rolls off the top of the band (-1 dB at 0.4 times the sample rate,
//     -1.9 dB at 20 kHz at 48 kHz; flat to 0.01 dB up to 15 kHz).
//   - SatOversample2xADAA uses ADAA at twice the sample rate, which removes
//     most of what folds at the doubled rate: 12.3 / 34.2 dB fewer aliases,
//     for two ADAA steps and the resampling per sample (about four times
//     the cost of SatADAA). It delays the signal by 10.75 samples and rolls
//     off the top a little more (-0.5, -1.1 and -3.8 dB at 10, 15 and
//     20 kHz at 48 kHz).
//
// Latency returns the delay in samples, for a host's delay compensation.
//
// Drive, level and shape may be changed before every sample (smooth drive
// and level, see Smoother, to avoid zipper noise). Changing the antialiasing
// mode switches the latency and, into an oversampled mode, starts the
// resampling filters from silence, so it can click: choose it while the
// voice is quiet.
//
// The zero value is a tanh curve with 0 dB drive and level and no
// antialiasing. Non-finite inputs are treated as 0 and driven inputs are
// limited to ±1e12, so the output is always finite, and within ±level
// except in the oversampled modes, whose downsampler rings on clipped edges
// (up to ±1.43*level, the sum of its taps' magnitudes, on a clipped
// Nyquist-rate square).
type Saturator struct {
	shape SatShape
	aa    SatAntialias

	driveDB, levelDB float64
	drive, level     float64 // linear gains, valid once ready
	ready            bool

	// x1 is the previous driven input (at twice the rate when oversampled),
	// kept in every mode so that switching to ADAA is seamless; f1 is the
	// antiderivative at x1, valid in the ADAA modes.
	x1, f1 float64

	up   halfbandUp
	down halfbandDown
}

// SatShape is the curve of a Saturator. Every curve has a slope of 1 at 0,
// so quiet signals pass at unity gain, and is bounded by ±1.
type SatShape int

// The curves.
const (
	// SatTanh is tanh(x): smooth, odd harmonics only, the classic
	// transistor-pair and tape-like saturation.
	SatTanh SatShape = iota
	// SatSoftClip is the cubic soft clipper x - 4/27*x^3, which reaches ±1
	// with zero slope at |x| = 3/2 and stays there. Its knee is sharper than
	// tanh's, so it is cleaner below and brighter above it.
	SatSoftClip
	// SatHardClip clips to [-1, 1]: the brightest curve, with the most
	// aliasing.
	SatHardClip
	// SatAsymmetric is tanh(x) for x >= 0 and tanh(2x)/2 below: it clips
	// the negative half at -1/2, half as far as the positive one, like an
	// unbalanced tube stage. It adds even harmonics and, on loud signals, a
	// DC offset: follow it with a DC-blocking highpass.
	SatAsymmetric
)

// SatAntialias selects how a Saturator suppresses aliasing; see the
// Saturator's documentation.
type SatAntialias int

// The antialiasing modes, cheapest first.
const (
	// SatNoAntialias applies the curve to each sample.
	SatNoAntialias SatAntialias = iota
	// SatADAA uses first-order antiderivative antialiasing.
	SatADAA
	// SatOversample2x runs the curve at twice the sample rate.
	SatOversample2x
	// SatOversample2xADAA runs the curve with ADAA at twice the sample
	// rate.
	SatOversample2xADAA
)

// satMaxInput limits the driven input, so that the antiderivatives (which
// grow like |x|) stay far from overflow.
const satMaxInput = 1e12

// satADAATol is the relative distance between consecutive driven inputs
// below which ADAA evaluates the curve at their midpoint. At this distance
// the rounding of the antiderivatives (relative error 1e-16 of |x|) costs
// about 1e-11 in the quotient, and the midpoint's error, the curve's second
// derivative times d^2/24, is as small (except at the hard clip's corners,
// where it is below 1e-5 times the input).
const satADAATol = 1e-5

// init gives a zero Saturator its 0 dB drive and level.
func (s *Saturator) init() {
	if !s.ready {
		s.drive, s.level, s.ready = 1, 1, true
	}
}

// SetShape selects the curve; out-of-range values select SatTanh.
func (s *Saturator) SetShape(shape SatShape) {
	if shape < SatTanh || shape > SatAsymmetric {
		shape = SatTanh
	}
	s.shape = shape
	s.f1 = satAntiderivative(shape, s.x1)
}

// Shape returns the curve.
func (s *Saturator) Shape() SatShape {
	return s.shape
}

// SetAntialias selects the antialiasing mode; out-of-range values select
// SatNoAntialias. See the type's documentation for their cost and latency.
func (s *Saturator) SetAntialias(mode SatAntialias) {
	if mode < SatNoAntialias || mode > SatOversample2xADAA {
		mode = SatNoAntialias
	}
	if mode >= SatOversample2x && s.aa < SatOversample2x {
		s.up, s.down = halfbandUp{}, halfbandDown{}
	}
	s.aa = mode
	s.f1 = satAntiderivative(s.shape, s.x1)
}

// Antialias returns the antialiasing mode.
func (s *Saturator) Antialias() SatAntialias {
	return s.aa
}

// SetDrive sets the gain applied before the curve, in dB: 0 dB drives a
// full-scale signal to the curve's knee, +24 dB deep into saturation. NaN
// selects 0 dB.
func (s *Saturator) SetDrive(db float64) {
	s.init()
	if math.IsNaN(db) {
		db = 0
	}
	s.driveDB, s.drive = db, DBToGain(db)
}

// Drive returns the drive in dB.
func (s *Saturator) Drive() float64 {
	return s.driveDB
}

// SetLevel sets the gain applied after the curve, in dB, for example to
// compensate the loudness that drive adds. NaN selects 0 dB.
func (s *Saturator) SetLevel(db float64) {
	s.init()
	if math.IsNaN(db) {
		db = 0
	}
	s.levelDB, s.level = db, DBToGain(db)
}

// Level returns the output level in dB.
func (s *Saturator) Level() float64 {
	return s.levelDB
}

// Latency returns the delay the antialiasing adds, in samples: 0 for
// SatNoAntialias, 0.5 for SatADAA, 10.5 for SatOversample2x and 10.75 for
// SatOversample2xADAA.
func (s *Saturator) Latency() float64 {
	switch s.aa {
	case SatADAA:
		return 0.5
	case SatOversample2x:
		return satResampleDelay
	case SatOversample2xADAA:
		return satResampleDelay + 0.25 // ADAA's half a sample at twice the rate
	}
	return 0
}

// satResampleDelay is the delay of the halfband up- and downsampler
// together, in base-rate samples. The upsampler returns the input from
// halfbandPairs-1 samples ago as its second sample and the interpolated
// value half a sample before that as its first; the downsampler's taps are
// centred on the first sample of the pair from halfbandPairs-1 pairs ago.
// With the first sample of each pair half a sample before the second, that
// is 2*halfbandPairs-1.5 = 10.5 samples (halfband.go's comment says 11;
// TestSaturatorLatency measures 10.5).
const satResampleDelay = 2*halfbandPairs - 1.5

// Reset clears the saturator's memory (the previous input and the
// oversampling filters).
func (s *Saturator) Reset() {
	s.x1, s.f1 = 0, 0
	s.up, s.down = halfbandUp{}, halfbandDown{}
}

// Next saturates one sample.
func (s *Saturator) Next(x float32) float32 {
	if !s.ready {
		s.init()
	}
	in := float64(x) * s.drive
	if !(in <= satMaxInput) || !(in >= -satMaxInput) {
		switch {
		case in > 0:
			in = satMaxInput
		case in < 0:
			in = -satMaxInput
		default: // NaN
			in = 0
		}
	}
	var y float64
	switch s.aa {
	case SatADAA:
		y = s.adaa(in)
	case SatOversample2x:
		a, b := s.up.process(in)
		y = s.down.process(satCurve(s.shape, a), satCurve(s.shape, b))
		s.x1 = in
	case SatOversample2xADAA:
		a, b := s.up.process(in)
		y = s.down.process(s.adaa(a), s.adaa(b))
	default:
		y = satCurve(s.shape, in)
		s.x1 = in
	}
	return float32(y * s.level)
}

// adaa returns the mean of the curve from the previous input, s.x1, to x
// and makes x the previous input.
func (s *Saturator) adaa(x float64) float64 {
	f := satAntiderivative(s.shape, x)
	var y float64
	if d := x - s.x1; math.Abs(d) > satADAATol*(1+math.Abs(x)+math.Abs(s.x1)) {
		y = (f - s.f1) / d
		// The mean of a curve bounded by ±1 is too; rounding may not be.
		if y > 1 {
			y = 1
		} else if y < -1 {
			y = -1
		}
	} else {
		y = satCurve(s.shape, 0.5*(x+s.x1))
	}
	s.x1, s.f1 = x, f
	return y
}

// Process saturates src into dst. dst and src may be the same slice. It
// processes len(dst) samples; src must be at least as long. It does not
// allocate.
func (s *Saturator) Process(dst, src []float32) {
	if len(dst) == 0 {
		return
	}
	src = src[:len(dst)]
	for i, x := range src {
		dst[i] = s.Next(x)
	}
}

// String returns the curve's name, e.g. "tanh".
func (shape SatShape) String() string {
	switch shape {
	case SatTanh:
		return "tanh"
	case SatSoftClip:
		return "soft clip"
	case SatHardClip:
		return "hard clip"
	case SatAsymmetric:
		return "asymmetric"
	}
	return "SatShape(invalid)"
}

// String returns the mode's name, e.g. "ADAA".
func (mode SatAntialias) String() string {
	switch mode {
	case SatNoAntialias:
		return "none"
	case SatADAA:
		return "ADAA"
	case SatOversample2x:
		return "2x oversampling"
	case SatOversample2xADAA:
		return "2x oversampling with ADAA"
	}
	return "SatAntialias(invalid)"
}

// satCurve returns the curve f(x).
func satCurve(shape SatShape, x float64) float64 {
	switch shape {
	case SatSoftClip:
		if x >= 1.5 {
			return 1
		}
		if x <= -1.5 {
			return -1
		}
		return x - (4.0/27)*x*x*x
	case SatHardClip:
		if x > 1 {
			return 1
		}
		if x < -1 {
			return -1
		}
		return x
	case SatAsymmetric:
		if x < 0 {
			return 0.5 * math.Tanh(2*x)
		}
		return math.Tanh(x)
	}
	return math.Tanh(x)
}

// satAntiderivative returns F(x), the antiderivative of the curve with
// F(0) = 0. Each F grows like |x| for large |x|, so it never overflows.
func satAntiderivative(shape SatShape, x float64) float64 {
	switch shape {
	case SatSoftClip:
		a := math.Abs(x)
		if a < 1.5 {
			return 0.5*a*a - a*a*a*a/27
		}
		return a - 0.5625 // F(1.5) = 0.9375 = 1.5 - 0.5625
	case SatHardClip:
		a := math.Abs(x)
		if a < 1 {
			return 0.5 * a * a
		}
		return a - 0.5
	case SatAsymmetric:
		if x < 0 {
			return 0.25 * satLogCosh(2*x)
		}
		return satLogCosh(x)
	}
	return satLogCosh(x)
}

// satLogCosh returns log(cosh(x)), the antiderivative of tanh, without
// overflow for large |x|: log(cosh x) = |x| + log(1 + e^(-2|x|)) - log 2.
func satLogCosh(x float64) float64 {
	a := math.Abs(x)
	return a + math.Log1p(math.Exp(-2*a)) - math.Ln2
}
