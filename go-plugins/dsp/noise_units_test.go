package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
)

// noiseGenerators returns fresh, configured instances of the coloured and
// sparse noises, each with a change of settings to make halfway through.
func noiseGenerators() []struct {
	name   string
	g      dsp.Generator
	change func()
} {
	pink := dsp.NewPinkNoise(3)
	pink192 := dsp.NewPinkNoise(3)
	pink192.SetSampleRate(192000)
	brown := dsp.NewBrownNoise(3)
	brown.SetCorner(20, 48000)
	velvet := dsp.NewVelvetNoise(3)
	velvet.SetDensity(1800, 44100) // 24.5-sample periods
	velvetDense := dsp.NewVelvetNoise(4)
	velvetDense.SetDensity(30000, 48000)
	return []struct {
		name   string
		g      dsp.Generator
		change func()
	}{
		{"pink noise", pink, func() { pink.SetSampleRate(96000) }},
		{"pink noise at 192 kHz", pink192, func() { pink192.Seed(9) }},
		{"brown noise", brown, func() { brown.SetCorner(5, 96000) }},
		{"velvet noise", velvet, func() { velvet.SetDensity(700, 48000) }},
		{"dense velvet noise", velvetDense, func() { velvetDense.SetDensity(0, 48000) }},
	}
}

// noiseFilters returns fresh, configured sample-and-holds and slew
// limiters as filters, each with a change of settings.
func noiseFilters() []struct {
	name   string
	f      dsp.Filter
	change func()
} {
	clocked := &dsp.SampleHold{}
	clocked.SetRate(441, 48000)
	triggered := &dsp.SampleHold{}
	slew := &dsp.Slew{}
	slew.SetRates(200, 50, 48000)
	return []struct {
		name   string
		f      dsp.Filter
		change func()
	}{
		{"clocked sample-and-hold", clocked, func() { clocked.Trigger(); clocked.SetRate(1234, 48000) }},
		{"triggered sample-and-hold", triggered, func() { triggered.Trigger() }},
		{"slew", slew, func() { slew.SetRates(10, 1000, 44100) }},
	}
}

// noiseTestInput is a signal with steps, ramps and noise for the filters.
func noiseTestInput(n int) []float32 {
	x := make([]float32, n)
	w := dsp.NewNoise(77)
	for i := range x {
		x[i] = float32(math.Sin(float64(i)*0.003))*0.8 + 0.2*w.Next()
		if (i/700)%2 == 1 {
			x[i] += 0.5
		}
	}
	return x
}

// noiseChunks are the block sizes Fill and Process are called with, in
// turn.
var noiseChunks = [][]int{{1}, {479}, {2048}, {479, 1, 2048, 3, 64, 17}}

// Fill gives exactly the samples Next gives, in blocks of any size, with a
// change of settings between two blocks.
func TestNoiseFillMatchesNext(t *testing.T) {
	const n, change = 9000, 4500
	for i, ref := range noiseGenerators() {
		want := make([]float32, n)
		for k := range want {
			if k == change {
				ref.change()
			}
			want[k] = ref.g.Next()
		}
		for _, chunks := range noiseChunks {
			u := noiseGenerators()[i]
			got := make([]float32, n)
			for pos, c := 0, 0; pos < n; c++ {
				end := pos + chunks[c%len(chunks)]
				if end > n {
					end = n
				}
				if pos < change && end > change {
					end = change
				}
				if pos == change {
					u.change()
				}
				u.g.Fill(got[pos:end])
				pos = end
			}
			for k := range want {
				if got[k] != want[k] {
					t.Errorf("%s in blocks of %v: sample %d is %v, Next gives %v", u.name, chunks, k, got[k], want[k])
					break
				}
			}
		}
	}
}

// Process gives exactly the samples Next gives, in blocks of any size and
// in place.
func TestNoiseFiltersProcessMatchesNext(t *testing.T) {
	const n, change = 9000, 4500
	in := noiseTestInput(n)
	for i, ref := range noiseFilters() {
		want := make([]float32, n)
		for k := range want {
			if k == change {
				ref.change()
			}
			want[k] = ref.f.Next(in[k])
		}
		for _, chunks := range noiseChunks {
			for _, inPlace := range []bool{false, true} {
				u := noiseFilters()[i]
				got := make([]float32, n)
				if inPlace {
					copy(got, in)
				}
				for pos, c := 0, 0; pos < n; c++ {
					end := pos + chunks[c%len(chunks)]
					if end > n {
						end = n
					}
					if pos < change && end > change {
						end = change
					}
					if pos == change {
						u.change()
					}
					if inPlace {
						u.f.Process(got[pos:end], got[pos:end])
					} else {
						u.f.Process(got[pos:end], in[pos:end])
					}
					pos = end
				}
				for k := range want {
					if got[k] != want[k] {
						t.Errorf("%s in blocks of %v (in place %v): sample %d is %v, Next gives %v", u.name, chunks, inPlace, k, got[k], want[k])
						break
					}
				}
			}
		}
	}
}

