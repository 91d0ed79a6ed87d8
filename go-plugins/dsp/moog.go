package dsp

import "math"

// MoogLadder is a 4-pole (24 dB/octave) transistor-ladder lowpass filter
// with resonance up to self-oscillation and three quality levels.
//
// # Quality
//
//   - QualityLow: linear stages; only the input sum (input minus feedback)
//     saturates, like the ladder's input transistor pair. One tanh
//     approximation and one division per sample. Self-oscillation is
//     bounded at the level of the other levels, and loud signals come out
//     within about 1 dB of them.
//   - QualityNormal: every stage saturates like a transistor ladder (five
//     tanh approximations per sample), at the base rate.
//   - QualityHigh: as QualityNormal, run at twice the sample rate behind a
//     halfband up- and downsampler to keep the saturation's harmonics from
//     aliasing. The resampling adds 11 samples of latency (0.23 ms at
//     48 kHz) and rolls off the top octave slightly (-1 dB at 0.4 times the
//     sample rate).
//
// SetQuality may be called at any time, also between every block: the
// levels share their filter state and the switch is crossfaded over 5 ms
// (during which both levels run), so it does not click. Switching again
// before a crossfade ends cuts the fading level short.
//
// # Cutoff
//
// Cutoff is the -3 dB frequency of the small-signal response at resonance
// 0: the four stages are tuned to 1/sqrt(2^(1/4)-1), about 2.3 times, the
// cutoff, so that together they are 3 dB down at it. The tuning is prewarped
// for the bilinear transform, so the -3 dB point is exact at any cutoff
// below Nyquist and at every quality level. As in the analog circuit, the
// resonance peak (and the self-oscillation pitch) sits at the stage
// frequency, about 2.3 times the cutoff for cutoffs well below Nyquist; use
// MoogPeakRatio to tune a self-oscillating filter to a note.
//
// The saturating levels (QualityNormal and QualityHigh) match this
// definition for small signals (below about -20 dBFS). Louder signals are
// compressed by the stages, which lowers the effective cutoff a little and
// adds harmonics, as in the analog filter; their cutoff is defined by the
// small-signal response.
//
// # Resonance and level
//
// Resonance 0..1 sets the feedback from 0 to 4.2, past the oscillation
// threshold of 4, so the filter self-oscillates from a resonance of about
// 0.95. The passband is compensated: the output is scaled by 1 + feedback,
// so the small-signal gain at DC stays 1 at any resonance. A full-scale saw
// then peaks at about 1.5 at resonance 0.5 and 2 at resonance 1: leave
// headroom after the filter.
//
// Cutoff and resonance apply from the next sample; when automating
// resonance, smooth it (see Smoother), since it also sets the output gain.
//
// The zero value is at QualityNormal with a cutoff of 0 (silent); call
// SetCutoff before use.
type MoogLadder struct {
	cutoff, resonance, sampleRate float64
	quality                       Quality

	f1, g1 float64 // base-rate stage coefficient and 1/(1+f1)
	f2     float64 // stage coefficient at twice the rate
	k      float64 // feedback, 0..moogMaxFeedback; the output gain is 1+k

	main ladder
	up   halfbandUp
	down halfbandDown

	// The level being faded out after a quality change.
	fadeFrom          Quality
	fade              ladder
	fadeLeft, fadeLen int
}

const (
	moogMaxFeedback = 4.2
	moogFadeSeconds = 0.005
	moogMinCutoff   = 1.0 // Hz
)

// MoogPeakRatio is the ratio of a MoogLadder's resonance peak (and
// self-oscillation) frequency to its cutoff, for cutoffs well below Nyquist
// (it shrinks as the peak nears Nyquist). It is the stage frequency over the
// -3 dB frequency of four equal one-pole stages, 1/sqrt(2^(1/4)-1).
const MoogPeakRatio = 2.2989592227534716

