package dsp

// Ramp glides a parameter linearly to its target over a given number of
// samples and then holds it: a smoother whose glide has an exact length,
// useful when a change must be complete by a known sample (a crossfade, a
// block-aligned parameter change).
//
// The zero value holds 0.
type Ramp struct {
	value, target, step float64
	left                int
}

// SetTarget starts a linear glide from the current value to v that ends
// exactly at v after samples calls of Next. samples <= 0 jumps at once.
func (r *Ramp) SetTarget(v float32, samples int) {
	r.target = float64(v)
	if samples <= 0 {
		r.value, r.left = r.target, 0
		return
	}
	r.step = (r.target - r.value) / float64(samples)
	r.left = samples
}

// Snap jumps to v at once and ends any glide.
func (r *Ramp) Snap(v float32) {
	r.SetTarget(v, 0)
}

// Value returns the current value (the one the last Next returned).
func (r *Ramp) Value() float32 {
	return float32(r.value)
}

// Target returns the value being glided to.
func (r *Ramp) Target() float32 {
	return float32(r.target)
}

// Settled reports whether the glide has ended.
func (r *Ramp) Settled() bool {
	return r.left == 0
}

// Next advances by one sample and returns the new value.
func (r *Ramp) Next() float32 {
	if r.left > 0 {
		r.left--
		if r.left == 0 {
			r.value = r.target
		} else {
			r.value += r.step
		}
	}
	return float32(r.value)
}

// Fill overwrites out with the next len(out) values. It does not
// allocate.
func (r *Ramp) Fill(out []float32) {
	for i := range out {
		out[i] = r.Next()
	}
}
