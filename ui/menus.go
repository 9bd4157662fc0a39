package ui

import (
	"fmt"
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
	// keys names a key the canvas handles itself (Delete), for the tooltip.
	keys string
	// onText: the command acts on the focused field's text when a field
	// has the keyboard, so it leaves a name being typed there unapplied.
	onText bool
}

func cmd(label string, sc fyne.Shortcut, icon fyne.Resource, run func()) command {
	return command{label: label, shortcut: sc, icon: icon, run: run}
}

func textCmd(label string, sc fyne.Shortcut, icon fyne.Resource, run func()) command {
	return command{label: label, shortcut: sc, icon: icon, run: run, onText: true}
}

// codeIcon is a "</>" glyph (Material's "code") for the flow's JSON, so it
// does not share the file icon with Export PNG.
var codeIcon = theme.NewThemedResource(fyne.NewStaticResource("code.svg", []byte(
	`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000000" d="M9.4 16.6L4.8 12l4.6-4.6L8 6l-6 6 6 6 1.4-1.4zm5.2 0l4.6-4.6-4.6-4.6L16 6l6 6-6 6-1.4-1.4z"/></svg>`)))

// commands is the one table of the editor's commands, for the menus, the
// toolbar and the shortcuts. Each but those acting on a field's text first
// applies the edit a field holds unapplied (commitPendingEdits).
func (e *Editor) commands() map[string]command {
	cmds := map[string]command{
		"new":       cmd("New", ctrl(fyne.KeyN), theme.FileIcon(), e.New),
		"open":      cmd("Open…", ctrl(fyne.KeyO), theme.FolderOpenIcon(), e.Open),
		"save":      cmd("Save", ctrl(fyne.KeyS), theme.DocumentSaveIcon(), e.Save),
		"saveAs":    cmd("Save As…", ctrlShift(fyne.KeyS), nil, e.SaveAs),
		"import":    cmd("Import from JSON…", ctrl(fyne.KeyI), theme.DownloadIcon(), e.ImportJSON),
		"flowsHome": cmd("Flows Home…", ctrlShift(fyne.KeyH), theme.HomeIcon(), e.FlowsHome),
		"saveToWs":  cmd("Save to Workspace…", nil, nil, e.SaveToWorkspace),
		"showJSON":  cmd("Show Flow JSON…", ctrl(fyne.KeyJ), codeIcon, e.ShowFlowJSON),
		"exportPNG": cmd("Export PNG…", ctrlShift(fyne.KeyE), theme.MediaPhotoIcon(), e.ExportPNG),
		"close":     cmd("Close Window", ctrl(fyne.KeyW), nil, e.Close),
		"quit":      cmd("Quit", ctrl(fyne.KeyQ), nil, e.Quit),
		"undo":      cmd("Undo", &fyne.ShortcutUndo{}, theme.ContentUndoIcon(), e.Undo),
		"redo":      cmd("Redo", ctrlShift(fyne.KeyZ), theme.ContentRedoIcon(), e.Redo),
		"cut":       textCmd("Cut", &fyne.ShortcutCut{}, theme.ContentCutIcon(), e.Cut),
		"copy":      textCmd("Copy", &fyne.ShortcutCopy{}, theme.ContentCopyIcon(), e.Copy),
		"paste":     textCmd("Paste", &fyne.ShortcutPaste{}, theme.ContentPasteIcon(), e.Paste),
		"duplicate": cmd("Duplicate", ctrl(fyne.KeyD), nil, e.Duplicate),
		"delete":    {label: "Delete", icon: theme.DeleteIcon(), run: e.Delete, keys: "Delete", onText: true},
		"selectAll": textCmd("Select All", &fyne.ShortcutSelectAll{}, nil, e.SelectAll),
		"find":      cmd("Find…", ctrl(fyne.KeyF), theme.SearchIcon(), e.Find),
		"zoomIn":    cmd("Zoom In", ctrl(fyne.KeyEqual), theme.ZoomInIcon(), func() { e.canvas.ZoomIn() }),
		"zoomOut":   cmd("Zoom Out", ctrl(fyne.KeyMinus), theme.ZoomOutIcon(), func() { e.canvas.ZoomOut() }),
		"zoomReset": cmd("Actual Size", ctrl(fyne.Key0), nil, func() { e.canvas.ZoomReset() }),
		"zoomFit":   cmd("Zoom to Fit", ctrlShift(fyne.KeyF), theme.ViewFullScreenIcon(), func() { e.canvas.ZoomToFit() }),
		"tidy":      cmd("Tidy Up", ctrlShift(fyne.KeyL), theme.GridIcon(), e.TidyUp),
		"run":       cmd("Run in Simulator", ctrl(fyne.KeyR), theme.MediaPlayIcon(), e.Run),
		"startRun":  cmd("Start a Simulated Run", ctrlShift(fyne.KeyR), nil, e.StartRun),
		"cmpSaved":  cmd("Compare with Saved", nil, nil, e.CompareWithSaved),
		"cmpFile":   cmd("Compare with File…", nil, nil, e.CompareWithFile),
		"usages":    cmd("Find Usages of Widget", ctrlShift(fyne.KeyU), nil, e.FindUsages),
		"coverage":  cmd("Show Test Coverage", ctrlShift(fyne.KeyT), nil, e.ShowCoverage),
		"coverFile": cmd("Show Coverage from Profile…", nil, nil, e.ShowCoverageProfile),
		"coverHide": cmd("Hide Test Coverage", nil, nil, e.HideCoverage),
		"uncovered": cmd("Uncovered Transitions…", nil, nil, e.ShowUncovered),
		"about":     cmd("About Studioflow", nil, theme.InfoIcon(), e.About),
		"shortcuts": cmd("Keyboard Shortcuts", nil, nil, e.ShowShortcuts),
		"nextTab":   cmd("Next Tab of the Pane", &desktop.CustomShortcut{KeyName: fyne.KeyTab, Modifier: fyne.KeyModifierControl}, nil, func() { e.cycleTabs(false) }),
		"prevTab":   cmd("Previous Tab of the Pane", &desktop.CustomShortcut{KeyName: fyne.KeyTab, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift}, nil, func() { e.cycleTabs(true) }),

		// Keys handled where they are pressed, listed in Keyboard Shortcuts.
		"nextField":  {label: "Next / Previous Field", keys: "Tab / Shift+Tab"},
		"insertTab":  {label: "Insert a Tab Character in a Text Field", keys: "Alt+T"},
		"leaveField": {label: "Leave a Text Field (Text Kept)", keys: "Escape"},
		"panes":      {label: "Next / Previous Pane", keys: "F6 / Shift+F6"},
		"arrowSel":   {label: "Select the Widget Mid-View, Then the Nearest One That Way", keys: "Arrows"},
		"arrowPan":   {label: "Pan the View", keys: "Ctrl+Arrows"},
		"nudge":      {label: "Nudge the Selection", keys: "Alt+Arrows (Shift+Arrows: further)"},
		"editWidget": {label: "Edit the Selected Widget", keys: "Enter / F2"},
		"ctxMenu":    {label: "Context Menu of the Selection", keys: "Shift+F10 / Menu"},
		"keyWire":    {label: "Draw a Wire from the Selected Widget", keys: "W, then Space: next transition; Arrows or type a name: target; Enter: connect; Escape: cancel"},
		"deselect":   {label: "Cancel a Drag, or Clear the Selection", keys: "Escape"},
		"canvasZoom": {label: "Zoom In / Out / Actual Size on the Canvas", keys: "+ / - / 0"},
		"menuBar":    {label: "Open the Menu Bar", keys: "F10 (letters choose); Alt alone (arrows only)"},
		"inMenu":     {label: "Choose in an Open Menu", keys: "Its underlined letter; Up / Down, Enter; Left / Right: next menu; Escape"},
		"libraryAdd": {label: "Add the Highlighted Library Widget", keys: "Up / Down, Enter"},
		"chooseRow":  {label: "Go to the Highlighted Find Result or Problem", keys: "Up / Down, Enter"},
		"dialPad":    {label: "Press Keys on the Simulated Phone (Keyboard on Its Dial Pad)", keys: "0–9 / * / #"},
	}
	for k, c := range cmds {
		if c.run != nil && !c.onText {
			c.run = e.committing(c.run)
			cmds[k] = c
		}
	}
	return cmds
}