// SetCutoff sets the cutoff to hz at sampleRate (both in Hz); see the type's
// documentation for how cutoff is defined. hz is clamped to
// [1, 0.49*sampleRate]. It costs two tangents, so calling it every sample
// for modulation is fine.
func (m *MoogLadder) SetCutoff(hz, sampleRate float64) {
	if !(sampleRate > 0) {
		sampleRate = 0
		hz = 0
	}
	if !(hz >= moogMinCutoff) {
		hz = moogMinCutoff
	} else if hz > 0.49*sampleRate {
		hz = 0.49 * sampleRate
	}
	m.cutoff, m.sampleRate = hz, sampleRate
	if sampleRate == 0 {
		m.f1, m.g1, m.f2 = 0, 1, 0
		return
	}
	m.f1 = math.Tan(math.Pi*hz/sampleRate) * MoogPeakRatio
	m.g1 = 1 / (1 + m.f1)
	m.f2 = math.Tan(math.Pi*hz/(2*sampleRate)) * MoogPeakRatio
}

// Cutoff returns the cutoff in Hz after clamping.
func (m *MoogLadder) Cutoff() float64 {
	return m.cutoff
}

// SetResonance sets the resonance, clamped to [0, 1]; the filter
// self-oscillates from about 0.95.
func (m *MoogLadder) SetResonance(r float64) {
	if !(r > 0) {
		r = 0
	} else if r > 1 {
		r = 1
	}
	m.resonance = r
	m.k = r * moogMaxFeedback
}

// Resonance returns the resonance, in [0, 1].
func (m *MoogLadder) Resonance() float64 {
	return m.resonance
}

// SetQuality selects the quality level (clamped to the defined levels),
// crossfading from the current one; see the type's documentation.
func (m *MoogLadder) SetQuality(q Quality) {
	q = q.clamp()
	if q == m.quality {
		return
	}
	if q == QualityHigh && !(m.fadeLeft > 0 && m.fadeFrom == QualityHigh) {
		// The oversampler's memory is stale; the crossfade hides its
		// filling up.
		m.up, m.down = halfbandUp{}, halfbandDown{}
	}
	m.fadeFrom, m.fade = m.quality, m.main
	m.fadeLen = int(math.Round(moogFadeSeconds * m.sampleRate))
	if m.fadeLen < 1 {
		m.fadeLen = 1
	}
	m.fadeLeft = m.fadeLen
	m.quality = q
}

// Quality returns the quality level.
func (m *MoogLadder) Quality() Quality {
	return m.quality
}

// Reset clears the filter's memory and ends any crossfade.
func (m *MoogLadder) Reset() {
	m.main, m.fade = ladder{}, ladder{}
	m.up, m.down = halfbandUp{}, halfbandDown{}
	m.fadeLeft = 0
}

// Next filters one sample.
func (m *MoogLadder) Next(x float32) float32 {
	in := float64(x)
	y := m.run(m.quality, &m.main, in)
	if m.fadeLeft > 0 {
		old := m.run(m.fadeFrom, &m.fade, in)
		w := float64(m.fadeLeft) / float64(m.fadeLen+1)
		y += (old - y) * w
		m.fadeLeft--
	}
	return float32(y * (1 + m.k))
}

// Process filters src into dst. dst and src may be the same slice. It
// processes len(dst) samples; src must be at least as long. It does not
// allocate.
func (m *MoogLadder) Process(dst, src []float32) {
	if len(dst) == 0 {
		return
	}
	src = src[:len(dst)]
	for i, x := range src {
		dst[i] = m.Next(x)
	}
}

// run filters one sample through ladder l at quality q.
func (m *MoogLadder) run(q Quality, l *ladder, x float64) float64 {
	switch q {
	case QualityLow:
		return l.tickLinear(x, m.f1, m.g1, m.k)
	case QualityHigh:
		a, b := m.up.process(x)
		ya := l.tick(a, m.f2, m.k)
		yb := l.tick(b, m.f2, m.k)
		return m.down.process(ya, yb)
	}
	return l.tick(x, m.f1, m.k)
}
