package filedialog

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/ui/kbd"
)

// builtin is the in-window chooser: a path field (typed, pasted or built
// by clicking) over the listing of the folder it names.
type builtin struct {
	win     fyne.Window
	opts    Options
	save    bool
	done    func(string)
	dir     string   // the folder listed
	entries []string // its folders (ending in /) then its matching files
	path    *pathEntry
	list    *kbd.List
	problem *widget.Label
	dialog  *kbd.Dialog
}

func newBuiltin(w fyne.Window, o Options, dir string, save bool, done func(string)) *builtin {
	b := &builtin{win: w, opts: o, save: save, done: done}
	b.path = newPathEntry(b.submit, b.cancel)
	b.path.owner = b
	b.path.OnChanged = func(text string) { b.follow(text) }
	b.problem = widget.NewLabel("")
	b.problem.Importance = widget.DangerImportance
	b.problem.Wrapping = fyne.TextWrapWord
	b.problem.Hide()
	b.list = kbd.NewList(func() int { return len(b.entries) }, func() fyne.CanvasObject {
		return container.NewBorder(nil, nil, widget.NewIcon(theme.FileIcon()), nil, widget.NewLabel(""))
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		row := o.(*fyne.Container)
		name := b.entries[i]
		icon := theme.FileIcon()
		if strings.HasSuffix(name, "/") {
			icon = theme.FolderIcon()
		}
		for _, c := range row.Objects {
			switch v := c.(type) {
			case *widget.Label:
				v.SetText(name)
			case *widget.Icon:
				v.SetResource(icon)
			}
		}
	})
	b.list.OnSelected = func(i widget.ListItemID) {
		b.list.Unselect(i)
		if i < 0 || i >= len(b.entries) {
			return
		}
		name := b.entries[i]
		if name == "../" {
			b.setPath(filepath.Dir(b.dir) + string(filepath.Separator))
			return
		}
		path := filepath.Join(b.dir, name)
		if strings.HasSuffix(name, "/") {
			path += string(filepath.Separator)
		} else if expand(b.path.Text) == path {
			b.submit() // a second click on the chosen file takes it
			return
		}
		b.setPath(path)
	}
	start := dir + string(filepath.Separator)
	if save && o.FileName != "" {
		start = filepath.Join(dir, o.FileName)
	}
	b.setPath(start) // the cursor after it: a typed name goes into the folder
	b.follow(start)
	return b
}

func (b *builtin) show() {
	label := "Open"
	if b.save {
		label = "Save"
	}
	ok := kbd.NewButtonWithIcon(label, theme.ConfirmIcon(), b.submit)
	ok.Importance = widget.HighImportance
	cancel := kbd.NewButtonWithIcon("Cancel", theme.CancelIcon(), b.cancel)
	hint := widget.NewLabel("Type or paste a path; Enter opens a folder or chooses the file.")
	hint.Importance = widget.LowImportance
	top := container.NewVBox(b.path, b.problem)
	content := container.NewBorder(top, hint, nil, nil, b.list)
	title := b.opts.Title
	if title == "" {
		title = label
	}
	b.dialog = kbd.New(title, content, b.win)
	b.dialog.SetButtons(cancel, ok)
	b.dialog.Resize(Size(b.win))
	b.dialog.SetFocus(b.path)
	b.dialog.Show()
}

// Size is most of the window, so the list shows a couple dozen rows.
func Size(w fyne.Window) fyne.Size {
	s := w.Canvas().Size()
	return fyne.NewSize(max(s.Width*0.7, 560), max(s.Height*0.8, 420))
}

// setPath puts text in the field (and so lists its folder).
func (b *builtin) setPath(text string) {
	b.path.SetText(text)
	b.path.CursorColumn = len([]rune(text))
	b.path.Refresh()
}

