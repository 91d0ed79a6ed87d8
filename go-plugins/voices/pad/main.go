// Pad: the original design's voice. Two detuned band-limited oscillators (a saw and a
// pulse) through a Moog ladder whose cutoff follows its own envelope and the mod wheel,
// shaped by a slow ADSR, spread a little in stereo.
//
// Every parameter moves smoothly: the SDK glides each one (10 ms), and the pad reads them
// at a control rate of 16 samples (a third of a millisecond, too fine to hear as steps),
// advancing the glides by the samples in between so that they keep their time; the
// volume is ramped sample by sample between control points.
package main

import (
	"math"

	"govox.dev/govox/dsp"
	"govox.dev/govox/sdk"
)

func init() {
	sdk.Register(sdk.Instrument{
		Name: "pad",
		Params: []sdk.Param{
			{Name: "Cutoff", Min: 80, Max: 12000, Default: 1800, Unit: "Hz", Curve: sdk.Exponential},
			{Name: "Resonance", Min: 0, Max: 0.95, Default: 0.3},
			{Name: "Detune", Min: 0, Max: 50, Default: 9, Unit: "cents"},
			{Name: "Attack", Min: 0.001, Max: 4, Default: 0.35, Unit: "s", Curve: sdk.Exponential},
			{Name: "Release", Min: 0.01, Max: 8, Default: 1.2, Unit: "s", Curve: sdk.Exponential},
			{Name: "Volume", Min: -40, Max: 0, Default: -12, Unit: "dB", Curve: sdk.Decibel},
		},
		Polyphony: 16,
		Priority:  sdk.PriorityHigh,
		New:       newPad,
	})
}

type pad struct {
	ctx                       *sdk.Context
	osc1                      dsp.Saw
	osc2                      dsp.Square
	filter                    dsp.MoogLadder
	env                       dsp.ADSR
	filterEnv                 dsp.ADSR
	cutoff, resonance, detune *sdk.ParamValue
	attack, release, volume   *sdk.ParamValue
	note                      int
	velocity                  float32
	gain                      dsp.Ramp // volume and velocity, ramped between control points
	detuned, tunedHz          float64  // the detune and pitch the oscillators are set for
}

// controlRate is how many samples apart the pad reads its parameters and envelopes for
// the filter and the oscillators' tuning.
const controlRate = 16

func newPad(ctx *sdk.Context) sdk.Voice {
	p := &pad{
		ctx:       ctx,
		cutoff:    ctx.Param("Cutoff"),
		resonance: ctx.Param("Resonance"),
		detune:    ctx.Param("Detune"),
		attack:    ctx.Param("Attack"),
		release:   ctx.Param("Release"),
		volume:    ctx.Param("Volume"),
	}
	p.env = dsp.ADSR{Decay: 0.8, Sustain: 0.8, SampleRate: ctx.SampleRate}
	p.filterEnv = dsp.ADSR{Attack: 0.6, Decay: 1.5, Sustain: 0.35, Release: 1.5, SampleRate: ctx.SampleRate}
	p.osc2.SetPulseWidth(0.42)
	return p
}

func (p *pad) NoteOn(note int, velocity float32) {
	p.note, p.velocity = note, velocity
	p.env.Attack = float64(p.attack.Value())
	p.env.Release = float64(p.release.Value())
	p.osc1.SetPhase(0)
	p.osc2.SetPhase(0.37)
	p.filter.Reset()
	p.env.Gate(true)
	p.filterEnv.Gate(true)
	p.gain.Snap(p.gainTarget(p.volume.Smoothed()))
	p.detuned, p.tunedHz = math.NaN(), math.NaN() // the first control point tunes
}

func (p *pad) gainTarget(db float32) float32 {
	return float32(dsp.DBToGain(float64(db))) * (0.4 + 0.6*p.velocity)
}

func (p *pad) NoteOff() {
	p.env.Release = float64(p.release.Value())
	p.env.Gate(false)
	p.filterEnv.Gate(false)
}

func (p *pad) Done() bool { return !p.env.Active() }

// Resume moves a note that hot reload brought over from the previous build to where it
// was: only the envelopes depend on time, so they alone are advanced.
func (p *pad) Resume(frames int) {
	p.env.Advance(frames)
	p.filterEnv.Advance(frames)
}

func (p *pad) RenderStereo(left, right []float32) {
	p.filter.SetQuality(p.ctx.Quality())
	for start := 0; start < len(left); start += controlRate {
		end := start + controlRate
		if end > len(left) {
			end = len(left)
		}
		p.control(end - start)
		for i := start; i < end; i++ {
			p.filterEnv.Next()
			a, b := p.osc1.Next(), p.osc2.Next()
			y := p.filter.Next(0.5*a+0.5*b) * p.env.Next() * p.gain.Next()
			left[i] = y * (0.9 + 0.1*a)
			right[i] = y * (0.9 + 0.1*b)
		}
	}
}

// control reads the parameters at a control point, for the next k samples: the cutoff
// (with its envelope and the mod wheel), the resonance, the tuning (only when the detune
// or the pitch moved: a power and two square roots), and the volume, ramped.
func (p *pad) control(k int) {
	rate := p.ctx.SampleRate
	c := float64(p.cutoff.Next()) * (0.5 + 1.5*float64(p.filterEnv.Level()) + 2*float64(p.ctx.ModWheel()))
	p.filter.SetCutoff(math.Min(c, 0.45*rate), rate)
	p.filter.SetResonance(float64(p.resonance.Next()))
	if d, hz := float64(p.detune.Next()), p.ctx.NoteHz(p.note); d != p.detuned || hz != p.tunedHz {
		spread := math.Pow(2, d/1200)
		p.osc1.SetFrequency(hz/math.Sqrt(spread), rate)
		p.osc2.SetFrequency(hz*math.Sqrt(spread), rate)
		p.detuned, p.tunedHz = d, hz
	}
	// Always over a whole control period, even when the chunk ends sooner: a frame must
	// not depend on where its chunk ends (the next chunk starts a new ramp from here).
	p.gain.SetTarget(p.gainTarget(p.volume.Next()), controlRate)
	for _, v := range [...]*sdk.ParamValue{p.cutoff, p.resonance, p.detune, p.volume} {
		v.Advance(k - 1)
	}
}

func main() {}
