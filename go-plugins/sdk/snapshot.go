package sdk

import (
	"fmt"
	"reflect"
)

// Snapshotter is optional, for a voice whose state the SDK cannot copy by itself (it holds
// slices, maps, or pointers other than its *Context and *ParamValue). It lets the SDK
// apply a note-off, a bend, a controller or a parameter change at its frame even when the
// voice has already rendered past that frame (rollback): the SDK saves the voice's state
// every few hundred frames and, when a change arrives for a frame it has rendered,
// restores the last state before it and renders again from there.
//
// SaveState(slot) saves everything Render reads or changes into slot `slot`, in
// [0, Context.SnapshotSlots()); RestoreState(slot) puts it back exactly, so that rendering
// again gives the same samples. Both run on the voice's goroutine, between chunks, often:
// reuse the slot's memory (copy into what the slot already holds) instead of allocating.
// A voice with neither plain-value state nor this interface still plays; its changes
// wait for what is in the ring (ring latency), and the app says so.
type Snapshotter interface {
	SaveState(slot int)
	RestoreState(slot int)
}

// SnapshotSlots is how many saved states a Snapshotter keeps at most (one per slot). The
// last slot holds the voice as New made it, restored before each new note (Resetter).
func (c *Context) SnapshotSlots() int { return c.snapshotSlots }

// voiceCopier saves and restores a voice that is a pointer to a struct of plain values by
// copying the struct: no code in the voice. The copies are made once, when the voice is
// made, so saving and restoring never allocate.
type voiceCopier struct {
	live  reflect.Value   // the voice's struct, addressable
	saved []reflect.Value // one struct per slot
}

func newVoiceCopier(v Voice, slots int) *voiceCopier {
	live := reflect.ValueOf(v).Elem()
	c := &voiceCopier{live: live, saved: make([]reflect.Value, slots)}
	for i := range c.saved {
		c.saved[i] = reflect.New(live.Type()).Elem()
	}
	return c
}

func (c *voiceCopier) SaveState(slot int)    { c.saved[slot].Set(c.live) }
func (c *voiceCopier) RestoreState(slot int) { c.live.Set(c.saved[slot]) }

// sdkPointers are the pointer types a copied voice may hold: they point at what the SDK
// saves itself (the voice's Context, its parameters), so copying the pointer is right.
var sdkPointers = map[reflect.Type]bool{
	reflect.TypeOf((*Context)(nil)):    true,
	reflect.TypeOf((*ParamValue)(nil)): true,
}

// whyNotCopyable says why copying v's struct would not save its state; "" if it would.
func whyNotCopyable(v Voice) string {
	t := reflect.TypeOf(v)
	if t.Kind() != reflect.Ptr || t.Elem().Kind() != reflect.Struct {
		return fmt.Sprintf("the voice is a %s, not a pointer to a struct", t)
	}
	return plainValue(t.Elem(), t.Elem().Name())
}

// plainValue finds the first part of type t (named `path`) that a copy would share rather
// than duplicate.
func plainValue(t reflect.Type, path string) string {
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128, reflect.String:
		return ""
	case reflect.Array:
		return plainValue(t.Elem(), path+"[]")
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if why := plainValue(f.Type, path+"."+f.Name); why != "" {
				return why
			}
		}
		return ""
	case reflect.Ptr:
		if sdkPointers[t] {
			return ""
		}
	}
	return fmt.Sprintf("%s is a %s", path, kindName(t))
}

func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Ptr:
		return "pointer (" + t.String() + ")"
	case reflect.Interface:
		return "interface (" + t.String() + ")"
	}
	return t.Kind().String()
}
