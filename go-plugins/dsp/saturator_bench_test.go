package dsp_test

import (
	"testing"

	"govox.dev/govox/dsp"
)

// Benchmarks of the saturator, FM operator and synced saw, in ns per
// sample (see benchBlocks).

func BenchmarkSaturator(b *testing.B) {
	in := testInput(benchBlock)
	dsp.Scale(in, 2)
	out := make([]float32, benchBlock)
	for _, shape := range satShapes {
		for _, mode := range satModes {
			b.Run(shape.String()+"/"+mode.String(), func(b *testing.B) {
				s := newSaturator(shape, mode, 12, 0)
				benchBlocks(b, func() { s.Process(out, in) })
			})
		}
	}
}

func BenchmarkFMOperator(b *testing.B) {
	out := make([]float32, benchBlock)
	b.Run("sine", func(b *testing.B) {
		var o dsp.FMOperator
		o.SetFrequency(440, testRate)
		benchBlocks(b, func() { o.Fill(out) })
	})
	b.Run("feedback", func(b *testing.B) {
		var o dsp.FMOperator
		o.SetFrequency(440, testRate)
		o.SetFeedback(0.7)
		benchBlocks(b, func() { o.Fill(out) })
	})
	b.Run("modulated pair", func(b *testing.B) {
		// A two-operator voice: modulator into carrier, per block.
		var mod, car dsp.FMOperator
		mod.SetFrequency(440, testRate)
		mod.SetRatio(2)
		car.SetFrequency(440, testRate)
		pm := make([]float32, benchBlock)
		benchBlocks(b, func() {
			mod.Fill(pm)
			dsp.Scale(pm, 2.5)
			car.Process(out, pm)
		})
	})
}

func BenchmarkSyncSaw(b *testing.B) {
	out := make([]float32, benchBlock)
	b.Run("fixed", func(b *testing.B) {
		o := newSyncSaw(220, 220*2.71)
		benchBlocks(b, func() { o.Fill(out) })
	})
	b.Run("swept slave", func(b *testing.B) {
		o := newSyncSaw(220, 220)
		n := 0
		benchBlocks(b, func() {
			for i := range out {
				o.SetSlaveFrequency(220+float64(n&4095), testRate)
				n++
				out[i] = o.Next()
			}
		})
	})
}
