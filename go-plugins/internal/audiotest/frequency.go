package audiotest

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
