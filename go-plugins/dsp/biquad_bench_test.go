package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
)

func BenchmarkBiquad(b *testing.B) {
	in := testInput(benchBlock)
	out := make([]float32, benchBlock)
	var f dsp.Biquad
	f.SetLowpass(1000, 0.7, testRate)
	benchBlocks(b, func() { f.Process(out, in) })
}

// BenchmarkBiquadSweep times a lowpass whose cutoff is set every sample.
func BenchmarkBiquadSweep(b *testing.B) {
	in := testInput(benchBlock)
	out := make([]float32, benchBlock)
	var f dsp.Biquad
	benchBlocks(b, func() {
		for i, x := range in {
			f.SetLowpass(500+float64(i), 4, testRate)
			out[i] = f.Next(x)
		}
	})
}

// BenchmarkBiquadShelfSweep times a high shelf, the dearest design, set
// every sample.
func BenchmarkBiquadShelfSweep(b *testing.B) {
	in := testInput(benchBlock)
	out := make([]float32, benchBlock)
	var f dsp.Biquad
	benchBlocks(b, func() {
		for i, x := range in {
			f.SetHighShelf(2000+float64(i), math.Sqrt2/2, 6, testRate)
			out[i] = f.Next(x)
		}
	})
}

func BenchmarkOnePole(b *testing.B) {
	in := testInput(benchBlock)
	out := make([]float32, benchBlock)
	var f dsp.OnePole
	f.SetLowpass(1000, testRate)
	benchBlocks(b, func() { f.Process(out, in) })
}

// BenchmarkOnePoleSweep times a lowpass whose cutoff is set every sample.
func BenchmarkOnePoleSweep(b *testing.B) {
	in := testInput(benchBlock)
	out := make([]float32, benchBlock)
	var f dsp.OnePole
	benchBlocks(b, func() {
		for i, x := range in {
			f.SetLowpass(500+float64(i), testRate)
			out[i] = f.Next(x)
		}
	})
}

func BenchmarkDCBlocker(b *testing.B) {
	in := testInput(benchBlock)
	out := make([]float32, benchBlock)
	var d dsp.DCBlocker
	d.SetCutoff(10, testRate)
	benchBlocks(b, func() { d.Process(out, in) })
}
