package restapi

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/studio/wire"
)

// maxBody bounds a request body: a definition at model.MaxFileSize can
// triple in size when form-encoded.
const maxBody = 3*model.MaxFileSize + 1<<20

// form reads a POST's form-encoded body. A missing body is an empty form.
func (q *request) form() (url.Values, *wire.Error) {
	if q.cachedForm != nil {
		return q.cachedForm, nil
	}
	if ct := q.r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/x-www-form-urlencoded" {
			return nil, wire.NewError(http.StatusUnsupportedMediaType, codeInvalidParameter,
				"Content-Type %q is not supported: send the parameters form-encoded (application/x-www-form-urlencoded)", ct)
		}
	}
	if q.r.ContentLength > q.maxBody {
		return nil, q.tooLarge()
	}
	body, err := io.ReadAll(http.MaxBytesReader(q.w, q.r.Body, q.maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, q.tooLarge()
		}
		return nil, badRequest("The request body could not be read: %v", err)
	}
	values, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, badRequest("The request body is not valid form encoding: %v", err)
	}
	q.cachedForm = values
	return values, nil
}

func (q *request) tooLarge() *wire.Error {
	size := fmt.Sprintf("%d MiB", q.maxBody>>20)
	if q.maxBody < 1<<20 {
		size = fmt.Sprintf("%d KiB", q.maxBody>>10)
	}
	return wire.NewError(http.StatusRequestEntityTooLarge, codeInvalidParameter, "The request body is larger than %s", size)
}

// query reads the URL's query parameters.
func (q *request) query() (url.Values, *wire.Error) {
	values, err := url.ParseQuery(q.r.URL.RawQuery)
	if err != nil {
		return nil, badRequest("The query string is not valid: %v", err)
	}
	return values, nil
}

func required(form url.Values, name string) (string, *wire.Error) {
	v, ok := form[name]
	if !ok || len(v) == 0 || v[0] == "" {
		return "", badRequest("Missing required parameter %s in the post body", name)
	}
	return v[0], nil
}

func optional(form url.Values, name string) *string {
	v, ok := form[name]
	if !ok || len(v) == 0 {
		return nil
	}
	return &v[0]
}
