package dsp

// Generator is a unit that produces samples on its own: oscillators, noise,
// envelopes, LFOs and smoothers.
type Generator interface {
	// Next advances by one sample and returns it.
	Next() float32
	// Fill overwrites out with the next len(out) samples. It does not
	// allocate and gives the same samples as len(out) calls of Next.
	Fill(out []float32)
}

// Filter is a unit that transforms an input signal, one sample in, one out.
type Filter interface {
	// Next filters one input sample and returns the output sample.
	Next(x float32) float32
	// Process filters src into dst. dst and src may be the same slice
	// (in-place). It processes len(dst) samples, src must be at least as
	// long, and it does not allocate.
	Process(dst, src []float32)
}

// Render is the easy path for a Generator: it allocates a new slice and
// fills it with the next n samples of g. Use g.Fill with a buffer you own
// in a render loop.
func Render(g Generator, n int) []float32 {
	out := make([]float32, n)
	g.Fill(out)
	return out
}

// Apply is the easy path for a Filter: it returns a newly allocated slice
// holding in filtered by f; in is left unchanged. Use f.Process with a buffer
// you own in a render loop.
func Apply(f Filter, in []float32) []float32 {
	out := make([]float32, len(in))
	f.Process(out, in)
	return out
}
