package dsp

import "math"

// ADSR is an attack-decay-sustain-release envelope generator with
// analog-style exponential segments and exact segment times.
//
// Set the fields, then call Gate(true) at note on and Gate(false) at note
// off; Next and Fill render the level. The times are read when a segment
// starts (a change applies from the next segment), Sustain is followed
// continuously with a 5 ms glide.
//
// # Timing
//
// Next returns the level one sample after the previous call, so the k-th
// call after Gate is the level k/SampleRate seconds after it. With times
// rounded to whole samples:
//
//   - Attack rises from 0 and reaches exactly 1.0 on call round(Attack*SampleRate).
//   - Decay then falls from 1.0 and reaches exactly Sustain round(Decay*SampleRate)
//     calls later; the envelope is then in StageSustain.
//   - Release falls from whatever level the envelope had at Gate(false)
//     and reaches exactly 0 round(Release*SampleRate) calls later; the
//     envelope is then in StageIdle.
//
// A zero time makes its segment end at once.
//
// # Curves
//
// Each segment is a one-pole (RC) curve aimed past its end level and cut
// off exactly at it. The attack aims 30% above 1 (a rounded, analog-like
// rise); decay and release aim 0.1% of their distance beyond the end level,
// so they fall about linearly in decibels, reaching -60 dB at about 90% of
// their time.
//
// # Retriggering
//
// Gate(true) while the envelope is still sounding (in any stage, including
// release) restarts the attack from the current level, without a jump: the
// attack continues along its curve from that level, so it reaches 1.0 sooner.
// Gate(false) during attack or decay releases from the current level.
//
// The zero value is idle; set SampleRate and the times before use.
type ADSR struct {
	// Attack, Decay and Release are segment times in seconds; negative
	// values count as 0.
	Attack, Decay, Release float64
	// Sustain is the sustain level, clamped to [0, 1].
	Sustain float64
	// SampleRate is the rate Next is called at, in Hz.
	SampleRate float64

	stage Stage
	level float64
	// The running segment: each sample level = aim + (level-aim)*keep; after
	// left samples the level is set to end exactly.
	aim, keep, end float64
	left           int
}

const (
	adsrAttackOvershoot = 0.3
	adsrDecayOvershoot  = 0.001
	adsrSustainGlide    = 0.005 // seconds, time constant
)

// Gate turns the gate on (note on: attack from the current level) or off
// (note off: release from the current level). Turning it off while it is
// already off, or while idle, does nothing.
func (e *ADSR) Gate(on bool) {
	if on {
		e.start(StageAttack)
		return
	}
	if e.stage != StageIdle && e.stage != StageRelease {
		e.start(StageRelease)
	}
}

// Reset stops the envelope at once: level 0, StageIdle. It may click; use
// Gate(false) to end a note.
func (e *ADSR) Reset() {
	e.stage, e.level, e.left = StageIdle, 0, 0
}

// Stage returns the current stage.
func (e *ADSR) Stage() Stage {
	return e.stage
}

// Active reports whether the envelope is sounding (not StageIdle). A voice
// can stop once its envelope is no longer active.
func (e *ADSR) Active() bool {
	return e.stage != StageIdle
}

// Level returns the current level (the one the last Next returned).
func (e *ADSR) Level() float32 {
	return float32(e.level)
}

// Next advances by one sample and returns the level, in [0, 1].
func (e *ADSR) Next() float32 {
	switch e.stage {
	case StageIdle:
		return 0
	case StageSustain:
		e.followSustain()
	default:
		e.level = e.aim + (e.level-e.aim)*e.keep
		e.left--
		if e.left <= 0 {
			e.level = e.end
			e.start(e.stage + 1)
		}
	}
	return float32(e.level)
}

