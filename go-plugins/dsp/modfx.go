package dsp

// modControl is how often, in samples, the modulation effects (Chorus,
// Flanger, Phaser) read their LFOs; between two readings they move in a
// straight line. A sine LFO at 20 Hz strays from its chords by 2.2e-4 of its
// amplitude at most, and the effects save a sine (the phaser also an exp and
// a tan) on 15 samples of 16. The line runs one reading behind the LFO, a lag of
// 16 samples (a third of a millisecond at 48 kHz), and a jump of the LFO's
// phase becomes a 16-sample glide.
const modControl = 16

// modRamp follows an LFO value at the control rate: value moves by step each
// sample, reaching target at the end of each control period.
type modRamp struct {
	value, step, target float64
}

// aim starts a control period towards next, from where the last one ended.
func (r *modRamp) aim(next float64) {
	r.value = r.target
	r.target = next
	r.step = (next - r.value) / modControl
}

// next returns the current value and moves on by a sample.
func (r *modRamp) next() float64 {
	v := r.value
	r.value += r.step
	return v
}

// clampEffectMs clamps a time in ms to [0, limit]; NaN gives 0.
func clampEffectMs(ms, limit float64) float64 {
	if !(ms > 0) {
		return 0
	}
	if ms > limit {
		return limit
	}
	return ms
}

// clampEffectMix clamps x to [0, 1]; NaN gives 0.
func clampEffectMix(x float64) float64 {
	if !(x > 0) {
		return 0
	}
	if x > 1 {
		return 1
	}
	return x
}
