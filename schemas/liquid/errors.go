package liquid

import (
	"errors"
	"fmt"
)

// TemplateError says which template failed, where, and why.
type TemplateError struct {
	Template string // the template source as written in the flow
	Line     int    // 1-based line of the failing tag or expression; 0 when unknown
	Reason   string
	cause    error
}

// maxQuotedTemplate bounds how much of a long template an error message quotes;
// the whole source stays in TemplateError.Template.
const maxQuotedTemplate = 200

func (e *TemplateError) Error() string {
	quoted := e.Template
	if len(quoted) > maxQuotedTemplate {
		quoted = fmt.Sprintf("%s… (%d bytes)", quoted[:maxQuotedTemplate], len(e.Template))
	}
	if e.Line > 0 {
		return fmt.Sprintf("liquid template %q, line %d: %s", quoted, e.Line, e.Reason)
	}
	return fmt.Sprintf("liquid template %q: %s", quoted, e.Reason)
}

func (e *TemplateError) Unwrap() error { return e.cause }

func newParseError(source string, err error) *TemplateError {
	te := &TemplateError{Template: source, Reason: "syntax error: " + err.Error(), cause: err}
	var se *syntaxError
	if errors.As(err, &se) {
		te.Line = se.line
		te.Reason = "syntax error: " + se.msg
	}
	return te
}

func newRenderError(source string, err error) *TemplateError {
	te := &TemplateError{Template: source, Reason: err.Error(), cause: err}
	var le *lineErr
	if errors.As(err, &le) {
		te.Line = le.line
	}
	return te
}
