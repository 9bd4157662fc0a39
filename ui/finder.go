package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui/kbd"
)

// Match is one place where the searched text occurs.
type Match struct {
	Widget string
	Where  string // "name", "type", or the property's path
	Text   string // the matching value, shortened around the match
}

// findMatches searches widget names, types (and their titles) and every
// string property and transition condition for text, ignoring case.
func findMatches(f *model.Flow, cat *schemas.Catalog, text string) []Match {
	needle := strings.ToLower(strings.TrimSpace(text))
	if needle == "" {
		return nil
	}
	var out []Match
	for _, s := range f.States() {
		name := s.Name()
		if strings.Contains(strings.ToLower(name), needle) {
			out = append(out, Match{Widget: name, Where: "name", Text: name})
		}
		typeText := s.Type()
		if wt, ok := cat.Lookup(s.Type()); ok {
			typeText = wt.Title + " (" + s.Type() + ")"
		}
		if strings.Contains(strings.ToLower(typeText), needle) {
			out = append(out, Match{Widget: name, Where: "type", Text: typeText})
		}
		var walk func(path string, v any)
		walk = func(path string, v any) {
			switch t := v.(type) {
			case string:
				if i := strings.Index(strings.ToLower(t), needle); i >= 0 {
					out = append(out, Match{Widget: name, Where: path, Text: excerpt(t, i, len(needle))})
				}
			case []any:
				for i, e := range t {
					walk(fmt.Sprintf("%s[%d]", path, i), e)
				}
			case *model.Object:
				t.Range(func(k string, e any) bool {
					p := k
					if path != "" {
						p = path + "." + k
					}
					walk(p, e)
					return true
				})
			}
		}
		walk("", s.Properties())
		for i, t := range s.Transitions() {
			for j, c := range t.Conditions {
				walk(fmt.Sprintf("transitions[%d].conditions[%d]", i, j), c)
			}
		}
	}
	return out
}

// excerpt shortens s to about 60 characters around the match at i.
func excerpt(s string, i, n int) string {
	s = strings.ReplaceAll(s, "\n", " ")
	start, end := max(0, i-25), min(len(s), i+n+35)
	for start > 0 && !utf8Start(s[start]) {
		start--
	}
	for end < len(s) && !utf8Start(s[end]) {
		end++
	}
	out := s[start:end]
	if start > 0 {
		out = "…" + out
	}
	if end < len(s) {
		out += "…"
	}
	return out
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// Finder is the Find panel: a search box and the list of matches; choosing
// one goes to it (OnJump), again when it is the one chosen last.
type Finder struct {
	cat     *schemas.Catalog
	doc     *model.Document
	entry   *kbd.Entry
	list    *paneList
	count   *mutedLabel
	matches []Match
	object  fyne.CanvasObject
	cancel  func()
	// OnJump is called with the chosen match.
	OnJump func(m Match)
}

// NewFinder returns an empty find panel.
func NewFinder(cat *schemas.Catalog) *Finder {
	fd := &Finder{cat: cat}
	fd.entry = kbd.NewEntry()
	fd.entry.SetPlaceHolder("Find in names, types, text, URLs, Liquid")
	fd.entry.OnChanged = func(string) { fd.search() }
	fd.entry.OnSubmitted = func(string) {
		if len(fd.matches) > 0 {
			fd.list.Select(0)
		}
	}
	fd.count = hintLabel("")
	fd.list = &paneList{}
	fd.list.Length = func() int { return len(fd.matches) }
	fd.list.CreateItem = func() fyne.CanvasObject {
		top := widget.NewLabelWithStyle("widget", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		text := widget.NewLabel("text")
		text.Truncation = fyne.TextTruncateEllipsis
		return container.NewVBox(top, text)
	}
	fd.list.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		if id >= len(fd.matches) {
			return
		}
		m := fd.matches[id]
		box := o.(*fyne.Container)
		box.Objects[0].(*widget.Label).SetText(m.Widget + " · " + m.Where)
		box.Objects[1].(*widget.Label).SetText(m.Text)
	}
	fd.list.ExtendBaseWidget(fd.list)
	fd.list.OnSelected = func(id widget.ListItemID) {
		if id < len(fd.matches) && fd.OnJump != nil {
			fd.OnJump(fd.matches[id])
		}
		// A list chooses a row only when it is not chosen already: the
		// same result clicked again must go there again.
		fd.list.UnselectAll()
	}
	fd.object = borderInOrder(container.NewVBox(heading("Find"), fd.entry, fd.count), nil, fd.list)
	return fd
}

// SetDocument searches another document; the results follow its edits.
func (fd *Finder) SetDocument(doc *model.Document) {
	if fd.cancel != nil {
		fd.cancel()
	}
	fd.doc = doc
	fd.cancel = doc.Subscribe(func(model.Change) { fd.search() })
	fd.search()
}

// Object is the panel's view.
func (fd *Finder) Object() fyne.CanvasObject { return fd.object }

// Search sets the text searched for.
func (fd *Finder) Search(text string) { fd.entry.SetText(text) }

// Matches returns the current matches.
func (fd *Finder) Matches() []Match { return fd.matches }

func (fd *Finder) search() {
	fd.matches = findMatches(fd.doc.Flow(), fd.cat, fd.entry.Text)
	switch {
	case strings.TrimSpace(fd.entry.Text) == "":
		fd.count.SetText("")
	case len(fd.matches) == 0:
		fd.count.SetText("No matches")
	default:
		fd.count.SetText(plural(len(fd.matches), "match"))
	}
	fd.list.UnselectAll()
	fd.list.Refresh()
}
