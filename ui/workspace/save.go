package workspace

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	wsstore "github.com/studioflow/studioflow/studio/workspace"
)

// checkedSave parses and validates def and returns the save the workspace
// stores: compact JSON (member order kept), valid/errors/warnings in the
// shape the REST API reports them.
func checkedSave(val *schemas.Validator, name, status, message string, def []byte) (wsstore.Save, error) {
	flow, err := model.Parse(def)
	if err != nil {
		return wsstore.Save{}, fmt.Errorf("the definition is not a flow: %w", err)
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, def); err != nil {
		return wsstore.Save{}, fmt.Errorf("the definition is not valid JSON: %w", err)
	}
	save := wsstore.Save{
		FriendlyName: name, Status: status, Definition: buf.Bytes(),
		Errors: []wsstore.Problem{}, Warnings: []wsstore.Problem{},
	}
	if message != "" {
		save.CommitMessage = &message
	}
	for _, d := range val.ValidateFlow(flow) {
		p := wsstore.Problem{"message": d.Message, "property_path": "#" + d.Path, "rule": string(d.Rule)}
		if d.Widget != "" {
			p["widget"] = d.Widget
		}
		if d.Severity == schemas.Error {
			save.Errors = append(save.Errors, p)
		} else {
			save.Warnings = append(save.Warnings, p)
		}
	}
	save.Valid = len(save.Errors) == 0
	if status == wsstore.StatusPublished && !save.Valid {
		return wsstore.Save{}, fmt.Errorf("a flow with %s cannot be published; save it as a draft or fix it first", countNoun(len(save.Errors), "error"))
	}
	return save, nil
}

// SaveRevision stores def as the next revision of the workspace flow sid
// (validated as the REST API validates it), as a draft or published. The
// editor calls it when a flow opened from the Flows home is saved.
func SaveRevision(store *wsstore.Store, val *schemas.Validator, sid string, def []byte, message string, publish bool, now time.Time) (wsstore.Flow, error) {
	info, err := store.FlowInfo(sid)
	if err != nil {
		return wsstore.Flow{}, fmt.Errorf("save a revision: %w", err)
	}
	status := wsstore.StatusDraft
	if publish {
		status = wsstore.StatusPublished
	}
	save, err := checkedSave(val, info.FriendlyName, status, message, def)
	if err != nil {
		return wsstore.Flow{}, fmt.Errorf("save a revision of %q: %w", info.FriendlyName, err)
	}
	return store.UpdateFlow(sid, save, now)
}

// CreateFlow stores def as a new workspace flow named name, a draft.
func CreateFlow(store *wsstore.Store, val *schemas.Validator, name string, def []byte, message string, now time.Time) (wsstore.Flow, error) {
	save, err := checkedSave(val, name, wsstore.StatusDraft, message, def)
	if err != nil {
		return wsstore.Flow{}, fmt.Errorf("create flow %q: %w", name, err)
	}
	return store.CreateFlow(save, now)
}
