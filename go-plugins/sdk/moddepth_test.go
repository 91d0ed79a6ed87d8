package sdk

import (
	"testing"
	"time"
)

// The depth a modulated note keeps: half the target at first, half a block shallower per
// calm half second down to three blocks, half as deep again at once when a wake-up finds
// less than a third of it left, never past the engine's target.
func TestModDepthLearnsHowShallowTheMachineAllows(t *testing.T) {
	const target, block = 1024, 128
	const floor = 7 * block / 2
	var d modDepth
	now := time.Unix(1000, 0)
	if got := d.target(900, target, block, true, now); got != 512 {
		t.Fatalf("first depth %d, want half the target 512", got)
	}
	if got := d.target(400, target, block, true, now.Add(100*time.Millisecond)); got != 512 {
		t.Fatalf("depth %d after 100 ms of calm, want 512 still", got)
	}
	for i := 1; i <= 10; i++ {
		now = now.Add(depthRelaxEvery)
		d.target(400, target, block, true, now)
	}
	if d.frames != floor {
		t.Fatalf("depth %d after 5 s of calm, want the floor %d", d.frames, floor)
	}
	now = now.Add(time.Second)
	if got := d.target(floor/3-1, target, block, true, now); got != floor*3/2 {
		t.Fatalf("depth %d after a scare, want %d", got, floor*3/2)
	}
	// The wake-ups of the same stall do not deepen it again...
	if got := d.target(10, target, block, true, now.Add(10*time.Millisecond)); got != floor*3/2 {
		t.Fatalf("depth %d after a second low wake-up within one stall, want %d", got, floor*3/2)
	}
	// ...a later stall does, up to the target and no further.
	for i := 0; i < 10; i++ {
		now = now.Add(100 * time.Millisecond)
		d.target(0, target, block, true, now)
	}
	if d.frames != target {
		t.Fatalf("depth %d after many stalls, want the target %d", d.frames, target)
	}
}

// A note still ramping up after its note-on has a low fill that says nothing of stalls;
// a ring target below three blocks is the depth itself.
func TestModDepthIgnoresTheRampAndKeepsWithinTheTarget(t *testing.T) {
	var d modDepth
	now := time.Unix(1000, 0)
	d.target(900, 1024, 128, true, now)
	if got := d.target(0, 1024, 128, false, now.Add(time.Second/10)); got != 512 {
		t.Fatalf("depth %d after a low fill while ramping, want 512", got)
	}
	var small modDepth
	if got := small.target(0, 256, 128, true, now); got != 256 {
		t.Fatalf("depth %d for a 256-frame target, want 256", got)
	}
}
