package dsp_test

import (
	"math"
	"testing"

	"govox.dev/govox/dsp"
	"govox.dev/govox/internal/audiotest"
)

// naiveSync is the hard-synced saw without band limiting, with the slave
// reset at the exact (fractional) time of each master wrap. edge[i] reports
// whether a jump (a reset or the slave's own wrap) falls between samples i
// and i+1, where the band-limited wave may differ from it.
func naiveSync(n int, masterHz, slaveHz, sampleRate float64) (out []float32, edge []bool) {
	out, edge = make([]float32, n), make([]bool, n)
	m, s := 0.0, 0.0
	mi, si := masterHz/sampleRate, slaveHz/sampleRate
	for i := range out {
		out[i] = float32(2*s - 1)
		if m += mi; m >= 1 {
			tau := (1 - (m - mi)) / mi
			m--
			s = (1 - tau) * si
			edge[i] = true
		} else if s += si; s >= 1 {
			s--
			edge[i] = true
		}
	}
	return out, edge
}

func newSyncSaw(masterHz, slaveHz float64) *dsp.SyncSaw {
	o := &dsp.SyncSaw{}
	o.SetMasterFrequency(masterHz, testRate)
	o.SetSlaveFrequency(slaveHz, testRate)
	return o
}

// syncMaster is a master frequency whose aliases fall well away from its
// harmonics (see TestSyncSawAliasesLessThanNaive).
const syncMaster = 1234.5

func TestSyncSawResetsAtMasterWraps(t *testing.T) {
	// Away from its edges the band-limited wave must equal the naive one
	// exactly: any error in the reset time or phase shows up as an offset
	// of the whole ramp after it. Next to an edge it differs by at most the
	// PolyBLEP residual, half the jump.
	for _, ratio := range []float64{0.7, 1.6180339, 2.71, 5.3} {
		const n = 4000
		slave := syncMaster * ratio
		got := dsp.Render(newSyncSaw(syncMaster, slave), n)
		want, edge := naiveSync(n, syncMaster, slave, testRate)
		checked, worst := 0, 0.0
		for i := range got {
			d := math.Abs(float64(got[i]) - float64(want[i]))
			if edge[i] || (i > 0 && edge[i-1]) {
				if d > 1.0001 {
					t.Errorf("ratio %g: sample %d next to an edge is %v, naive %v: more than half the largest jump off", ratio, i, got[i], want[i])
				}
				continue
			}
			checked++
			if d > worst {
				worst = d
			}
		}
		t.Logf("ratio %g: %d samples away from edges, largest difference from naive %.2g", ratio, checked, worst)
		if worst > 1e-6 || checked < n/3 {
			t.Errorf("ratio %g: away from edges the wave differs from the naive synced saw by up to %g (%d samples checked)", ratio, worst, checked)
		}
	}
}

func TestSyncSawFundamentalIsTheMaster(t *testing.T) {
	const n = 8192
	for _, ratio := range []float64{1.6180339, 2.71, 4.4} {
		out := dsp.Render(newSyncSaw(syncMaster, syncMaster*ratio), n)
		pitch := audiotest.Pitch(out, syncMaster, testRate)
		fund := audiotest.ToneAmplitude(out, syncMaster, testRate)
		slave := audiotest.ToneAmplitude(out, syncMaster*ratio, testRate)
		t.Logf("slave %.2fx: pitch %.3f Hz, amplitude at the master frequency %.3f, at the slave's %.3f", ratio, pitch, fund, slave)
		if math.Abs(1200*math.Log2(pitch/syncMaster)) > 0.1 {
			t.Errorf("slave %gx: pitch %.3f Hz, want the master's %g Hz", ratio, pitch, syncMaster)
		}
		if fund < 0.1 {
			t.Errorf("slave %gx: amplitude at the master frequency %.3f, want a strong fundamental (>= 0.1)", ratio, fund)
		}
	}
}

func TestSyncSawWithStoppedMasterIsASaw(t *testing.T) {
	o := newSyncSaw(0, 3001)
	var saw dsp.Saw
	saw.SetFrequency(3001, testRate)
	// Saw takes its start at phase 0 for the middle of an edge, SyncSaw for
	// the foot of the ramp; from the next sample on they agree.
	o.Next()
	saw.Next()
	for i := 1; i < 2000; i++ {
		if got, want := o.Next(), saw.Next(); math.Abs(float64(got-want)) > 1e-6 {
			t.Fatalf("master at 0 Hz: sample %d = %v, Saw gave %v", i, got, want)
		}
	}
}

