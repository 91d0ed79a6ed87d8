package sdk

import (
	"fmt"
	"math"
	"runtime"
	"sort"
	"time"

	"govox.dev/govox/dsp"
)

// Session plays an instrument offline through the SDK's own host - the note allocation,
// voice stealing, sustain pedal, frame-exact events and voice lifecycle that `govox render`
// and the app use - on a region in memory, with the Session playing the engine's part:
// for a voice's tests (sdktest.Kit) and tools that render without the app. The output is
// the plain sum of the notes' rings (no engine gain, fades or limiter).
//
// Events are scheduled at frames and take effect exactly there; Render renders the next
// frames. One goroutine at a time; Close ends the host.
type Session struct {
	mem     []uint64 // the region's memory
	reg     *region
	h       *host
	done    chan int
	rate    float64
	frame   uint64   // frames rendered so far: the engine's clock
	pending []cEvent // scheduled, not yet sent, in frame order
	err     error
}

// sessionBlock is the engine block a Session renders in; sessionRing the ring per note.
const (
	sessionBlock = 128
	sessionRing  = 4096
)

// NewSession starts inst's host for `voices` note slots at sampleRate (8 kHz to 384 kHz).
func NewSession(inst Instrument, sampleRate float64, voices int) (*Session, error) {
	if voices < 1 || voices > 128 {
		return nil, fmt.Errorf("a session has 1 to 128 voices, not %d", voices)
	}
	if !(sampleRate >= 8000 && sampleRate <= 384000) {
		return nil, fmt.Errorf("a session's sample rate is 8 to 384 kHz, not %g Hz", sampleRate)
	}
	mem, base, size := newMemoryRegion(uint32(voices), sessionRing, sessionBlock, true)
	(*cHeader)(base).sample_rate = cUint(uint32(math.Round(sampleRate)))
	reg, err := attachRegion(base, size)
	if err != nil {
		return nil, err
	}
	h, err := newHostOf(reg, inst)
	if err != nil {
		return nil, err
	}
	s := &Session{mem: mem, reg: reg, h: h, done: make(chan int, 1), rate: float64(reg.sampleRate)}
	s.SetQuality(dsp.QualityHigh)
	go func() { s.done <- h.run() }()
	return s, nil
}

// SetQuality sets the quality the engine hints to the voices (Context.Quality) from the
// next block on: a session starts at High, as `govox render` does.
func (s *Session) SetQuality(q dsp.Quality) {
	hint := qualityNormalHint
	switch q {
	case dsp.QualityLow:
		hint = qualityLowHint
	case dsp.QualityHigh:
		hint = qualityHighHint
	}
	store32(&s.reg.header.quality_hint, hint)
}

// SampleRate is the session's sample rate in Hz.
func (s *Session) SampleRate() float64 { return s.rate }

// Frame is how many frames the session has rendered: the frame the next Render starts at.
func (s *Session) Frame() uint64 { return s.frame }

// NoteOn schedules a note-on at frame (velocity 1-127; 0 is a note-off, as in MIDI).
func (s *Session) NoteOn(frame uint64, channel, note, velocity uint8) {
	s.schedule(frame, eventNoteOn, channel, note, velocity)
}

// NoteOff schedules a note-off at frame.
func (s *Session) NoteOff(frame uint64, channel, note uint8) {
	s.schedule(frame, eventNoteOff, channel, note, 0)
}

// Control schedules a MIDI control change (CC 1 is the mod wheel, 64 the sustain pedal).
func (s *Session) Control(frame uint64, channel, controller, value uint8) {
	s.schedule(frame, eventControl, channel, controller, value)
}

// PitchBend schedules the pitch wheel at value (-8192..8191; 0 is centred).
func (s *Session) PitchBend(frame uint64, channel uint8, value int) {
	e := s.event(frame, eventPitchBend, channel, 0, 0)
	e.bend = cInt(int32(value))
	s.add(e)
}

