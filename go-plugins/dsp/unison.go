package dsp

import "math"

// Unison describes a stack of detuned copies of one voice, as used for
// "supersaw" sounds: how many, how far detuned and how wide in stereo.
//
//	offsets := dsp.Unison{Voices: 5, DetuneCents: 20, Spread: 1}.Offsets()
//	// offsets[i].Ratio multiplies the note's frequency, offsets[i].Pan
//	// places copy i, Unison.Gain keeps the stack's loudness.
type Unison struct {
	// Voices is the number of copies; values below 1 count as 1.
	Voices int
	// DetuneCents is the detune of the outermost copies: they sit at
	// -DetuneCents and +DetuneCents, the others evenly in between.
	DetuneCents float64
	// Spread is the stereo width in [0, 1]: the outermost copies are panned
	// to -Spread and +Spread, the others evenly in between, in the order of
	// their detune. 0 puts every copy in the centre.
	Spread float64
}

// UnisonVoice is the placement of one copy in a unison stack.
type UnisonVoice struct {
	// Cents is the detune in cents.
	Cents float64
	// Ratio is the frequency ratio of the detune, CentsToRatio(Cents).
	Ratio float64
	// Pan is the stereo position, -1 (left) to +1 (right); see PanGains.
	Pan float64
}

// Offsets returns the placement of every copy, from the flattest to the
// sharpest. It allocates; AppendOffsets does not if dst has room.
func (u Unison) Offsets() []UnisonVoice {
	return u.AppendOffsets(nil)
}

// AppendOffsets appends the placement of every copy, from the flattest to
// the sharpest, to dst and returns the extended slice.
func (u Unison) AppendOffsets(dst []UnisonVoice) []UnisonVoice {
	n := u.voices()
	spread := math.Max(0, math.Min(1, u.Spread))
	for i := 0; i < n; i++ {
		x := 0.0 // position in [-1, 1]
		if n > 1 {
			x = 2*float64(i)/float64(n-1) - 1
		}
		cents := x * u.DetuneCents
		dst = append(dst, UnisonVoice{Cents: cents, Ratio: CentsToRatio(cents), Pan: x * spread})
	}
	return dst
}

// Gain returns 1/sqrt(Voices), the gain that keeps a stack of uncorrelated
// copies as loud as one.
func (u Unison) Gain() float64 {
	return 1 / math.Sqrt(float64(u.voices()))
}

func (u Unison) voices() int {
	if u.Voices < 1 {
		return 1
	}
	return u.Voices
}
