package dsp

import "math"

// DCBlocker removes a constant offset from a signal with the classic
// one-zero, one-pole highpass
//
//	y[n] = k (x[n] - x[n-1]) + R y[n-1]
//
// whose zero at DC removes the offset and whose pole at R, just inside the
// unit circle, restores the level above a low cutoff. R and k are chosen so
// that it is the bilinear transform of an analog first-order highpass
// prewarped at the cutoff: R = (1 - t)/(1 + t) with t = tan(pi fc/fs) (about
// 1 - 2 pi fc/fs), and k = (1 + R)/2, so that the gain is exactly 1 at
// Nyquist, exactly -3 dB at the cutoff and within 0.01 dB of 1 from 30 times
// the cutoff up (from 300 Hz for a 10 Hz cutoff). A DC step decays with a time
// constant of about 1/(2 pi fc): 16 ms at 10 Hz.
//
// Put one after anything that can shift a signal's mean - an asymmetric
// waveshaper, a pulse wave's changing width, a feedback loop - and before a
// stage whose headroom or behaviour the offset would spoil.
//
// The zero value passes its input through unchanged until SetCutoff is
// called.
type DCBlocker struct {
	r, k   float64
	x1, y1 float64 // the previous input and output
	on     bool
}

// SetCutoff sets the -3 dB frequency to hz at sampleRate; 5 to 20 Hz suits
// audio. hz is clamped to [1e-6, 0.49] times sampleRate. The state is kept.
func (d *DCBlocker) SetCutoff(hz, sampleRate float64) {
	t := math.Tan(math.Pi * iirRatio(hz, sampleRate))
	d.r = (1 - t) / (1 + t)
	d.k = 1 / (1 + t) // (1 + R)/2
	d.on = true
}

// Reset clears the filter's memory; the cutoff stays.
func (d *DCBlocker) Reset() {
	d.x1, d.y1 = 0, 0
}

// Next filters one sample.
func (d *DCBlocker) Next(x float32) float32 {
	if !d.on {
		return x
	}
	in := float64(x)
	y := flushTiny(d.k*(in-d.x1) + d.r*d.y1)
	d.x1, d.y1 = in, y
	return float32(y)
}

// Process filters src into dst. dst and src may be the same slice. It
// processes len(dst) samples; src must be at least as long. It does not
// allocate.
func (d *DCBlocker) Process(dst, src []float32) {
	if len(dst) == 0 {
		return
	}
	src = src[:len(dst)]
	if !d.on {
		copy(dst, src)
		return
	}
	// The same arithmetic as Next, with the state held in registers for the
	// block.
	r, k, x1, y1 := d.r, d.k, d.x1, d.y1
	for i, x := range src {
		in := float64(x)
		y1 = flushTiny(k*(in-x1) + r*y1)
		x1 = in
		dst[i] = float32(y1)
	}
	d.x1, d.y1 = x1, y1
}
