package sdk

import (
	"testing"
	"unsafe"
)

// testRegion lays out a region in Go memory exactly as the engine's shm::Region::create
// does, so the SDK can be driven without the engine: the test plays the engine's part.
type testRegion struct {
	mem  []uint64 // 8-byte aligned backing store
	base unsafe.Pointer
	size uint64
	r    *region
}

func newTestRegion(t testing.TB, voices, ringFrames, block uint32, lockstep bool) *testRegion {
	t.Helper()
	mem, base, size := newMemoryRegion(voices, ringFrames, block, lockstep)
	r, err := attachRegion(base, size)
	if err != nil {
		t.Fatal(err)
	}
	return &testRegion{mem: mem, base: base, size: size, r: r}
}

// push plays the engine's event sender.
func (tr *testRegion) push(e cEvent) {
	q := tr.r.events
	w := load32(&q.write.value)
	q.events[w&(eventCap-1)] = e
	store32(&q.write.value, w+1)
	store32(&tr.r.header.wake_word, load32(&tr.r.header.wake_word)+1)
}

func noteOnEvent(frame uint64, note, velocity uint8) cEvent {
	var e cEvent
	e.frame = cU64(frame)
	e._type = cUint(eventNoteOn)
	e.data1 = cU8(note)
	e.data2 = cU8(velocity)
	return e
}

func noteOffEvent(frame uint64, note uint8) cEvent {
	e := noteOnEvent(frame, note, 0)
	e._type = cUint(eventNoteOff)
	return e
}

func controlEvent(frame uint64, controller, value uint8) cEvent {
	e := noteOnEvent(frame, controller, value)
	e._type = cUint(eventControl)
	return e
}

// readFrames plays the engine's ring reader for voice v: takes what is there.
func (tr *testRegion) readFrames(v int, max int) (left []float32) {
	s := &tr.r.slots[v]
	ring := tr.r.ring(v)
	w, rd := load32(&s.write_index), load32(&s.read_index)
	n := int(w - rd)
	if n > max {
		n = max
	}
	for i := 0; i < n; i++ {
		left = append(left, ring[((rd+uint32(i))&(tr.r.ringFrames-1))*2])
	}
	store32(&s.read_index, rd+uint32(n))
	return left
}

func TestGoSeesTheSameLayoutAsC(t *testing.T) {
	// The C header's static_asserts fix these; cgo must agree field by field.
	checks := []struct {
		name      string
		got, want uintptr
	}{
		{"sizeof(govox_header)", unsafe.Sizeof(cHeader{}), 5*64 + uintptr(messageLen)},
		{"engine_frame", unsafe.Offsetof(cHeader{}.engine_frame), 128},
		{"lockstep_frame", unsafe.Offsetof(cHeader{}.lockstep_frame), 136},
		{"host_state", unsafe.Offsetof(cHeader{}.host_state), 192},
		{"lockstep_done_frame", unsafe.Offsetof(cHeader{}.lockstep_done_frame), 208},
		{"wake_word", unsafe.Offsetof(cHeader{}.wake_word), 256},
		{"message", unsafe.Offsetof(cHeader{}.message), 320},
		{"sizeof(govox_event)", unsafe.Sizeof(cEvent{}), 32},
		{"sizeof(govox_voice_slot)", unsafe.Sizeof(cVoiceSlot{}), 256},
		{"read_index", unsafe.Offsetof(cVoiceSlot{}.read_index), 128},
		{"start_frame", unsafe.Offsetof(cVoiceSlot{}.start_frame), 32},
		{"rewrite_seq", unsafe.Offsetof(cVoiceSlot{}.rewrite_seq), 40},
		{"rewrite_from", unsafe.Offsetof(cVoiceSlot{}.rewrite_from), 44},
		{"rewrite_cursor", unsafe.Offsetof(cVoiceSlot{}.rewrite_cursor), 48},
		{"read_claim", unsafe.Offsetof(cVoiceSlot{}.read_claim), 144},
		{"rollback", unsafe.Offsetof(cHeader{}.rollback), 216},
		{"sizeof(govox_param_desc)", unsafe.Sizeof(cParamDesc{}), 64},
		{"sizeof(govox_host_stats)", unsafe.Sizeof(cHostStats{}), 128},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: Go sees %d, the ABI says %d", c.name, c.got, c.want)
		}
	}
}

func TestAttachRefusesAForeignRegion(t *testing.T) {
	tr := newTestRegion(t, 2, 256, 128, false)
	tr.r.header.abi_version = cUint(AbiVersion + 1)
	if _, err := attachRegion(tr.base, tr.size); err == nil {
		t.Fatal("a region of another ABI version was accepted")
	}
	tr.r.header.abi_version = cUint(AbiVersion)
	if _, err := attachRegion(tr.base, tr.size-64); err == nil {
		t.Fatal("a region of the wrong size was accepted")
	}
}

func TestRingWriterWrapsAndRespectsTheReader(t *testing.T) {
	tr := newTestRegion(t, 1, 64, 32, false)
	w := newRingWriter(tr.r, 0)
	left := make([]float32, 50)
	for i := range left {
		left[i] = float32(i)
	}
	var got []float32
	for round := 0; round < 20; round++ {
		if n := w.writeStereo(left, left); n != 50 && round == 0 {
			t.Fatalf("wrote %d of 50 into an empty 64-frame ring", n)
		}
		got = append(got, tr.readFrames(0, 50)...)
	}
	for i, v := range got {
		if v != float32(i%50) {
			t.Fatalf("frame %d is %v, want %v", i, v, float32(i%50))
		}
	}
	// A reader index "ahead" of the writer is impossible: no room, nothing overwritten.
	store32(&tr.r.slots[0].read_index, w.write+10)
	if s := w.space(); s != 0 {
		t.Fatalf("space %d with an impossible reader index, want 0", s)
	}
}

// A ring whose indices were overwritten with garbage finds no room; once the engine has
// freed the slot (dropping everything and publishing its read index), the next note's
// resync writes from there again and the engine reads what it wrote.
func TestRingWriterResyncHealsGarbageIndices(t *testing.T) {
	tr := newTestRegion(t, 1, 64, 32, false)
	w := newRingWriter(tr.r, 0)
	one := []float32{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	w.writeStereo(one, one)
	s := &tr.r.slots[0]
	store32(&s.write_index, load32(&s.read_index)+0x40000000)
	store32(&s.read_index, load32(&s.read_index)+0x20000000) // as the soak's scribbler does
	if n := w.writeStereo(one, one); n != 0 {
		t.Fatalf("wrote %d frames past an impossible reader index", n)
	}
	// The engine stops the voice and drops all: its read index is the garbage write index.
	store32(&s.read_index, load32(&s.write_index))
	w.resync()
	if room := w.space(); room != 64 {
		t.Fatalf("room %d after resync, want the whole ring (64)", room)
	}
	two := []float32{2, 2, 2, 2, 2}
	if n := w.writeStereo(two, two); n != 5 {
		t.Fatalf("wrote %d of 5 frames after resync", n)
	}
	got := tr.readFrames(0, 64)
	if len(got) != 5 || got[0] != 2 || got[4] != 2 {
		t.Fatalf("the engine read %v after resync, want the 5 new frames", got)
	}
}
