package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/canvas/uiloop"
	"github.com/studioflow/studioflow/internal/prefstore"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui/kbd"
)

// AppName is the name shown in window titles.
const AppName = "Studioflow"

// Options say what an editor window opens.
type Options struct {
	// Path is the flow's file; "" for a flow that has none yet.
	Path string
	// Flow is the flow to edit; nil means: read Path, or Studio's blank flow.
	Flow *model.Flow
	// Source names a flow without a file in the title (the example's name).
	Source string
	// RecoveryDir holds the autosave recovery files; "" means a "recovery"
	// folder in the application's storage.
	RecoveryDir string
	// Prefs are the preferences the editor remembers its layout, theme,
	// recent files and folders in (prefstore.Open's); nil keeps them in
	// memory, for this editor alone (tests).
	Prefs *prefstore.Store
	// OfferRecovery looks for work left by a crash or kill when the
	// application starts (see Start) and offers to restore it.
	OfferRecovery bool
	// syncValidation runs full validations on the UI goroutine (tests).
	syncValidation bool
	// post runs what the editor's goroutines (validation, coverage, the
	// simulator, tickers) hand back to the UI goroutine; nil is Fyne's
	// (uiloop.Fyne). Tests give a uiloop.Queue and run it themselves:
	// Fyne's test driver runs fyne.Do on the calling goroutine.
	post uiloop.Poster
}

// Editor is a Studioflow window editing one flow: the widget library, the
// canvas, the inspector and the problems panel around one model.Document.
type Editor struct {
	app fyne.App
	win fyne.Window
	cat *schemas.Catalog
	val *schemas.Validator
	// post hands every background update to the UI goroutine.
	post uiloop.Poster

	editorFile
	editorPanes
	editorAssist

	live     *liveValidation
	keys     *historyKeys
	ws       *workspaceLink
	stopOnce sync.Once
	stop     chan struct{}
	ghost    *dragGhost
	// offerOnStart asks Start to look for crash recovery files.
	offerOnStart bool
	// place reads and sets the window's place on the screen (winpos.go).
	place placeConn
	// mnemonics are the main menu's letters (refreshMenus); keyMenu is
	// the menu F10 and Alt+letter open where Fyne draws the menu bar.
	mnemonics *mnemonics
	keyMenu   *keyMenu

	// prefs remember the layout, the theme, recent files and folders;
	// layoutSaved is the layout as last read from or saved to them, by key
	// (rememberLayout), on the UI goroutine only.
	prefs       *prefstore.Store
	layoutSaved map[string]float64
}

// NewEditor opens a window on the flow the options name. Call Start once
// the window is shown (ShowAndRun does not return until it closes).
func NewEditor(a fyne.App, cat *schemas.Catalog, opts Options) (*Editor, error) {
	val, err := schemas.NewValidator(cat)
	if err != nil {
		return nil, fmt.Errorf("prepare the validator: %w", err)
	}
	f := opts.Flow
	if f == nil && opts.Path != "" {
		if f, err = readFlowFile(opts.Path); err != nil {
			return nil, err
		}
	}
	if f != nil {
		if err := checkEditable(f); err != nil {
			return nil, err
		}
	}
	if f == nil {
		f = model.NewBlankFlow()
	}
	e := &Editor{app: a, cat: cat, val: val, post: uiloop.Or(opts.post), stop: make(chan struct{})}
	e.prefs = opts.Prefs
	if e.prefs == nil {
		e.prefs = prefstore.InMemory()
	}
	e.recovery = recoveryStore{dir: opts.RecoveryDir}
	if e.recovery.dir == "" {
		e.recovery.dir = defaultRecoveryDir(a)
	}
	e.win = a.NewWindow(AppName)
	e.keys = &historyKeys{undo: e.committing(e.Undo), redo: e.committing(e.Redo), panes: e.cyclePanes}
	doc := model.NewDocument(f)
	e.build(doc)
	e.live.sync = opts.syncValidation
	e.setDocument(doc, opts.Path, opts.Source)
	e.restoreLayout()
	e.installMenus()
	e.win.SetCloseIntercept(e.committing(e.closeWindow))
	e.offerOnStart = opts.OfferRecovery
	return e, nil
}

