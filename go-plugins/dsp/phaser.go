package dsp

import "math"

// The Phaser's limits.
const (
	phaserMinStages   = 4
	phaserMaxStages   = 12
	phaserMaxFeedback = 0.95
	phaserMinHz       = 10.0
	phaserMaxRatio    = 0.45 // of the sample rate: tan stays finite and tame
)

// Phaser mixes a signal with a copy passed through a chain of first-order
// allpass filters whose break frequency a sine LFO sweeps. Each stage leaves
// the level alone and turns the phase by 0 at low frequencies, 90 degrees at
// its break frequency and 180 at the top, so where the chain's turn reaches an
// odd multiple of 180 degrees the copy cancels the signal: n stages make n/2
// notches (rounded down), spaced unevenly, which move together as the LFO
// sweeps - a softer, vowel-like cousin of the flanger's evenly spaced comb.
// Feedback from the chain's output back to its input makes the sound
// resonant: positive feedback raises peaks between the notches (by about 7 dB
// at 0.7), negative feedback fills the notches in; either makes them
// shallower.
//
// The break frequency sweeps exponentially (evenly in pitch) between the low
// and high ends of the range. It is computed every 16 samples and the
// stages' coefficient moves in a straight line between, which keeps the sweep
// smooth and spares an exp and a tan on 15 samples of 16. The output is
// (1-mix) x + mix times the chain's output: mix 0.5 and no feedback give
// complete notches, mix 0 the dry input exactly.
//
// The zero value has no stages and mix 0: it passes its input through.
type Phaser struct {
	rate      float64 // sample rate
	piOver    float64 // pi / sample rate, 0 without one
	lfo       LFO
	coef      modRamp // the stages' coefficient, at the control rate
	untilRead int     // samples before the LFO is read again
	stages    int
	lo, span  float64 // the range's low end (Hz) and ln(high/low)
	fb, mix   float64
	z         [phaserMaxStages]float64 // the stages' states (transposed direct form II)
	last      float64                  // the chain's last output, for feedback
}

// NewPhaser returns a phaser for sampleRate with 6 stages, rate 0.5 Hz, range
// 200 to 4000 Hz, feedback 0.3 and mix 0.5. It does not allocate beyond
// itself.
func NewPhaser(sampleRate float64) *Phaser {
	p := &Phaser{}
	if sampleRate > 0 {
		p.rate, p.piOver = sampleRate, math.Pi/sampleRate
	}
	p.SetStages(6)
	p.SetRate(0.5)
	p.SetRange(200, 4000)
	p.SetFeedback(0.3)
	p.SetMix(0.5)
	p.Reset()
	return p
}

// SetStages sets the number of allpass stages, clamped to [4, 12]: 4 gives
// two notches, 12 six. Stages added start silent.
func (p *Phaser) SetStages(n int) {
	if n < phaserMinStages {
		n = phaserMinStages
	} else if n > phaserMaxStages {
		n = phaserMaxStages
	}
	for i := p.stages; i < n; i++ {
		p.z[i] = 0
	}
	p.stages = n
}

// Stages returns the number of allpass stages.
func (p *Phaser) Stages() int {
	return p.stages
}

// SetRate sets the LFO's rate in Hz (0.1 to 2 Hz is usual); 0 holds the
// sweep where it is.
func (p *Phaser) SetRate(hz float64) {
	p.lfo.SetRate(hz, p.rate)
}

// SetPhase sets the LFO's phase in cycles: 0 starts the sweep in the middle of
// the range, rising; 0.25 at the top, 0.75 at the bottom.
func (p *Phaser) SetPhase(cycles float64) {
	p.lfo.SetPhase(cycles)
}

// SetRange sets the low and high ends of the stages' break frequency sweep,
// in Hz (the ends may come in either order). Both are clamped to [10 Hz,
// 0.45 times the sample rate]. Equal ends hold the notches still.
func (p *Phaser) SetRange(lowHz, highHz float64) {
	if lowHz > highHz {
		lowHz, highHz = highHz, lowHz
	}
	top := math.Max(phaserMinHz, phaserMaxRatio*p.rate)
	clamp := func(hz float64) float64 {
		if !(hz > phaserMinHz) {
			return phaserMinHz
		}
		return math.Min(hz, top)
	}
	lowHz, highHz = clamp(lowHz), clamp(highHz)
	p.lo, p.span = lowHz, math.Log(highHz/lowHz)
}

// SetFeedback sets the share of the chain's output fed back to its input,
// clamped to [-0.95, 0.95] (see Phaser).
func (p *Phaser) SetFeedback(fb float64) {
	if !(fb >= -phaserMaxFeedback) {
		fb = -phaserMaxFeedback
	} else if fb > phaserMaxFeedback {
		fb = phaserMaxFeedback
	}
	p.fb = fb
}

// SetMix sets the share of the chain's output in the output, clamped to
// [0, 1]. 0.5 gives the deepest notches; 1 is the chain alone, a vibrato
// of phase that sounds like a faint pitch wobble.
func (p *Phaser) SetMix(mix float64) {
	p.mix = clampEffectMix(mix)
}

// Reset silences the stages and restarts the LFO at phase 0; the settings
// stay.
func (p *Phaser) Reset() {
	p.z = [phaserMaxStages]float64{}
	p.last = 0
	p.lfo.SetPhase(0)
	p.coef, p.untilRead = modRamp{target: p.coefficient(0)}, 0
}

// coefficient returns the stages' coefficient for the LFO value m: the
// first-order allpass (a + z^-1) / (1 + a z^-1) turns the phase by 90 degrees
// at hz for a = (t-1)/(t+1), t = tan(pi hz / rate).
func (p *Phaser) coefficient(m float64) float64 {
	hz := p.lo * math.Exp(0.5*p.span*(1+m))
	t := math.Tan(hz * p.piOver)
	return (t - 1) / (t + 1)
}

// Next processes one sample.
func (p *Phaser) Next(x float32) float32 {
	if p.untilRead == 0 {
		p.coef.aim(p.coefficient(float64(p.lfo.Next())))
		p.lfo.Advance(modControl - 1)
		p.untilRead = modControl
		// Flushing the states once a control period is enough to keep them
		// from decaying into subnormal numbers.
		for i := range p.z {
			p.z[i] = flushTiny(p.z[i])
		}
		p.last = flushTiny(p.last)
	}
	p.untilRead--
	a := p.coef.next()
	in := float64(x)
	s := in + p.fb*p.last
	for i := 0; i < p.stages; i++ {
		y := a*s + p.z[i]
		p.z[i] = s - a*y
		s = y
	}
	p.last = s
	return float32((1-p.mix)*in + p.mix*s)
}

// Process processes src into dst (they may be the same slice). It does not
// allocate.
func (p *Phaser) Process(dst, src []float32) {
	for i := range dst {
		dst[i] = p.Next(src[i])
	}
}
