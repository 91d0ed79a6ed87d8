package dsp

import "math"

// CombMode selects whether a Comb's delayed copy is fed back or only added.
type CombMode int

// The comb modes. The zero value is CombFeedback.
const (
	// CombFeedback adds the delayed output to the input: y[n] = x[n] + g y[n-N].
	// Peaks of 1/(1-g) at multiples of rate/N, a ring that decays by g every N
	// samples: the resonator of Schroeder and Freeverb reverbs and of plucked
	// strings.
	CombFeedback CombMode = iota
	// CombFeedforward adds the delayed input: y[n] = x[n] + g x[n-N]. Notches
	// (to 1-g) at odd multiples of rate/2N for g > 0; no ring. A single echo,
	// and the static flanger.
	CombFeedforward
)

// String returns the mode's name, e.g. "feedback".
func (m CombMode) String() string {
	switch m {
	case CombFeedback:
		return "feedback"
	case CombFeedforward:
		return "feedforward"
	}
	return "CombMode(invalid)"
}

// combMaxFeedback keeps a feedback comb stable: a ring of 1440 s for a loop
// of 1000 samples at 48 kHz is as long as anyone needs.
const combMaxFeedback = 0.9999

// Comb is a comb filter: a delay of N samples whose output, times a gain g,
// is added to the signal, either fed back (a resonator) or fed forward (an
// echo). The delay may be fractional, read with the line's interpolation
// (InterpLinear unless SetInterpolation says otherwise; InterpAllpass keeps a
// tuned ring from losing its highs).
//
// An optional one-pole lowpass in the loop damps the highs as Freeverb's
// combs do: each pass through the loop loses more treble, so the ring grows
// darker as it decays, like a room. Freeverb's comb returns only the echoes,
// N samples later; here the output includes the input (the textbook form),
// and Next(x) - x is the echoes alone.
//
// The delay is at least 1 sample plus the interpolation's minimum (the loop
// reads its line before writing it). The zero value has no line: it passes
// its input through unchanged.
type Comb struct {
	line       DelayLine
	mode       CombMode
	want       float64 // delay as set, re-clamped when the interpolation changes
	delay      float64 // loop delay in samples
	gain, g    float64 // gain as set, and as used (clamped for feedback)
	damp, lowp float64 // the lowpass pole (0: off) and its state
}

// NewComb returns a feedback comb, silent, with gain 0, that can delay by up
// to maxSamples samples. It allocates its line: create it when the effect is
// prepared, not while rendering.
func NewComb(maxSamples int) *Comb {
	c := &Comb{line: *NewDelayLine(maxSamples)}
	c.SetDelay(float64(c.line.MaxDelay()))
	return c
}

// SetMode selects feedback or feedforward. The state is kept.
func (c *Comb) SetMode(m CombMode) {
	if m != CombFeedforward {
		m = CombFeedback
	}
	c.mode = m
	c.SetGain(c.gain)
}

// Mode returns the mode.
func (c *Comb) Mode() CombMode {
	return c.mode
}

// SetDelay sets the delay to samples, clamped to [1 + the interpolation's
// minimum, the maximum the comb was made for]. The comb's peaks (feedback) or
// its echo (feedforward) fall at multiples of sampleRate/samples Hz.
func (c *Comb) SetDelay(samples float64) {
	c.want = samples
	lo, hi := 1+c.line.MinDelay(), float64(c.line.MaxDelay())
	if !(samples <= hi) {
		samples = hi
	}
	if !(samples >= lo) {
		samples = lo
	}
	c.delay = samples
}

// Delay returns the delay in samples, as clamped.
func (c *Comb) Delay() float64 {
	return c.delay
}

// SetInterpolation selects how fractional delays are read (see
// Interpolation). The delay is clamped again to the new minimum.
func (c *Comb) SetInterpolation(i Interpolation) {
	c.line.SetInterpolation(i)
	c.SetDelay(c.want)
}

// SetGain sets the gain g of the delayed copy, clamped to [-1, 1], and in
// feedback mode to [-0.9999, 0.9999], where the comb is stable. A negative
// gain moves the feedback peaks to odd multiples of rate/2N.
func (c *Comb) SetGain(g float64) {
	if !(g >= -1) {
		g = -1
	} else if g > 1 {
		g = 1
	}
	c.gain, c.g = g, g
	if c.mode == CombFeedback {
		c.g = math.Max(-combMaxFeedback, math.Min(g, combMaxFeedback))
	}
}

// Gain returns the gain as used.
func (c *Comb) Gain() float64 {
	return c.g
}

// SetDecayTime sets a positive feedback gain that makes an undamped feedback
// comb decay by 60 dB in seconds at sampleRate, for the current delay (set
// the delay first): g = 10^(-3 N / (seconds * sampleRate)). 0 seconds or less
// gives gain 0.
func (c *Comb) SetDecayTime(seconds, sampleRate float64) {
	if !(seconds > 0 && sampleRate > 0) {
		c.SetGain(0)
		return
	}
	c.SetGain(math.Pow(10, -3*c.delay/(seconds*sampleRate)))
}

