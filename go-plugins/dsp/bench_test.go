package dsp_test

import (
	"testing"
	"time"

	"govox.dev/govox/dsp"
)

// benchBlock is a typical render block.
const benchBlock = 256

// benchBlocks times process, which renders one block of benchBlock samples,
// and adds a ns/sample metric: the figure to compare with the 20.8 µs a
// sample lasts at 48 kHz.
func benchBlocks(b *testing.B, process func()) {
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		process()
	}
	elapsed := time.Since(start)
	b.ReportMetric(float64(elapsed.Nanoseconds())/float64(b.N*benchBlock), "ns/sample")
}

func BenchmarkSine(b *testing.B) {
	var o dsp.Sine
	o.SetFrequency(440, testRate)
	out := make([]float32, benchBlock)
	benchBlocks(b, func() { o.Fill(out) })
}

func BenchmarkSaw(b *testing.B) {
	var o dsp.Saw
	o.SetFrequency(440, testRate)
	out := make([]float32, benchBlock)
	benchBlocks(b, func() { o.Fill(out) })
}

func BenchmarkSawVibrato(b *testing.B) {
	var o dsp.Saw
	out := make([]float32, benchBlock)
	benchBlocks(b, func() {
		for i := range out {
			o.SetFrequency(440+float64(i&15), testRate)
			out[i] = o.Next()
		}
	})
}

func BenchmarkTriangle(b *testing.B) {
	var o dsp.Triangle
	o.SetFrequency(440, testRate)
	out := make([]float32, benchBlock)
	benchBlocks(b, func() { o.Fill(out) })
}

func BenchmarkUnisonSaw7(b *testing.B) {
	u := dsp.NewUnisonSaw(dsp.Unison{Voices: 7, DetuneCents: 20, Spread: 1})
	u.SetFrequency(110, testRate)
	left, right := make([]float32, benchBlock), make([]float32, benchBlock)
	benchBlocks(b, func() { u.Fill(left, right) })
}

func BenchmarkMoogLadder(b *testing.B) {
	in := testInput(benchBlock)
	out := make([]float32, benchBlock)
	for _, q := range []dsp.Quality{dsp.QualityLow, dsp.QualityNormal, dsp.QualityHigh} {
		b.Run(q.String(), func(b *testing.B) {
			m := newMoog(q, 1000, 0.5, testRate)
			benchBlocks(b, func() { m.Process(out, in) })
		})
	}
}

func BenchmarkSVF(b *testing.B) {
	in := testInput(benchBlock)
	out := make([]float32, benchBlock)
	f := newSVF(dsp.Lowpass, 1000, 0.7, testRate)
	benchBlocks(b, func() { f.Process(out, in) })
}

func BenchmarkADSR(b *testing.B) {
	env := dsp.ADSR{Attack: 0.005, Decay: 0.005, Sustain: 0.5, Release: 0.005, SampleRate: testRate}
	out := make([]float32, benchBlock)
	n := 0
	benchBlocks(b, func() {
		// Alternate notes so that every segment, not just sustain, is timed.
		env.Gate(n%4 == 0)
		n++
		env.Fill(out)
	})
}

func BenchmarkNoise(b *testing.B) {
	n := dsp.NewNoise(1)
	out := make([]float32, benchBlock)
	benchBlocks(b, func() { n.Fill(out) })
}
