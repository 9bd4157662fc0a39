package restapi

import (
	"encoding/json"
	"net/http"

	"github.com/studioflow/studioflow/studio/wire"
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

func badRequest(format string, args ...any) *wire.Error {
	return wire.NewError(http.StatusBadRequest, codeInvalidParameter, format, args...)
}

func notFound(path string) *wire.Error {
	return wire.NewError(http.StatusNotFound, codeNotFound, "The requested resource %s was not found", path)
}

func writeError(w http.ResponseWriter, e *wire.Error) {
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
