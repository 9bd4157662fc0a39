package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/schemas"
)

// A problem row says where in the user's terms; hovering shows the whole
// message however long; the pointer stays one right-click away.
func TestProblemRowsSayWhereInUserTermsAndShowWholeMessagesOnHover(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: exampleFlow(t)})
	long := "the Answered transition leads nowhere, so a call that is answered ends here " + strings.Repeat("and nothing else happens ", 8)
	d := schemas.Diagnostic{Severity: schemas.Error, Widget: "call_user_1", Path: "/states/3/transitions/0/next", Message: long}
	e.diagnosticsChanged([]schemas.Diagnostic{d})

	row := newProblemRow(e.problems)
	row.show(0, d, e.problems.where(d))
	if got, want := row.where.Text, "call_user_1 · next of the 'Answered' transition"; got != want {
		t.Errorf("where %q, want %q", got, want)
	}
	said := schemas.Diagnostic{Widget: "call_user_1", Path: d.Path, Message: "next of the 'Answered' transition must be text"}
	if got := e.problems.where(said); got != "call_user_1" {
		t.Errorf("where %q repeats the place the message names", got)
	}
	if strings.Contains(row.where.Text, "/states") {
		t.Error("the row shows a JSON pointer")
	}
	test.NewTempWindow(t, row).Resize(fyne.NewSize(400, 40))
	row.MouseIn(&desktop.MouseEvent{})
	if got := e.tips.Text(); !strings.Contains(got, long) {
		t.Errorf("hover shows %q, not the whole message", got)
	}
	if n := len(wrapText(e.tips.Text(), 12, maxTipWidth)); n < 2 {
		t.Errorf("a %d-character message is %d line(s) in its tip", len(long), n)
	}
	row.MouseOut()
	if e.tips.Text() != "" {
		t.Error("the tip stays after the pointer left")
	}
}

func TestInspectorSubtitleShowsNoTypeIds(t *testing.T) {
	cat := loadCatalog(t)
	for _, typ := range []string{"send-message", "set-variables", "trigger", "make-http-request"} {
		wt, ok := cat.Lookup(typ)
		if !ok {
			t.Fatalf("no %s in the catalog", typ)
		}
		if got := typeSubtitle(wt, true, typ); strings.Contains(got, typ) || !strings.Contains(got, string(wt.Category)) {
			t.Errorf("%s: subtitle %q", typ, got)
		}
	}
}

// A long problem wraps in the Problems list: its row is as tall as its
// wrapped message, so the whole message shows, and a short one keeps one
// line.
func TestLongProblemsWrapInTheList(t *testing.T) {
	test.NewTempApp(t)
	p := NewProblems()
	long := "the Answered transition leads nowhere, so a call that is answered ends here " + strings.Repeat("and nothing else happens ", 8)
	p.SetDiagnostics([]schemas.Diagnostic{
		{Severity: schemas.Error, Widget: "call_user_1", Message: long},
		{Severity: schemas.Warning, Widget: "say_1", Message: "Say is empty"},
	})
	w := test.NewTempWindow(t, p.Object())
	w.Resize(fyne.NewSize(520, 400))

	rows := map[string]*problemRow{}
	for _, o := range test.LaidOutObjects(w.Canvas().Content()) {
		if r, ok := o.(*problemRow); ok && r.Visible() && r != p.measure {
			rows[r.d.Widget] = r
		}
	}
	longRow, shortRow := rows["call_user_1"], rows["say_1"]
	if longRow == nil || shortRow == nil {
		t.Fatalf("rows shown: %v", rows)
	}
	if longRow.message.Truncation != fyne.TextTruncateOff {
		t.Error("the message is still cut with …")
	}
	msg := longRow.message
	if msg.Size().Height < msg.MinSize().Height {
		t.Errorf("the long message needs %v high but its row gives it %v: it is cut", msg.MinSize().Height, msg.Size().Height)
	}
	if lines := longRow.Size().Height / shortRow.Size().Height; lines < 2.5 {
		t.Errorf("the long row is %v high, the short one %v: the message does not wrap", longRow.Size().Height, shortRow.Size().Height)
	}
	if shortRow.Size().Height > shortRow.MinSize().Height+1 {
		t.Errorf("a one-line row is %v high, more than its %v", shortRow.Size().Height, shortRow.MinSize().Height)
	}

	// Narrower, the long row grows taller.
	before := longRow.Size().Height
	w.Resize(fyne.NewSize(380, 400))
	if after := longRow.Size().Height; after <= before {
		t.Errorf("narrowed, the long row is %v high, was %v", after, before)
	}
}

