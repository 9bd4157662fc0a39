// Command probe opens the canvas Editor alone in a window, on a flow file
// or on a generated flow, so that end-to-end tests can measure the real
// program (its memory with Studio's largest flows) and look at the canvas
// without the rest of the editor window. Ctrl+S writes the flow back
// (atomically); Ctrl+Q quits.
//
//	probe FILE.json
//	probe -generate 2000
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/studioflow/studioflow/canvas"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/modeltest"
	"github.com/studioflow/studioflow/schemas"
)

func main() {
	generate := flag.Int("generate", 0, "open a generated flow with this many widgets instead of a file")
	flag.Parse()
	if err := run(*generate, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "probe:", err)
		os.Exit(1)
	}
}

func run(generate int, args []string) error {
	var (
		f    *model.Flow
		path string
		err  error
	)
	switch {
	case generate > 0:
		f = modeltest.GenerateFlow(generate)
	case len(args) == 1:
		path = args[0]
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if f, err = model.Parse(data); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	default:
		return fmt.Errorf("usage: probe FILE.json | probe -generate N")
	}
	cat, err := schemas.Load()
	if err != nil {
		return fmt.Errorf("load catalog: %w", err)
	}
	a := app.NewWithID("io.studioflow.canvasprobe")
	title := fmt.Sprintf("canvas probe %d widgets", f.Len())
	if path != "" {
		title = "canvas probe " + filepath.Base(path)
	}
	w := a.NewWindow(title)
	doc := model.NewDocument(f)
	ed := canvas.NewEditor(doc, cat)
	w.SetContent(ed)
	w.Resize(fyne.NewSize(1280, 800))
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierControl}, func(fyne.Shortcut) {
		if path == "" {
			return
		}
		if err := save(path, doc.Flow().Marshal()); err != nil {
			fyne.LogError("save", err)
			return
		}
		doc.MarkSaved()
	})
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierControl}, func(fyne.Shortcut) { a.Quit() })
	w.Canvas().Focus(ed)
	w.ShowAndRun()
	return nil
}

func save(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".probe-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
