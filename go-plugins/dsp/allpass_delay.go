package dsp

import (
	"math"
	"math/cmplx"
)

// AllpassDelay delays a signal by a fraction of a sample (plus whole samples, up to
// its order) with a Thiran allpass filter: every frequency passes at full level, so a
// feedback loop built with it (a plucked string, a comb, a waveguide) loses nothing to
// the fraction, as it would to an interpolated read. The delay is exact at one tuning
// frequency - the loop's fundamental - and close to it below; above, it drifts (a
// first-order filter sooner than a third-order one).
//
// Orders 1 to 4; the delay must lie within half a sample of the order (0.5 to 1.5 samples
// at order 1), where the filter is stable and its delay smooth. A delay set outside is
// clamped into that range. Changing the delay while a signal passes may click: set it
// once per note, or use an interpolated delay for modulated ones.
//
// The zero value passes its input through unchanged (order 0, no delay).
type AllpassDelay struct {
	order int
	a     [4]float64 // a[k-1] is a_k of the denominator 1 + a_1 z^-1 + ... + a_N z^-N
	x, y  [4]float64 // the last inputs and outputs, newest first
}

// SetDelay makes the filter an allpass of the given order (1-4) whose phase delay is
// `samples` at tuneHz (at sampleRate); tuneHz 0 gives the maximally flat delay at low
// frequencies instead (Thiran's design). The state is cleared.
func (d *AllpassDelay) SetDelay(order int, samples, tuneHz, sampleRate float64) {
	if order < 1 {
		order = 1
	} else if order > 4 {
		order = 4
	}
	n := float64(order)
	samples = math.Max(n-0.5, math.Min(samples, n+0.4999))
	*d = AllpassDelay{order: order}
	w := 0.0
	if sampleRate > 0 {
		w = 2 * math.Pi * tuneHz / sampleRate
	}
	if !(w > 0 && w < math.Pi) {
		d.design(samples)
		return
	}
	if order == 1 { // closed form: exactly `samples` at w
		d.a[0] = math.Sin((1-samples)*w/2) / math.Sin((1+samples)*w/2)
		return
	}
	// Thiran's design is exact at DC; find the design delay that is exact at w. The
	// delay at w moves with the design delay at a slope near 1: a few Newton-like steps.
	design := samples
	for i := 0; i < 8; i++ {
		d.design(design)
		err := d.PhaseDelay(w) - samples
		if math.Abs(err) < 1e-9 {
			break
		}
		design = math.Max(n-0.9, math.Min(design-err, n+0.9))
	}
}

// design sets the Thiran coefficients for delay D at the current order:
// a_k = (-1)^k C(N,k) prod_{i=0..N} (D-N+i)/(D-N+k+i).
func (d *AllpassDelay) design(delay float64) {
	n := d.order
	for k := 1; k <= n; k++ {
		c := float64(binomial(n, k))
		if k%2 == 1 {
			c = -c
		}
		for i := 0; i <= n; i++ {
			c *= (delay - float64(n) + float64(i)) / (delay - float64(n) + float64(k) + float64(i))
		}
		d.a[k-1] = c
	}
}

func binomial(n, k int) int {
	r := 1
	for i := 1; i <= k; i++ {
		r = r * (n - k + i) / i
	}
	return r
}

// PhaseDelay returns the filter's phase delay in samples at w radians per sample
// (0 < w < pi): N + 2 arg(A(e^jw)) / w for H(z) = z^-N A(1/z) / A(z).
func (d *AllpassDelay) PhaseDelay(w float64) float64 {
	if d.order == 0 {
		return 0
	}
	a := complex(1, 0)
	for k := 1; k <= d.order; k++ {
		a += complex(d.a[k-1], 0) * cmplx.Exp(complex(0, -float64(k)*w))
	}
	return float64(d.order) + 2*cmplx.Phase(a)/w
}

// Reset clears the filter's memory (the delay stays).
func (d *AllpassDelay) Reset() {
	d.x, d.y = [4]float64{}, [4]float64{}
}

// Next filters one sample.
func (d *AllpassDelay) Next(x float32) float32 {
	n := d.order
	if n == 0 {
		return x
	}
	// y = a_N x + a_(N-1) x1 + ... + a_1 x_(N-1) + x_N - a_1 y1 - ... - a_N y_N
	in := float64(x)
	y := d.a[n-1]*in + d.x[n-1]
	for k := 1; k < n; k++ {
		y += d.a[n-1-k] * d.x[k-1]
	}
	for k := 1; k <= n; k++ {
		y -= d.a[k-1] * d.y[k-1]
	}
	y = flushTiny(y)
	copy(d.x[1:n], d.x[:n-1])
	copy(d.y[1:n], d.y[:n-1])
	d.x[0], d.y[0] = in, y
	return float32(y)
}

// Process filters src into dst (they may be the same slice). It does not allocate.
func (d *AllpassDelay) Process(dst, src []float32) {
	for i := range dst {
		dst[i] = d.Next(src[i])
	}
}
