package audiotest

import "math"

// ZeroCrossingFrequency estimates the fundamental frequency of a periodic
// signal from its rising zero crossings, located to a fraction of a sample by
// linear interpolation after removing the mean. The signal must cross zero
// upward exactly once per cycle (true of sine, saw, square and triangle
// waves). It returns 0 if there are fewer than two crossings.
//
// The estimate is (crossings-1) cycles divided by the time between the first
// and the last crossing, so its error is at most about one sample of
// crossing jitter over the whole span.
func ZeroCrossingFrequency(x []float32, sampleRate float64) float64 {
	mean := Mean(x)
	first, last := -1.0, -1.0
	count := 0
	for i := 1; i < len(x); i++ {
		a := float64(x[i-1]) - mean
		b := float64(x[i]) - mean
		if a < 0 && b >= 0 {
			t := float64(i-1) + a/(a-b)
			if count == 0 {
				first = t
			}
			last = t
			count++
		}
	}
	if count < 2 {
		return 0
	}
	return float64(count-1) * sampleRate / (last - first)
}

// Pitch measures the fundamental frequency of a periodic signal whose waveform may
// change slowly (a decaying string, a sweeping filter) and which need not cross zero
// once per cycle: the autocorrelation's peak near the period of nearHz (within 15 %),
// then the peaks at 2, 4, 8... periods, each found near twice the last and refined by a
// parabola, so that the period is read over as many cycles as the signal holds. Accurate
// to well under a cent for a steady tone of a few thousand samples; 0 if x is silent or
// too short for two periods.
func Pitch(x []float32, nearHz, sampleRate float64) float64 {
	mean := Mean(x)
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = float64(v) - mean
	}
	// The unbiased autocorrelation: each lag's sum over its overlap, divided by the
	// overlap's length, so that a long lag is not pulled down (which would move the
	// peaks towards shorter lags: a sharp reading).
	corr := func(lag int) (r float64) {
		for i := 0; i+lag < len(y); i++ {
			r += y[i] * y[i+lag]
		}
		return r / float64(len(y)-lag)
	}
	// peak returns the refined lag of the highest autocorrelation in [lo, hi].
	peak := func(lo, hi int) float64 {
		if lo < 1 {
			lo = 1
		}
		best, at := math.Inf(-1), -1
		for lag := lo; lag <= hi && lag < len(y)-1; lag++ {
			if r := corr(lag); r > best {
				best, at = r, lag
			}
		}
		if at < 0 || best <= 0 {
			return 0
		}
		a, c := corr(at-1), corr(at+1)
		if d := a - 2*best + c; d < 0 {
			return float64(at) + 0.5*(a-c)/d
		}
		return float64(at)
	}
	period := sampleRate / nearHz
	p := peak(int(period/1.15), int(math.Ceil(period*1.15)))
	if p == 0 {
		return 0
	}
	// A peak k periods away is read to the same fraction of a sample, so the period k
	// times finer; use lags up to half the signal, where the overlap is still long.
	for k := 2; float64(k)*p < float64(len(y))/2; k *= 2 {
		at := peak(int(math.Round(float64(k)*p))-3, int(math.Round(float64(k)*p))+3)
		if at == 0 {
			break
		}
		p = at / float64(k)
	}
	return sampleRate / p
}