// follow lists the folder the typed text names (its whole text when it
// is a folder, else the folder part), files filtered by the name typed.
func (b *builtin) follow(text string) {
	b.problem.Hide()
	path := expand(text)
	dir, prefix := path, ""
	if !strings.HasSuffix(text, "/") && !isDir(path) {
		dir, prefix = filepath.Dir(path), filepath.Base(path)
	}
	if !isDir(dir) {
		return // keep the last listing while the folder is typed
	}
	b.dir = dir
	b.entries = listFolder(dir, prefix, b.opts.Extensions, b.save)
	b.list.Refresh()
}

// listFolder lists dir's folders then its files with one of exts, whose
// names start with prefix (case-insensitively); hidden ones only when the
// prefix starts with a dot.
func listFolder(dir, prefix string, exts []string, save bool) []string {
	items, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var dirs, files []string
	if filepath.Dir(dir) != dir {
		dirs = append(dirs, "../")
	}
	for _, it := range items {
		name := it.Name()
		if strings.HasPrefix(name, ".") && !strings.HasPrefix(prefix, ".") {
			continue
		}
		isFolder := it.IsDir()
		if !isFolder && it.Type()&os.ModeSymlink != 0 {
			isFolder = isDir(filepath.Join(dir, name))
		}
		if isFolder {
			if save || prefix == "" || strings.HasPrefix(strings.ToLower(name), strings.ToLower(prefix)) {
				dirs = append(dirs, name+"/")
			}
			continue
		}
		if matches(name, exts) && (save || strings.HasPrefix(strings.ToLower(name), strings.ToLower(prefix))) {
			files = append(files, name)
		}
	}
	slices.SortFunc(dirs[min(1, len(dirs)):], func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	slices.SortFunc(files, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return append(dirs, files...)
}

// expand turns ~ into the home folder and makes the path absolute.
func expand(text string) string {
	text = strings.TrimSpace(text)
	if text == "~" || strings.HasPrefix(text, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			text = filepath.Join(home, strings.TrimPrefix(text, "~"))
		}
	}
	if abs, err := filepath.Abs(text); err == nil {
		return abs
	}
	return text
}

// submit goes into a folder, or chooses the file the field names.
func (b *builtin) submit() {
	text := b.path.Text
	path := expand(text)
	if strings.TrimSpace(text) == "" {
		return
	}
	if isDir(path) {
		b.setPath(path + string(filepath.Separator))
		return
	}
	if !b.save {
		info, err := os.Stat(path)
		if err != nil {
			b.fail(fmt.Sprintf("%s does not exist.", path))
			return
		}
		if !info.Mode().IsRegular() {
			b.fail(fmt.Sprintf("%s is not a file.", path))
			return
		}
		b.choose(path)
		return
	}
	if !isDir(filepath.Dir(path)) {
		b.fail(fmt.Sprintf("The folder %s does not exist.", filepath.Dir(path)))
		return
	}
	if len(b.opts.Extensions) > 0 && filepath.Ext(path) == "" {
		path += b.opts.Extensions[0]
	}
	if _, err := os.Stat(path); err == nil {
		kbd.ShowConfirm("Replace file?", fmt.Sprintf("%s already exists. Replace it?", filepath.Base(path)), func(yes bool) {
			if yes {
				b.choose(path)
			}
		}, b.win)
		return
	}
	b.choose(path)
}

func (b *builtin) choose(path string) {
	if b.dialog != nil {
		b.dialog.Hide()
	}
	b.done(path)
}

func (b *builtin) cancel() {
	if b.dialog != nil {
		b.dialog.Hide()
	}
}

func (b *builtin) fail(msg string) {
	b.problem.SetText(msg)
	b.problem.Show()
}

// pathEntry is the path field: Enter submits, Escape cancels.
type pathEntry struct {
	widget.Entry
	onEscape func()
	owner    *builtin
}

func newPathEntry(submit, cancel func()) *pathEntry {
	e := &pathEntry{onEscape: cancel}
	e.ExtendBaseWidget(e)
	e.OnSubmitted = func(string) { submit() }
	return e
}

// TypedKey is part of fyne.Focusable.
func (e *pathEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(ev)
}
