package dsp

import "math"

// The Flanger's limits: delay and depth in milliseconds, and the feedback.
const (
	flangerMaxDelay    = 10.0
	flangerMaxDepth    = 10.0
	flangerMaxFeedback = 0.99
)

// Flanger mixes a signal with a copy delayed by a few milliseconds, the delay
// swept by a sine LFO: the mix is a comb filter whose notches, at odd
// multiples of rate/2D for a delay of D samples, glide up and down the
// spectrum (the "jet plane" sweep of two tape machines run in step). Feedback
// sends the delayed copy back into the delay, sharpening the peaks between the
// notches into a metallic resonance; negative feedback puts the peaks where
// the notches were.
//
// The delay sweeps from Delay to Delay + Depth; the LFO is read every 16
// samples and followed in a straight line between (at 20 Hz that strays from
// the sine by 0.011 % of the depth at most). With feedback f, the signal in the
// delay is s[n] = x[n] + f s[n-D] and the output (1-mix) x[n] + mix s[n-D]:
// at mix 0.5 and no feedback the notches are complete. The delay is read with
// linear interpolation, whose weights are positive and sum to 1, so however
// the delay moves the loop never gains: s stays within 1/(1-|f|) times the
// input's peak (100 times at the largest feedback, 0.99), where a cubic
// interpolator could overshoot and, under modulation, run away.
//
// The zero value has no line and mix 0: it passes its input through.
type Flanger struct {
	line         DelayLine
	rate         float64 // sample rate
	lfo          LFO
	mod          modRamp // the LFO at the control rate
	untilRead    int     // samples before the LFO is read again
	delay, depth float64 // in samples
	fb, mix      float64
}

// NewFlanger returns a flanger for sampleRate with rate 0.25 Hz, delay 1 ms,
// depth 3 ms, feedback 0.5 and mix 0.5. It allocates its line, 20 ms long:
// create it when the effect is prepared, not while rendering.
func NewFlanger(sampleRate float64) *Flanger {
	if !(sampleRate > 0) {
		sampleRate = 0
	}
	n := int(math.Ceil((flangerMaxDelay+flangerMaxDepth)*0.001*sampleRate)) + 2
	f := &Flanger{line: *NewDelayLine(n), rate: sampleRate}
	f.SetRate(0.25)
	f.SetDelay(1)
	f.SetDepth(3)
	f.SetFeedback(0.5)
	f.SetMix(0.5)
	return f
}

// SetRate sets the LFO's rate in Hz (0.05 to 1 Hz is usual).
func (f *Flanger) SetRate(hz float64) {
	f.lfo.SetRate(hz, f.rate)
}

// SetPhase sets the LFO's phase in cycles: restart it on a note, or offset
// the flangers of the left and right channels.
func (f *Flanger) SetPhase(cycles float64) {
	f.lfo.SetPhase(cycles)
}

// SetDelay sets the shortest delay of the sweep in ms, clamped to [0, 10];
// the delay is never shorter than 1 sample. A jump in the delay clicks.
func (f *Flanger) SetDelay(ms float64) {
	f.delay = clampEffectMs(ms, flangerMaxDelay) * 0.001 * f.rate
}

// SetDepth sets the width of the sweep in ms, clamped to [0, 10]: the delay
// moves between Delay and Delay + Depth.
func (f *Flanger) SetDepth(ms float64) {
	f.depth = clampEffectMs(ms, flangerMaxDepth) * 0.001 * f.rate
}

// SetFeedback sets the share of the delayed signal fed back into the delay,
// clamped to [-0.99, 0.99].
func (f *Flanger) SetFeedback(fb float64) {
	if !(fb >= -flangerMaxFeedback) {
		fb = -flangerMaxFeedback
	} else if fb > flangerMaxFeedback {
		fb = flangerMaxFeedback
	}
	f.fb = fb
}

// SetMix sets the share of the delayed copy in the output, clamped to
// [0, 1]. 0.5 gives the deepest notches.
func (f *Flanger) SetMix(mix float64) {
	f.mix = clampEffectMix(mix)
}

// Reset silences the line and restarts the LFO at phase 0; the settings stay.
func (f *Flanger) Reset() {
	f.line.Reset()
	f.mod, f.untilRead = modRamp{}, 0
	f.lfo.SetPhase(0)
}

// Next processes one sample.
func (f *Flanger) Next(x float32) float32 {
	if f.untilRead == 0 {
		f.mod.aim(float64(f.lfo.Next()))
		f.lfo.Advance(modControl - 1)
		f.untilRead = modControl
	}
	f.untilRead--
	d := f.delay + 0.5*f.depth*(1+f.mod.next())
	// Read before writing: a read delay of d-1 is a loop of d samples.
	tap := float64(f.line.Read(d - 1))
	in := float64(x)
	f.line.Write(float32(flushTiny(in + f.fb*tap)))
	return float32((1-f.mix)*in + f.mix*tap)
}

// Process processes src into dst (they may be the same slice). It does not
// allocate.
func (f *Flanger) Process(dst, src []float32) {
	for i := range dst {
		dst[i] = f.Next(src[i])
	}
}