// defaultRecoveryDir is the "recovery" folder of the app's storage (under
// the user's configuration directory), or of the temporary directory when
// the app has no storage.
func defaultRecoveryDir(a fyne.App) string {
	if s := a.Storage(); s != nil && s.RootURI() != nil && s.RootURI().Scheme() == "file" {
		return filepath.Join(s.RootURI().Path(), "recovery")
	}
	return filepath.Join(os.TempDir(), "studioflow-recovery")
}

// Window returns the editor's window.
func (e *Editor) Window() fyne.Window { return e.win }

// Document returns the open document.
func (e *Editor) Document() *model.Document { return e.doc }

// Path returns the open flow's file ("" when it has none).
func (e *Editor) Path() string { return e.path }

// Start begins autosaving and watching the file (until the window closes)
// and, once the application runs, puts the window where it last was and
// offers work a crash or kill left behind.
func (e *Editor) Start() {
	if e.offerOnStart {
		e.app.Lifecycle().SetOnStarted(e.offerRecovery)
	}
	// Queued now, this runs once the window is shown and the app runs.
	go e.post.Post(e.restorePosition)
	go e.post.Post(e.showPrefsProblems)
	go uiloop.Every(e.stop, e.post, AutosaveInterval, e.onTick)
	// The focus ring of every window (this one, its dialogs, the
	// secondary windows) follows the keyboard.
	go kbd.Run(e.stop, e.post, e.readCanvas)
}

// readCanvas lays out what the canvas shows for screen readers, in builds
// that have them (accessibilityBuild).
func (e *Editor) readCanvas() {
	if !accessibilityBuild {
		return
	}
	if src, ok := e.canvas.Object().(partsSource); ok {
		e.reader.update(src)
	}
}

func (e *Editor) build(doc *model.Document) {
	e.canvas = newFlowCanvas(doc, e.cat, e.post)
	e.canvas.OnSelectionChanged(func(names []string) { e.inspector.ShowSelection(names) })
	e.canvas.OnWidgetSecondaryTap(e.showWidgetMenu)
	e.canvas.OnEditWidget(func(name string) {
		e.selectWidgets([]string{name})
		e.inspector.FocusName()
	})
	e.inspector = NewInspector(doc, e.cat, e.keys, e.win.Canvas, e.post)
	e.inspector.OnError = e.showError
	e.inspector.OnFieldsBuilt = e.attachLiquidAssist
	e.inspector.SubflowChoices = e.subflowChoices
	e.inspector.OnNameTyped = e.updateTitle
	e.problems = NewProblems()
	e.problems.OnChoose = e.goToProblem
	e.problems.Place = func(d schemas.Diagnostic) string { return e.cat.Place(e.doc.Flow(), d) }
	e.problems.Canvas = e.win.Canvas
	e.problems.OnHover = func(text string, row fyne.CanvasObject) { e.tips.showBy(text, row) }
	e.conflicts = NewConflicts()
	e.conflicts.OnError = e.showError
	e.conflicts.OnChoose = func(name string) {
		if e.doc.Flow().State(name) != nil {
			e.selectWidgets([]string{name})
			e.canvas.Reveal(name)
		}
	}
	// With the last conflict settled, the keyboard goes to the canvas.
	e.conflicts.Next = func() fyne.Focusable {
		f, _ := e.canvas.Object().(fyne.Focusable)
		return f
	}
	e.library = NewLibrary(e.cat)
	e.library.OnAdd = func(typ string) { e.addAtCenter(typ) }
	e.library.OnEnter = func(typ string) {
		if e.addAtCenter(typ) {
			e.inspector.FocusName()
		}
	}
	e.library.OnDrop = e.dropFromLibrary
	e.library.search.cycle = e.cyclePanes
	e.library.keys.cycle = e.cyclePanes
	e.problems.list.cycle = e.cyclePanes
	e.canvas.OnCyclePanes(e.cyclePanes)
	e.canvas.OnHint(e.showHint)
	e.win.Canvas().SetOnTypedKey(e.windowKey)
	e.ghost = newDragGhost(e.win)
	e.library.OnDragMove = e.ghost.follow
	e.finder = NewFinder(e.cat)
	e.finder.list.cycle = e.cyclePanes
	e.finder.OnJump = e.goToMatch
	e.live = newLiveValidation(e.val, e.diagnosticsChanged, e.post)
	e.status = widget.NewLabel("")
	e.status.Truncation = fyne.TextTruncateEllipsis
	e.state = widget.NewLabel("")
	e.sim = newSimulatorSlot(e)
	e.ws = newWorkspaceLink(e)

	e.leftTabs = container.NewAppTabs(
		container.NewTabItem("Library", e.library.Object()),
		container.NewTabItem("Find", e.finder.Object()),
	)
	e.dock = newProblemsDock(e.canvas.Object(), e.problems)
	// Merge conflicts (hidden when there are none) sit under the problems.
	canvasArea := container.NewBorder(nil, e.conflicts.Object(), nil, nil, e.dock.Object())
	right := container.NewAppTabs(container.NewTabItem("Inspector", e.inspector.Object()))
	e.sim.tabs = right
	e.center = container.NewHSplit(canvasArea, right)
	e.center.Offset = 0.7
	main := container.NewHSplit(e.leftTabs, container.NewStack(e.center))
	main.Offset = 0.17
	e.mainSplit = main
	bottom := container.NewBorder(nil, nil, nil, e.state, e.status)
	e.tips = newTipLayer()
	e.toolbarObject = e.toolbar()
	// In screen order, so that Tab goes from the toolbar to the panes.
	content := borderInOrder(e.toolbarObject, bottom, main)
	e.ring = kbd.NewRing(e.win.Canvas(), content)
	e.reader = newCanvasReader()
	e.win.SetContent(container.NewStack(content, e.reader.root, e.ring.Layer(), e.tips.root))
}

