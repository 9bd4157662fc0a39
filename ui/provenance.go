package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui/kbd"
)

// liquidAssist makes the Liquid references in an inspector text field
// links: Ctrl+click (or the field's right-click menu) jumps to the widget
// that produces the value, references with no origin there are marked
// under the field, Find Usages lists where a widget, variable or flow.data
// key is used, and Ctrl+Space (or typing {{) offers what exists at the
// widget (schemas.Complete).
type liquidAssist struct {
	e      *Editor
	widget string // the widget whose field this is
	field  *textField
	marks  *widget.Label // the field's reference problems
	// hovering is true while the field's tip shows a reference's value;
	// at is where the pointer was then (relative to the field).
	hovering bool
	at       fyne.Position
	// tip is the last tip worked out (tipAt), for the same key.
	tip struct {
		key  tipKey
		text string
		ok   bool
	}
}

// attachLiquidAssist equips the text fields of widget's inspector rows.
func (e *Editor) attachLiquidAssist(widgetName string, rows []*fieldRow) {
	e.assists = nil
	if widgetName == "" {
		return
	}
	for _, r := range rows {
		tf, ok := r.focus.(*textField)
		if !ok || tf.assist != nil {
			continue
		}
		marks := widget.NewLabel("")
		marks.Importance = widget.WarningImportance
		marks.Wrapping = fyne.TextWrapWord
		marks.SizeName = theme.SizeNameCaptionText
		a := &liquidAssist{e: e, widget: widgetName, field: tf, marks: marks}
		tf.assist = a
		e.assists = append(e.assists, a)
		if box, ok := r.box.(*fyne.Container); ok {
			box.Add(a.marks)
		}
		prev := tf.OnChanged
		tf.OnChanged = func(s string) {
			if prev != nil {
				prev(s)
			}
			a.mark()
			a.refreshTip()
			if strings.HasSuffix(a.beforeCursor(), "{{") {
				a.offer()
			}
		}
		a.mark()
	}
}

// setLastRun keeps the simulator's last run and shows its values under
// the Liquid fields on show.
func (e *Editor) setLastRun(x *engine.Execution) {
	e.lastRun = x
	for _, a := range e.assists {
		a.mark()
	}
}

// mark lists, under the field, after a simulator run, the values its
// references had when the widget ran. References that read nothing here
// are the validator's findings, shown with the field's other problems.
func (a *liquidAssist) mark() {
	var lines []string
	ctx := runContextAt(a.e.lastRun, a.widget)
	seen := map[string]bool{}
	for _, r := range schemas.References(a.field.Text) {
		if ctx != nil && !seen[r.Path] {
			seen[r.Path] = true
			if v, ok := lookupDotted(ctx, r.Path); ok {
				lines = append(lines, fmt.Sprintf("last run: {{%s}} = %s", r.Path, truncate(engine.Text(v), 80)))
			}
		}
	}
	a.marks.SetText(strings.Join(lines, "\n"))
	if len(lines) == 0 {
		a.marks.Hide()
	} else {
		a.marks.Show()
	}
}

// cursorOffset is the byte offset of the entry's cursor in its text. The
// entry counts its cursor row among the rows it draws, which wrapping
// makes more than the text's lines; before it is drawn, rows are lines.
func (a *liquidAssist) cursorOffset() int {
	var rows []string
	for _, r := range drawnRows(a.field) {
		rows = append(rows, r.text)
	}
	if off, ok := rowColOffset(a.field.Text, rows, a.field.CursorRow, a.field.CursorColumn); ok {
		return off
	}
	off, _ := rowColOffset(a.field.Text, strings.Split(a.field.Text, "\n"), a.field.CursorRow, a.field.CursorColumn)
	return off
}

func (a *liquidAssist) beforeCursor() string { return a.field.Text[:a.cursorOffset()] }

// jumpAtCursor goes to the origin of the reference under the cursor.
func (a *liquidAssist) jumpAtCursor() {
	if r, ok := schemas.ReferenceAt(a.field.Text, a.cursorOffset()); ok {
		a.jump(r)
	}
}

// jump selects the widget a reference comes from (for a variable set in
// several places, the first that runs before this widget) and reveals it.
func (a *liquidAssist) jump(r schemas.Reference) {
	src := schemas.Provenance(a.e.doc.Flow(), a.e.cat, a.widget, r)
	target := ""
	for _, o := range src.Origins {
		if target == "" || o.Upstream {
			target = o.Widget
			if o.Upstream {
				break
			}
		}
	}
	if target == "" {
		a.e.showError(fmt.Errorf("{{%s}} comes from nowhere: %s", r.Path, src.Problem))
		return
	}
	a.e.selectWidgets([]string{target})
	a.e.canvas.Reveal(target)
	a.e.status.SetText(fmt.Sprintf("{{%s}} comes from %s", r.Path, target))
}

