package dsp_test

import (
	"testing"

	"govox.dev/govox/dsp"
)

// Benchmarks of the coloured noises, the velvet noise, the sample-and-hold
// and the slew limiter, in blocks of benchBlock samples, with a ns/sample
// metric (see benchBlocks).

func BenchmarkPinkNoise48k(b *testing.B) {
	p := dsp.NewPinkNoise(1)
	p.SetSampleRate(48000)
	out := make([]float32, benchBlock)
	benchBlocks(b, func() { p.Fill(out) })
}

func BenchmarkPinkNoise192k(b *testing.B) {
	p := dsp.NewPinkNoise(1)
	p.SetSampleRate(192000)
	out := make([]float32, benchBlock)
	benchBlocks(b, func() { p.Fill(out) })
}

func BenchmarkBrownNoise(b *testing.B) {
	n := dsp.NewBrownNoise(1)
	n.SetCorner(10, 48000)
	out := make([]float32, benchBlock)
	benchBlocks(b, func() { n.Fill(out) })
}

func BenchmarkVelvetNoise(b *testing.B) {
	v := dsp.NewVelvetNoise(1)
	v.SetDensity(2000, 48000)
	out := make([]float32, benchBlock)
	benchBlocks(b, func() { v.Fill(out) })
}

func BenchmarkVelvetNoiseNext(b *testing.B) {
	v := dsp.NewVelvetNoise(1)
	v.SetDensity(2000, 48000)
	out := make([]float32, benchBlock)
	benchBlocks(b, func() {
		for i := range out {
			out[i] = v.Next()
		}
	})
}

func BenchmarkSampleHold(b *testing.B) {
	var s dsp.SampleHold
	s.SetRate(441, 48000)
	in := dsp.Render(dsp.NewNoise(2), benchBlock)
	out := make([]float32, benchBlock)
	benchBlocks(b, func() { s.Process(out, in) })
}

func BenchmarkSlew(b *testing.B) {
	var s dsp.Slew
	s.SetRates(50, 20, 48000)
	in := dsp.Render(dsp.NewNoise(2), benchBlock)
	out := make([]float32, benchBlock)
	benchBlocks(b, func() { s.Process(out, in) })
}