func (e *Editor) item(cmds map[string]command, key string) *fyne.MenuItem {
	c := cmds[key]
	it := fyne.NewMenuItem(c.label, c.run)
	if c.shortcut != nil {
		it.Action = e.onShortcut(key, c.shortcut, c.run)
	}
	it.Shortcut = c.shortcut
	// No icons in the menus: items with and without them would not line up
	// (the toolbar shows the icons, with tooltips naming the same commands).
	return it
}

// installMenus sets the main menu and the window's shortcuts (the same
// ones, for drivers without a menu bar) and Ctrl+Y for Redo.
func (e *Editor) installMenus() {
	e.refreshMenus()
	cmds := e.commands()
	add := func(key string, sc fyne.Shortcut, run func()) {
		e.win.Canvas().AddShortcut(sc, func(got fyne.Shortcut) { e.onShortcut(key, got, run)() })
	}
	for key, c := range cmds {
		if sc, ok := c.shortcut.(*desktop.CustomShortcut); ok {
			add(key, sc, c.run)
		}
	}
	add("redo", ctrl(fyne.KeyY), cmds["redo"].run)
	add("redo", &fyne.ShortcutRedo{}, cmds["redo"].run)
	add("undo", &fyne.ShortcutUndo{}, cmds["undo"].run)
	add("copy", &fyne.ShortcutCopy{}, cmds["copy"].run)
	add("cut", &fyne.ShortcutCut{}, cmds["cut"].run)
	add("paste", &fyne.ShortcutPaste{}, cmds["paste"].run)
	add("selectAll", &fyne.ShortcutSelectAll{}, cmds["selectAll"].run)
	e.installMenuKeys()
}

