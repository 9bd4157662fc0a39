package studio

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/studio/workspace"
)

func validator(t *testing.T) *schemas.Validator {
	t.Helper()
	cat, err := schemas.Load()
	if err != nil {
		t.Fatal(err)
	}
	v, err := schemas.NewValidator(cat)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestCheckDefinitionReportsFindingsAndRefusesWhatIsNotAFlow(t *testing.T) {
	v := validator(t)
	c, err := CheckDefinition(v, testflows.Read(t, testflows.StandbyList))
	if err != nil {
		t.Fatal(err)
	}
	if c.Valid() || len(c.Errors) != 1 || c.Errors[0]["property_path"] != "#/states/12/transitions/0/next" || c.Errors[0]["widget"] != "Goodbye" {
		t.Errorf("errors %v", c.Errors)
	}
	if strings.Contains(string(c.Compact), "\n") {
		t.Error("the stored definition is not compact")
	}
	// A definition saved with a UTF-8 byte order mark (Windows editors) is
	// read as the command line reads the file; the stored JSON starts after it.
	withBOM, err := CheckDefinition(v, append([]byte("\xef\xbb\xbf"), testflows.Read(t, testflows.StandbyList)...))
	if err != nil || string(withBOM.Compact) != string(c.Compact) {
		t.Errorf("a definition with a byte order mark: %v, stored %.20q", err, withBOM.Compact)
	}
	_, err = CheckDefinition(v, []byte(`{"states": 3}`))
	var structure *model.StructureError
	if !errors.As(err, &structure) {
		t.Errorf("a JSON object that is not a flow: err %v, want a *model.StructureError", err)
	}
}

func TestSavesRefuseToPublishAFlowWithErrors(t *testing.T) {
	v := validator(t)
	store, err := workspace.Open(t.TempDir(), workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	now := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	broken, err := CreateFlow(store, v, "Standby", testflows.Read(t, testflows.StandbyList), "first", now)
	if err != nil || broken.Valid || broken.Revision != 1 {
		t.Fatalf("create: %+v %v", broken, err)
	}
	if _, err := SaveRevision(store, v, broken.SID, testflows.Read(t, testflows.StandbyList), "go live", true, now); err == nil || !strings.Contains(err.Error(), "a flow with 1 error cannot be published") {
		t.Fatalf("publishing a flow with an error: %v", err)
	}
	saved, err := SaveRevision(store, v, broken.SID, testflows.Read(t, testflows.Handoff), "fixed", true, now)
	if err != nil || !saved.Valid || saved.Revision != 2 || saved.Status != workspace.StatusPublished {
		t.Fatalf("publish a valid flow: %+v %v", saved, err)
	}
}