// menu is the field's right-click menu: a jump and Find Usages per
// reference, completion, then the usual editing items.
func (a *liquidAssist) menu() *fyne.Menu {
	var items []*fyne.MenuItem
	seen := map[string]bool{}
	for _, r := range schemas.References(a.field.Text) {
		if seen[r.Path] {
			continue
		}
		seen[r.Path] = true
		ref := r
		items = append(items, fyne.NewMenuItem("Go to Origin of {{"+r.Path+"}}", func() { a.jump(ref) }))
		kind, name := ref.Kind, ref.Name
		items = append(items, fyne.NewMenuItem("Find Usages of "+usageSubject(kind, name), func() { a.e.showUsages(kind, name) }))
	}
	items = append(items, fyne.NewMenuItem("Find Usages of "+a.widget, func() { a.e.showUsages(schemas.RefWidget, a.widget) }))
	items = append(items, fyne.NewMenuItem("Complete (Ctrl+Space)", a.complete), fyne.NewMenuItemSeparator())
	field := a.field
	items = append(items,
		fyne.NewMenuItem("Cut", func() { field.Entry.TypedShortcut(&fyne.ShortcutCut{Clipboard: a.e.app.Clipboard()}) }),
		fyne.NewMenuItem("Copy", func() { field.Entry.TypedShortcut(&fyne.ShortcutCopy{Clipboard: a.e.app.Clipboard()}) }),
		fyne.NewMenuItem("Paste", func() { field.Entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: a.e.app.Clipboard()}) }),
		fyne.NewMenuItem("Select All", func() { field.Entry.TypedShortcut(&fyne.ShortcutSelectAll{}) }))
	return fyne.NewMenu("", items...)
}

func usageSubject(kind schemas.RefKind, name string) string {
	switch kind {
	case schemas.RefVariable:
		return "flow.variables." + name
	case schemas.RefData:
		if name == "" {
			return "flow.data"
		}
		return "flow.data." + name
	case schemas.RefTrigger:
		return "trigger." + name
	}
	return name
}

// offer names, in the status line, what completion would list here. It
// never opens the completion menu by itself: a menu takes the keyboard, and
// the rest of what the user types would go to it instead of the field.
func (a *liquidAssist) offer() {
	c := schemas.Complete(a.e.doc.Flow(), a.e.cat, a.widget, a.beforeCursor())
	if len(c.Candidates) == 0 {
		return
	}
	const most = 4
	var names []string
	for i, cand := range c.Candidates {
		if i == most {
			names = append(names, "…")
			break
		}
		names = append(names, cand.Text)
	}
	a.e.status.SetText("Ctrl+Space completes: " + strings.Join(names, ", "))
}

// complete shows what exists at the widget for the word being typed;
// choosing one replaces the word.
func (a *liquidAssist) complete() {
	before := a.beforeCursor()
	c := schemas.Complete(a.e.doc.Flow(), a.e.cat, a.widget, before)
	if len(c.Candidates) == 0 {
		a.e.status.SetText("Nothing to complete here (completion works inside {{ }} and after |)")
		return
	}
	const most = 40
	var items []*fyne.MenuItem
	for i, cand := range c.Candidates {
		if i == most {
			more := fyne.NewMenuItem(fmt.Sprintf("… %d more: type to narrow", len(c.Candidates)-most), nil)
			more.Disabled = true
			items = append(items, more)
			break
		}
		text := cand.Text
		items = append(items, fyne.NewMenuItem(text+"   — "+cand.Detail, func() { a.insert(c.From, len(before), text) }))
	}
	menu := fyne.NewMenu("", items...)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(a.field)
	widget.ShowPopUpMenuAtPosition(menu, a.e.win.Canvas(), pos.Add(fyne.NewPos(0, a.field.Size().Height)))
	a.e.lastCompletion = menu
}

// insert replaces text[from:to] with s, closing an output tag left open.
func (a *liquidAssist) insert(from, to int, s string) {
	text := a.field.Text
	rest := text[to:]
	if open := strings.LastIndex(text[:from], "{{"); open >= 0 && !strings.Contains(text[open:], "}}") && !strings.Contains(s, " ") {
		s += "}}"
	}
	a.field.SetText(text[:from] + s + rest)
	a.e.win.Canvas().Focus(a.field)
}

// shortcut handles Ctrl+Space; false for every other shortcut.
func (a *liquidAssist) shortcut(s fyne.Shortcut) bool {
	sc, ok := s.(*desktop.CustomShortcut)
	if ok && sc.KeyName == fyne.KeySpace && sc.Modifier == fyne.KeyModifierShortcutDefault {
		a.complete()
		return true
	}
	return false
}

// MouseDown is part of desktop.Mouseable: Ctrl+click on a reference jumps
// to its origin.
func (t *textField) MouseDown(ev *desktop.MouseEvent) {
	t.Entry.MouseDown(ev)
	if t.assist != nil && ev.Button == desktop.MouseButtonPrimary && ev.Modifier&fyne.KeyModifierShortcutDefault != 0 {
		if off, ok := textOffsetAt(t.Text, drawnRows(t), ev.Position); ok {
			if r, ok := referenceUnder(t.Text, off); ok {
				t.assist.jump(r)
				return
			}
		}
		t.assist.jumpAtCursor()
	}
}

