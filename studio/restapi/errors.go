package restapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// Twilio error codes the API answers with.
const (
	codeInvalidParameter = 20001
	codeAuthentication   = 20003
	codeMethodNotAllowed = 20004
	codeNotFound         = 20404
	codeConflict         = 20409
	codeInternal         = 20500
)

// apiError is Twilio's error shape: code, message, more_info, status, and
// details where there is more to say (validation problems, the conflicting
// execution).
type apiError struct {
	Code     int            `json:"code"`
	Message  string         `json:"message"`
	MoreInfo string         `json:"more_info"`
	Status   int            `json:"status"`
	Details  map[string]any `json:"details,omitempty"`
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %d: %s", e.Status, e.Code, e.Message) }

func newError(status, code int, format string, args ...any) *apiError {
	return &apiError{
		Status: status, Code: code, Message: fmt.Sprintf(format, args...),
		MoreInfo: "https://www.twilio.com/docs/errors/" + strconv.Itoa(code),
	}
}

func badRequest(format string, args ...any) *apiError {
	return newError(http.StatusBadRequest, codeInvalidParameter, format, args...)
}

func notFound(path string) *apiError {
	return newError(http.StatusNotFound, codeNotFound, "The requested resource %s was not found", path)
}

func writeError(w http.ResponseWriter, e *apiError) {
	writeJSON(w, e.Status, e)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		data = []byte(`{"code":20500,"message":"the response could not be encoded","more_info":"https://www.twilio.com/docs/errors/20500","status":500}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(data)
}
