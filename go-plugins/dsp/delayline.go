package dsp

import "math"

// Interpolation selects how a DelayLine reads between its samples.
type Interpolation int

// The interpolations, cheapest first. The zero value is InterpLinear.
const (
	// InterpLinear mixes the two nearest samples, weights 1-f and f for a
	// fraction f. The cheapest; for a half-sample delay it loses 2 dB at 10 kHz
	// (at 48 kHz), and a delay that moves makes the loss move too (a faint
	// tremolo of the highs). Any delay from 0 up.
	InterpLinear Interpolation = iota
	// InterpLagrange3 fits a cubic through the four nearest samples, the
	// fraction lying between the middle two (third-order Lagrange
	// interpolation). It loses 0.5 dB at 10 kHz for the worst fraction, a half
	// sample: the choice for modulated delays (chorus, vibrato). Delays from 1
	// sample up.
	InterpLagrange3
	// InterpAllpass reads the fraction with a first-order allpass filter: every
	// frequency keeps its level, so a feedback loop (a tuned comb, a string)
	// loses nothing to the fraction. Its delay is exact at low frequencies and
	// drifts above a few kHz (at 10 kHz and a 48 kHz rate, by up to 0.2
	// samples). It has a memory, with three limits: one tap per line (Reads
	// repeated within a sample must ask the same delay, and then return the
	// same value); one Read after each Write (a sample skipped leaves the
	// memory a sample behind); and a delay that moves leaves a small transient
	// each time it crosses a half sample (the integer part changes under the
	// memory), so it suits fixed or slowly moving delays. Delays from 0.5
	// samples up.
	InterpAllpass
)

// String returns the interpolation's name, e.g. "lagrange3".
func (i Interpolation) String() string {
	switch i {
	case InterpLinear:
		return "linear"
	case InterpLagrange3:
		return "lagrange3"
	case InterpAllpass:
		return "allpass"
	}
	return "Interpolation(invalid)"
}

// minDelay returns the shortest delay the interpolation can read: Lagrange
// needs a sample on either side of the two it interpolates between, and the
// allpass is well behaved for fractions of 0.5 to 1.5 samples (towards 0 its
// pole nears -1 and it rings at half the sample rate).
func (i Interpolation) minDelay() float64 {
	switch i {
	case InterpLagrange3:
		return 1
	case InterpAllpass:
		return 0.5
	}
	return 0
}

// DelayLine is a circular buffer of past samples that can be read at any
// delay, whole or fractional, up to the maximum it was made for: the memory
// of echoes, combs, choruses, flangers and reverbs. Write stores the newest
// sample; Read(d) returns the signal d samples before it, so Write(x) then
// Read(d) delays x by d, and Read(d) then Write(x) - the order a feedback loop
// needs - delays it by d+1.
//
// Delays outside [MinDelay, MaxDelay] are clamped into it (NaN reads at the
// minimum). The line holds float32 samples, as they come; fractional reads are
// computed in float64.
//
// The zero value holds no samples: Write does nothing and every read returns
// 0. Make one with NewDelayLine, the only call that allocates.
type DelayLine struct {
	buf    []float32 // length a power of two, at least max+4
	mask   int
	w      int // index of the newest sample
	max    int
	interp Interpolation
	// The allpass interpolator's memory: prev is its output for the previous
	// sample, cur for the current one (valid while read is set). Write moves cur
	// to prev, so repeated Reads in one sample see the same memory.
	prev, cur float64
	read      bool
}

// NewDelayLine returns a silent line that can delay by up to maxSamples
// samples (at least 1; a value below is raised to 1). It allocates a buffer of
// float32s, the first power of two from maxSamples+4 up: create lines when a
// voice or effect is prepared, not while rendering.
func NewDelayLine(maxSamples int) *DelayLine {
	if maxSamples < 1 {
		maxSamples = 1
	}
	n := 4
	for n < maxSamples+4 {
		n *= 2
	}
	return &DelayLine{buf: make([]float32, n), mask: n - 1, max: maxSamples}
}

// MaxDelay returns the longest delay the line can read, in samples (0 for the
// zero value).
func (d *DelayLine) MaxDelay() int {
	return d.max
}

