package dsp_test

import "testing"

// Process in any chunking must give exactly the samples Next gives.
func TestProcessInChunksMatchesNext(t *testing.T) {
	const n = 9000
	in := testInput(n)
	for _, u := range units {
		ref := make([]float32, n)
		r := u.new()
		for i := range ref {
			if i == n/2 {
				r.event()
			}
			ref[i] = r.next(in[i])
		}
		for _, chunks := range [][]int{{479}, {1}, {2048}, {479, 1, 2048, 3, 64}} {
			c := u.new()
			out := make([]float32, n)
			pos, k := 0, 0
			for pos < n {
				size := chunks[k%len(chunks)]
				k++
				end := pos + size
				if end > n {
					end = n
				}
				if pos < n/2 && end > n/2 { // split the chunk at the event
					end = n / 2
				}
				if pos == n/2 {
					c.event()
				}
				c.process(out[pos:end], in[pos:end])
				pos = end
			}
			for i := range ref {
				if out[i] != ref[i] {
					t.Errorf("%s in chunks of %v: sample %d is %v, sample by sample gives %v", u.name, chunks, i, out[i], ref[i])
					break
				}
			}
		}
	}
}

// In-place processing (dst and src the same slice) gives the same result.
func TestFiltersProcessInPlace(t *testing.T) {
	in := testInput(3000)
	for _, u := range units {
		a, b := u.new(), u.new()
		want := make([]float32, len(in))
		a.process(want, in)
		buf := append([]float32(nil), in...)
		b.process(buf, buf)
		for i := range want {
			if buf[i] != want[i] {
				t.Errorf("%s in place: sample %d differs", u.name, i)
				break
			}
		}
	}
}
