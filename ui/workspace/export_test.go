package workspace

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/model"
)

func TestExportWritesTheCanonicalFormAtomically(t *testing.T) {
	fx := newHomeFixture(t, webinarFlow)
	f := fx.flowNamed(t, "Webinar IVR")
	parsed, err := model.Parse(readFlow(t, webinarFlow))
	if err != nil {
		t.Fatal(err)
	}
	want := parsed.Marshal()
	if !strings.HasSuffix(string(want), "\n") {
		want = append(want, '\n')
	}

	dir := t.TempDir()
	path := filepath.Join(dir, "webinar.json")
	if err := fx.home.ExportFlow(f.SID, path); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("exported %d bytes, not the canonical form of the imported file (%d bytes)", len(got), len(want))
	}

	// Replacing an existing file keeps its mode and leaves no temporary file.
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := fx.home.ExportFlow(f.SID, path); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("mode after replace: %v %v", info.Mode(), err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d files after export", len(entries))
	}

	err = fx.home.ExportFlow(f.SID, filepath.Join(dir, "missing", "x.json"))
	if err == nil || !strings.Contains(err.Error(), "Webinar IVR") || !strings.Contains(err.Error(), "missing") {
		t.Fatalf("export into a missing folder: %v", err)
	}
}

func TestDoubleClickingAFlowOpensItAndDeletingTellsTheWindow(t *testing.T) {
	fx := newHomeFixture(t, webinarFlow, foodnowFlow)
	var opened, deleted []string
	fx.home.OnOpen = func(sid string, _ []byte, _ int) { opened = append(opened, sid) }
	fx.home.OnDeleted = func(sid string) { deleted = append(deleted, sid) }
	var rows []*flowRow
	for _, o := range test.LaidOutObjects(fx.home.list) {
		if r, ok := o.(*flowRow); ok && r.Visible() && r.sid != "" {
			rows = append(rows, r)
		}
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows drawn", len(rows))
	}
	food := fx.flowNamed(t, "FoodNow fallback")
	for _, r := range rows {
		if r.sid == food.SID {
			test.DoubleTap(r)
		}
	}
	if !slices.Equal(opened, []string{food.SID}) {
		t.Fatalf("double-click opened %v", opened)
	}

	fx.home.Select(food.SID)
	test.Tap(fx.home.detail.deleteBtn)
	test.Tap(button(t, overlay(t, fx.win), "Delete"))
	if !slices.Equal(deleted, []string{food.SID}) {
		t.Fatalf("OnDeleted got %v", deleted)
	}
}