// setDocument shows doc (a flow opened, created, imported or recovered).
func (e *Editor) setDocument(doc *model.Document, path, source string) {
	if e.cancelDoc != nil {
		e.cancelDoc()
	}
	if e.recoveryFile != "" && e.doc != nil && !e.doc.Dirty() {
		e.recovery.remove(e.recoveryFile)
	}
	e.doc, e.path, e.source = doc, path, source
	// Coverage and the last run belong to the flow they were measured on.
	e.clearCoverage()
	e.lastRun = nil
	e.ws.detach()
	if path != "" {
		e.source = filepath.Base(path)
		e.disk = stampOf(path)
		e.addRecent(path)
	} else if source == "" {
		e.source = "Untitled"
	}
	e.recoveryFile = e.recovery.fileFor(path)
	e.autosaved = doc.Version()
	e.canvas.SetDocument(doc)
	e.inspector.SetDocument(doc)
	e.finder.SetDocument(doc)
	e.conflicts.SetDocument(doc)
	e.sim.setDocument(doc)
	e.cancelDoc = doc.Subscribe(e.documentChanged)
	e.live.reset(doc)
	e.summary = ""
	e.updateTitle()
}

func (e *Editor) documentChanged(c model.Change) {
	e.live.changed(c)
	if c.Structure || c.FlowLevel || len(c.Added)+len(c.Removed) > 0 {
		e.summary = ""
	}
	if c.FlowLevel && e.lastRun != nil { // another flow imported in its place
		e.setLastRun(nil)
	}
	e.updateTitle()
	for _, r := range c.Renamed {
		sel := e.canvas.Selection()
		if i := slices.Index(sel, r.Old); i >= 0 {
			sel[i] = r.New
			e.canvas.SetSelection(sel)
		}
	}
}

func (e *Editor) diagnosticsChanged(ds []schemas.Diagnostic) {
	// The Problems list also names the transitions no test takes while
	// coverage is shown; the other views mark only the validator's findings.
	listed := e.withUncovered(ds)
	e.problems.SetDiagnostics(listed)
	e.dock.setDiagnostics(listed)
	e.inspector.SetDiagnostics(ds)
	e.canvas.SetDiagnostics(ds)
	for _, a := range e.assists {
		a.refreshTip()
	}
}