func TestSyncSawAliasesLessThanNaive(t *testing.T) {
	// The master at 1234.5 Hz puts the aliases of its harmonics at least 70
	// Hz (12 bins) from any harmonic. The naive wave resets the slave at the
	// exact time too, so only the band limiting differs. Measured (whole
	// band / below 10 kHz):
	//   slave 1.62x: 16.4 / 33.4 dB fewer aliases than naive
	//   slave 2.71x: 17.5 / 36.0 dB
	//   slave 5.30x: 15.5 / 33.2 dB
	const skip = 100
	for _, ratio := range []float64{1.6180339, 2.71, 5.3} {
		slave := syncMaster * ratio
		bl := dsp.Render(newSyncSaw(syncMaster, slave), aliasFFTSize+skip)[skip:]
		nv, _ := naiveSync(aliasFFTSize+skip, syncMaster, slave, testRate)
		rb := audiotest.Aliasing(bl, syncMaster, testRate, aliasGuard, 10000)
		rn := audiotest.Aliasing(nv[skip:], syncMaster, testRate, aliasGuard, 10000)
		all, lo := rn.AliasDB()-rb.AliasDB(), rn.LowAliasDB()-rb.LowAliasDB()
		t.Logf("slave %.2fx: aliases %6.1f dB re fundamental (naive %6.1f), %4.1f dB fewer; below 10 kHz %6.1f dB (naive %6.1f), %4.1f dB fewer",
			ratio, rb.AliasDB(), rn.AliasDB(), all, rb.LowAliasDB(), rn.LowAliasDB(), lo)
		if all < 10 || lo < 25 {
			t.Errorf("slave %gx: %.1f dB (whole band) and %.1f dB (below 10 kHz) fewer aliases than naive sync, want >= 10 and 25 dB", ratio, all, lo)
		}
	}
}

func TestSyncSawFillMatchesNext(t *testing.T) {
	a, b := newSyncSaw(syncMaster, 3000), newSyncSaw(syncMaster, 3000)
	want := make([]float32, 2000)
	for i := range want {
		if i == 1000 {
			a.SetSlaveFrequency(5000, testRate)
			a.SetMasterFrequency(200, testRate)
		}
		want[i] = a.Next()
	}
	got := make([]float32, len(want))
	growingChunks(got[:1000], func(dst, _ []float32) { b.Fill(dst) })
	b.SetSlaveFrequency(5000, testRate)
	b.SetMasterFrequency(200, testRate)
	growingChunks(got[1000:], func(dst, _ []float32) { b.Fill(dst) })
	compareToNext(t, "Fill", got, want)
	if !audiotest.AllFinite(got) || audiotest.Peak(got) > 1.0001 {
		t.Errorf("output not finite or above 1 (peak %g)", audiotest.Peak(got))
	}
}

func TestSyncSawSweepStaysBounded(t *testing.T) {
	// A slave swept from below the master to Nyquist, per sample, as a sync
	// lead does; and a master above the slave.
	o := newSyncSaw(440, 100)
	out := make([]float32, 20000)
	for i := range out {
		o.SetSlaveFrequency(100+float64(i)*1.2, testRate)
		out[i] = o.Next()
	}
	o = newSyncSaw(20000, 17000)
	tail := dsp.Render(o, 1000)
	for _, x := range [][]float32{out, tail} {
		if !audiotest.AllFinite(x) || audiotest.Peak(x) > 1.0001 {
			t.Errorf("output not finite or above 1 (peak %g)", audiotest.Peak(x))
		}
	}
}

func TestSyncSawDoesNotAllocate(t *testing.T) {
	o := newSyncSaw(220, 700)
	buf := make([]float32, 256)
	if a := testing.AllocsPerRun(50, func() { o.Fill(buf) }); a != 0 {
		t.Errorf("Fill allocates %v times per call", a)
	}
	if a := testing.AllocsPerRun(50, func() { o.SetSlaveFrequency(800, testRate); o.Next() }); a != 0 {
		t.Errorf("SetSlaveFrequency and Next allocate %v times per call", a)
	}
}
