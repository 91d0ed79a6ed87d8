package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
)

// velvetCases are densities whose grid periods are whole (48000/1500 = 32)
// and fractional (44100/1800 = 24.5, 96000/2100 = 45.71...) numbers of
// samples.
var velvetCases = []struct{ density, rate float64 }{
	{1500, 48000}, {1800, 44100}, {2205, 44100}, {2100, 96000}, {4000, 192000}, {441, 44100},
}

// Velvet noise holds only -1, 0 and +1; one impulse in each grid period
// (samples ceil(m*rate/density) up to the next period's first), so the
// count over each second equals the density within 1 % (in fact within
// one); signs are balanced and positions spread evenly over the periods.
func TestVelvetNoiseDensityAndValues(t *testing.T) {
	for _, c := range velvetCases {
		v := dsp.NewVelvetNoise(11)
		v.SetDensity(c.density, c.rate)
		const seconds = 3
		out := dsp.Render(v, int(seconds*c.rate))
		period := c.rate / c.density
		plus, minus, worstCount := 0, 0, 0.0
		var offsetSum, lengthSum float64
		for sec := 0; sec < seconds; sec++ {
			count := 0
			for _, x := range out[sec*int(c.rate) : (sec+1)*int(c.rate)] {
				switch x {
				case 1:
					plus++
					count++
				case -1:
					minus++
					count++
				case 0:
				default:
					t.Fatalf("density %v at %v Hz: a sample is %v, want -1, 0 or +1", c.density, c.rate, x)
				}
			}
			if d := float64(count) - c.density; math.Abs(d) > math.Abs(worstCount) {
				worstCount = d
			}
		}
		// Exactly one impulse in each grid period.
		for m := 0; ; m++ {
			start, end := int(math.Ceil(float64(m)*period-1e-9)), int(math.Ceil(float64(m+1)*period-1e-9))
			if end > len(out) {
				break
			}
			impulses := 0
			for i := start; i < end; i++ {
				if out[i] != 0 {
					impulses++
					offsetSum += float64(i - start)
				}
			}
			lengthSum += float64(end - start - 1)
			if impulses != 1 {
				t.Fatalf("density %v at %v Hz: grid period %d (samples %d-%d) holds %d impulses, want 1", c.density, c.rate, m, start, end-1, impulses)
			}
		}
		total := plus + minus
		// Positions: the mean offset is half the mean period length, within
		// 5 standard errors of a uniform choice.
		meanOffset, wantOffset := offsetSum/float64(total), lengthSum/2/float64(total)
		spread := 5 * period / math.Sqrt(12*float64(total))
		t.Logf("density %v at %v Hz: worst second %+.0f impulses; %d positive, %d negative; mean position %.2f (want %.2f)",
			c.density, c.rate, worstCount, plus, minus, meanOffset, wantOffset)
		if math.Abs(worstCount) > 0.01*c.density {
			t.Errorf("density %v at %v Hz: a second holds %+.0f impulses more than the density", c.density, c.rate, worstCount)
		}
		if math.Abs(float64(plus-minus)) > 5*math.Sqrt(float64(total)) {
			t.Errorf("density %v at %v Hz: %d positive and %d negative impulses", c.density, c.rate, plus, minus)
		}
		if math.Abs(meanOffset-wantOffset) > spread {
			t.Errorf("density %v at %v Hz: mean position %.2f in the period, want %.2f ± %.2f", c.density, c.rate, meanOffset, wantOffset, spread)
		}
	}
}

// The zero VelvetNoise is silent, as is a density of 0 (after the period
// under way); the density reads back, is clamped to the rate, and a change
// takes effect at the next period.
func TestVelvetNoiseZeroValueAndDensityChanges(t *testing.T) {
	var v dsp.VelvetNoise
	for i, x := range dsp.Render(&v, 1000) {
		if x != 0 {
			t.Fatalf("the zero VelvetNoise gives %v at sample %d", x, i)
		}
	}
	if d := v.Density(48000); d != 0 {
		t.Errorf("the zero VelvetNoise's density is %v, want 0", d)
	}
	v.SetDensity(1000, 48000)
	if d := v.Density(48000); math.Abs(d-1000) > 1e-9 {
		t.Errorf("density reads back as %v, want 1000", d)
	}
	if n := countNonzero(dsp.Render(&v, 48000)); n != 1000 {
		t.Errorf("%d impulses in a second at 1000 per second", n)
	}
	// At the rate, every sample is an impulse.
	v.SetDensity(1e9, 48000)
	dsp.Render(&v, 48) // finish the 1000/s period under way
	if n := countNonzero(dsp.Render(&v, 1000)); n != 1000 {
		t.Errorf("%d impulses in 1000 samples at the clamped density, want 1000", n)
	}
	v.SetDensity(0, 48000)
	dsp.Render(&v, 1) // the period under way
	if n := countNonzero(dsp.Render(&v, 1000)); n != 0 {
		t.Errorf("%d impulses at density 0", n)
	}
}

func countNonzero(x []float32) int {
	n := 0
	for _, v := range x {
		if v != 0 {
			n++
		}
	}
	return n
}
