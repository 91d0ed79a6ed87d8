package dsp

// Multiply multiplies dst by src sample by sample: dst[i] *= src[i]. It is the
// usual way to apply a modulation rendered ahead of time, for example an
// envelope rendered with ADSR.Fill, to audio. It processes len(dst)
// samples; src must be at least as long. It does not allocate.
func Multiply(dst, src []float32) {
	if len(dst) == 0 {
		return
	}
	src = src[:len(dst)]
	for i := range dst {
		dst[i] *= src[i]
	}
}

// Add adds src to dst sample by sample: dst[i] += src[i]. It processes
// len(dst) samples; src must be at least as long. It does not allocate.
func Add(dst, src []float32) {
	if len(dst) == 0 {
		return
	}
	src = src[:len(dst)]
	for i := range dst {
		dst[i] += src[i]
	}
}

// Scale multiplies every sample of dst by gain. It does not allocate.
func Scale(dst []float32, gain float32) {
	for i := range dst {
		dst[i] *= gain
	}
}

// Zero sets every sample of dst to 0. It does not allocate.
func Zero(dst []float32) {
	for i := range dst {
		dst[i] = 0
	}
}
