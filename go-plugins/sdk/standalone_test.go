package sdk

import "testing"

func TestStandaloneContextServesDefaultsAndClampsChanges(t *testing.T) {
	inst := Instrument{Name: "x", Params: []Param{{Name: "Cutoff", Min: 20, Max: 20000, Default: 1000}}}
	ctx := NewStandaloneContext(inst, 48000)
	if v := ctx.Param("cutoff").Value(); v != 1000 {
		t.Fatalf("default %v, want 1000", v)
	}
	ctx.SetParam("Cutoff", 1e9)
	if v := ctx.Param("Cutoff").Value(); v != 20000 {
		t.Fatalf("after setting 1e9: %v, want the maximum 20000", v)
	}
	if hz := ctx.NoteHz(69); hz != 440 {
		t.Fatalf("A4 at %v Hz", hz)
	}
}
