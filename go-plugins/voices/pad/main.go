// Pad: the original design's voice. Two detuned band-limited oscillators (a saw and a
// pulse) through a Moog ladder whose cutoff follows its own envelope and the mod wheel,
// shaped by a slow ADSR, spread a little in stereo.
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
}

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
	for i := 0; i < frames && (p.env.Stage() != dsp.StageSustain || p.filterEnv.Stage() != dsp.StageSustain); i++ {
		p.env.Next()
		p.filterEnv.Next()
	}
}

func (p *pad) RenderStereo(left, right []float32) {
	rate := p.ctx.SampleRate
	hz := p.ctx.NoteHz(p.note)
	spread := math.Pow(2, float64(p.detune.Value())/1200)
	p.osc1.SetFrequency(hz/math.Sqrt(spread), rate)
	p.osc2.SetFrequency(hz*math.Sqrt(spread), rate)
	p.filter.SetResonance(float64(p.resonance.Value()))
	p.filter.SetQuality(p.ctx.Quality())
	gain := float32(dsp.DBToGain(float64(p.volume.Value()))) * (0.4 + 0.6*p.velocity)
	mod := float64(p.ctx.ModWheel())
	for i := range left {
		if i%32 == 0 { // the cutoff sweeps with its envelope; 0.7 ms steps are inaudible
			c := float64(p.cutoff.Next()) * (0.5 + 1.5*float64(p.filterEnv.Level()) + 2*mod)
			p.filter.SetCutoff(math.Min(c, 0.45*rate), rate)
		}
		p.filterEnv.Next()
		a, b := p.osc1.Next(), p.osc2.Next()
		y := p.filter.Next(0.5*a+0.5*b) * p.env.Next() * gain
		left[i] = y * (0.9 + 0.1*a)
		right[i] = y * (0.9 + 0.1*b)
	}
}

func main() {}
