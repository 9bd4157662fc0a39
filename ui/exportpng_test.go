package ui

import (
	"context"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/model/modeltest"
)

// uiLoop stands in for the UI goroutine, one posted function at a time: a
// background goroutine posts to it, and the test receives and runs each on
// its own goroutine, as Fyne's event loop would. Fyne's test driver would
// run it on the poster instead.
type uiLoop chan func()

// Post queues f (a uiloop.Poster).
func (l uiLoop) Post(f func()) { l <- f }

func progressDialogShown(w fyne.Window) bool {
	for _, ov := range w.Canvas().Overlays().List() {
		for _, o := range test.LaidOutObjects(ov) {
			if _, ok := o.(*widget.ProgressBar); ok && o.Visible() {
				return true
			}
		}
	}
	return false
}

func TestExportPNGPaintsOffTheUIGoroutineBehindAProgressDialog(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: modeltest.GenerateFlow(400)})
	path := filepath.Join(t.TempDir(), "flow.png")
	loop := make(uiLoop, 256)
	done := e.exportPNGTo(path, loop)
	// exportPNGTo has returned: the UI goroutine is free while the image is
	// painted, and runs what the export posts (progress) meanwhile.
	ran := 0
	for {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			if ran < 2 {
				t.Errorf("the UI goroutine ran %d posted updates during the export, want progress steps", ran)
			}
			if progressDialogShown(e.win) {
				t.Error("the progress dialog is still shown after the export")
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			cfg, err := png.DecodeConfig(f)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if cfg.Width < 200 || cfg.Height < 200 {
				t.Errorf("image %dx%d, want the whole generated flow", cfg.Width, cfg.Height)
			}
			return
		case f := <-loop:
			if !progressDialogShown(e.win) {
				t.Fatal("no progress dialog while the export runs")
			}
			f()
			ran++
		}
	}
}

func TestCancelInTheExportProgressLeavesNoFile(t *testing.T) {
	a := test.NewTempApp(t)
	e := newTestEditor(t, a, Options{Flow: modeltest.GenerateFlow(400)})
	dir := t.TempDir()
	path := filepath.Join(dir, "flow.png")
	// Fyne's save dialog creates the file it offers before answering.
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	loop := make(uiLoop, 256)
	done := e.exportPNGTo(path, loop)
	test.Tap(dialogButton(t, e.win, "Cancel"))
	for {
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("cancelled export ended with %v, want context.Canceled", err)
			}
			if left, _ := os.ReadDir(dir); len(left) != 0 {
				t.Errorf("a cancelled export left %v", left)
			}
			if progressDialogShown(e.win) {
				t.Error("the progress dialog is still shown after Cancel")
			}
			return
		case f := <-loop:
			f()
		}
	}
}