// Next, Fill, Process and the setters do not allocate.
func TestNoiseUnitsDoNotAllocate(t *testing.T) {
	buf := make([]float32, 256)
	in := noiseTestInput(256)
	for _, u := range noiseGenerators() {
		g := u.g
		if a := testing.AllocsPerRun(50, func() { g.Fill(buf) }); a != 0 {
			t.Errorf("%s: Fill allocates %v times per call", u.name, a)
		}
		if a := testing.AllocsPerRun(50, func() { g.Next() }); a != 0 {
			t.Errorf("%s: Next allocates %v times per call", u.name, a)
		}
		if a := testing.AllocsPerRun(50, func() { u.change(); g.Fill(buf) }); a != 0 {
			t.Errorf("%s: changing settings allocates %v times", u.name, a)
		}
	}
	for _, u := range noiseFilters() {
		f := u.f
		if a := testing.AllocsPerRun(50, func() { f.Process(buf, in) }); a != 0 {
			t.Errorf("%s: Process allocates %v times per call", u.name, a)
		}
		if a := testing.AllocsPerRun(50, func() { f.Next(0.5) }); a != 0 {
			t.Errorf("%s: Next allocates %v times per call", u.name, a)
		}
		if a := testing.AllocsPerRun(50, func() { u.change(); f.Process(buf, in) }); a != 0 {
			t.Errorf("%s: changing settings allocates %v times", u.name, a)
		}
	}
	var p dsp.PinkNoise
	var b dsp.BrownNoise
	rates := []float64{44100, 48000, 96000, 192000}
	i := 0
	if a := testing.AllocsPerRun(50, func() {
		i++
		p.SetSampleRate(rates[i%4])
		b.SetCorner(float64(i%40), rates[i%4])
		p.Next()
		b.Next()
	}); a != 0 {
		t.Errorf("changing rates allocates %v times", a)
	}
}

// The same seed gives the same samples and another seed others; Seed
// restarts the sequence; a zero value equals seed 0 with the documented
// defaults.
func TestNoiseSeedsAndZeroValues(t *testing.T) {
	type gen struct {
		name string
		new  func(seed uint64) dsp.Generator
		zero func() dsp.Generator
		seed func(g dsp.Generator, seed uint64)
	}
	gens := []gen{
		{"pink noise", func(seed uint64) dsp.Generator { return dsp.NewPinkNoise(seed) },
			func() dsp.Generator { return &dsp.PinkNoise{} },
			func(g dsp.Generator, seed uint64) { g.(*dsp.PinkNoise).Seed(seed) }},
		{"pink noise at 96 kHz", func(seed uint64) dsp.Generator {
			p := dsp.NewPinkNoise(seed)
			p.SetSampleRate(96000)
			return p
		}, nil, func(g dsp.Generator, seed uint64) { g.(*dsp.PinkNoise).Seed(seed) }},
		{"brown noise", func(seed uint64) dsp.Generator { return dsp.NewBrownNoise(seed) },
			func() dsp.Generator { return &dsp.BrownNoise{} },
			func(g dsp.Generator, seed uint64) { g.(*dsp.BrownNoise).Seed(seed) }},
		{"velvet noise", func(seed uint64) dsp.Generator {
			v := dsp.NewVelvetNoise(seed)
			v.SetDensity(1900, 48000) // 25.26-sample periods
			return v
		}, func() dsp.Generator {
			v := &dsp.VelvetNoise{}
			v.SetDensity(1900, 48000) // 25.26-sample periods
			return v
		}, func(g dsp.Generator, seed uint64) { g.(*dsp.VelvetNoise).Seed(seed) }},
	}
	const n = 20000
	for _, c := range gens {
		a, b, other := dsp.Render(c.new(1234), n), dsp.Render(c.new(1234), n), dsp.Render(c.new(1235), n)
		same := 0
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("%s: the same seed differs at sample %d", c.name, i)
			}
			if a[i] == other[i] && a[i] != 0 {
				same++
			}
		}
		if same > n/100 {
			t.Errorf("%s: seeds 1234 and 1235 agree on %d nonzero samples of %d", c.name, same, n)
		}
		g := c.new(1234)
		dsp.Render(g, 777)
		c.seed(g, 1234)
		if again := dsp.Render(g, n); !equalSamples(again, a) {
			t.Errorf("%s: after Seed the samples differ from a fresh generator's", c.name)
		}
		if c.zero != nil && !equalSamples(dsp.Render(c.zero(), n), dsp.Render(c.new(0), n)) {
			t.Errorf("%s: the zero value differs from seed 0", c.name)
		}
	}
	// The defaults: pink at 44.1 kHz, brown at 10 Hz at 44.1 kHz.
	var p dsp.PinkNoise
	p44 := dsp.NewPinkNoise(0)
	p44.SetSampleRate(44100)
	if p.SampleRate() != dsp.NoiseDefaultRate || !equalSamples(dsp.Render(&p, n), dsp.Render(p44, n)) {
		t.Errorf("the zero PinkNoise is not set for %v Hz", dsp.NoiseDefaultRate)
	}
	var b dsp.BrownNoise
	b10 := dsp.NewBrownNoise(0)
	b10.SetCorner(10, 44100)
	if b.Corner() != dsp.BrownDefaultCorner || !equalSamples(dsp.Render(&b, n), dsp.Render(b10, n)) {
		t.Errorf("the zero BrownNoise is not set for %v Hz at %v Hz", dsp.BrownDefaultCorner, dsp.NoiseDefaultRate)
	}
}

func equalSamples(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