// MinDelay returns the shortest delay the current interpolation can read:
// 0 for InterpLinear, 1 for InterpLagrange3, 0.5 for InterpAllpass.
func (d *DelayLine) MinDelay() float64 {
	return d.interp.minDelay()
}

// SetInterpolation selects how Read interpolates. It clears the allpass
// interpolator's memory; the samples stay. An unknown value selects
// InterpLinear.
func (d *DelayLine) SetInterpolation(i Interpolation) {
	if i < InterpLinear || i > InterpAllpass {
		i = InterpLinear
	}
	d.interp = i
	d.prev, d.cur, d.read = 0, 0, false
}

// Interpolation returns the interpolation Read uses.
func (d *DelayLine) Interpolation() Interpolation {
	return d.interp
}

// Reset fills the line with silence and clears the interpolator's memory. It
// does not allocate.
func (d *DelayLine) Reset() {
	for i := range d.buf {
		d.buf[i] = 0
	}
	d.prev, d.cur, d.read = 0, 0, false
}

// Write stores x as the newest sample, dropping the oldest.
func (d *DelayLine) Write(x float32) {
	if d.buf == nil {
		return
	}
	d.w = (d.w + 1) & d.mask
	d.buf[d.w] = x
	if d.read {
		d.prev, d.read = d.cur, false
	}
}

// ReadInt returns the sample written delay samples before the newest one
// (ReadInt(0) is the newest), delay clamped to [0, MaxDelay]. No
// interpolation, no memory: any number of taps may read it.
func (d *DelayLine) ReadInt(delay int) float32 {
	if d.buf == nil {
		return 0
	}
	if delay < 0 {
		delay = 0
	} else if delay > d.max {
		delay = d.max
	}
	return d.buf[(d.w-delay)&d.mask]
}

// Read returns the signal delay samples before the newest sample, interpolated
// as SetInterpolation chose; delay is clamped to [MinDelay, MaxDelay]. A whole
// delay reads the stored sample exactly, whatever the interpolation.
func (d *DelayLine) Read(delay float64) float32 {
	if d.buf == nil {
		return 0
	}
	lo := d.interp.minDelay()
	if !(delay >= lo) {
		delay = lo
	} else if delay > float64(d.max) {
		delay = float64(d.max)
	}
	switch d.interp {
	case InterpLagrange3:
		i := int(delay)
		f := delay - float64(i)
		// The points at delays i-1, i, i+1, i+2; the Lagrange weights for a delay
		// of 1+f from the first.
		x0 := float64(d.buf[(d.w-i+1)&d.mask])
		x1 := float64(d.buf[(d.w-i)&d.mask])
		x2 := float64(d.buf[(d.w-i-1)&d.mask])
		x3 := float64(d.buf[(d.w-i-2)&d.mask])
		fm1, fm2, fp1 := f-1, f-2, f+1
		h0 := -f * fm1 * fm2 / 6
		h1 := fp1 * fm1 * fm2 / 2
		h2 := -fp1 * f * fm2 / 2
		h3 := fp1 * f * fm1 / 6
		return float32(h0*x0 + h1*x1 + h2*x2 + h3*x3)
	case InterpAllpass:
		// Integer part i and fraction in [0.5, 1.5), where the first-order Thiran
		// allpass a = (1-frac)/(1+frac) is stable and its delay smooth:
		// y[n] = a x[n-i] + x[n-i-1] - a y[n-1].
		i := int(math.Floor(delay - 0.5))
		frac := delay - float64(i)
		a := (1 - frac) / (1 + frac)
		x0 := float64(d.buf[(d.w-i)&d.mask])
		x1 := float64(d.buf[(d.w-i-1)&d.mask])
		y := flushTiny(a*(x0-d.prev) + x1)
		d.cur, d.read = y, true
		return float32(y)
	}
	i := int(delay)
	f := delay - float64(i)
	x0 := float64(d.buf[(d.w-i)&d.mask])
	x1 := float64(d.buf[(d.w-i-1)&d.mask])
	return float32(x0 + f*(x1-x0))
}
