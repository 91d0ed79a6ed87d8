package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
)

// firstIndex returns the 1-based index of the first call of next for which
// done holds, or -1 after limit calls.
func firstIndex(limit int, next func() float32, done func(float32) bool) int {
	for i := 1; i <= limit; i++ {
		if done(next()) {
			return i
		}
	}
	return -1
}

func TestADSRSegmentTimesWithin1ms(t *testing.T) {
	type times struct{ a, d, s, r float64 }
	for _, rate := range []float64{44100, 48000} {
		for _, c := range []times{
			{0.010, 0.050, 0.5, 0.200},
			{0.0013, 0.3, 0.25, 1.5},
			{0.5, 0.001, 0.8, 0.003},
			{2, 1, 0.01, 0.05},
		} {
			env := dsp.ADSR{Attack: c.a, Decay: c.d, Sustain: c.s, Release: c.r, SampleRate: rate}
			env.Gate(true)
			limit := int(4 * rate)
			attackEnd := firstIndex(limit, env.Next, func(v float32) bool { return v == 1 })
			decayEnd := attackEnd + firstIndex(limit, env.Next, func(v float32) bool { return v == float32(c.s) })
			if env.Stage() != dsp.StageSustain {
				t.Errorf("%v: stage after decay is %v, want sustain", c, env.Stage())
			}
			for i := 0; i < 1000; i++ {
				if v := env.Next(); v != float32(c.s) {
					t.Fatalf("%v: sustain level %v, want %v", c, v, c.s)
				}
			}
			env.Gate(false)
			releaseEnd := firstIndex(limit, env.Next, func(v float32) bool { return v == 0 })
			if env.Stage() != dsp.StageIdle || env.Active() {
				t.Errorf("%v: stage after release is %v, want idle", c, env.Stage())
			}
			errA := float64(attackEnd)/rate - c.a
			errD := float64(decayEnd-attackEnd)/rate - c.d
			errR := float64(releaseEnd)/rate - c.r
			t.Logf("%5.0f Hz A %6.4f D %6.4f R %6.4f: errors %+.4f, %+.4f, %+.4f ms",
				rate, c.a, c.d, c.r, 1000*errA, 1000*errD, 1000*errR)
			for _, e := range []float64{errA, errD, errR} {
				if math.Abs(e) > 0.001 {
					t.Errorf("%.0f Hz %+v: segment time errors %.3f, %.3f, %.3f ms, want within 1 ms",
						rate, c, 1000*errA, 1000*errD, 1000*errR)
					break
				}
			}
		}
	}
}

func TestADSRSegmentsAreMonotonic(t *testing.T) {
	env := dsp.ADSR{Attack: 0.01, Decay: 0.05, Sustain: 0.3, Release: 0.1, SampleRate: 48000}
	env.Gate(true)
	prev := float32(0)
	for env.Stage() == dsp.StageAttack {
		v := env.Next()
		if v < prev || v > 1 {
			t.Fatalf("attack not rising within [0, 1]: %v after %v", v, prev)
		}
		prev = v
	}
	for env.Stage() == dsp.StageDecay {
		v := env.Next()
		if v > prev || v < 0.3 {
			t.Fatalf("decay not falling to the sustain level: %v after %v", v, prev)
		}
		prev = v
	}
	env.Gate(false)
	for env.Active() {
		v := env.Next()
		if v > prev || v < 0 {
			t.Fatalf("release not falling to 0: %v after %v", v, prev)
		}
		prev = v
	}
}

