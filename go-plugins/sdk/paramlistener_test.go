package sdk

import (
	"fmt"
	"math"
	"reflect"
	"testing"
)

// listenVoice logs its NoteOns and ParamChanged calls, and checks in every chunk that
// ParamChanged has already told it each value it renders with. It plays its Gain.
type listenVoice struct {
	ctx      *Context
	held     bool
	rendered int // frames since NoteOn
	log      []string
	told     map[string]float32 // the last value ParamChanged gave, per parameter
	untold   []string           // chunks rendered with a value ParamChanged had not given
}

func (v *listenVoice) NoteOn(note int, velocity float32) {
	v.held, v.rendered = true, 0
	v.log = append(v.log, fmt.Sprintf("NoteOn %d", note))
}
func (v *listenVoice) NoteOff()   { v.held = false }
func (v *listenVoice) Done() bool { return !v.held }

func (v *listenVoice) ParamChanged(p *ParamValue) {
	v.told[p.Name()] = p.Value()
	when := "while silent"
	if v.held {
		when = fmt.Sprintf("at %d", v.rendered)
	}
	v.log = append(v.log, fmt.Sprintf("ParamChanged %s=%g %s", p.Name(), p.Value(), when))
}

func (v *listenVoice) Render(out []float32) {
	for _, name := range []string{"Gain", "Tone"} {
		if got := v.ctx.Param(name).Value(); got != v.told[name] {
			v.untold = append(v.untold, fmt.Sprintf("%s=%g at %d", name, got, v.rendered))
		}
	}
	for i := range out {
		out[i] = v.ctx.Param("Gain").Value()
	}
	v.rendered += len(out)
}

func paramEvent(frame uint64, index uint32, value float32) cEvent {
	e := noteOnEvent(frame, 0, 0)
	e._type = cUint(eventParamChange)
	e.param_index = cUint(index)
	e.param_value = cFloat(value)
	return e
}

// ParamChanged comes once for each target that moves, before the chunk that renders with
// it; a value set again, or clamped to the value the voice already has, calls nothing. A
// change made while the voice is silent comes at its next note's start, before NoteOn.
func TestParamChangedComesOnceForEachMoveBeforeTheChunkThatUsesIt(t *testing.T) {
	var v *listenVoice
	inst := Instrument{
		Name:      "listen",
		Params:    []Param{{Name: "Gain", Min: 0, Max: 2, Default: 1}, {Name: "Tone", Min: 0, Max: 1}},
		Polyphony: 1,
		New: func(ctx *Context) Voice {
			v = &listenVoice{ctx: ctx, told: map[string]float32{"Gain": 1, "Tone": 0}}
			return v
		},
	}
	rig := startLockstep(t, inst, 1)
	rig.tr.push(noteOnEvent(0, 64, 100))
	rig.tr.push(paramEvent(200, 0, 1.5))
	rig.tr.push(paramEvent(300, 0, 1.5)) // the same again
	rig.tr.push(paramEvent(400, 0, 5))   // clamped to 2
	rig.tr.push(paramEvent(450, 0, 7))   // clamped to 2 again: no move
	rig.tr.push(paramEvent(460, 0, float32(math.NaN())))
	rig.tr.push(noteOffEvent(500, 64)) // Done at once: the slot is free from frame 512
	for i := 0; i < 5; i++ {
		rig.block(128)
	}
	rig.tr.push(paramEvent(700, 1, 0.5))
	rig.tr.push(noteOnEvent(760, 65, 100))
	rig.block(128)
	rig.block(128)
	want := []string{
		"NoteOn 64",
		"ParamChanged Gain=1.5 at 200",
		"ParamChanged Gain=2 at 400",
		"ParamChanged Tone=0.5 while silent",
		"NoteOn 65",
	}
	if !reflect.DeepEqual(v.log, want) {
		t.Fatalf("the voice heard\n%q\nwant\n%q", v.log, want)
	}
	if len(v.untold) > 0 {
		t.Fatalf("chunks rendered with values ParamChanged had not given: %q", v.untold)
	}
	if out := rig.out[0]; out[199] != 1 || out[200] != 1.5 || out[399] != 1.5 || out[400] != 2 {
		t.Fatalf("the new values are not rendered from their frames: %v %v %v %v",
			out[199], out[200], out[399], out[400])
	}
}
