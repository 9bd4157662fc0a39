package e2e

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/canvas"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui/simulator"
)

// simulatorDemo, when set, makes this test binary the simulator's stand-in
// application: a window with the flow's canvas and the Simulator panel side
// by side, until the editor mounts the panel in the main window.
var simulatorDemo = flag.String("simulator-demo", "", "run the simulator demo window for this flow file (used by the simulator e2e tests)")

// demoHighlighter stands in for the canvas's highlight: it shows the latest
// highlight above the canvas and remembers it for the test to ask about.
type demoHighlighter struct {
	mu    sync.Mutex
	last  simulator.Highlight
	label *widget.Label
}

func (h *demoHighlighter) SetHighlight(hl simulator.Highlight) {
	h.mu.Lock()
	h.last = hl
	h.mu.Unlock()
	text := "Canvas: idle"
	switch {
	case hl.Waiting != "":
		text = fmt.Sprintf("Canvas: ● %s waiting for %s", hl.Waiting, hl.WaitingFor)
	case hl.Active != "":
		text = "Canvas: ● " + hl.Active
	}
	h.label.SetText(fmt.Sprintf("%s · %d wires taken", text, len(hl.Taken)))
}

func (h *demoHighlighter) ClearHighlight() {
	h.mu.Lock()
	h.last = simulator.Highlight{}
	h.mu.Unlock()
	h.label.SetText("Canvas: idle")
}

// TestMain runs the simulator demo instead of the tests when asked to: a
// window must run on the main goroutine, which only TestMain has.
func TestMain(m *testing.M) {
	flag.Parse()
	if *simulatorDemo != "" {
		if err := runSimulatorDemo(*simulatorDemo); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		return
	}
	os.Exit(m.Run())
}

// runSimulatorDemo shows the demo window and answers the driving test on
// stdin/stdout: "where TEXT" prints the window position of the button or
// entry showing TEXT, "highlight" the last highlight, "labels" every label's text.
func runSimulatorDemo(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	flow, err := model.Parse(data)
	if err != nil {
		return err
	}
	cat, err := schemas.Load()
	if err != nil {
		return err
	}
	app.SetMetadata(fyne.AppMetadata{ID: "io.github.studioflow.simulator-demo", Name: "Simulator demo", Migrations: map[string]bool{"fyneDo": true}})
	a := app.NewWithID("io.github.studioflow.simulator-demo")
	w := a.NewWindow("Simulator demo — " + filepath.Base(path))
	hl := &demoHighlighter{label: widget.NewLabelWithStyle("Canvas: idle", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	doc := model.NewDocument(flow)
	panel := simulator.NewPanel(doc, cat, hl, w)
	view := canvas.NewFlowView(flow, cat)
	split := container.NewHSplit(container.NewBorder(hl.label, nil, nil, nil, container.NewScroll(view)), panel.Content())
	split.Offset = 0.5
	w.SetContent(split)
	w.Resize(fyne.NewSize(1280, 800))
	go answer(w, hl)
	w.ShowAndRun()
	return nil
}

func answer(w fyne.Window, hl *demoHighlighter) {
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		cmd, arg, _ := strings.Cut(in.Text(), " ")
		var reply string
		fyne.DoAndWait(func() {
			switch cmd {
			case "where":
				reply = where(w, arg)
			case "tab":
				reply = selectTab(w, arg)
			case "row":
				reply = tableRow(w, arg)
			case "highlight":
				hl.mu.Lock()
				reply = fmt.Sprintf("highlight active=%s waiting=%s for=%q taken=%d", hl.last.Active, hl.last.Waiting, hl.last.WaitingFor, len(hl.last.Taken))
				hl.mu.Unlock()
			case "labels":
				var texts []string
				walk(w.Content(), func(o fyne.CanvasObject) bool {
					if l, ok := o.(*widget.Label); ok && l.Visible() {
						texts = append(texts, strings.ReplaceAll(l.Text, "\n", " / "))
					}
					return false
				})
				reply = "labels " + strings.Join(texts, " | ")
			default:
				reply = "error unknown command " + cmd
			}
		})
		fmt.Println(reply)
	}
}

// where finds a visible button, tab or entry by its text or placeholder
// and returns the centre of it in window coordinates.
func where(w fyne.Window, text string) string {
	var found fyne.CanvasObject
	walk(w.Content(), func(o fyne.CanvasObject) bool {
		switch v := o.(type) {
		case *widget.Button:
			if v.Text == text && v.Visible() {
				found = o
			}
		case *widget.Entry:
			if v.PlaceHolder == text && v.Visible() {
				found = o
			}
		case *widget.Check:
			if v.Text == text && v.Visible() {
				found = o
			}
		}
		return found != nil
	})
	if found == nil {
		return "error no " + text
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(found)
	size := found.Size()
	if _, ok := found.(*widget.Check); ok {
		return pixels(w, pos.X+size.Height/2, pos.Y+size.Height/2) // the box, at the left
	}
	return pixels(w, pos.X+size.Width/2, pos.Y+size.Height/2)
}

func pixels(w fyne.Window, x, y float32) string {
	scale := w.Canvas().Scale()
	return fmt.Sprintf("at %d %d", int(x*scale), int(y*scale))
}

// selectTab shows the panel's tab called name, as a click on it would. (Fyne
// keeps tab buttons to itself, so there is nothing to aim a click at.)
func selectTab(w fyne.Window, name string) string {
	reply := "error no tab " + name
	walk(w.Content(), func(o fyne.CanvasObject) bool {
		tabs, ok := o.(*container.AppTabs)
		if !ok {
			return false
		}
		for _, it := range tabs.Items {
			if it.Text == name {
				tabs.Select(it)
				reply = "tab " + name
				return true
			}
		}
		return false
	})
	return reply
}

// tableRow is the middle of the step table's row n (0 = first step), below
// its header row, where a click selects the step.
func tableRow(w fyne.Window, arg string) string {
	var n int
	fmt.Sscan(arg, &n)
	var table *widget.Table
	walk(w.Content(), func(o fyne.CanvasObject) bool {
		table, _ = o.(*widget.Table)
		return table != nil
	})
	if table == nil {
		return "error no step table"
	}
	table.ScrollToTop() // the log follows new steps down; rows count from the top
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(table)
	rowH := widget.NewLabel("").MinSize().Height + theme.Padding()
	return pixels(w, pos.X+40, pos.Y+rowH*(float32(n)+1.5))
}

// walk visits the object tree as far as Fyne's containers expose it; it
// stops when visit says so.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject) bool) bool {
	if o == nil || !o.Visible() {
		return false
	}
	if visit(o) {
		return true
	}
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			if walk(c, visit) {
				return true
			}
		}
	case *container.Split:
		return walk(v.Leading, visit) || walk(v.Trailing, visit)
	case *container.Scroll:
		return walk(v.Content, visit)
	case *container.AppTabs:
		if sel := v.Selected(); sel != nil {
			return walk(sel.Content, visit)
		}
	case *widget.Form:
		for _, it := range v.Items {
			if walk(it.Widget, visit) {
				return true
			}
		}
	}
	return false
}