// DecayTime returns the time an undamped feedback comb takes to decay by
// 60 dB at sampleRate, the RT60: the gain falls by 20 log10 |g| dB every N
// samples. 0 for a gain of 0 or a feedforward comb, which does not ring.
func (c *Comb) DecayTime(sampleRate float64) float64 {
	if c.mode != CombFeedback || c.g == 0 || !(sampleRate > 0) {
		return 0
	}
	return -3 * c.delay / (sampleRate * math.Log10(math.Abs(c.g)))
}

// SetDamping puts a one-pole lowpass with its cutoff at hz (at sampleRate) in
// the delayed path: the loop keeps its gain at low frequencies and loses the
// highs. hz of 0 or less, or from half the sample rate up, turns damping off.
func (c *Comb) SetDamping(hz, sampleRate float64) {
	c.damp = 0
	if hz > 0 && sampleRate > 0 && hz < sampleRate/2 {
		c.damp = math.Exp(-2 * math.Pi * hz / sampleRate)
	}
}

// Reset silences the line and the lowpass; the settings stay.
func (c *Comb) Reset() {
	c.line.Reset()
	c.lowp = 0
}

// Next filters one sample.
func (c *Comb) Next(x float32) float32 {
	t := float64(c.line.Read(c.delay - 1))
	if c.damp != 0 {
		c.lowp = flushTiny(t + c.damp*(c.lowp-t))
		t = c.lowp
	}
	y := float64(x) + c.g*t
	if c.mode == CombFeedback {
		y = flushTiny(y)
		c.line.Write(float32(y))
	} else {
		c.line.Write(x)
	}
	return float32(y)
}

// Process filters src into dst (they may be the same slice). It does not
// allocate.
func (c *Comb) Process(dst, src []float32) {
	for i := range dst {
		dst[i] = c.Next(src[i])
	}
}

// SchroederAllpass is the diffusor of Schroeder's reverbs and their heirs: a
// delay of N samples wrapped in feedback and feedforward paths of gain g,
// H(z) = (-g + z^-N) / (1 - g z^-N). Every frequency passes at full level, but
// an impulse comes out as a decaying train of echoes N samples apart, which
// thickens the echo density without colouring the sound. (Freeverb's
// "allpass" is not one: its output is only flat for g = 0.618.)
//
// The delay may be fractional; the response stays flat only with
// InterpAllpass (an allpass inside an allpass), as with whole delays, while
// the default InterpLinear dulls the highs a little, which a slowly modulated
// reverb diffusor may not mind.
//
// The delay is at least 1 sample plus the interpolation's minimum. The zero
// value has no line: it passes its input through unchanged.
type SchroederAllpass struct {
	line        DelayLine
	want, delay float64
	g           float64
}

// NewSchroederAllpass returns a silent allpass with gain 0 (a plain delay)
// that can delay by up to maxSamples samples. It allocates its line: create
// it when the effect is prepared, not while rendering.
func NewSchroederAllpass(maxSamples int) *SchroederAllpass {
	a := &SchroederAllpass{line: *NewDelayLine(maxSamples)}
	a.SetDelay(float64(a.line.MaxDelay()))
	return a
}

// SetDelay sets the delay to samples, clamped to [1 + the interpolation's
// minimum, the maximum the allpass was made for].
func (a *SchroederAllpass) SetDelay(samples float64) {
	a.want = samples
	lo, hi := 1+a.line.MinDelay(), float64(a.line.MaxDelay())
	if !(samples <= hi) {
		samples = hi
	}
	if !(samples >= lo) {
		samples = lo
	}
	a.delay = samples
}

// Delay returns the delay in samples, as clamped.
func (a *SchroederAllpass) Delay() float64 {
	return a.delay
}

// SetInterpolation selects how fractional delays are read (see
// Interpolation). The delay is clamped again to the new minimum.
func (a *SchroederAllpass) SetInterpolation(i Interpolation) {
	a.line.SetInterpolation(i)
	a.SetDelay(a.want)
}

// SetGain sets g, clamped to [-0.9999, 0.9999]. 0.5 to 0.7 is usual for a
// diffusor: larger gains ring longer and start to sound metallic.
func (a *SchroederAllpass) SetGain(g float64) {
	if !(g >= -combMaxFeedback) {
		g = -combMaxFeedback
	} else if g > combMaxFeedback {
		g = combMaxFeedback
	}
	a.g = g
}

// Gain returns g.
func (a *SchroederAllpass) Gain() float64 {
	return a.g
}

// Reset silences the line; the settings stay.
func (a *SchroederAllpass) Reset() {
	a.line.Reset()
}

// Next filters one sample. With v[n] = x[n] + g v[n-N] in the line, the
// output is v[n-N] - g v[n].
func (a *SchroederAllpass) Next(x float32) float32 {
	if a.line.buf == nil {
		return x
	}
	vd := float64(a.line.Read(a.delay - 1))
	v := flushTiny(float64(x) + a.g*vd)
	a.line.Write(float32(v))
	return float32(vd - a.g*v)
}

// Process filters src into dst (they may be the same slice). It does not
// allocate.
func (a *SchroederAllpass) Process(dst, src []float32) {
	for i := range dst {
		dst[i] = a.Next(src[i])
	}
}
