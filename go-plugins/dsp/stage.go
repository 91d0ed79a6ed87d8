package dsp

// Stage is the segment an ADSR envelope is in.
type Stage int

// The envelope stages, in the order a note goes through them.
const (
	// StageIdle is the resting state: level 0, nothing to render. A new
	// envelope is idle, and an envelope returns to idle when its release
	// ends; a voice whose envelope is idle can be stopped.
	StageIdle Stage = iota
	// StageAttack rises to 1.
	StageAttack
	// StageDecay falls from 1 to the sustain level.
	StageDecay
	// StageSustain holds the sustain level while the gate is on.
	StageSustain
	// StageRelease falls to 0 after the gate is turned off.
	StageRelease
)

// String returns the stage's name, e.g. "attack".
func (s Stage) String() string {
	switch s {
	case StageIdle:
		return "idle"
	case StageAttack:
		return "attack"
	case StageDecay:
		return "decay"
	case StageSustain:
		return "sustain"
	case StageRelease:
		return "release"
	}
	return "Stage(invalid)"
}
