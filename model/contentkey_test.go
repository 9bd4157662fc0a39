package model_test

import (
	"testing"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/modeltest"
)

// A parsed widget carries a key of its text; equal texts share it, any
// edit through an operation ends it, a clone keeps it.
func TestContentKeyFollowsTheText(t *testing.T) {
	f, err := model.Parse([]byte(`{"description": "d", "initial_state": "Trigger", "flags": {"allow_concurrent_calls": true}, "states": [
		{"name": "Trigger", "type": "trigger", "transitions": [], "properties": {"offset": {"x": 0, "y": 0}}},
		{"name": "a", "type": "say-play", "transitions": [], "properties": {"say": "hi", "loop": 60}},
		{"name": "b", "type": "say-play", "transitions": [], "properties": {"say": "hi", "loop": 60.0}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	keys := map[uint64]string{}
	for _, s := range f.States() {
		k, ok := s.ContentKey()
		if !ok {
			t.Fatalf("%s: no key after parsing", s.Name())
		}
		if other, dup := keys[k]; dup {
			t.Errorf("%s and %s share a key", s.Name(), other)
		}
		keys[k] = s.Name()
	}
	same, _ := model.Parse([]byte(`{"states": [{"name": "a", "type": "say-play", "transitions": [], "properties": {"say": "hi", "loop": 60}}]}`))
	ka, _ := f.State("a").ContentKey()
	if k, _ := same.StateAt(0).ContentKey(); k != ka {
		t.Error("the same widget text in another file gets another key")
	}
	c := f.Clone()
	if k, ok := c.State("a").ContentKey(); !ok || k != ka {
		t.Error("a clone lost the key")
	}
	doc := model.NewDocument(f)
	if err := doc.Apply(model.SetProperty("a", "say", "bye")); err != nil {
		t.Fatal(err)
	}
	if _, ok := doc.Flow().State("a").ContentKey(); ok {
		t.Error("an edited widget keeps its parse key")
	}
	if _, ok := doc.Flow().State("b").ContentKey(); !ok {
		t.Error("an untouched widget lost its key")
	}
	if _, err := doc.Undo(); err != nil {
		t.Fatal(err)
	}
	if _, ok := doc.Flow().State("a").ContentKey(); ok {
		t.Error("an undone widget has a parse key")
	}
}

// Rewiring moves ShapeVersion on, undo too; a property edit does not.
func TestShapeVersionMovesOnGraphChanges(t *testing.T) {
	doc := model.NewDocument(modeltest.GenerateFlow(20))
	f := doc.Flow()
	v0 := f.ShapeVersion()
	if err := doc.Apply(model.SetProperty("w5", "say", "hello")); err != nil {
		t.Fatal(err)
	}
	if f.ShapeVersion() != v0 {
		t.Error("a property edit changed the shape version")
	}
	if err := doc.Apply(model.Connect("w5", 0, "w1")); err != nil {
		t.Fatal(err)
	}
	v1 := f.ShapeVersion()
	if v1 == v0 {
		t.Error("rewiring left the shape version as it was")
	}
	if _, err := doc.Undo(); err != nil {
		t.Fatal(err)
	}
	if f.ShapeVersion() == v1 || f.ShapeVersion() == v0 {
		t.Errorf("undo: shape version %d, want a new one (was %d, then %d)", f.ShapeVersion(), v0, v1)
	}
	if err := doc.Apply(model.ReplaceFlow(modeltest.GenerateFlow(5))); err != nil {
		t.Fatal(err)
	}
	if f.ShapeVersion() <= v1 {
		t.Errorf("a replaced flow's shape version went back to %d", f.ShapeVersion())
	}
}
