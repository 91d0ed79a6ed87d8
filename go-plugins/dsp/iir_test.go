package dsp_test

import (
	"math"
	"strings"
	"testing"

	"govox.dev/govox/dsp"
)

// Checks shared by the recursive filters Biquad, OnePole and DCBlocker.

// iirUnit is a configured filter, a change of its settings made once in the
// middle of a run, its Reset, and a view of its recursive state.
type iirUnit struct {
	f     dsp.Filter
	event func()
	reset func()
	state func() []float64
}

type iirCase struct {
	name string
	new  func() iirUnit
}

func biquadUnit(set, change func(f *dsp.Biquad)) func() iirUnit {
	return func() iirUnit {
		f := &dsp.Biquad{}
		set(f)
		return iirUnit{f, func() { change(f) }, f.Reset, func() []float64 { s := f.State(); return s[:] }}
	}
}

func onePoleUnit(set, change func(f *dsp.OnePole)) func() iirUnit {
	return func() iirUnit {
		f := &dsp.OnePole{}
		set(f)
		return iirUnit{f, func() { change(f) }, f.Reset, func() []float64 { return []float64{f.State()} }}
	}
}

func dcBlockerUnit(set, change func(d *dsp.DCBlocker)) func() iirUnit {
	return func() iirUnit {
		d := &dsp.DCBlocker{}
		set(d)
		return iirUnit{d, func() { change(d) }, d.Reset, func() []float64 { return []float64{d.State()} }}
	}
}

var biquadUnits = []iirCase{
	{"biquad lowpass", biquadUnit(
		func(f *dsp.Biquad) { f.SetLowpass(100, 2, testRate) },
		func(f *dsp.Biquad) { f.SetHighpass(3000, 0.7, testRate) })},
	{"biquad bandpass", biquadUnit(
		func(f *dsp.Biquad) { f.SetBandpass(800, 4, testRate) },
		func(f *dsp.Biquad) { f.SetNotch(2000, 1, testRate) })},
	{"biquad allpass", biquadUnit(
		func(f *dsp.Biquad) { f.SetAllpass(500, 1, testRate) },
		func(f *dsp.Biquad) { f.SetPeak(1500, 2, 9, testRate) })},
	{"biquad shelves", biquadUnit(
		func(f *dsp.Biquad) { f.SetLowShelf(200, 0.7, -12, testRate) },
		func(f *dsp.Biquad) { f.SetHighShelf(6000, 1, 6, testRate) })},
	{"biquad from zero", biquadUnit(
		func(f *dsp.Biquad) {},
		func(f *dsp.Biquad) { f.SetLowpass(300, 1, testRate) })},
}

var onePoleUnits = []iirCase{
	{"one-pole lowpass", onePoleUnit(
		func(f *dsp.OnePole) { f.SetLowpass(20, testRate) },
		func(f *dsp.OnePole) { f.SetHighpass(2000, testRate) })},
	{"one-pole from zero", onePoleUnit(
		func(f *dsp.OnePole) {},
		func(f *dsp.OnePole) { f.SetLowpass(500, testRate) })},
}

var dcBlockerUnits = []iirCase{
	{"DC blocker", dcBlockerUnit(
		func(d *dsp.DCBlocker) { d.SetCutoff(10, testRate) },
		func(d *dsp.DCBlocker) { d.SetCutoff(30, testRate) })},
	{"DC blocker from zero", dcBlockerUnit(
		func(d *dsp.DCBlocker) {},
		func(d *dsp.DCBlocker) { d.SetCutoff(20, testRate) })},
}

// iirInput is a rich input with a DC offset (so that the DC blocker has
// something to do): a saw plus noise, plus 0.2.
func iirInput(n int) []float32 {
	in := testInput(n)
	for i := range in {
		in[i] += 0.2
	}
	return in
}

// checkProcessMatchesNext requires Process, in chunks of many sizes and in
// place, to give exactly the samples of Next, with a change of settings half
// way through.
func checkProcessMatchesNext(t *testing.T, cases []iirCase) {
	t.Helper()
	const n = 9000
	in := iirInput(n)
	for _, c := range cases {
		ref := make([]float32, n)
		r := c.new()
		for i := range ref {
			if i == n/2 {
				r.event()
			}
			ref[i] = r.f.Next(in[i])
		}
		for _, chunks := range [][]int{{479}, {1}, {2048}, {479, 1, 2048, 3, 64, 0}} {
			for _, inPlace := range []bool{false, true} {
				u := c.new()
				out := make([]float32, n)
				src := in
				if inPlace {
					copy(out, in)
					src = out
				}
				pos, k := 0, 0
				for pos < n {
					end := pos + chunks[k%len(chunks)]
					k++
					if end > n {
						end = n
					}
					if pos < n/2 && end > n/2 {
						end = n / 2
					}
					if pos == n/2 {
						u.event()
					}
					u.f.Process(out[pos:end], src[pos:end])
					pos = end
				}
				for i := range ref {
					if out[i] != ref[i] {
						t.Errorf("%s in chunks of %v (in place %v): sample %d is %v, Next gives %v", c.name, chunks, inPlace, i, out[i], ref[i])
						break
					}
				}
			}
		}
	}
}

