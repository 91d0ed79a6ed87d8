package dsp_test

import (
	"fmt"

	"govox.dev/govox/dsp"
)

func ExampleMIDIToHz() {
	fmt.Printf("%.2f Hz\n", dsp.MIDIToHz(60, dsp.StandardA4))
	fmt.Printf("%.2f Hz\n", dsp.MIDIToHz(69, 432))
	fmt.Printf("%.4f\n", dsp.CentsToRatio(100))
	// Output:
	// 261.63 Hz
	// 432.00 Hz
	// 1.0595
}

// A voice renders its modulation for the whole block first (the caller
// owns every buffer, so nothing allocates per block), then applies it:
// vibrato from an LFO, loudness from an envelope.
func Example_modulationAhead() {
	const rate = 48000.0
	const block = 256
	var (
		osc   dsp.Saw
		vib   dsp.LFO
		env   = dsp.ADSR{Attack: 0.005, Decay: 0.1, Sustain: 0.7, Release: 0.2, SampleRate: rate}
		out   = make([]float32, block)
		lfo   = make([]float32, block)
		level = make([]float32, block)
	)
	vib.SetRate(5.5, rate)
	env.Gate(true)
	note := dsp.MIDIToHz(57, dsp.StandardA4)

	renderBlock := func() {
		vib.Fill(lfo)   // vibrato, rendered ahead
		env.Fill(level) // envelope, rendered ahead
		for i := range out {
			osc.SetFrequency(note*dsp.SemitonesToRatio(0.3*float64(lfo[i])), rate)
			out[i] = osc.Next()
		}
		dsp.Multiply(out, level)
	}
	for env.Stage() != dsp.StageSustain {
		renderBlock()
	}
	fmt.Println("sustaining")
	env.Gate(false)
	blocks := 0
	for env.Active() {
		renderBlock()
		blocks++
	}
	fmt.Println("released after", blocks, "blocks")
	// Output:
	// sustaining
	// released after 38 blocks
}

// The voice framework lowers a filter's quality while its ring buffer runs
// low and raises it again when the voice is ahead; the switch is
// crossfaded, so it can happen between any two blocks.
func ExampleMoogLadder_SetQuality() {
	const rate = 48000.0
	var f dsp.MoogLadder
	f.SetCutoff(800, rate)
	f.SetResonance(0.6)

	buf := make([]float32, 128)
	for _, fill := range []float64{0.9, 0.2, 0.6} { // ring fill per block
		switch {
		case fill < 0.25:
			f.SetQuality(dsp.QualityLow)
		case fill > 0.75:
			f.SetQuality(dsp.QualityHigh)
		default:
			f.SetQuality(dsp.QualityNormal)
		}
		f.Process(buf, buf)
		fmt.Println(f.Quality())
	}
	// Output:
	// high
	// low
	// normal
}

func ExampleUnison_Offsets() {
	for _, v := range (dsp.Unison{Voices: 3, DetuneCents: 12, Spread: 0.8}).Offsets() {
		fmt.Printf("%+.0f cents, pan %+.1f\n", v.Cents, v.Pan)
	}
	// Output:
	// -12 cents, pan -0.8
	// +0 cents, pan +0.0
	// +12 cents, pan +0.8
}

func ExampleRender() {
	// The easy path allocates; fine outside the render loop.
	n := dsp.NewNoise(42)
	samples := dsp.Render(n, 4)
	fmt.Println(len(samples))
	// Output: 4
}
