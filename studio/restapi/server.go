// Package restapi serves Twilio Studio's REST API v2 from a workspace.
// Requests are form-encoded, responses JSON with Studio's field names, url
// and links; errors have Twilio's shape (code, message, more_info, status,
// details); every request but a signed webhook needs HTTP basic auth with
// the account SID and auth token, and without it gets a 401 and nothing else.
//
//	GET, POST         /v2/Flows                        list (no definitions), create
//	POST              /v2/Flows/Validate               {"valid": true}, or 400 with details
//	GET, POST, DELETE /v2/Flows/{FW}                   fetch, update (a new revision), delete
//	GET               /v2/Flows/{FW}/Revisions[/{N|LatestPublished|LatestRevision}]
//	GET, POST         /v2/Flows/{FW}/TestUsers
//	GET, POST         /v2/Flows/{FW}/Executions        list (DateCreatedFrom/To), create (409, 20409)
//	GET, POST, DELETE /v2/Flows/{FW}/Executions/{FN}   fetch, end (Status=ended), delete
//	GET               /v2/Flows/{FW}/Executions/{FN}/Context
//	GET               /v2/Flows/{FW}/Executions/{FN}/Steps[/{FT}[/Context]]
//	POST              /v1/Accounts/{AC}/Flows/{FW}     incoming messaging webhook
//	GET               /v2/Flows/{FW}/Executions/{FN}/Events
//
// The webhook answers Twilio with empty TwiML, as Studio does; beyond
// Studio, a request with Accept: application/json gets the execution and
// the messages the flow sent back instead. Executions
// carry ended_reason; …/Events streams an execution's events as
// Server-Sent Events. Drafts may be saved with validation errors (valid
// false, errors listed); publishing one is refused with details. Executions
// run the latest published revision, or the latest one for test users.
package restapi

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/studio/sessions"
	"github.com/studioflow/studioflow/studio/workspace"
)

// Config is what a Server serves from.
type Config struct {
	Store     *workspace.Store
	Sessions  *sessions.Manager
	Validator *schemas.Validator
	// AccountSID and AuthToken are the credentials clients must present.
	AccountSID, AuthToken string
	// PublicURL, when set, is the scheme and host put in url, links and
	// paging URLs; by default they name the host the request was sent to.
	PublicURL string
	// Now is the clock for flow dates (default time.Now).
	Now func() time.Time
	// Logf, when set, gets one line per request (method, path, status,
	// duration); credentials are never part of it.
	Logf func(format string, args ...any)
}

// Server is the HTTP handler of the local Studio API.
type Server struct {
	cfg Config
}

// New checks cfg and returns the server.
func New(cfg Config) (*Server, error) {
	switch {
	case cfg.Store == nil || cfg.Sessions == nil || cfg.Validator == nil:
		return nil, errors.New("restapi: a store, a sessions manager and a validator are required")
	case !sidPattern("AC").MatchString(cfg.AccountSID):
		return nil, fmt.Errorf("restapi: account SID %q is not AC followed by 32 hex digits", cfg.AccountSID)
	case cfg.AuthToken == "":
		return nil, errors.New("restapi: an auth token is required")
	case cfg.Sessions.Runtime().AccountSID() != cfg.AccountSID:
		// One server, one account: what clients authenticate as is what
		// every resource, webhook_url and execution context says.
		return nil, fmt.Errorf("restapi: executions run under account %s, but clients authenticate as %s; give the sessions manager the server's account", cfg.Sessions.Runtime().AccountSID(), cfg.AccountSID)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cfg.PublicURL = strings.TrimRight(cfg.PublicURL, "/")
	return &Server{cfg: cfg}, nil
}

// request is one call being served.
type request struct {
	w    http.ResponseWriter
	r    *http.Request
	base string // scheme://host of url and links
	// account is the server's one account (the one clients authenticate
	// as), reported by every resource whatever the store recorded.
	account string
	params  map[string]string // path parameters by name

	cachedForm url.Values // the body, once read
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			if !rec.wrote {
				writeError(rec, newError(http.StatusInternalServerError, codeInternal, "internal error: %v", p))
			}
		}
		if s.cfg.Logf != nil {
			s.cfg.Logf("%s %s %d %s", r.Method, r.URL.Path, rec.status, time.Since(start).Round(time.Microsecond))
		}
	}()
	req := &request{w: rec, r: r, base: s.baseURL(r), account: s.cfg.AccountSID}
	rt, params, apiErr := match(r.Method, r.URL.Path)
	if !s.authorized(r, rt, req) {
		rec.Header().Set("WWW-Authenticate", `Basic realm="Twilio API"`)
		writeError(rec, newError(http.StatusUnauthorized, codeAuthentication, "Authentication Error - invalid username or password"))
		return
	}
	if apiErr != nil {
		if apiErr.Status == http.StatusMethodNotAllowed {
			rec.Header().Set("Allow", strings.Join(rt.methods(), ", "))
		}
		writeError(rec, apiErr)
		return
	}
	req.params = params
	if err := rt.handlers[r.Method](s, req); err != nil {
		writeError(rec, err)
	}
}

// authorized checks HTTP basic auth, or for the webhook Twilio's request
// signature.
func (s *Server) authorized(r *http.Request, rt *route, req *request) bool {
	user, pass, ok := r.BasicAuth()
	if ok {
		u := subtle.ConstantTimeCompare([]byte(user), []byte(s.cfg.AccountSID))
		p := subtle.ConstantTimeCompare([]byte(pass), []byte(s.cfg.AuthToken))
		return u&p == 1
	}
	if rt != nil && rt.signed && r.Header.Get("X-Twilio-Signature") != "" {
		return s.validSignature(req)
	}
	return false
}

func (s *Server) baseURL(r *http.Request) string {
	if s.cfg.PublicURL != "" {
		return s.cfg.PublicURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// statusRecorder remembers the status for the request log.
type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status, s.wrote = code, true
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	s.wrote = true
	return s.ResponseWriter.Write(b)
}

// Flush lets streamed responses through.
func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}
