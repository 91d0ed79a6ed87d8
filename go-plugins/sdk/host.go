package sdk

import (
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"
	"unsafe"

	"govox.dev/govox/dsp"
)

// host is the SDK inside one voice-host process: it reads the engine's events, gives
// notes to voice runners (allocation, stealing, sustain), and publishes statistics.
type host struct {
	region   *region
	inst     Instrument
	runners  []*runner
	status   []voiceStatus // the event loop's view of every runner
	seq      uint64        // note-on order, for stealing the oldest
	events   eventReader
	sustain  bool
	lockstep bool
	params   []float32   // parameter values as of the events handled so far
	ctl      controllers // the wheels as of the events handled so far
	finished chan int    // runners report here when their note has ended
	stats    hostStats
	dropped  int           // notes that found no free slot
	pending  []pendingNote // note-ons waiting for a slot to come free, oldest first
	active   atomic.Int32  // voices not idle, for the stats goroutine
	// How changes reach frames already rendered (govox_rollback), and why not if not.
	rollback    uint32
	rollbackWhy string
	// exit ends the process when a voice is stuck: os.Exit, which tests replace to
	// watch it happen and live on.
	exit func(code int)
}

type voiceStatus struct {
	state    int // idle, held, sustained, released, stolen
	note     int
	channel  uint8
	seq      uint64
	velocity float32 // as struck: a quieter note is stolen before a louder one
}

const (
	voiceIdle = iota
	voiceHeld
	voiceSustained
	voiceReleased
	voiceStolen
)

func errorf(format string, args ...interface{}) error { return fmt.Errorf(format, args...) }

// runHost is govox_run: it returns 0 after a requested shutdown, non-zero after writing
// why it could not run into the region's message.
func runHost(base unsafe.Pointer, size uint64) int {
	h, code := openHost(base, size)
	if h == nil {
		return code
	}
	return h.run()
}

// openHost attaches the region and makes the host with its voices; nil and the exit
// code if it cannot, the reason written where the engine reads it.
func openHost(base unsafe.Pointer, size uint64) (*host, int) {
	r, err := attachRegion(base, size)
	if err != nil {
		fmt.Fprintln(os.Stderr, "govox sdk:", err)
		return nil, 1
	}
	h, err := newHost(r)
	if err != nil {
		r.setMessage(err.Error())
		fmt.Fprintln(os.Stderr, "govox sdk:", err)
		store32(&r.header.host_state, hostFailed)
		return nil, 1
	}
	return h, 0
}

// run tells the engine the host is ready and plays until it asks for a shutdown.
func (h *host) run() int {
	go h.publishStats()
	store32(&h.region.header.host_state, hostReady)
	if h.lockstep {
		h.runLockstep()
	} else {
		h.runLive()
	}
	return 0
}

func newHost(r *region) (h *host, err error) {
	registryMu.Lock()
	insts := append([]Instrument(nil), registered...)
	registryMu.Unlock()
	if len(insts) != 1 {
		return nil, fmt.Errorf("the library registers %d instruments; it must call sdk.Register exactly once", len(insts))
	}
	return newHostOf(r, insts[0])
}

// newHostOf makes the host of instrument inst on region r.
func newHostOf(r *region, inst Instrument) (h *host, err error) {
	h = &host{
		region:   r,
		inst:     inst,
		events:   newEventReader(r),
		lockstep: load32(&r.header.lockstep) != 0,
		finished: make(chan int, r.voiceCount()),
		exit:     os.Exit,
	}
	if err := checkInstrument(&h.inst, r.voiceCount()); err != nil {
		return nil, err
	}
	h.ctl.bendSpan = h.inst.BendRange
	if h.ctl.tuning, err = LoadTuningFromEnv(); err != nil {
		return nil, fmt.Errorf("the tuning: %v", err)
	}
	h.writeParamDescriptors()
	// A panic in New (a voice asking for an undeclared parameter) becomes the message.
	defer func() {
		if p := recover(); p != nil {
			h, err = nil, fmt.Errorf("making a voice of %q panicked: %v\n%s", h.inst.Name, p, trimStack(debug.Stack()))
		}
	}()
	for i := 0; i < r.voiceCount(); i++ { // pre-warm the whole pool
		rn, err := newRunner(h, i)
		if err != nil {
			return nil, fmt.Errorf("instrument %q: %v", h.inst.Name, err)
		}
		h.runners = append(h.runners, rn)
	}
	h.status = make([]voiceStatus, len(h.runners))
	// Said in the header only: a line on stderr would become the summary of a later crash
	// report (host.parseCrashOutput takes the host's last words). sdk.CheckRollback, in the
	// voice's own tests, names the field that stops it.
	store32(&r.header.rollback, h.rollback)
	return h, nil
}

func trimStack(s []byte) string {
	lines := strings.Split(string(s), "\n")
	if len(lines) > 40 {
		lines = lines[:40]
	}
	return strings.Join(lines, "\n")
}

func (h *host) writeParamDescriptors() {
	pb := h.region.params
	h.params = make([]float32, len(h.inst.Params))
	for i, p := range h.inst.Params {
		d := &pb.desc[i]
		copyName(unsafe.Slice((*byte)(unsafe.Pointer(&d.name[0])), nameLen), p.Name)
		copyName(unsafe.Slice((*byte)(unsafe.Pointer(&d.unit[0])), unitLen), p.Unit)
		d.min_value = cFloat(p.Min)
		d.max_value = cFloat(p.Max)
		d.default_value = cFloat(p.Default)
		d.curve = cUint(uint32(p.Curve))
		store32(&pb.value_bits[i], math.Float32bits(p.Default))
		h.params[i] = p.Default
	}
	store32(&pb.count, uint32(len(h.inst.Params)))
}

func copyName(dst []byte, s string) {
	n := copy(dst[:len(dst)-1], s)
	for i := n; i < len(dst); i++ {
		dst[i] = 0
	}
}

// fillAndQuality is the dynamic quality adjustment: the engine's hint, one step lower
// while the ring is under a quarter of its target.
func (h *host) fillAndQuality(w *ringWriter) (float32, dsp.Quality) {
	fill := float32(w.fill()) / float32(h.region.ringTarget())
	q := h.hintedQuality()
	if fill < 0.25 && q > dsp.QualityLow {
		q--
	}
	return fill, q
}

// hintedQuality is the engine's quality hint (govox_quality) as the dsp package says it.
func (h *host) hintedQuality() dsp.Quality {
	switch load32(&h.region.header.quality_hint) {
	case qualityLowHint:
		return dsp.QualityLow
	case qualityHighHint:
		return dsp.QualityHigh
	}
	return dsp.QualityNormal
}

// countActive publishes how many voices are in use; the event loop owns status.
func (h *host) countActive() {
	n := int32(0)
	for _, s := range h.status {
		if s.state != voiceIdle {
			n++
		}
	}
	h.active.Store(n)
}

// report is how a runner says its note has ended (or could not start).
func (h *host) report(index int) {
	if h.lockstep {
		h.status[index].state = voiceIdle
		return
	}
	h.finished <- index
}

func (h *host) countRender(d time.Duration, frames int) {
	add64(&h.region.stats.render_ns_total, uint64(d))
	store64(&h.region.stats.render_ns_last, uint64(d))
	add64(&h.region.stats.chunks_rendered, 1)
	add64(&h.region.stats.frames_rendered, uint64(frames))
}
