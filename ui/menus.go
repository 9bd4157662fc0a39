package ui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func ctrlShift(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

// command is one entry of the menus, with its shortcut.
type command struct {
	label    string
	shortcut fyne.Shortcut
	icon     fyne.Resource
	run      func()
}

func (e *Editor) commands() map[string]command {
	return map[string]command{
		"new":       {"New", ctrl(fyne.KeyN), theme.DocumentCreateIcon(), e.New},
		"open":      {"Open…", ctrl(fyne.KeyO), theme.FolderOpenIcon(), e.Open},
		"save":      {"Save", ctrl(fyne.KeyS), theme.DocumentSaveIcon(), e.Save},
		"saveAs":    {"Save As…", ctrlShift(fyne.KeyS), nil, e.SaveAs},
		"import":    {"Import from JSON…", ctrl(fyne.KeyI), theme.DownloadIcon(), e.ImportJSON},
		"flowsHome": {"Flows Home…", ctrlShift(fyne.KeyH), theme.HomeIcon(), e.FlowsHome},
		"saveToWs":  {"Save to Workspace…", nil, nil, e.SaveToWorkspace},
		"showJSON":  {"Show Flow JSON…", ctrl(fyne.KeyJ), theme.FileTextIcon(), e.ShowFlowJSON},
		"cmpSaved":  {"Compare with Saved", nil, nil, e.CompareWithSaved},
		"cmpFile":   {"Compare with File…", nil, nil, e.CompareWithFile},
		"exportPNG": {"Export PNG…", ctrlShift(fyne.KeyE), theme.FileImageIcon(), e.ExportPNG},
		"close":     {"Close Window", ctrl(fyne.KeyW), nil, e.Close},
		"quit":      {"Quit", ctrl(fyne.KeyQ), nil, e.Quit},
		"undo":      {"Undo", &fyne.ShortcutUndo{}, theme.ContentUndoIcon(), e.Undo},
		"redo":      {"Redo", ctrlShift(fyne.KeyZ), theme.ContentRedoIcon(), e.Redo},
		"cut":       {"Cut", &fyne.ShortcutCut{}, theme.ContentCutIcon(), e.Cut},
		"copy":      {"Copy", &fyne.ShortcutCopy{}, theme.ContentCopyIcon(), e.Copy},
		"paste":     {"Paste", &fyne.ShortcutPaste{}, theme.ContentPasteIcon(), e.Paste},
		"duplicate": {"Duplicate", ctrl(fyne.KeyD), nil, e.Duplicate},
		"delete":    {"Delete", nil, theme.DeleteIcon(), e.Delete},
		"selectAll": {"Select All", &fyne.ShortcutSelectAll{}, nil, e.SelectAll},
		"find":      {"Find…", ctrl(fyne.KeyF), theme.SearchIcon(), e.Find},
		"usages":    {"Find Usages of Widget", ctrlShift(fyne.KeyU), nil, e.FindUsages},
		"zoomIn":    {"Zoom In", ctrl(fyne.KeyEqual), theme.ZoomInIcon(), func() { e.canvas.ZoomIn() }},
		"zoomOut":   {"Zoom Out", ctrl(fyne.KeyMinus), theme.ZoomOutIcon(), func() { e.canvas.ZoomOut() }},
		"zoomReset": {"Actual Size", ctrl(fyne.Key0), nil, func() { e.canvas.ZoomReset() }},
		"zoomFit":   {"Zoom to Fit", ctrlShift(fyne.KeyF), theme.ViewFullScreenIcon(), func() { e.canvas.ZoomToFit() }},
		"tidy":      {"Tidy Up", ctrlShift(fyne.KeyL), theme.GridIcon(), e.TidyUp},
		"run":       {"Run in Simulator", ctrl(fyne.KeyR), theme.MediaPlayIcon(), e.Run},
		"coverage":  {"Show Test Coverage", ctrlShift(fyne.KeyT), nil, e.ShowCoverage},
		"coverFile": {"Show Coverage from Profile…", nil, nil, e.ShowCoverageProfile},
		"coverHide": {"Hide Test Coverage", nil, nil, e.HideCoverage},
		"uncovered": {"Uncovered Transitions…", nil, nil, e.ShowUncovered},
	}
}

func (e *Editor) item(cmds map[string]command, key string) *fyne.MenuItem {
	c := cmds[key]
	it := fyne.NewMenuItem(c.label, c.run)
	it.Shortcut = c.shortcut
	it.Icon = c.icon
	return it
}

// installMenus sets the main menu and the window's shortcuts (the same
// ones, for drivers without a menu bar) and Ctrl+Y for Redo.
func (e *Editor) installMenus() {
	e.refreshMenus()
	cmds := e.commands()
	for _, c := range cmds {
		if sc, ok := c.shortcut.(*desktop.CustomShortcut); ok {
			run := c.run
			e.win.Canvas().AddShortcut(sc, func(fyne.Shortcut) { run() })
		}
	}
	e.win.Canvas().AddShortcut(ctrl(fyne.KeyY).(*desktop.CustomShortcut), func(fyne.Shortcut) { e.Redo() })
	e.win.Canvas().AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { e.Redo() })
	e.win.Canvas().AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { e.Undo() })
	e.win.Canvas().AddShortcut(&fyne.ShortcutCopy{}, func(fyne.Shortcut) { e.Copy() })
	e.win.Canvas().AddShortcut(&fyne.ShortcutCut{}, func(fyne.Shortcut) { e.Cut() })
	e.win.Canvas().AddShortcut(&fyne.ShortcutPaste{}, func(fyne.Shortcut) { e.Paste() })
	e.win.Canvas().AddShortcut(&fyne.ShortcutSelectAll{}, func(fyne.Shortcut) { e.SelectAll() })
}