// Param schedules a parameter change by name (case-insensitive), as the app's knob
// would; an unknown name is an error of the next Render.
func (s *Session) Param(frame uint64, name string, value float32) {
	for i, p := range s.h.inst.Params {
		if equalFold(p.Name, name) {
			e := s.event(frame, eventParamChange, 0, 0, 0)
			e.param_index = cUint(uint32(i))
			e.param_value = cFloat(value)
			s.add(e)
			return
		}
	}
	if s.err == nil {
		s.err = fmt.Errorf("instrument %q has no parameter %q", s.h.inst.Name, name)
	}
}

// Render renders the next frames and returns them, left and right.
func (s *Session) Render(frames int) (left, right []float32, err error) {
	left, right = make([]float32, frames), make([]float32, frames)
	for done := 0; done < frames && s.err == nil; {
		n := frames - done
		if n > sessionBlock {
			n = sessionBlock
		}
		s.block(left[done:done+n], right[done:done+n])
		done += n
	}
	return left, right, s.err
}

// Close ends the host.
func (s *Session) Close() {
	store32(&s.reg.header.shutdown_requested, 1)
	store32(&s.reg.header.wake_word, load32(&s.reg.header.wake_word)+1)
	futexWake(&s.reg.header.wake_word)
	select {
	case <-s.done:
	case <-time.After(5 * time.Second):
	}
}

func (s *Session) event(frame uint64, kind uint32, channel, d1, d2 uint8) cEvent {
	var e cEvent
	e.frame = cU64(frame)
	e._type = cUint(kind)
	e.channel = cU8(channel)
	e.data1 = cU8(d1)
	e.data2 = cU8(d2)
	return e
}

func (s *Session) schedule(frame uint64, kind uint32, channel, d1, d2 uint8) {
	s.add(s.event(frame, kind, channel, d1, d2))
}

func (s *Session) add(e cEvent) {
	if uint64(e.frame) < s.frame && s.err == nil {
		s.err = fmt.Errorf("an event at frame %d scheduled after frame %d was rendered", uint64(e.frame), s.frame)
		return
	}
	s.pending = append(s.pending, e)
	sort.SliceStable(s.pending, func(i, j int) bool { return s.pending[i].frame < s.pending[j].frame })
}

// block plays one engine block: sends the events due in it, asks the host for its
// frames, waits for them and mixes every note's ring into left and right.
func (s *Session) block(left, right []float32) {
	hdr := s.reg.header
	end := s.frame + uint64(len(left))
	q := s.reg.events
	for len(s.pending) > 0 && uint64(s.pending[0].frame) < end {
		w := load32(&q.write.value)
		if w-load32(&q.read.value) >= eventCap { // full: let the host drain it first
			break
		}
		q.events[w&(eventCap-1)] = s.pending[0]
		store32(&q.write.value, w+1)
		s.pending = s.pending[1:]
	}
	store64(&hdr.lockstep_frame, end)
	store32(&hdr.wake_word, load32(&hdr.wake_word)+1)
	futexWake(&hdr.wake_word)
	deadline := time.Now().Add(10 * time.Second)
	for spins := 0; load64(&hdr.lockstep_done_frame) < end; spins++ {
		if load32(&hdr.host_state) == hostFailed || time.Now().After(deadline) {
			s.err = fmt.Errorf("instrument %q: the host stopped at frame %d: %s", s.h.inst.Name,
				load64(&hdr.lockstep_done_frame), s.reg.message())
			return
		}
		if spins < 10000 { // the host is a goroutine of this process: let it run
			runtime.Gosched()
		} else {
			time.Sleep(50 * time.Microsecond)
		}
	}
	for v := range s.reg.slots {
		slot := &s.reg.slots[v]
		st := load32(&slot.state)
		if st != stateActive && st != stateReleasing && st != stateFinished {
			continue
		}
		ring := s.reg.ring(v)
		w, rd := load32(&slot.write_index), load32(&slot.read_index)
		n := uint32(len(left))
		if w-rd < n {
			n = w - rd
		}
		for i := uint32(0); i < n; i++ {
			at := ((rd + i) & (s.reg.ringFrames - 1)) * 2
			left[i] += ring[at]
			right[i] += ring[at+1]
		}
		store32(&slot.read_index, rd+n)
		if st == stateFinished && rd+n == w { // the engine frees a finished, drained note
			store32(&slot.state, stateFree)
		}
	}
	s.frame = end
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