// A click on a problem row chooses it. The row takes right-clicks and
// hovers, so the desktop driver hands it the click rather than the list
// item behind it: the row must act on the click itself.
func TestClickingAProblemRowChoosesIt(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: exampleFlow(t)})
	ds := []schemas.Diagnostic{
		{Severity: schemas.Warning, Widget: "Trigger", Path: "/states/0", Message: "first"},
		{Severity: schemas.Error, Widget: "call_user_1", Path: "/states/3/transitions/0/next", Message: "second"},
	}
	e.problems.SetDiagnostics(ds)
	var chosen []string
	e.problems.OnChoose = func(d schemas.Diagnostic) { chosen = append(chosen, d.Message) }
	row := newProblemRow(e.problems)
	e.problems.list.UpdateItem(1, row)
	tappable, ok := any(row).(fyne.Tappable)
	if !ok {
		t.Fatal("a problem row does not take a click")
	}
	tappable.Tapped(&fyne.PointEvent{})
	if len(chosen) != 1 || chosen[0] != "second" {
		t.Errorf("clicking the second row chose %q", chosen)
	}
}

// A row shows its whole message beside its heading after the list shows
// other problems in it: rows are reused, and one laid out for a short
// heading ("say_1") then given a long one ("get_celebrity_match · …")
// moved its message over the heading and measured it at the old width,
// cutting its last line.
func TestReusedProblemRowsShowTheirWholeMessage(t *testing.T) {
	test.NewTempApp(t)
	p := NewProblems()
	message := "url is empty: there is nothing to call; the widget takes fail when it runs"
	short := []schemas.Diagnostic{{Severity: schemas.Warning, Widget: "say_1", Message: message}}
	w := test.NewTempWindow(t, p.Object())
	w.Resize(fyne.NewSize(760, 300))
	p.SetDiagnostics(short)
	long := []schemas.Diagnostic{{Severity: schemas.Warning, Widget: "get_celebrity_match_for_the_sign_given", Message: message}}
	p.SetDiagnostics(long)
	shown := 0
	for _, o := range test.LaidOutObjects(w.Canvas().Content()) {
		r, ok := o.(*problemRow)
		if !ok || !r.Visible() || r == p.measure || r.d.Widget != long[0].Widget {
			continue
		}
		shown++
		where, msg := r.where, r.message
		whereEnd := where.Position().X + where.Size().Width
		if where.Size().Width < where.MinSize().Width {
			t.Errorf("the heading %q needs %v wide and has %v", where.Text, where.MinSize().Width, where.Size().Width)
		}
		if at := msg.Position().X; at < whereEnd {
			t.Errorf("the message starts at %v, over the heading that ends at %v", at, whereEnd)
		}
		if end := msg.Position().X + msg.Size().Width; end > r.Size().Width+0.5 {
			t.Errorf("the message ends at %v, past its %v-wide row", end, r.Size().Width)
		}
		if msg.Size().Height < msg.MinSize().Height || r.Size().Height < msg.Position().Y+msg.MinSize().Height {
			t.Errorf("the message needs %v high (from %v) and its row is %v: it is cut", msg.MinSize().Height, msg.Position().Y, r.Size().Height)
		}
	}
	if shown != 1 {
		t.Fatalf("%d rows show %s's problem", shown, long[0].Widget)
	}
}
