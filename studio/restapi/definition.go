package restapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/studio/workspace"
)

// checkedDefinition is a Definition parameter read and validated.
type checkedDefinition struct {
	compact  json.RawMessage // member order and number literals as sent
	errors   []workspace.Problem
	warnings []workspace.Problem
}

func (d checkedDefinition) valid() bool { return len(d.errors) == 0 }

// readDefinition parses and validates a Definition parameter. JSON that is
// not a flow at all is refused; a flow that breaks Studio's rules is
// returned with its errors for the caller to decide.
func (s *Server) readDefinition(text string) (checkedDefinition, *apiError) {
	var d checkedDefinition
	if len(text) > model.MaxFileSize {
		return d, newError(http.StatusRequestEntityTooLarge, codeInvalidParameter,
			"Definition is %d bytes, but definitions are limited to %d bytes (%d MiB)", len(text), model.MaxFileSize, model.MaxFileSize>>20)
	}
	flow, err := model.Parse([]byte(text))
	if err != nil {
		var structure *model.StructureError
		if errors.As(err, &structure) {
			e := badRequest("Invalid Flow Definition")
			e.Details = map[string]any{
				"errors":   []workspace.Problem{{"message": structure.Msg, "property_path": "#" + structure.Path}},
				"warnings": []workspace.Problem{},
			}
			return d, e
		}
		return d, badRequest("Definition is not valid JSON: %v", err)
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, []byte(text)); err != nil {
		return d, badRequest("Definition is not valid JSON: %v", err)
	}
	d.compact = buf.Bytes()
	d.errors, d.warnings = []workspace.Problem{}, []workspace.Problem{}
	for _, diag := range s.cfg.Validator.ValidateFlow(flow) {
		p := workspace.Problem{"message": diag.Message, "property_path": "#" + diag.Path, "rule": string(diag.Rule)}
		if diag.Widget != "" {
			p["widget"] = diag.Widget
		}
		if diag.Severity == schemas.Error {
			d.errors = append(d.errors, p)
		} else {
			d.warnings = append(d.warnings, p)
		}
	}
	return d, nil
}

// invalidDefinition is the 400 a publish or a validation of a broken flow
// gets: every error and warning in details.
func invalidDefinition(d checkedDefinition) *apiError {
	e := badRequest("Invalid Flow Definition")
	e.Details = map[string]any{"errors": d.errors, "warnings": d.warnings}
	return e
}
