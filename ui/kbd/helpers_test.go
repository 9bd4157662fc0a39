package kbd

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// keyWindow shows content in a test window of that size (none: its own),
// closed when the test ends, whose key handler (where the keys a control
// passes on arrive) records what it hears in heard.
func keyWindow(t *testing.T, content fyne.CanvasObject, size fyne.Size) (c fyne.Canvas, heard *[]fyne.KeyName) {
	t.Helper()
	w := test.NewTempWindow(t, content)
	if !size.IsZero() {
		w.Resize(size)
	}
	heard = &[]fyne.KeyName{}
	c = w.Canvas()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) { *heard = append(*heard, ev.Name) })
	return c, heard
}
