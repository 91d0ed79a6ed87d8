package dsp

import "math"

// The Chorus's limits, in milliseconds.
const (
	chorusMaxDelay = 30.0
	chorusMaxDepth = 20.0
)

// Chorus thickens a mono signal into stereo with one to three copies whose
// delays a sine LFO sweeps, so that each copy is slightly detuned by the
// Doppler effect of its moving delay, and the detuning itself wavers.
//
// Each copy (voice) has two taps, left and right, swept in opposite
// directions (the right tap's LFO is the left's, inverted, as in the Juno-60's
// chorus), so that even one voice gives a wide image; the voices' LFOs are
// spread evenly over half a cycle, which puts all the taps of three voices a
// sixth of a cycle apart. A tap's delay sweeps from Delay to Delay + Depth.
// The LFOs are read every 16 samples and followed in straight lines between,
// which saves 15 sines in 16 and at 20 Hz strays from the sine by 0.011 % of
// the depth at most.
// The taps read the line with third-order Lagrange interpolation, which keeps
// the highs as the delay moves; there is no feedback, so the output never
// exceeds 1.25 times the input's peak.
//
// The output is (1-mix) times the input plus mix times the average of the
// taps on each side. The zero value has no line and mix 0: it passes its
// input through to both sides.
type Chorus struct {
	line         DelayLine
	rate         float64 // sample rate
	lfos         [3]LFO
	mods         [3]modRamp // the LFOs at the control rate
	untilRead    int        // samples before the LFOs are read again
	voices       int
	delay, depth float64 // in samples
	mix          float64
}

// NewChorus returns a chorus for sampleRate with 2 voices, rate 0.8 Hz,
// delay 10 ms, depth 4 ms and mix 0.5. It allocates its line, 50 ms long:
// create it when the effect is prepared, not while rendering.
func NewChorus(sampleRate float64) *Chorus {
	if !(sampleRate > 0) {
		sampleRate = 0
	}
	n := int(math.Ceil((chorusMaxDelay+chorusMaxDepth)*0.001*sampleRate)) + 2
	c := &Chorus{line: *NewDelayLine(n), rate: sampleRate}
	c.line.SetInterpolation(InterpLagrange3)
	c.SetVoices(2)
	c.SetRate(0.8)
	c.SetDelay(10)
	c.SetDepth(4)
	c.SetMix(0.5)
	return c
}

// SetVoices sets the number of voices, clamped to [1, 3]. The first voice's
// LFO keeps its phase; the others are placed after it.
func (c *Chorus) SetVoices(n int) {
	if n < 1 {
		n = 1
	} else if n > 3 {
		n = 3
	}
	for i := c.voices; i < n; i++ {
		c.mods[i] = modRamp{}
	}
	c.voices = n
	p := c.lfos[0].Phase()
	for i := 1; i < n; i++ {
		c.lfos[i].SetPhase(p + float64(i)/float64(2*n))
	}
}

// Voices returns the number of voices.
func (c *Chorus) Voices() int {
	return c.voices
}

// SetRate sets the LFOs' rate in Hz (0.1 to 3 Hz is usual; faster rates
// warble like a vibrato).
func (c *Chorus) SetRate(hz float64) {
	for i := range c.lfos {
		c.lfos[i].SetRate(hz, c.rate)
	}
}

// SetPhase sets the first voice's LFO phase in cycles (and places the others
// after it): restart it on a note, or offset two choruses.
func (c *Chorus) SetPhase(cycles float64) {
	c.lfos[0].SetPhase(cycles)
	c.SetVoices(c.voices)
}

// SetDelay sets the shortest delay of the sweep in ms, clamped to [0, 30]
// (5 to 15 ms is usual; under 1 ms is heard as a flanger). The taps never
// read closer than 1 sample. A jump in the delay clicks: glide it with a
// Smoother if it moves while playing.
func (c *Chorus) SetDelay(ms float64) {
	c.delay = clampEffectMs(ms, chorusMaxDelay) * 0.001 * c.rate
}

// SetDepth sets the width of the sweep in ms, clamped to [0, 20]: each tap's
// delay moves between Delay and Delay + Depth.
func (c *Chorus) SetDepth(ms float64) {
	c.depth = clampEffectMs(ms, chorusMaxDepth) * 0.001 * c.rate
}

// SetMix sets the share of the delayed copies in the output, clamped to
// [0, 1]: 0 is the dry input alone, 0.5 equal parts, 1 the copies alone.
func (c *Chorus) SetMix(mix float64) {
	c.mix = clampEffectMix(mix)
}

// Reset silences the line and restarts the LFOs at phase 0; the settings
// stay.
func (c *Chorus) Reset() {
	c.line.Reset()
	c.mods = [3]modRamp{}
	c.untilRead = 0
	c.SetPhase(0)
}

// Next processes one input sample into a stereo pair.
func (c *Chorus) Next(x float32) (left, right float32) {
	if c.untilRead == 0 {
		for i := 0; i < c.voices; i++ {
			c.mods[i].aim(float64(c.lfos[i].Next()))
			c.lfos[i].Advance(modControl - 1)
		}
		c.untilRead = modControl
	}
	c.untilRead--
	c.line.Write(x)
	var l, r float64
	half := 0.5 * c.depth
	for i := 0; i < c.voices; i++ {
		m := half * c.mods[i].next()
		l += float64(c.line.Read(c.delay + half + m))
		r += float64(c.line.Read(c.delay + half - m))
	}
	dry := (1 - c.mix) * float64(x)
	wet := 0.0
	if c.voices > 0 {
		wet = c.mix / float64(c.voices)
	}
	return float32(dry + wet*l), float32(dry + wet*r)
}

// Process processes len(left) samples of in into left and right; in and
// right must be at least as long, and left may be in itself. It does not
// allocate.
func (c *Chorus) Process(left, right, in []float32) {
	right, in = right[:len(left)], in[:len(left)]
	for i := range left {
		left[i], right[i] = c.Next(in[i])
	}
}