// Advance moves the envelope on by n samples, as n calls of Next would (to rounding),
// through as many segments as those samples cover, in time proportional to the segments
// and not to n: for a voice that reads the level every n samples (a control rate), or
// one that brings a note to where it was (sdk.Resumer).
func (e *ADSR) Advance(n int) {
	for n > 0 {
		switch e.stage {
		case StageIdle:
			return
		case StageSustain:
			s := e.sustain()
			if e.level == s {
				return
			}
			keep := 0.0
			if glide := adsrSustainGlide * e.SampleRate; glide > 0 {
				keep = math.Exp(-float64(n) / glide)
			}
			e.level = s + (e.level-s)*keep
			if math.Abs(e.level-s) < 1e-7 {
				e.level = s
			}
			return
		default:
			if n < e.left {
				e.level = e.aim + (e.level-e.aim)*math.Pow(e.keep, float64(n))
				e.left -= n
				return
			}
			n -= e.left
			e.level, e.left = e.end, 0
			e.start(e.stage + 1)
		}
	}
}

// Fill overwrites out with the next len(out) levels. It does not
// allocate.
func (e *ADSR) Fill(out []float32) {
	if e.stage == StageIdle {
		Zero(out)
		return
	}
	for i := range out {
		out[i] = e.Next()
	}
}

// start enters stage s from the current level, passing straight through
// segments that have no time left.
func (e *ADSR) start(s Stage) {
	for {
		if s == StageRelease+1 {
			s = StageIdle
		}
		e.stage = s
		switch s {
		case StageIdle:
			e.level = 0
			return
		case StageSustain:
			return
		case StageAttack:
			e.planAttack()
		case StageDecay:
			e.planSegment(e.Decay, e.sustain(), adsrDecayOvershoot)
		case StageRelease:
			e.planSegment(e.Release, 0, adsrDecayOvershoot)
		}
		if e.left > 0 {
			return
		}
		e.level = e.end
		if s == StageRelease {
			s = StageIdle
		} else {
			s++
		}
	}
}

// planAttack sets up the attack curve from 0 to 1 in Attack seconds and
// places the current level on it.
func (e *ADSR) planAttack() {
	e.end = 1
	e.aim = 1 + adsrAttackOvershoot
	n := e.samples(e.Attack)
	if n == 0 || e.level >= 1 {
		e.left = 0
		return
	}
	e.keep = math.Pow(adsrAttackOvershoot/(1+adsrAttackOvershoot), 1/float64(n))
	// Samples the curve takes from the current level to 1: solve
	// aim-1 = (aim-level)*keep^k for k.
	k := math.Log((e.aim-1)/(e.aim-e.level)) / math.Log(e.keep)
	e.left = int(math.Round(k))
}

// planSegment sets up a segment from the current level to end in seconds,
// aimed overshoot times the distance beyond end.
func (e *ADSR) planSegment(seconds, end, overshoot float64) {
	e.end = end
	n := e.samples(seconds)
	if n == 0 || e.level == end {
		e.left = 0
		return
	}
	e.aim = end - overshoot*(e.level-end)
	e.keep = math.Pow(overshoot/(1+overshoot), 1/float64(n))
	e.left = n
}

// followSustain glides the level towards the sustain level.
func (e *ADSR) followSustain() {
	s := e.sustain()
	if e.level == s {
		return
	}
	keep := 0.0
	if n := adsrSustainGlide * e.SampleRate; n > 0 {
		keep = math.Exp(-1 / n)
	}
	e.level = s + (e.level-s)*keep
	if math.Abs(e.level-s) < 1e-7 {
		e.level = s
	}
}

// samples converts seconds to a whole number of samples (0 for negative
// times or a missing sample rate).
func (e *ADSR) samples(seconds float64) int {
	n := math.Round(seconds * e.SampleRate)
	if !(n > 0) {
		return 0
	}
	if n > math.MaxInt32 {
		return math.MaxInt32
	}
	return int(n)
}

// sustain returns the sustain level clamped to [0, 1].
func (e *ADSR) sustain() float64 {
	s := e.Sustain
	if !(s > 0) {
		return 0
	}
	if s > 1 {
		return 1
	}
	return s
}