// refreshMenus rebuilds the main menu (the recent files and the theme
// choice change). Each title and item is declared here with its mnemonic:
// the letter that chooses it from the keyboard (Alt+letter for a title, the
// letter alone in an open menu), underlined where Fyne draws the menus.
// Letters are unique within their menu and taken from the label
// (TestMenuMnemonicsAreUniqueLettersOfTheirLabels).
func (e *Editor) refreshMenus() {
	if e.win == nil {
		return
	}
	cmds := e.commands()
	mn := newMnemonics()
	it := func(k string, letter rune) *fyne.MenuItem { return mn.item(e.item(cmds, k), letter) }
	sep := fyne.NewMenuItemSeparator

	recent := mn.item(fyne.NewMenuItem("Open Recent", nil), 'R')
	var recentItems []*fyne.MenuItem
	for i, p := range e.RecentFiles() {
		path := p
		ri := fyne.NewMenuItem(fmt.Sprintf("%d  %s  —  %s", i+1, filepath.Base(path), filepath.Dir(path)), e.committing(func() {
			e.confirmDiscard("opening another flow", func() { e.OpenPath(path) })
		}))
		if i < 9 {
			mn.item(ri, rune('1'+i))
		}
		recentItems = append(recentItems, ri)
	}
	if len(recentItems) == 0 {
		none := fyne.NewMenuItem("No recent files", nil)
		none.Disabled = true
		recentItems = append(recentItems, none)
	}
	recent.ChildMenu = fyne.NewMenu("", recentItems...)

	quit := it("quit", 'Q')
	quit.IsQuit = true
	file := mn.menu(fyne.NewMenu("File", it("new", 'N'), it("open", 'O'), recent, it("flowsHome", 'H'), sep(),
		it("save", 'S'), it("saveAs", 'A'), it("saveToWs", 'W'), sep(),
		it("import", 'I'), it("exportPNG", 'E'), sep(), it("cmpSaved", 'D'), it("cmpFile", 'F'), sep(),
		it("close", 'C'), quit), 'F')
	edit := mn.menu(fyne.NewMenu("Edit", it("undo", 'U'), it("redo", 'R'), sep(),
		it("cut", 'T'), it("copy", 'C'), it("paste", 'P'), it("duplicate", 'L'), it("delete", 'D'), sep(),
		it("selectAll", 'A'), it("find", 'F'), it("usages", 'W')), 'E')

	themeMenu := mn.item(fyne.NewMenuItem("Theme", nil), 'H')
	current := ThemeChoice(e.prefs)
	var themeItems []*fyne.MenuItem
	for _, t := range []struct {
		key, label string
		letter     rune
	}{{ThemeSystem, "Follow System", 'F'}, {ThemeLight, "Light", 'L'}, {ThemeDark, "Dark", 'D'}} {
		choice := t.key
		ti := mn.item(fyne.NewMenuItem(t.label, func() {
			ApplyTheme(e.app, e.prefs, choice)
			e.refreshMenus()
		}), t.letter)
		ti.Checked = current == choice
		themeItems = append(themeItems, ti)
	}
	themeMenu.ChildMenu = fyne.NewMenu("", themeItems...)
	minimap := mn.item(fyne.NewMenuItem("Show Minimap", func() { e.SetMinimapShown(!e.MinimapShown()) }), 'M')
	minimap.Checked = e.canvas != nil && e.MinimapShown()
	view := mn.menu(fyne.NewMenu("View", it("zoomIn", 'I'), it("zoomOut", 'O'), it("zoomReset", 'A'), it("zoomFit", 'F'), sep(),
		it("tidy", 'T'), sep(), minimap, it("showJSON", 'J'), sep(), it("nextTab", 'N'), it("prevTab", 'P'), sep(), themeMenu), 'V')
	run := mn.menu(fyne.NewMenu("Run", it("run", 'R'), it("startRun", 'S'), sep(),
		it("coverage", 'C'), it("coverFile", 'P'), it("uncovered", 'U'), it("coverHide", 'H')), 'R')
	help := mn.menu(fyne.NewMenu("Help", it("shortcuts", 'K'), sep(), it("about", 'A')), 'H')
	e.mnemonics = mn
	e.win.SetMainMenu(fyne.NewMainMenu(file, edit, view, run, help))
}

// toolbar is the row of buttons above the canvas.
func (e *Editor) toolbar() fyne.CanvasObject {
	cmds := e.commands()
	action := func(k string) widget.ToolbarItem {
		c := cmds[k]
		return toolbarTip{newTipButton(c.icon, tipText(c), e.tips, c.run)}
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
