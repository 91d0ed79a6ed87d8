package dsp_test

import (
	"testing"

	"govox.dev/govox/dsp"
)

// BenchmarkDelayLine times a write and a read per sample: for linear and
// cubic at a delay that moves every sample (as in a chorus), for the allpass
// at a fixed fractional delay (as in a tuned loop).
func BenchmarkDelayLine(b *testing.B) {
	in := testInput(benchBlock)
	out := make([]float32, benchBlock)
	for _, interp := range dlyInterps {
		b.Run(interp.String(), func(b *testing.B) {
			d := dsp.NewDelayLine(1024)
			d.SetInterpolation(interp)
			delay, step := 500.25, 0.001
			if interp == dsp.InterpAllpass {
				step = 0
			}
			benchBlocks(b, func() {
				for i, x := range in {
					d.Write(x)
					out[i] = d.Read(delay)
					delay += step
				}
				if delay > 600 {
					delay = 500.25
				}
			})
		})
	}
}

func BenchmarkComb(b *testing.B) {
	in := testInput(benchBlock)
	out := make([]float32, benchBlock)
	c := dsp.NewComb(2048)
	c.SetDelay(1116)
	c.SetGain(0.84)
	c.SetDamping(3000, testRate)
	benchBlocks(b, func() { c.Process(out, in) })
}

func BenchmarkSchroederAllpass(b *testing.B) {
	in := testInput(benchBlock)
	out := make([]float32, benchBlock)
	a := dsp.NewSchroederAllpass(1024)
	a.SetDelay(556)
	a.SetGain(0.5)
	benchBlocks(b, func() { a.Process(out, in) })
}

func BenchmarkChorus(b *testing.B) {
	in := testInput(benchBlock)
	left, right := make([]float32, benchBlock), make([]float32, benchBlock)
	for _, voices := range []int{1, 3} {
		name := "1voice"
		if voices == 3 {
			name = "3voices"
		}
		b.Run(name, func(b *testing.B) {
			c := dsp.NewChorus(testRate)
			c.SetVoices(voices)
			benchBlocks(b, func() { c.Process(left, right, in) })
		})
	}
}

func BenchmarkFlanger(b *testing.B) {
	in := testInput(benchBlock)
	out := make([]float32, benchBlock)
	f := dsp.NewFlanger(testRate)
	benchBlocks(b, func() { f.Process(out, in) })
}

func BenchmarkPhaser(b *testing.B) {
	in := testInput(benchBlock)
	out := make([]float32, benchBlock)
	p := dsp.NewPhaser(testRate)
	p.SetStages(12)
	benchBlocks(b, func() { p.Process(out, in) })
}
