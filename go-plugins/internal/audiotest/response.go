package audiotest

import "math"

// Processor is what the response helpers measure: a filter that processes a
// block from src into dst, like dsp.Filter.
type Processor interface {
	Process(dst, src []float32)
}

// ToneAmplitude returns the amplitude of the component of x at hz, measured
// by correlating x with a Hann-windowed complex exponential. For a pure sine
// spanning many cycles it is exact to about 1e-4.
func ToneAmplitude(x []float32, hz, sampleRate float64) float64 {
	n := len(x)
	w := 2 * math.Pi * hz / sampleRate
	var re, im, wsum float64
	for i, v := range x {
		win := 0.5 - 0.5*math.Cos(2*math.Pi*(float64(i)+0.5)/float64(n))
		re += win * float64(v) * math.Cos(w*float64(i))
		im += win * float64(v) * math.Sin(w*float64(i))
		wsum += win
	}
	return 2 * math.Hypot(re, im) / wsum
}

// Gain returns the steady-state gain of a fresh filter from newFilter at hz:
// it feeds a sine of the given amplitude for settle + measure samples and
// measures the output amplitude over the last measure samples.
func Gain(newFilter func() Processor, hz, amplitude, sampleRate float64, settle, measure int) float64 {
	in := SineWave(settle+measure, hz, amplitude, sampleRate)
	out := make([]float32, len(in))
	newFilter().Process(out, in)
	return ToneAmplitude(out[settle:], hz, sampleRate) / ToneAmplitude(in[settle:], hz, sampleRate)
}

// ResponseProbe measures gains of a filter for CutoffAt.
type ResponseProbe struct {
	SampleRate float64
	// Amplitude of the test sine; keep it small for nonlinear filters.
	Amplitude float64
	// Settle is the number of samples skipped while the filter settles;
	// Measure is the number of samples measured, raised to 20 cycles of the
	// test frequency if that is longer.
	Settle, Measure int
}

// Gain returns the probe's steady-state gain of a fresh filter at hz.
func (p ResponseProbe) Gain(newFilter func() Processor, hz float64) float64 {
	measure := p.Measure
	if cycles := int(20 * p.SampleRate / hz); cycles > measure {
		measure = cycles
	}
	return Gain(newFilter, hz, p.Amplitude, p.SampleRate, p.Settle, measure)
}

// CrossingFrequency finds, by bisection between lo and hi Hz, the frequency
// at which the gain of a filter whose gain falls (lowpass, rising=false) or
// rises (highpass, rising=true) with frequency crosses refGain*10^(db/20).
// The bracket must contain exactly one crossing. The result is accurate to
// about 0.01% of the bracket.
func (p ResponseProbe) CrossingFrequency(newFilter func() Processor, refGain, db, lo, hi float64, rising bool) float64 {
	target := refGain * math.Pow(10, db/20)
	for i := 0; i < 24 && hi/lo > 1.0001; i++ {
		mid := math.Sqrt(lo * hi)
		above := p.Gain(newFilter, mid) > target
		if above != rising {
			lo = mid
		} else {
			hi = mid
		}
	}
	return math.Sqrt(lo * hi)
}

// DCGain returns the steady-state gain of a fresh filter at 0 Hz: it feeds
// the probe's amplitude as a constant for Settle samples and divides the
// last output sample by it. It is the passband reference of a lowpass.
func (p ResponseProbe) DCGain(newFilter func() Processor) float64 {
	in := make([]float32, p.Settle)
	for i := range in {
		in[i] = float32(p.Amplitude)
	}
	out := make([]float32, len(in))
	newFilter().Process(out, in)
	return float64(out[len(out)-1]) / float64(in[0])
}
