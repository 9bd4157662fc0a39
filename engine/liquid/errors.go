package liquid

import (
	"errors"
	"fmt"

	osteele "github.com/osteele/liquid"
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

func newParseError(source string, err osteele.SourceError) *TemplateError {
	return &TemplateError{Template: source, Line: err.LineNumber(), Reason: "syntax error: " + reasonOf(err), cause: err}
}

func newRenderError(source string, err osteele.SourceError) *TemplateError {
	te := &TemplateError{Template: source, Line: err.LineNumber(), Reason: reasonOf(err), cause: err}
	switch {
	case errors.Is(err, ErrOutputTooLarge):
		te.Reason = ErrOutputTooLarge.Error()
	case errors.Is(err, ErrTooManyIterations):
		te.Reason = ErrTooManyIterations.Error()
	}
	return te
}

// reasonOf strips the library's "Liquid error (line N): … in TOKEN" wrapping
// down to the innermost message, keeping the offending token when there is one.
func reasonOf(err osteele.SourceError) string {
	msg := err.Error()
	if cause := err.Cause(); cause != nil {
		var inner osteele.SourceError
		if errors.As(cause, &inner) && inner != err {
			return reasonOf(inner)
		}
	}
	const prefix = "Liquid error"
	if len(msg) > len(prefix) && msg[:len(prefix)] == prefix {
		if i := indexColon(msg); i >= 0 {
			return msg[i+2:]
		}
	}
	return msg
}

func indexColon(s string) int {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == ':' && s[i+1] == ' ' {
			return i
		}
	}
	return -1
}
