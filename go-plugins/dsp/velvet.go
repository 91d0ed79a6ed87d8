package dsp

// VelvetNoise is sparse noise made of unit impulses of random sign, the
// velvet noise of reverb design (Karjalainen and Järveläinen, 2007; Välimäki
// et al., 2017): time is cut into grid periods of rate/density samples, and
// each period holds exactly one impulse, +1 or -1, at a uniformly random
// sample within it; every other sample is 0. At a density of 1500 to 2000
// impulses per second it sounds as smooth as white noise, while convolving
// a signal with it costs one addition or subtraction per impulse.
//
// Periods need not be a whole number of samples: period m covers the
// samples from ceil(m*rate/density) up to the next period's first, so the
// impulse count over a span is the density times its length, give or take
// the two periods cut at its ends.
//
// The same seed and density always give the same samples. The zero value
// has a density of 0 and is silent until SetDensity; it uses seed 0.
type VelvetNoise struct {
	rng pcg32
	// period is the grid period in samples, 0 for silence.
	period float64
	// carry is where the current period really ends relative to the first
	// sample after it, in (-1, 0]; the next period ends period samples
	// later.
	carry float64
	// left counts the samples of the current period still to come; the
	// impulse is the one after which at samples remain.
	left, at int
	sign     float32
}

// NewVelvetNoise returns a velvet noise generator seeded with seed, silent
// until SetDensity.
func NewVelvetNoise(seed uint64) *VelvetNoise {
	v := &VelvetNoise{}
	v.Seed(seed)
	return v
}

// Seed restarts the noise at the beginning of the sequence for seed: the
// next sample starts a new grid period. The density is kept.
func (v *VelvetNoise) Seed(seed uint64) {
	v.rng.seed(seed)
	v.carry, v.left, v.at = 0, 0, 0
}

// SetDensity sets the density to perSecond impulses per second at
// sampleRate (Hz), clamped to [0, sampleRate]: at sampleRate every sample is
// an impulse, at 0 (or a sampleRate that is not positive) the noise is
// silent. The change takes effect at the next grid period.
func (v *VelvetNoise) SetDensity(perSecond, sampleRate float64) {
	if !(perSecond > 0) || !(sampleRate > 0) { // also catches NaN
		v.period = 0
		return
	}
	p := sampleRate / perSecond
	if p < 1 {
		p = 1
	}
	if p > 1<<50 { // about 800 years at 48 kHz
		p = 1 << 50
	}
	v.period = p
}

// Density returns the density in impulses per second at sampleRate.
func (v *VelvetNoise) Density(sampleRate float64) float64 {
	if v.period == 0 {
		return 0
	}
	return sampleRate / v.period
}

// startPeriod begins the next grid period: its length in whole samples and
// its impulse's position and sign, from one 32-bit random number.
func (v *VelvetNoise) startPeriod() {
	end := v.carry + v.period
	// A period boundary that should fall exactly on a sample may be off by
	// a rounding error; treat such ends as whole.
	n := int(end)
	if float64(n) < end-1e-9 {
		n++
	}
	v.carry = end - float64(n)
	v.left = n
	r := v.rng.next()
	// The low 31 bits scaled to [0, n): the impulse's offset in the period.
	offset := int(uint64(r&0x7fffffff) * uint64(n) >> 31)
	v.at = n - 1 - offset
	v.sign = 1
	if r&0x80000000 != 0 {
		v.sign = -1
	}
}

// Next returns the next sample: -1, 0 or +1.
func (v *VelvetNoise) Next() float32 {
	if v.left == 0 {
		if v.period == 0 {
			return 0
		}
		v.startPeriod()
	}
	v.left--
	if v.left == v.at {
		return v.sign
	}
	return 0
}

// Fill overwrites out with the next len(out) samples. It does not
// allocate.
func (v *VelvetNoise) Fill(out []float32) {
	for len(out) > 0 {
		if v.left == 0 {
			if v.period == 0 {
				for i := range out {
					out[i] = 0
				}
				return
			}
			v.startPeriod()
		}
		// Write the rest of the period, or as much of it as fits.
		n := v.left
		if n > len(out) {
			n = len(out)
		}
		chunk := out[:n]
		for i := range chunk {
			chunk[i] = 0
		}
		// The impulse comes after left-at-1 samples of the period's rest.
		if i := v.left - v.at - 1; i >= 0 && i < n {
			chunk[i] = v.sign
		}
		v.left -= n
		out = out[n:]
	}
}