// checkNoAllocs requires Next, Process and a change of settings not to
// allocate.
func checkNoAllocs(t *testing.T, cases []iirCase) {
	t.Helper()
	in := iirInput(479)
	out := make([]float32, len(in))
	for _, c := range cases {
		u := c.new()
		if a := testing.AllocsPerRun(50, func() { u.f.Process(out, in) }); a != 0 {
			t.Errorf("%s: Process allocates %v times per call", c.name, a)
		}
		if a := testing.AllocsPerRun(50, func() { u.f.Process(out, out) }); a != 0 {
			t.Errorf("%s: in-place Process allocates %v times per call", c.name, a)
		}
		if a := testing.AllocsPerRun(50, func() { u.f.Next(0.5) }); a != 0 {
			t.Errorf("%s: Next allocates %v times per call", c.name, a)
		}
		if a := testing.AllocsPerRun(50, func() { u.event(); u.f.Next(0.5) }); a != 0 {
			t.Errorf("%s: changing settings allocates %v times", c.name, a)
		}
	}
}

// checkStateFlushes feeds 0.1 s of loud input and then silence, and
// requires the recursive state never to hold a subnormal number and to be
// exactly 0 within a second of silence (the slowest units above are set so
// that their decay to the flush threshold of 1e-20 takes under a second).
// Each unit runs with its first and its changed settings, through Next and
// through Process (a sample at a time, so that the state can be seen after
// each).
func checkStateFlushes(t *testing.T, cases []iirCase) {
	t.Helper()
	in := iirInput(int(0.1 * testRate))
	zero, out := make([]float32, 1), make([]float32, 1)
	for _, c := range cases {
		for run := 0; run < 4; run++ {
			changed, viaProcess := run&1 != 0, run&2 != 0
			u := c.new()
			next, how := u.f.Next, "Next"
			if changed {
				u.event()
				how = "changed settings, " + how
			}
			if viaProcess {
				how = strings.Replace(how, "Next", "Process", 1)
				next = func(x float32) float32 {
					zero[0] = x
					u.f.Process(out, zero)
					return out[0]
				}
			}
			for _, x := range in {
				next(x)
			}
			zeroAt := -1
			for i := 0; i < int(2*testRate) && zeroAt < 0; i++ {
				if y := next(0); math.IsNaN(float64(y)) {
					t.Fatalf("%s: NaN", c.name)
				}
				all := true
				for _, s := range u.state() {
					if s != 0 && math.Abs(s) < 0x1p-1022 {
						t.Fatalf("%s (%s): subnormal state %g after %d samples of silence", c.name, how, s, i+1)
					}
					all = all && s == 0
				}
				if all {
					zeroAt = i + 1
				}
			}
			t.Logf("%s (%s): state exactly 0 after %.3f s of silence", c.name, how, float64(zeroAt)/testRate)
			if zeroAt < 0 || zeroAt > int(testRate) {
				t.Errorf("%s (%s): state %v after a second of silence, want exactly 0", c.name, how, u.state())
			}
			// Silence in, silence out: the state stays 0.
			for i := 0; i < 100; i++ {
				if y := next(0); y != 0 {
					t.Fatalf("%s (%s): output %v from a zero state and zero input", c.name, how, y)
				}
			}
		}
	}
}

// checkReset requires Reset to clear the memory and keep the settings: a
// used filter, reset, gives exactly the samples of a fresh one.
func checkReset(t *testing.T, cases []iirCase) {
	t.Helper()
	in := iirInput(3000)
	for _, c := range cases {
		fresh, used := c.new(), c.new()
		want := dsp.Apply(fresh.f, in)
		used.f.Process(make([]float32, len(in)), in)
		used.reset()
		got := dsp.Apply(used.f, in)
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s after Reset: sample %d is %v, a fresh filter gives %v", c.name, i, got[i], want[i])
				break
			}
		}
	}
}

func TestBiquadReset(t *testing.T)    { checkReset(t, biquadUnits) }
func TestOnePoleReset(t *testing.T)   { checkReset(t, onePoleUnits) }
func TestDCBlockerReset(t *testing.T) { checkReset(t, dcBlockerUnits) }

func TestBiquadProcessMatchesNext(t *testing.T)    { checkProcessMatchesNext(t, biquadUnits) }
func TestOnePoleProcessMatchesNext(t *testing.T)   { checkProcessMatchesNext(t, onePoleUnits) }
func TestDCBlockerProcessMatchesNext(t *testing.T) { checkProcessMatchesNext(t, dcBlockerUnits) }

func TestBiquadDoesNotAllocate(t *testing.T) {
	checkNoAllocs(t, biquadUnits)
	var f dsp.Biquad
	f.SetPeak(1000, 1, 6, testRate)
	if a := testing.AllocsPerRun(50, func() { _ = f.MagnitudeDB(500, testRate) + real(f.Response(700, testRate)) }); a != 0 {
		t.Errorf("Response and MagnitudeDB allocate %v times", a)
	}
}

func TestOnePoleDoesNotAllocate(t *testing.T)   { checkNoAllocs(t, onePoleUnits) }
func TestDCBlockerDoesNotAllocate(t *testing.T) { checkNoAllocs(t, dcBlockerUnits) }

func TestBiquadStateFlushesToZero(t *testing.T)    { checkStateFlushes(t, biquadUnits) }
func TestOnePoleStateFlushesToZero(t *testing.T)   { checkStateFlushes(t, onePoleUnits) }
func TestDCBlockerStateFlushesToZero(t *testing.T) { checkStateFlushes(t, dcBlockerUnits) }
