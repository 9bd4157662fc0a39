package restapi

import (
	"errors"
	"net/http"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/studio"
	"github.com/studioflow/studioflow/studio/wire"
	"github.com/studioflow/studioflow/studio/workspace"
)

// readDefinition parses and validates a Definition parameter with the one
// validate-and-save service the desktop app uses too (studio.CheckDefinition).
// JSON that is not a flow at all is refused; a flow that breaks Studio's
// rules is returned with its errors for the caller to decide.
func (s *Server) readDefinition(text string) (studio.Checked, *wire.Error) {
	if len(text) > model.MaxFileSize {
		return studio.Checked{}, wire.NewError(http.StatusRequestEntityTooLarge, codeInvalidParameter,
			"Definition is %d bytes, but definitions are limited to %d bytes (%d MiB)", len(text), model.MaxFileSize, model.MaxFileSize>>20)
	}
	d, err := studio.CheckDefinition(s.cfg.Validator, []byte(text))
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
	return d, nil
}

// invalidDefinition is the 400 a publish or a validation of a broken flow
// gets: every error and warning in details.
func invalidDefinition(d studio.Checked) *wire.Error {
	e := badRequest("Invalid Flow Definition")
	e.Details = map[string]any{"errors": d.Errors, "warnings": d.Warnings}
	return e
}