func TestADSRReleaseDuringAttackStartsFromCurrentLevel(t *testing.T) {
	const rate = 48000.0
	const attackSamples = 0.1 * rate
	env := dsp.ADSR{Attack: 0.1, Decay: 0.1, Sustain: 0.5, Release: 1, SampleRate: rate}
	env.Gate(true)
	var last float32
	for i := 0; i < int(0.04*rate); i++ {
		last = env.Next()
	}
	env.Gate(false)
	if env.Stage() != dsp.StageRelease {
		t.Fatalf("stage after Gate(false) in attack is %v, want release", env.Stage())
	}
	first := env.Next()
	second := env.Next()
	t.Logf("released at %.5f, then %.5f, %.5f (steps %.2e, %.2e; 1/attack-samples %.2e)",
		last, first, second, last-first, first-second, 1/attackSamples)
	if first > last || last-first > 1/attackSamples {
		t.Errorf("release from %v starts at %v: step %v, want a step down of at most %v", last, first, last-first, 1/attackSamples)
	}
	// A continuous start: the first step is like the next one.
	if s1, s2 := last-first, first-second; s1 > 1.01*s2 {
		t.Errorf("release starts with a step of %v, then %v: a jump", s1, s2)
	}
	releaseEnd := firstIndex(int(2*rate), env.Next, func(v float32) bool { return v == 0 }) + 2
	if got := float64(releaseEnd) / rate; math.Abs(got-1) > 0.001 {
		t.Errorf("release from the attack took %.4f s, want 1 s", got)
	}
}

func TestADSRRetriggerDoesNotJump(t *testing.T) {
	const rate = 48000.0
	env := dsp.ADSR{Attack: 0.02, Decay: 0.1, Sustain: 0.6, Release: 0.3, SampleRate: rate}
	// Retrigger in the decay, in the sustain and in the release.
	for _, before := range []struct {
		samples int
		release bool
	}{{int(0.05 * rate), false}, {int(0.5 * rate), false}, {int(0.05 * rate), true}} {
		env.Reset()
		env.Gate(true)
		var last float32
		for i := 0; i < before.samples; i++ {
			last = env.Next()
		}
		if before.release {
			env.Gate(false)
			for i := 0; i < before.samples; i++ {
				last = env.Next()
			}
		}
		env.Gate(true)
		if env.Stage() != dsp.StageAttack {
			t.Fatalf("stage after retrigger is %v, want attack", env.Stage())
		}
		// No step may exceed the attack curve's steepest, at its start:
		// 1.3*(1-keep) with keep = (0.3/1.3)^(1/attack-samples).
		maxStep := float32(1.3 * (1 - math.Pow(0.3/1.3, 1/(0.02*rate))))
		next := env.Next()
		if next < last || next-last > maxStep {
			t.Errorf("retrigger from %.4f: next level %.4f, step %.2e, want a step up of at most %.2e", last, next, next-last, maxStep)
		}
		// The rest of the attack follows the curve, so it ends early.
		n := firstIndex(int(rate), env.Next, func(v float32) bool { return v == 1 }) + 1
		if n >= int(0.02*rate) {
			t.Errorf("retriggered attack from %.3f took %d samples, want fewer than a full attack (%d)", last, n, int(0.02*rate))
		}
	}
}

func TestADSRZeroTimesAndIdle(t *testing.T) {
	env := dsp.ADSR{Sustain: 0.7, SampleRate: 48000}
	if env.Active() || env.Next() != 0 {
		t.Fatal("new envelope is not idle and silent")
	}
	env.Gate(true)
	if v := env.Next(); v != 0.7 || env.Stage() != dsp.StageSustain {
		t.Errorf("zero attack and decay: first level %v in %v, want 0.7 in sustain", v, env.Stage())
	}
	env.Gate(false)
	if env.Active() || env.Next() != 0 {
		t.Errorf("zero release: stage %v, want idle at once", env.Stage())
	}
	env.Gate(false) // no effect while idle
	if env.Active() {
		t.Error("Gate(false) on an idle envelope woke it up")
	}
}

func TestADSRSustainChangeGlides(t *testing.T) {
	const rate = 48000.0
	env := dsp.ADSR{Attack: 0.001, Decay: 0.001, Sustain: 0.8, Release: 0.1, SampleRate: rate}
	env.Gate(true)
	for i := 0; i < 1000; i++ {
		env.Next()
	}
	env.Sustain = 0.2
	prev := env.Next()
	if 0.8-prev > 0.01 {
		t.Errorf("sustain change jumps from 0.8 to %v", prev)
	}
	for i := 0; i < int(0.1*rate); i++ {
		prev = env.Next()
	}
	if prev != 0.2 {
		t.Errorf("after 20 time constants the level is %v, want 0.2", prev)
	}
}
