package layout

import (
	"testing"

	"github.com/studioflow/studioflow/model"
)

func TestNeedsLayout(t *testing.T) {
	for _, fx := range fixtures(t) {
		t.Run(fx.name, func(t *testing.T) {
			if NeedsLayout(fx.flow) {
				t.Error("a flow placed in Studio was judged to need a layout")
			}
			var piled, unplaced []model.Op
			all := map[string]model.Position{}
			for _, s := range fx.flow.States() {
				all[s.Name()] = model.Position{}
				unplaced = append(unplaced, model.DeleteProperty(s.Name(), "offset"))
			}
			piled = append(piled, model.MoveWidgets(all))
			if f := applied(t, fx.flow, piled...); NeedsLayout(f) != (f.Len() > 1) {
				t.Errorf("all %d widgets at 0,0: NeedsLayout = %v", f.Len(), NeedsLayout(f))
			}
			f := applied(t, fx.flow, unplaced...)
			if !NeedsLayout(f) {
				t.Error("no widget has an offset, yet no layout is needed")
			}
			if NeedsLayout(applied(t, f, Op(f, Options{}))) {
				t.Error("still needs a layout after its layout")
			}
			half := unplaced[:len(unplaced)/2]
			if NeedsLayout(applied(t, fx.flow, half...)) {
				t.Errorf("%d of %d widgets without offsets should keep the author's layout", len(half), f.Len())
			}
			if more := unplaced[:len(unplaced)/2+1]; NeedsLayout(applied(t, fx.flow, more...)) != true {
				t.Errorf("%d of %d widgets without offsets should need a layout", len(more), f.Len())
			}
		})
	}
}

func TestNeedsLayoutOnStackedWidgets(t *testing.T) {
	f := mustParse(t, `{"states": [
		{"name": "Trigger", "type": "trigger", "transitions": [], "properties": {"offset": {"x": 0, "y": 0}}},
		{"name": "a", "type": "set-variables", "transitions": [], "properties": {"offset": {"x": 400, "y": 0}}},
		{"name": "b", "type": "set-variables", "transitions": [], "properties": {"offset": {"x": 410, "y": 10}}},
		{"name": "c", "type": "set-variables", "transitions": [], "properties": {"offset": {"x": 420, "y": 20}}},
		{"name": "d", "type": "set-variables", "transitions": [], "properties": {"offset": {"x": 1000, "y": 0}}}
	]}`)
	if !NeedsLayout(f) {
		t.Error("three of five widgets overlapping: want a layout")
	}
	g := applied(t, f, model.MoveWidget("c", 700, 0))
	if NeedsLayout(g) {
		t.Error("two of five widgets overlapping: the author's layout should stay")
	}
	if NeedsLayout(model.NewBlankFlow()) {
		t.Error("the blank flow's lone trigger at 0,0 needs no layout")
	}
	if NeedsLayout(mustParse(t, `{"states": []}`)) {
		t.Error("an empty flow needs no layout")
	}
}

func applied(t *testing.T, f *model.Flow, ops ...model.Op) *model.Flow {
	t.Helper()
	doc := model.NewDocument(f.Clone())
	for _, op := range ops {
		if err := doc.Apply(op); err != nil {
			t.Fatalf("%s: %v", op.Label(), err)
		}
	}
	return doc.Flow()
}
