package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/modeltest"
)

// The per-keystroke budget is 5 ms at 1000 widgets (issue 5). These
// benchmarks measure one keystroke in the body of a Send Message widget of
// a generated 1000-widget flow.

// BenchmarkKeystrokeValidation is the model and validation part: the
// coalesced SetProperty, ValidateWidget and MergeWidget.
func BenchmarkKeystrokeValidation(b *testing.B) {
	cat := loadCatalog(b)
	val, err := newValidatorFor(cat)
	if err != nil {
		b.Fatal(err)
	}
	doc := model.NewDocument(modeltest.GenerateFlow(1000))
	live := newLiveValidation(val, nil, nil) // sync: nothing is posted
	live.sync = true
	doc.Subscribe(live.changed)
	live.reset(doc)
	target := sendMessageIn(b, doc.Flow())
	text := []byte("Thanks {{widgets.w5.body}} ")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		text = append(text, 'a'+byte(i%26))
		if err := doc.ApplyCoalesced(model.SetProperty(target, "body", string(text)), "bench"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkKeystrokeInEditor is the whole path in the editor window: a rune
// typed into the inspector's field, the model edit, the widget's
// validation, and the problems panel, inspector and canvas updates.
func BenchmarkKeystrokeInEditor(b *testing.B) {
	a := test.NewTempApp(b)
	e := newTestEditor(b, a, Options{Flow: modeltest.GenerateFlow(1000)})
	target := sendMessageIn(b, e.doc.Flow())
	e.selectWidgets([]string{target})
	field := e.inspector.field("/properties/body").(*textField)
	e.win.Canvas().Focus(field)
	before := field.Text
	field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	backspace := &fyne.KeyEvent{Name: fyne.KeyBackspace}
	b.ResetTimer()
	// A letter, then Backspace: the text keeps its length, so every
	// keystroke costs what one in a message of that size costs.
	for i := 0; i < b.N; i++ {
		if i%2 == 0 {
			field.TypedRune('a' + rune(i%26))
		} else {
			field.TypedKey(backspace)
		}
	}
	b.StopTimer()
	want := before
	if b.N%2 == 1 {
		want += string('a' + rune((b.N-1)%26))
	}
	if got := e.doc.Flow().State(target).StringProperty("body"); got != want {
		b.Fatalf("body is %q after %d keystrokes, want %q", got, b.N, want)
	}
}

func sendMessageIn(tb testing.TB, f *model.Flow) string {
	tb.Helper()
	for i := f.Len() / 2; i < f.Len(); i++ {
		if s := f.StateAt(i); s.Type() == "send-message" {
			return s.Name()
		}
	}
	tb.Fatal("no send-message widget in the generated flow")
	return ""
}
