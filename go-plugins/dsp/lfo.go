package dsp

import "math"

// LFOShape selects the waveform of an LFO.
type LFOShape int

// The LFO shapes. All are bipolar, in [-1, 1], and start their cycle like a
// sine: Sine and Triangle at 0 rising, Saw at -1 rising, Square at +1.
const (
	// LFOSine is a sine wave.
	LFOSine LFOShape = iota
	// LFOTriangle is a triangle wave with its peak at phase 0.25.
	LFOTriangle
	// LFOSaw is a ramp rising from -1 to +1 over the cycle; negate the
	// output for a falling ramp.
	LFOSaw
	// LFOSquare is +1 for the first half of the cycle and -1 for the second.
	LFOSquare
	// LFOSampleHold holds a random value, drawn from the LFO's seeded
	// generator at the start of each cycle.
	LFOSampleHold
)

// String returns the shape's name, e.g. "sine".
func (s LFOShape) String() string {
	switch s {
	case LFOSine:
		return "sine"
	case LFOTriangle:
		return "triangle"
	case LFOSaw:
		return "saw"
	case LFOSquare:
		return "square"
	case LFOSampleHold:
		return "sample-and-hold"
	}
	return "LFOShape(invalid)"
}

// LFO is a low-frequency oscillator for modulation. Its waves are not band
// limited, which is what modulation wants (a square LFO switches in one
// sample); use Saw, Square or Triangle for audio.
//
// The zero value is a 0 Hz sine at phase 0 whose sample-and-hold generator
// is seeded with 0 and holds 0 until its first new cycle. Output is
// deterministic: the same settings and seed give the same samples.
type LFO struct {
	ph    phasor
	shape LFOShape
	rng   pcg32
	held  float32
}

// SetRate sets the rate to hz cycles per second at sampleRate. hz is clamped
// to [0, sampleRate/2].
func (l *LFO) SetRate(hz, sampleRate float64) {
	l.ph.setFrequency(hz, sampleRate, 0.5)
}

// Rate returns the rate in Hz at sampleRate.
func (l *LFO) Rate(sampleRate float64) float64 {
	return l.ph.frequency(sampleRate)
}

// SetShape selects the waveform. The phase is kept, so the change is
// immediate and may jump.
func (l *LFO) SetShape(s LFOShape) {
	l.shape = s
}

// Shape returns the waveform.
func (l *LFO) Shape() LFOShape {
	return l.shape
}

// SetPhase sets the phase in cycles; any value is wrapped into [0, 1). Use
// it to restart the LFO on a note (key sync).
func (l *LFO) SetPhase(cycles float64) {
	l.ph.setPhase(cycles)
}

// Phase returns the phase of the next sample in cycles, in [0, 1).
func (l *LFO) Phase() float64 {
	return l.ph.phase
}

// Seed restarts the sample-and-hold generator at the sequence for seed and
// draws the value held until the next cycle starts.
func (l *LFO) Seed(seed uint64) {
	l.rng.seed(seed)
	l.held = l.rng.bipolar()
}

// Next returns the next sample, in [-1, 1].
func (l *LFO) Next() float32 {
	t := l.ph.phase
	var y float32
	switch l.shape {
	case LFOSine:
		y = float32(math.Sin(2 * math.Pi * t))
	case LFOTriangle:
		y = float32(triangleBLAMP(t, 0))
	case LFOSaw:
		y = float32(2*t - 1)
	case LFOSquare:
		y = -1
		if t < 0.5 {
			y = 1
		}
	case LFOSampleHold:
		y = l.held
	}
	if l.ph.advance() {
		l.held = l.rng.bipolar()
	}
	return y
}

// Advance moves the LFO on by n samples exactly as n calls of Next would, without
// computing the wave: a voice that reads it every n samples (a control rate) calls Next
// and then Advance(n-1), or it runs n times too slowly. (The phase is stepped, not
// multiplied, so that a sample-and-hold changes on the very sample Next would change it.)
func (l *LFO) Advance(n int) {
	for ; n > 0; n-- {
		if l.ph.advance() {
			l.held = l.rng.bipolar()
		}
	}
}

// Fill overwrites out with the next len(out) samples. It does not
// allocate.
func (l *LFO) Fill(out []float32) {
	for i := range out {
		out[i] = l.Next()
	}
}
