package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/engine/coverage"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/ui/kbd"
)

// The Editor is built from three named parts, embedded so that its
// methods keep reading e.doc or e.canvas while each part says which
// concern a field belongs to.

// editorFile is the flow the window edits and what keeps it safe: where it
// came from, the file on disk as last seen, and the crash-recovery copy.
type editorFile struct {
	doc       *model.Document
	path      string
	source    string
	cancelDoc func()

	recovery     recoveryStore
	recoveryFile string
	autosaved    uint64 // document version last written to the recovery file
	disk         fileStamp
	reloadOffer  bool // a reload dialog is showing
}

// editorPanes are the views the window is laid out from.
type editorPanes struct {
	canvas    flowCanvas
	library   *Library
	finder    *Finder
	inspector *Inspector
	problems  *Problems
	dock      *problemsDock
	conflicts *Conflicts
	tips      *tipLayer
	ring      *kbd.Ring
	reader    *canvasReader // what screen readers read of the canvas
	// toolbarObject is the row of buttons above the canvas.
	toolbarObject fyne.CanvasObject
	status        *widget.Label
	summary       string // the status line's widget count, "" when stale
	// While a hint shows (showHint), hinting is true and beforeHint is
	// what the status line showed before it; beforeHintWasUsual says that
	// was its usual text (usualStatus: the coverage summary, or the file
	// and its summary), brought up to date when the hint ends.
	hinting            bool
	beforeHint         string
	beforeHintWasUsual bool
	state              *widget.Label
	leftTabs           *container.AppTabs
	lastTabs           *container.AppTabs // the strip Ctrl+Tab last cycled
	center             *container.Split
	mainSplit          *container.Split
	sim                *simulatorSlot
}

// editorAssist is what runs, searches and popups leave behind for the
// Liquid fields and the coverage overlay (provenance.go, coverage.go), and
// for tests to read.
type editorAssist struct {
	lastJSON       *jsonEditor // the last Show/Import JSON view opened
	lastCompletion *fyne.Menu
	// lastRun is the simulator's last ended execution; the Liquid fields
	// on show list its values.
	lastRun *engine.Execution
	assists []*liquidAssist
	// lastCoverage is the coverage the canvas shows, nil when none;
	// coverageStatus is its summary, which the status line keeps showing
	// while it is shown.
	lastCoverage   *coverage.Flow
	coverageStatus string
	lastUsages     []schemas.Usage
}
