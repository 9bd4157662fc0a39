package studio

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/studio/workspace"
)

// Checked is a flow definition parsed and validated as Studio's REST API
// validates one: its compact JSON (member order and number literals kept)
// and its errors and warnings in the shape the API reports them.
type Checked struct {
	Compact  json.RawMessage
	Errors   []workspace.Problem
	Warnings []workspace.Problem
}

// Valid reports whether the definition has no errors (it may be published).
func (c Checked) Valid() bool { return len(c.Errors) == 0 }

// CheckDefinition parses and validates def. JSON that is not a flow at all
// is refused with model.Parse's error as it is (a *model.StructureError
// when the JSON is well formed), for the caller to word; a flow that breaks
// Studio's rules is returned with its findings.
func CheckDefinition(val *schemas.Validator, def []byte) (Checked, error) {
	flow, err := model.Parse(def)
	if err != nil {
		return Checked{}, err
	}
	var buf bytes.Buffer
	// The parser reads a file saved with a UTF-8 byte order mark as the
	// command line does; the stored definition is the JSON after it.
	if err := json.Compact(&buf, bytes.TrimPrefix(def, []byte("\xef\xbb\xbf"))); err != nil {
		return Checked{}, err
	}
	c := Checked{Compact: buf.Bytes(), Errors: []workspace.Problem{}, Warnings: []workspace.Problem{}}
	for _, d := range val.ValidateFlow(flow) {
		p := workspace.Problem{"message": d.Message, "property_path": "#" + d.Path, "rule": string(d.Rule)}
		if d.Widget != "" {
			p["widget"] = d.Widget
		}
		if d.Severity == schemas.Error {
			c.Errors = append(c.Errors, p)
		} else {
			c.Warnings = append(c.Warnings, p)
		}
	}
	return c, nil
}

// checkedSave is the save the workspace stores for def: validated, and
// refused when it is to be published with errors.
func checkedSave(val *schemas.Validator, name, status, message string, def []byte) (workspace.Save, error) {
	c, err := CheckDefinition(val, def)
	if err != nil {
		return workspace.Save{}, fmt.Errorf("the definition is not a flow: %w", err)
	}
	save := workspace.Save{
		FriendlyName: name, Status: status, Definition: c.Compact,
		Valid: c.Valid(), Errors: c.Errors, Warnings: c.Warnings,
	}
	if message != "" {
		save.CommitMessage = &message
	}
	if status == workspace.StatusPublished && !save.Valid {
		count := "1 error"
		if len(c.Errors) > 1 {
			count = fmt.Sprintf("%d errors", len(c.Errors))
		}
		return workspace.Save{}, fmt.Errorf("a flow with %s cannot be published; save it as a draft or fix it first", count)
	}
	return save, nil
}

// SaveRevision stores def as the next revision of the workspace flow sid,
// as a draft or published. The editor calls it when a flow opened from the
// Flows home is saved, and the Flows home when it pulls or republishes.
func SaveRevision(store *workspace.Store, val *schemas.Validator, sid string, def []byte, message string, publish bool, now time.Time) (workspace.Flow, error) {
	info, err := store.FlowInfo(sid)
	if err != nil {
		return workspace.Flow{}, fmt.Errorf("save a revision: %w", err)
	}
	status := workspace.StatusDraft
	if publish {
		status = workspace.StatusPublished
	}
	save, err := checkedSave(val, info.FriendlyName, status, message, def)
	if err != nil {
		return workspace.Flow{}, fmt.Errorf("save a revision of %q: %w", info.FriendlyName, err)
	}
	return store.UpdateFlow(sid, save, now)
}

// CreateFlow stores def as a new workspace flow named name, a draft.
func CreateFlow(store *workspace.Store, val *schemas.Validator, name string, def []byte, message string, now time.Time) (workspace.Flow, error) {
	save, err := checkedSave(val, name, workspace.StatusDraft, message, def)
	if err != nil {
		return workspace.Flow{}, fmt.Errorf("create flow %q: %w", name, err)
	}
	return store.CreateFlow(save, now)
}
