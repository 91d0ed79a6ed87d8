package sdk

import (
	"math"
	"runtime/metrics"
	"time"
)

// hostStats reads the Go runtime's figures through runtime/metrics, which never stops the
// world (runtime.ReadMemStats does), and publishes them with the heartbeat.
type hostStats struct {
	samples    []metrics.Sample
	pauseIndex int // index of the GC pause histogram in samples, -1 if absent
	lastCounts []uint64
}

// The pause histogram's name changed in Go 1.22; Debian 12's Go 1.19 has the old one.
var pauseMetricNames = []string{"/sched/pauses/total/gc:seconds", "/gc/pauses:seconds"}

func newHostStats() hostStats {
	known := map[string]bool{}
	for _, d := range metrics.All() {
		known[d.Name] = true
	}
	s := hostStats{pauseIndex: -1}
	for _, name := range []string{"/memory/classes/heap/objects:bytes", "/gc/heap/goal:bytes",
		"/sched/goroutines:goroutines", "/gc/cycles/total:gc-cycles"} {
		s.samples = append(s.samples, metrics.Sample{Name: name})
	}
	for _, name := range pauseMetricNames {
		if known[name] {
			s.pauseIndex = len(s.samples)
			s.samples = append(s.samples, metrics.Sample{Name: name})
			break
		}
	}
	return s
}

// publishStats beats the heartbeat every 50 ms (the engine's watchdog waits 500) and
// publishes runtime figures every 100 ms while voices sound, every 500 ms while idle.
// Every tick it also looks for a voice stuck inside one call (calls.go) and ends the
// host over it. Few wake-ups: an idle host must cost next to nothing.
func (h *host) publishStats() {
	h.stats = newHostStats()
	st := h.region.stats
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for n := 0; !h.region.shutdownRequested(); n++ {
		if slot, call, d := h.stuckCall(time.Now()); slot >= 0 {
			h.endStuck(slot, call, d)
			return // only reached when a test replaced exit: the heartbeat stops too
		}
		add64(&st.heartbeat, 1)
		store64(&st.heartbeat_ns, uint64(monotonicNow()))
		every := 10 // 500 ms while idle
		if h.active.Load() > 0 {
			every = 2 // 100 ms while voices sound
		}
		if n%every == 0 {
			h.stats.publish(h)
		}
		<-tick.C
	}
}

func (s *hostStats) publish(h *host) {
	metrics.Read(s.samples)
	st := h.region.stats
	store64(&st.heap_bytes, s.samples[0].Value.Uint64())
	store64(&st.heap_goal_bytes, s.samples[1].Value.Uint64())
	store32(&st.goroutines, uint32(s.samples[2].Value.Uint64()))
	store64(&st.gc_cycles, s.samples[3].Value.Uint64())
	store32(&st.active_voices, uint32(h.active.Load()))
	if s.pauseIndex >= 0 && s.samples[s.pauseIndex].Value.Kind() == metrics.KindFloat64Histogram {
		s.publishPauses(h, s.samples[s.pauseIndex].Value.Float64Histogram())
	}
}

// publishPauses turns the cumulative pause histogram into figures for the last window:
// the pauses since the previous reading, their p99 and maximum (bucket upper bounds, so
// never under-reported), and the running total.
func (s *hostStats) publishPauses(h *host, hist *metrics.Float64Histogram) {
	st := h.region.stats
	if len(s.lastCounts) != len(hist.Counts) {
		s.lastCounts = make([]uint64, len(hist.Counts))
	}
	var total float64
	var window uint64
	for i, c := range hist.Counts {
		total += float64(c) * bucketMid(hist.Buckets, i)
		window += c - s.lastCounts[i]
	}
	store64(&st.gc_pause_total_ns, uint64(total*1e9))
	if window == 0 {
		return
	}
	want := (window*99 + 99) / 100
	var seen uint64
	p99, max := 0.0, 0.0
	for i, c := range hist.Counts {
		d := c - s.lastCounts[i]
		if d == 0 {
			continue
		}
		upper := bucketUpper(hist.Buckets, i)
		if seen < want && seen+d >= want {
			p99 = upper
		}
		seen += d
		max = upper
	}
	copy(s.lastCounts, hist.Counts)
	store64(&st.gc_pause_p99_ns, uint64(p99*1e9))
	store64(&st.gc_pause_max_ns, uint64(max*1e9))
}

func bucketUpper(b []float64, i int) float64 {
	if math.IsInf(b[i+1], 1) {
		return b[i]
	}
	return b[i+1]
}

func bucketMid(b []float64, i int) float64 {
	lo, hi := b[i], bucketUpper(b, i)
	if math.IsInf(lo, -1) {
		return hi
	}
	return (lo + hi) / 2
}
