package schemas

import (
	"strconv"

	"github.com/studioflow/studioflow/model"
)

// conflictRules reports each conflict a three-way merge recorded in the
// flow (see model.ConflictsKey) as an error naming both sides, so a flow
// with unresolved conflicts cannot pass validation or be pushed unnoticed.
func conflictRules(f *model.Flow, out []Diagnostic) []Diagnostic {
	for i, c := range f.Conflicts() {
		out = append(out, Diagnostic{Severity: Error, Widget: c.Widget, Rule: RuleConflict,
			Path:    "/" + model.ConflictsKey + "/" + strconv.Itoa(i),
			Message: c.Describe()})
	}
	return out
}
