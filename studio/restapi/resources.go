package restapi

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/studioflow/studioflow/studio/wire"
)

// writeWithDefinition writes v, whose definition field is null, with def in
// its place. A definition is stored compact and already checked, so it is
// spliced in rather than re-validated by encoding/json: for a 1,000-widget
// flow that is most of the cost of a fetch. The first "definition":null is
// the field itself, since quotes inside earlier string values are escaped.
func writeWithDefinition(w http.ResponseWriter, status int, v any, def json.RawMessage) {
	data, err := json.Marshal(v)
	if err != nil {
		writeError(w, wire.NewError(http.StatusInternalServerError, codeInternal, "the response could not be encoded: %v", err))
		return
	}
	if def != nil {
		data = bytes.Replace(data, []byte(`"definition":null`), append([]byte(`"definition":`), def...), 1)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(data)
}