// Diagnostics returns the problems shown.
func (e *Editor) Diagnostics() []schemas.Diagnostic { return e.live.Diagnostics() }

// selectWidgets selects widgets on the canvas and shows them in the
// inspector.
func (e *Editor) selectWidgets(names []string) {
	e.canvas.SetSelection(names)
	if len(names) == 1 && e.inspector.Shown() == names[0] {
		return
	}
	e.inspector.ShowSelection(names)
}

func (e *Editor) goToProblem(d schemas.Diagnostic) {
	if d.Widget != "" && e.doc.Flow().State(d.Widget) != nil {
		e.selectWidgets([]string{d.Widget})
		e.canvas.Reveal(d.Widget)
	} else {
		e.selectWidgets(nil)
	}
	e.inspector.FocusProblem(d)
}

// addAtCenter adds a widget of that type (the library's double-click or
// Enter) in free space near the selection or the centre of the view.
func (e *Editor) addAtCenter(typ string) bool {
	name, err := e.canvas.AddWidget(typ)
	if err != nil {
		e.showError(err)
		return false
	}
	e.selectWidgets([]string{name})
	return true
}

// dropFromLibrary adds a widget where a library item was released, when
// that is over the canvas.
func (e *Editor) dropFromLibrary(typ string, abs fyne.Position) bool {
	obj := e.canvas.Object()
	origin := e.app.Driver().AbsolutePositionForObject(obj)
	local := abs.Subtract(origin)
	size := obj.Size()
	if local.X < 0 || local.Y < 0 || local.X > size.Width || local.Y > size.Height {
		return false
	}
	// The widget's header lands under the pointer, centred across.
	name, err := e.canvas.DropWidget(typ, e.canvas.DropCorner(local))
	if err != nil {
		e.showError(err)
		return false
	}
	e.selectWidgets([]string{name})
	return true
}

func (e *Editor) showWidgetMenu(name string, at fyne.Position) {
	if !slices.Contains(e.canvas.Selection(), name) {
		e.selectWidgets([]string{name})
	}
	items := []*fyne.MenuItem{
		fyne.NewMenuItem("Cut", e.Cut),
		fyne.NewMenuItem("Copy", e.Copy),
		fyne.NewMenuItem("Duplicate", e.Duplicate),
		fyne.NewMenuItem("Delete", e.Delete),
	}
	if item := e.sim.breakpointItem(name); item != nil {
		items = append(items, fyne.NewMenuItemSeparator(), item)
	}
	abs := e.app.Driver().AbsolutePositionForObject(e.canvas.Object()).Add(at)
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), e.win.Canvas(), abs)
}

// onTick is one tick's work, on the UI goroutine, every AutosaveInterval
// until the window closes: the autosave, the file watch and the layout's
// saving (so that a killed process still restores it).
func (e *Editor) onTick() {
	e.Autosave()
	e.checkDisk()
	e.saveLayout()
	e.showPrefsProblems()
}

// Autosave writes the flow to the recovery file when it has unsaved
// changes not written there yet, and removes the file once saved.
func (e *Editor) Autosave() {
	if !e.doc.Dirty() {
		e.recovery.remove(e.recoveryFile)
		return
	}
	if e.doc.Version() == e.autosaved {
		return
	}
	if err := e.recovery.write(e.recoveryFile, e.path, e.source, e.doc.Flow()); err != nil {
		fyne.LogError("autosave", err)
		return
	}
	e.autosaved = e.doc.Version()
}

// Closed is closed once the editor's window has been closed for good
// (Close, Quit or the window's close button, after any question about
// unsaved changes).
func (e *Editor) Closed() <-chan struct{} { return e.stop }

func (e *Editor) closeNow() {
	e.saveLayout()
	closePlaceConn(&e.place, e.win)
	e.stopOnce.Do(func() { close(e.stop) })
	e.sim.setDocument(nil)
	e.ws.close()
	if !e.doc.Dirty() {
		e.recovery.remove(e.recoveryFile)
	}
	e.win.Close()
}

func (e *Editor) showError(err error) {
	if err == nil {
		return
	}
	showMessage(e.win, "Could not do that", err.Error())
}
