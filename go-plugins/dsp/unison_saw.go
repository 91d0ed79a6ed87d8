package dsp

import "math"

// UnisonSaw is a stereo stack of detuned band-limited sawtooth oscillators
// (a "supersaw") laid out by a Unison. The copies start at different
// phases (a fixed golden-ratio sequence, so the output is deterministic),
// which avoids the loud, phasey attack of copies starting together.
type UnisonSaw struct {
	saws        []Saw
	ratios      []float64
	left, right []float32 // per-copy gains: pan law times Unison.Gain
}

// NewUnisonSaw returns a UnisonSaw laid out by u. It allocates; create it
// when the voice is prepared, not while rendering.
func NewUnisonSaw(u Unison) *UnisonSaw {
	offsets := u.Offsets()
	s := &UnisonSaw{
		saws:   make([]Saw, len(offsets)),
		ratios: make([]float64, len(offsets)),
		left:   make([]float32, len(offsets)),
		right:  make([]float32, len(offsets)),
	}
	gain := float32(u.Gain())
	for i, o := range offsets {
		s.ratios[i] = o.Ratio
		l, r := PanGains(o.Pan)
		s.left[i], s.right[i] = l*gain, r*gain
		_, frac := math.Modf(float64(i) * 0.6180339887498949)
		s.saws[i].SetPhase(frac)
	}
	return s
}

// Voices returns the number of copies.
func (s *UnisonSaw) Voices() int {
	return len(s.saws)
}

// SetFrequency sets the centre frequency to hz at sampleRate; each copy
// runs at hz times its detune ratio. It may be called before every sample.
func (s *UnisonSaw) SetFrequency(hz, sampleRate float64) {
	for i := range s.saws {
		s.saws[i].SetFrequency(hz*s.ratios[i], sampleRate)
	}
}

// Next returns the next stereo sample.
func (s *UnisonSaw) Next() (left, right float32) {
	for i := range s.saws {
		y := s.saws[i].Next()
		left += y * s.left[i]
		right += y * s.right[i]
	}
	return left, right
}

// Fill overwrites left and right with the next len(left) stereo
// samples; right must be at least as long. It does not allocate.
func (s *UnisonSaw) Fill(left, right []float32) {
	if len(left) == 0 {
		return
	}
	right = right[:len(left)]
	for i := range left {
		left[i], right[i] = s.Next()
	}
}