// refreshMenus rebuilds the main menu (the recent files and the theme
// choice change).
func (e *Editor) refreshMenus() {
	if e.win == nil {
		return
	}
	cmds := e.commands()
	it := func(k string) *fyne.MenuItem { return e.item(cmds, k) }
	sep := fyne.NewMenuItemSeparator

	recent := fyne.NewMenuItem("Open Recent", nil)
	var recentItems []*fyne.MenuItem
	for _, p := range e.RecentFiles() {
		path := p
		recentItems = append(recentItems, fyne.NewMenuItem(filepath.Base(path)+"  —  "+filepath.Dir(path), func() {
			e.confirmDiscard("opening another flow", func() { e.OpenPath(path) })
		}))
	}
	if len(recentItems) == 0 {
		none := fyne.NewMenuItem("No recent files", nil)
		none.Disabled = true
		recentItems = append(recentItems, none)
	}
	recent.ChildMenu = fyne.NewMenu("", recentItems...)

	quit := it("quit")
	quit.IsQuit = true
	file := fyne.NewMenu("File", it("new"), it("open"), recent, it("flowsHome"), sep(), it("save"), it("saveAs"), it("saveToWs"), sep(),
		it("import"), it("exportPNG"), sep(), it("cmpSaved"), it("cmpFile"), sep(), it("close"), quit)
	edit := fyne.NewMenu("Edit", it("undo"), it("redo"), sep(), it("cut"), it("copy"), it("paste"),
		it("duplicate"), it("delete"), sep(), it("selectAll"), it("find"), it("usages"))

	themeMenu := fyne.NewMenuItem("Theme", nil)
	current := ThemeChoice(e.app)
	var themeItems []*fyne.MenuItem
	for _, t := range []struct{ key, label string }{{ThemeSystem, "Follow System"}, {ThemeLight, "Light"}, {ThemeDark, "Dark"}} {
		choice := t.key
		ti := fyne.NewMenuItem(t.label, func() {
			ApplyTheme(e.app, choice)
			e.refreshMenus()
		})
		ti.Checked = current == choice
		themeItems = append(themeItems, ti)
	}
	themeMenu.ChildMenu = fyne.NewMenu("", themeItems...)
	view := fyne.NewMenu("View", it("zoomIn"), it("zoomOut"), it("zoomReset"), it("zoomFit"), sep(),
		it("tidy"), sep(), it("showJSON"), sep(), themeMenu)
	run := fyne.NewMenu("Run", it("run"), sep(), it("coverage"), it("coverFile"), it("uncovered"), it("coverHide"))
	e.win.SetMainMenu(fyne.NewMainMenu(file, edit, view, run))
}

// toolbar is the row of buttons above the canvas.
func (e *Editor) toolbar() fyne.CanvasObject {
	cmds := e.commands()
	action := func(k string) widget.ToolbarItem {
		c := cmds[k]
		return widget.NewToolbarAction(c.icon, c.run)
	}
	return widget.NewToolbar(
		action("new"), action("open"), action("save"), widget.NewToolbarSeparator(),
		action("undo"), action("redo"), widget.NewToolbarSeparator(),
		action("cut"), action("copy"), action("paste"), action("delete"), widget.NewToolbarSeparator(),
		action("zoomIn"), action("zoomOut"), action("zoomFit"), action("tidy"), widget.NewToolbarSeparator(),
		action("find"), action("showJSON"), action("import"), action("exportPNG"),
		widget.NewToolbarSpacer(), action("run"),
	)
}

// FlowsHome opens the local Studio workspace's Flows home.
func (e *Editor) FlowsHome() { e.ws.showHome() }

// SaveToWorkspace stores the flow in the workspace: as the next revision
// of the workspace flow it came from, or as a new workspace flow.
func (e *Editor) SaveToWorkspace() { e.ws.saveDialog(nil) }

// Close closes the window, asking first about unsaved changes (the
// window's close button asks the same through its close intercept). While
// Show Flow JSON or Import from JSON is up, Ctrl+W closes that instead,
// applying nothing.
func (e *Editor) Close() {
	if j := e.lastJSON; j != nil && j.shown {
		j.close()
		return
	}
	e.closeWindow()
}

// closeWindow closes the window (its close button), asking first about
// unsaved changes.
func (e *Editor) closeWindow() { e.confirmDiscard("closing", e.closeNow) }

// Quit closes the window (asking about unsaved changes) and with it the
// application.
func (e *Editor) Quit() {
	e.confirmDiscard("quitting", func() {
		e.closeNow()
		e.app.Quit()
	})
}