// TappedSecondary is part of fyne.SecondaryTappable: fields with Liquid
// assistance add their jumps, usages and completion to the menu.
func (t *textField) TappedSecondary(ev *fyne.PointEvent) {
	if t.assist == nil {
		t.Entry.TappedSecondary(ev)
		return
	}
	cv := fyne.CurrentApp().Driver().CanvasForObject(t)
	if cv == nil {
		return
	}
	widget.ShowPopUpMenuAtPosition(t.assist.menu(), cv, ev.AbsolutePosition)
}

// showUsages lists where a widget's outputs, a variable or a flow.data key
// is used; choosing one selects that widget and focuses the field.
func (e *Editor) showUsages(kind schemas.RefKind, name string) {
	f := e.doc.Flow()
	usages := schemas.Usages(f, kind, name)
	title := "Usages of " + usageSubject(kind, name)
	if len(usages) == 0 {
		showMessage(e.win, title, "Nothing in the flow uses "+usageSubject(kind, name)+".")
		return
	}
	var d *kbd.Dialog
	list := newPaneList(func() int { return len(usages) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(usageLine(usages[i]))
		})
	list.OnSelected = func(i widget.ListItemID) {
		u := usages[i]
		d.Hide()
		e.goToField(u.Widget, u.Field)
	}
	e.lastUsages = usages
	count := widget.NewLabel(fmt.Sprintf("%d uses", len(usages)))
	box := container.NewBorder(count, nil, nil, nil, list)
	d = kbd.NewMessage(title, "Close", box, e.win)
	lines := make([]string, len(usages))
	for i, u := range usages {
		lines[i] = usageLine(u)
	}
	rows := textLinesSize(lines)
	fitDialog(d, box, fyne.NewSize(max(rows.Width, count.MinSize().Width), count.MinSize().Height+rows.Height), e.win)
	d.Show()
}

// usageLine is a Find Usages row: the widget, the field and the reference.
func usageLine(u schemas.Usage) string {
	return fmt.Sprintf("%s · %s · {{%s}}", u.Widget, u.Field, u.Ref.Path)
}

// goToField selects a widget and focuses the inspector field a
// schemas.Field path names ("parameters[1].value", "transitions[2]…"); it
// reports whether the inspector has a field there.
func (e *Editor) goToField(widgetName, field string) bool {
	i := e.doc.Flow().IndexOf(widgetName)
	if i < 0 {
		return false
	}
	e.selectWidgets([]string{widgetName})
	e.canvas.Reveal(widgetName)
	return e.inspector.FocusProblem(schemas.Diagnostic{Widget: widgetName, Path: fmt.Sprintf("/states/%d%s", i, fieldPointer(field))})
}

// goToMatch goes to a Find result: the field whose text matched, or the
// widget's name when it was the name or the type that matched (or the
// match is in a value no field shows).
func (e *Editor) goToMatch(m Match) {
	if m.Where != "name" && m.Where != "type" && e.goToField(m.Widget, m.Where) {
		return
	}
	if e.doc.Flow().State(m.Widget) == nil {
		return
	}
	e.selectWidgets([]string{m.Widget})
	e.canvas.Reveal(m.Widget)
	e.inspector.FocusName()
}

// fieldPointer turns "parameters[1].value" into "/properties/parameters/1/value"
// and "transitions[2].conditions[0].value" into "/transitions/2/conditions/0/value".
func fieldPointer(field string) string {
	var b strings.Builder
	if !strings.HasPrefix(field, "transitions[") {
		b.WriteString("/properties")
	}
	for _, part := range strings.Split(field, ".") {
		name, idx, _ := strings.Cut(part, "[")
		b.WriteString("/" + model.EscapeToken(name))
		for idx != "" {
			n, rest, _ := strings.Cut(idx, "]")
			if _, err := strconv.Atoi(n); err == nil {
				b.WriteString("/" + n)
			}
			_, idx, _ = strings.Cut(rest, "[")
		}
	}
	return b.String()
}

// FindUsages lists the uses of the selected widget's outputs.
func (e *Editor) FindUsages() {
	sel := e.canvas.Selection()
	if len(sel) != 1 {
		e.showError(fmt.Errorf("select one widget to find where its outputs are used"))
		return
	}
	e.showUsages(schemas.RefWidget, sel[0])
}

// runContextAt is the context widget's fields were rendered in during x:
// the context before its last step, x's final context where x stopped at
// it, nil when it did not run.
func runContextAt(x *engine.Execution, widgetName string) map[string]any {
	if x == nil {
		return nil
	}
	for i := len(x.Steps) - 1; i >= 0; i-- {
		if x.Steps[i].TransitionedFrom == widgetName && x.Steps[i].ExecutionSID == x.SID {
			if i > 0 {
				return x.Steps[i-1].Context
			}
			return x.Steps[i].Context
		}
	}
	if x.At() == widgetName { // where the run stopped, with no step out
		return x.Context()
	}
	return nil // the widget did not run: it had no values
}

func lookupDotted(root map[string]any, path string) (any, bool) {
	var cur any = root
	for _, k := range strings.Split(path, ".") {
		v, ok := engine.Member(cur, k)
		if !ok {
			return nil, false
		}
		cur = v
	}
	return cur, true
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
