// Package restapi serves Twilio Studio's REST API v2 from a workspace.
// Requests are form-encoded, responses JSON with Studio's field names, url
// and links; errors have Twilio's shape (code, message, more_info, status,
// details); every request but a signed webhook needs HTTP basic auth with
// the account SID and auth token, and without it gets a 401 and nothing else.
//
// Before reading a body the server checks what it can without it: the Host
// header (an IP address, localhost, or PublicURL's host and AllowedHosts,
// so a web page cannot reach the server through DNS rebinding) and the
// credentials; a webhook signed with X-Twilio-Signature (which covers the
// body) has its account and the signature's form checked first, and its
// body is read only up to maxWebhookBody, what Twilio sends and more.
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
	"crypto/hmac"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/studio/sessions"
	"github.com/studioflow/studioflow/studio/wire"
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
	// AllowedHosts are names (besides IP addresses, localhost and
	// PublicURL's host) the Host header may give.
	AllowedHosts []string
	// Logf, when set, gets one line per request (method, path, status,
	// duration); credentials are never part of it.
	Logf func(format string, args ...any)
}

// Server is the HTTP handler of the local Studio API.
type Server struct {
	cfg   Config
	hosts map[string]bool // names allowed in the Host header, lower case
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
	hosts := map[string]bool{"localhost": true}
	for _, h := range cfg.AllowedHosts {
		hosts[strings.ToLower(h)] = true
	}
	if cfg.PublicURL != "" {
		u, err := url.Parse(cfg.PublicURL)
		if err != nil || u.Hostname() == "" {
			return nil, fmt.Errorf("restapi: public URL %q has no host", cfg.PublicURL)
		}
		hosts[strings.ToLower(u.Hostname())] = true
	}
	return &Server{cfg: cfg, hosts: hosts}, nil
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

	maxBody    int64      // the largest body read
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
				writeError(rec, wire.NewError(http.StatusInternalServerError, codeInternal, "internal error: %v", p))
			}
		}
		if s.cfg.Logf != nil {
			s.cfg.Logf("%s %s %d %s", r.Method, r.URL.Path, rec.status, time.Since(start).Round(time.Microsecond))
		}
	}()
	if !s.allowedHost(r.Host) {
		refuseUnread(rec, r)
		writeError(rec, wire.NewError(http.StatusForbidden, codeAuthentication,
			"Host %q is not one this server answers to (a guard against DNS rebinding): use its IP address or localhost, or name the host with --public-url", r.Host))
		return
	}
	req := &request{w: rec, r: r, base: s.baseURL(r), account: s.cfg.AccountSID, maxBody: maxBody}
	rt, params, apiErr := match(r.Method, r.URL.Path)
	if rt != nil && rt.signed {
		req.maxBody = maxWebhookBody
	}
	if authErr := s.authenticate(rt, params, req); authErr != nil {
		refuseUnread(rec, r)
		if authErr.Status == http.StatusUnauthorized {
			rec.Header().Set("WWW-Authenticate", `Basic realm="Twilio API"`)
		}
		writeError(rec, authErr)
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

// authenticate checks HTTP basic auth, or for the webhook Twilio's request
// signature; nil when the request may go on. Nothing is read from the body
// unless the request carries a signature of the right form for this
// account's webhook, and then no more than req.maxBody.
func (s *Server) authenticate(rt *route, params map[string]string, req *request) *wire.Error {
	r := req.r
	unauthorized := wire.NewError(http.StatusUnauthorized, codeAuthentication, "Authentication Error - invalid username or password")
	if user, pass, ok := r.BasicAuth(); ok {
		u := subtle.ConstantTimeCompare([]byte(user), []byte(s.cfg.AccountSID))
		p := subtle.ConstantTimeCompare([]byte(pass), []byte(s.cfg.AuthToken))
		if u&p == 1 {
			return nil
		}
		return unauthorized
	}
	signature := r.Header.Get("X-Twilio-Signature")
	if rt == nil || !rt.signed || !plausibleSignature(signature) {
		return unauthorized
	}
	if params["AccountSid"] != s.cfg.AccountSID {
		return notFound(r.URL.Path)
	}
	if r.ContentLength > req.maxBody {
		return req.tooLarge()
	}
	body, apiErr := req.form()
	if apiErr != nil {
		if apiErr.Status == http.StatusRequestEntityTooLarge {
			return apiErr
		}
		return unauthorized
	}
	want := Signature(s.cfg.AuthToken, req.base+r.URL.RequestURI(), body)
	if !hmac.Equal([]byte(want), []byte(signature)) {
		return unauthorized
	}
	return nil
}

// refuseUnread closes the connection after a refusal when the request has
// a body: otherwise the HTTP server reads (up to 256 KiB of) what the
// handler did not, before it answers.
func refuseUnread(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength != 0 {
		w.Header().Set("Connection", "close")
	}
}

// plausibleSignature reports whether sig has the form of an
// X-Twilio-Signature: the base64 of a 20-byte HMAC-SHA1.
func plausibleSignature(sig string) bool {
	if len(sig) != base64.StdEncoding.EncodedLen(sha1.Size) {
		return false
	}
	_, err := base64.StdEncoding.DecodeString(sig)
	return err == nil
}

// allowedHost reports whether the Host header names this server: an IP
// address, localhost, or a name it was given.
func (s *Server) allowedHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
	if host == "" {
		return false
	}
	if _, err := netip.ParseAddr(host); err == nil {
		return true
	}
	return s.hosts[host] || strings.HasSuffix(host, ".localhost")
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
