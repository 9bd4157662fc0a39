package model

import (
	"bytes"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/internal/testflows"
)

func loadFixture(t *testing.T, name string) *Flow {
	t.Helper()
	f, err := Parse(testflows.Read(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

const ivr = testflows.OrderIVR

// applyUndoRedo applies op, checks the flow changed, undoes it and checks the
// bytes are back exactly, then redoes it and checks the change is back.
func applyUndoRedo(t *testing.T, d *Document, op Op) (after []byte) {
	t.Helper()
	before := d.Flow().Marshal()
	wasDirty := d.Dirty()
	if err := d.Apply(op); err != nil {
		t.Fatalf("apply %s: %v", op.Label(), err)
	}
	after = d.Flow().Marshal()
	if bytes.Equal(before, after) {
		t.Fatalf("%s changed nothing", op.Label())
	}
	if ok, err := d.Undo(); !ok || err != nil {
		t.Fatalf("undo: %v %v", ok, err)
	}
	if got := d.Flow().Marshal(); !bytes.Equal(got, before) {
		t.Fatalf("undo of %s did not restore the flow:\n%s", op.Label(), firstDiff(before, got))
	}
	if d.Dirty() != wasDirty {
		t.Errorf("undo changed Dirty from %v to %v", wasDirty, d.Dirty())
	}
	if ok, err := d.Redo(); !ok || err != nil {
		t.Fatalf("redo: %v %v", ok, err)
	}
	if got := d.Flow().Marshal(); !bytes.Equal(got, after) {
		t.Fatalf("redo of %s did not re-apply it:\n%s", op.Label(), firstDiff(after, got))
	}
	return after
}

func TestMoveWidgetUndoRedo(t *testing.T) {
	d := NewDocument(loadFixture(t, ivr))
	applyUndoRedo(t, d, MoveWidget("order_no", 123.4, -56.6))
	x, y, ok := d.Flow().State("order_no").Offset()
	if !ok || x != 123 || y != -57 {
		t.Fatalf("offset = %v,%v,%v; want 123,-57", x, y, ok)
	}
}

func TestSetPropertyKeepsPlaceAndType(t *testing.T) {
	d := NewDocument(loadFixture(t, ivr))
	keys := d.Flow().State("order_no").Properties().Keys()
	applyUndoRedo(t, d, SetProperty("order_no", "say", "Enter your order number, then #."))
	if got := d.Flow().State("order_no").Properties().Keys(); strings.Join(got, ",") != strings.Join(keys, ",") {
		t.Fatalf("property order changed: %v -> %v", keys, got)
	}
	applyUndoRedo(t, d, SetProperty("order_no", "service_sid", "ZS123"))
	if v, _ := d.Flow().State("order_no").Property("service_sid"); v != "ZS123" {
		t.Fatalf("new property not set: %v", v)
	}
	applyUndoRedo(t, d, DeleteProperty("order_no", "say"))
	if d.Flow().State("order_no").Properties().Has("say") {
		t.Fatal("say still present")
	}
}

// Removing a property from a widget that has no properties object is an
// error the editor can show, not a crash.
func TestDeletePropertyOfAWidgetWithoutProperties(t *testing.T) {
	f, err := Parse([]byte(`{"description":"d","states":[{"name":"a","type":"say-play","transitions":[]}],"initial_state":"a","flags":{"allow_concurrent_calls":true}}`))
	if err != nil {
		t.Fatal(err)
	}
	d := NewDocument(f)
	err = d.Apply(DeleteProperty("a", "say"))
	if err == nil || !strings.Contains(err.Error(), `widget "a" has no property "say"`) {
		t.Fatalf("got %v, want the widget has no property say", err)
	}
	if d.Flow().State("a").Raw().Has("properties") {
		t.Fatal("the failed removal left a properties object behind")
	}
}

func TestConnectAndDisconnectFollowFileStyle(t *testing.T) {
	// Real exports leave "next" out when unconnected and write it first.
	d := NewDocument(loadFixture(t, ivr))
	applyUndoRedo(t, d, Connect("Trigger", 0, "order_no"))
	tr, _ := transitionObject(d.Flow().State("Trigger"), 0)
	if k := tr.Keys(); k[0] != "next" || tr.Len() != 2 {
		t.Fatalf("connected transition keys = %v; want next first", k)
	}
	applyUndoRedo(t, d, Disconnect("Trigger", 1))
	tr, _ = transitionObject(d.Flow().State("Trigger"), 1)
	if tr.Has("next") {
		t.Fatal("disconnect in an export-style flow must drop next")
	}

	// The documentation's samples write "next": null; keep that style.
	b := NewDocument(NewBlankFlow())
	if err := b.Apply(AddWidget(NewObject(Member{"name", "say_play_1"}, Member{"type", "say-play"}, Member{"transitions", []any{}}, Member{"properties", NewObject()}), -1)); err != nil {
		t.Fatal(err)
	}
	applyUndoRedo(t, b, Connect("Trigger", 1, "say_play_1"))
	applyUndoRedo(t, b, Disconnect("Trigger", 1))
	tr, _ = transitionObject(b.Flow().State("Trigger"), 1)
	if v, ok := tr.Get("next"); !ok || v != nil {
		t.Fatalf("disconnect in a null-style flow must write next: null, got %v %v", v, ok)
	}
	if err := b.Apply(Connect("Trigger", 1, "nope")); err == nil {
		t.Fatal("connecting to a missing widget must fail")
	}
}

func TestRenameUpdatesTransitionsAndLiquid(t *testing.T) {
	d := NewDocument(loadFixture(t, ivr))
	var got Change
	cancel := d.Subscribe(func(c Change) { got = c })
	defer cancel()
	after := applyUndoRedo(t, d, RenameWidget("order_lookup", "find_order"))
	if strings.Contains(string(after), "order_lookup") {
		t.Fatalf("old name still mentioned:\n%s", after)
	}
	if !got.Redo || len(got.Renamed) != 1 || got.Renamed[0] != (Rename{"order_lookup", "find_order"}) {
		t.Fatalf("change = %+v", got)
	}
	if v := d.Flow().State("forward_call").StringProperty("to"); v != "{{widgets.find_order.body}}" {
		t.Fatalf("liquid reference not renamed: %q", v)
	}
	if next, _ := d.Flow().State("order_no").Next("keypress"); next != "find_order" {
		t.Fatalf("transition not renamed: %q", next)
	}
	for _, bad := range []string{"", "1abc", "has space", "a.b", "Trigger"} {
		if err := d.Apply(RenameWidget("find_order", bad)); err == nil {
			t.Errorf("rename to %q accepted", bad)
		}
	}
}

func TestRenameRewritesConditionsAndInitialState(t *testing.T) {
	d := NewDocument(loadFixture(t, testflows.Handoff))
	applyUndoRedo(t, d, RenameWidget("Trigger", "Start"))
	if d.Flow().InitialState() != "Start" {
		t.Fatalf("initial_state = %q", d.Flow().InitialState())
	}
}

func TestRewriteWidgetRefs(t *testing.T) {
	cases := []struct{ in, want string }{
		{"{{widgets.a.body}}", "{{widgets.b.body}}"},
		{"{{ widgets.a | to_json }}", "{{ widgets.b | to_json }}"},
		{"{{widgets.ab.body}}", "{{widgets.ab.body}}"},
		{"{{widgets.a_1}}", "{{widgets.a_1}}"},
		{"widgets.a outside markup", "widgets.a outside markup"},
		{`{% if widgets["a"].x %}y{% endif %}`, `{% if widgets["b"].x %}y{% endif %}`},
		{"{{widgets.a}} and {{widgets.a.x}} {{flow.a}}", "{{widgets.b}} and {{widgets.b.x}} {{flow.a}}"},
		{"{{widgets.a", "{{widgets.a"},
	}
	for _, c := range cases {
		if got := RewriteWidgetRefs(c.in, "a", "b"); got != c.want {
			t.Errorf("RewriteWidgetRefs(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

func TestRemoveWidgetsClearsIncomingAndUndoes(t *testing.T) {
	d := NewDocument(loadFixture(t, ivr))
	applyUndoRedo(t, d, RemoveWidgets("order_lookup"))
	f := d.Flow()
	if f.State("order_lookup") != nil {
		t.Fatal("widget still present")
	}
	for _, s := range f.States() {
		for _, tr := range s.Transitions() {
			if tr.Next == "order_lookup" {
				t.Fatalf("%s still points at the deleted widget", s.Name())
			}
		}
	}
	if err := d.Apply(RemoveWidgets("Trigger")); err == nil {
		t.Fatal("deleting the trigger must be refused")
	}
}

func TestAddWidgetRefusesDuplicatesAndBadNames(t *testing.T) {
	d := NewDocument(loadFixture(t, ivr))
	w := func(name string) *Object {
		return NewObject(Member{"name", name}, Member{"type", "say-play"}, Member{"transitions", []any{}}, Member{"properties", NewObject()})
	}
	name := FreshName(d.Flow(), "say_play")
	if d.Flow().State(name) != nil {
		t.Fatalf("FreshName gave a name in use: %q", name)
	}
	applyUndoRedo(t, d, AddWidget(w(name), 2))
	if d.Flow().StateAt(2).Name() != name {
		t.Fatalf("inserted at wrong place: %q", d.Flow().StateAt(2).Name())
	}
	if err := d.Apply(AddWidget(w("order_no"), -1)); err == nil {
		t.Fatal("duplicate name accepted")
	}
	if err := d.Apply(AddWidget(w("bad name"), -1)); err == nil {
		t.Fatal("bad name accepted")
	}
}

func TestBatchIsAtomic(t *testing.T) {
	d := NewDocument(loadFixture(t, ivr))
	before := d.Flow().Marshal()
	err := d.Apply(Batch("two moves", MoveWidget("order_no", 1, 1), MoveWidget("missing", 2, 2)))
	if err == nil {
		t.Fatal("batch with a failing op succeeded")
	}
	if !bytes.Equal(before, d.Flow().Marshal()) {
		t.Fatal("failed batch left changes behind")
	}
	if _, ok := d.CanUndo(); ok {
		t.Fatal("failed batch was recorded in history")
	}
	applyUndoRedo(t, d, Batch("two moves", MoveWidget("order_no", 1, 1), MoveWidget("say_play_1", 2, 2)))
}

func TestCoalescedMovesUndoAsOneStep(t *testing.T) {
	d := NewDocument(loadFixture(t, ivr))
	before := d.Flow().Marshal()
	for i := 0; i < 10; i++ {
		if err := d.ApplyCoalesced(MoveWidget("order_no", float64(i*10), 0), "drag"); err != nil {
			t.Fatal(err)
		}
	}
	if x, _, _ := d.Flow().State("order_no").Offset(); x != 90 {
		t.Fatalf("x = %v", x)
	}
	if ok, _ := d.Undo(); !ok {
		t.Fatal("nothing to undo")
	}
	if !bytes.Equal(before, d.Flow().Marshal()) {
		t.Fatal("one undo did not revert the whole drag")
	}
	if _, ok := d.CanUndo(); ok {
		t.Fatal("drag left more than one undo step")
	}
}

func TestDirtyTracking(t *testing.T) {
	d := NewDocument(NewBlankFlow())
	if d.Dirty() {
		t.Fatal("new document is dirty")
	}
	_ = d.Apply(SetFlowField("description", "x"))
	if !d.Dirty() {
		t.Fatal("not dirty after an edit")
	}
	d.MarkSaved()
	_, _ = d.Undo()
	if !d.Dirty() {
		t.Fatal("undo past the save must be dirty")
	}
	_ = d.Apply(SetFlowField("description", "y"))
	// The saved state ("x") is now unreachable by redo.
	_, _ = d.Undo()
	if !d.Dirty() {
		t.Fatal("document claims to be clean at a state that was never saved")
	}
}

func TestReplaceFlowUndo(t *testing.T) {
	d := NewDocument(loadFixture(t, ivr))
	applyUndoRedo(t, d, ReplaceFlow(NewBlankFlow()))
	if d.Flow().Len() != 1 {
		t.Fatalf("len = %d", d.Flow().Len())
	}
}

func TestValidateNameAndFreshName(t *testing.T) {
	for _, ok := range []string{"a", "send_message_1", "A-b_9"} {
		if err := ValidateName(ok); err != nil {
			t.Errorf("%q rejected: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "_a", "9a", "a b", "a.b", "é"} {
		if err := ValidateName(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	d := NewDocument(NewBlankFlow())
	for i := 1; i <= 3; i++ {
		name := FreshName(d.Flow(), "send_message")
		if want := "send_message_" + itoa(i); name != want {
			t.Fatalf("FreshName = %q; want %q", name, want)
		}
		_ = d.Apply(AddWidget(NewObject(Member{"name", name}, Member{"type", "send-message"}), -1))
	}
}

func TestObjectRangeAndMemberAt(t *testing.T) {
	o := NewObject(Member{"a", "1"}, Member{"b", Int(2)}, Member{"c", nil})
	var keys []string
	o.Range(func(k string, v any) bool {
		keys = append(keys, k)
		return k != "b"
	})
	if strings.Join(keys, ",") != "a,b" {
		t.Fatalf("Range visited %v; want a,b (stopping after b)", keys)
	}
	if m := o.MemberAt(1); m.Key != "b" || m.Value != Int(2) {
		t.Fatalf("MemberAt(1) = %+v", m)
	}
	var nilObj *Object
	nilObj.Range(func(string, any) bool { t.Fatal("nil object has members"); return true })
}
