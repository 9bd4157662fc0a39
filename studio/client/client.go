// Package client speaks Studio's REST API v2 for pull and push: fetch a flow
// or one of its revisions, create or update a flow. It talks to
// https://studio.twilio.com or to any other server (studioflow serve) with
// an account SID and auth token, or an API key pair.
package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/studioflow/studioflow/studio/wire"
)

// DefaultBaseURL is Twilio's Studio API.
const DefaultBaseURL = wire.StudioBaseURL

// maxResponse bounds what the client reads of one answer: a flow of the
// largest size Studio stores, with room to spare.
const maxResponse = 32 << 20

// Credentials authenticate requests: an account SID and auth token, or an
// API key SID and secret.
type Credentials struct {
	Username, Password string
}

// String never shows the secret, so credentials cannot leak through logs.
func (c Credentials) String() string { return c.Username + ":********" }

// CredentialsFromEnv reads TWILIO_API_KEY and TWILIO_API_SECRET when both
// are set, else TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.
func CredentialsFromEnv() (Credentials, error) {
	if key, secret := os.Getenv("TWILIO_API_KEY"), os.Getenv("TWILIO_API_SECRET"); key != "" && secret != "" {
		return Credentials{key, secret}, nil
	}
	sid, token := os.Getenv("TWILIO_ACCOUNT_SID"), os.Getenv("TWILIO_AUTH_TOKEN")
	if sid == "" || token == "" {
		return Credentials{}, errors.New("no Twilio credentials: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET)")
	}
	return Credentials{sid, token}, nil
}

// Client is a Studio API client. It is safe for concurrent use.
type Client struct {
	base  string
	shown string // base as errors show it: without its password
	creds Credentials
	http  *http.Client
}

// New returns a client of the API at baseURL (DefaultBaseURL when empty).
// A nil httpClient uses one with a 30 s timeout.
func New(baseURL string, creds Credentials, httpClient *http.Client) (*Client, error) {
	if baseURL == "" {
		baseURL = DefaultBaseURL
	}
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("base URL %q is not an http(s) URL such as %s", redactURL(baseURL), DefaultBaseURL)
	}
	if httpClient == nil {
		httpClient = &http.Client{Timeout: 30 * time.Second}
	}
	base := strings.TrimRight(baseURL, "/")
	return &Client{base: base, shown: redactURL(base), creds: creds, http: httpClient}, nil
}

// redactURL hides the password of a URL written with user:password@, even
// one that does not parse: errors and logs show the rest.
func redactURL(s string) string {
	if u, err := url.Parse(s); err == nil && u.Scheme != "" && u.Host != "" {
		return u.Redacted()
	}
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok {
		return s
	}
	authority := rest
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		authority = rest[:i]
	}
	at := strings.LastIndex(authority, "@")
	if at < 0 {
		return s
	}
	user, _, hasPassword := strings.Cut(authority[:at], ":")
	if !hasPassword {
		return s
	}
	return scheme + "://" + user + ":xxxxx@" + rest[at+1:]
}

// FlowParams are Create's and Update's parameters; empty ones are not sent.
type FlowParams struct {
	FriendlyName  string
	Status        string // draft or published
	Definition    []byte // the flow JSON
	CommitMessage string
}

func (p FlowParams) form() url.Values {
	v := url.Values{}
	for name, value := range map[string]string{
		"FriendlyName": p.FriendlyName, "Status": p.Status, "Definition": string(p.Definition), "CommitMessage": p.CommitMessage,
	} {
		if value != "" {
			v.Set(name, value)
		}
	}
	return v
}

// FetchFlow returns the flow with its latest definition.
func (c *Client) FetchFlow(ctx context.Context, sid string) (wire.Flow, error) {
	var f wire.Flow
	err := c.do(ctx, http.MethodGet, wire.FlowPath(sid), nil, &f)
	return f, err
}

// FetchRevision returns one revision: a number, LatestPublished or LatestRevision.
func (c *Client) FetchRevision(ctx context.Context, sid, revision string) (wire.FlowRevision, error) {
	var r wire.FlowRevision
	err := c.do(ctx, http.MethodGet, wire.RevisionPath(sid, revision), nil, &r)
	return r, err
}

// FetchDefinition returns the flow's definition at revision (a number,
// LatestPublished or LatestRevision), with the revision's number, status,
// name and validity, for a caller that takes either: the revision's
// resource, or for "" the flow's (its latest revision) in the fields whose
// meaning the two resources share (not the dates or the URL).
func (c *Client) FetchDefinition(ctx context.Context, sid, revision string) (wire.FlowRevision, error) {
	if revision != "" {
		return c.FetchRevision(ctx, sid, revision)
	}
	f, err := c.FetchFlow(ctx, sid)
	return wire.FlowRevision{
		SID: f.SID, AccountSID: f.AccountSID, FriendlyName: f.FriendlyName, Definition: f.Definition,
		Status: f.Status, Revision: f.Revision, CommitMessage: f.CommitMessage, Valid: f.Valid, Errors: f.Errors,
	}, err
}

// CreateFlow creates a flow.
func (c *Client) CreateFlow(ctx context.Context, p FlowParams) (wire.Flow, error) {
	var f wire.Flow
	err := c.do(ctx, http.MethodPost, wire.FlowsPath, p.form(), &f)
	return f, err
}

// UpdateFlow saves a new revision of the flow.
func (c *Client) UpdateFlow(ctx context.Context, sid string, p FlowParams) (wire.Flow, error) {
	var f wire.Flow
	err := c.do(ctx, http.MethodPost, wire.FlowPath(sid), p.form(), &f)
	return f, err
}

func (c *Client) do(ctx context.Context, method, path string, form url.Values, out any) error {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("Accept", "application/json")
	req.SetBasicAuth(c.creds.Username, c.creds.Password)
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s%s: %w", method, c.shown, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse+1))
	if err != nil {
		return fmt.Errorf("%s %s: read the answer: %w", method, path, err)
	}
	if len(data) > maxResponse {
		return fmt.Errorf("%s %s: the answer is larger than %d MiB", method, path, maxResponse>>20)
	}
	if resp.StatusCode >= 300 {
		apiErr := &wire.Error{}
		if json.Unmarshal(data, apiErr) != nil || apiErr.Code == 0 {
			return fmt.Errorf("%s %s: HTTP %d: %s", method, path, resp.StatusCode, snippet(data))
		}
		if apiErr.Status == 0 {
			apiErr.Status = resp.StatusCode
		}
		return fmt.Errorf("%s %s: %w", method, path, apiErr)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("%s %s: the answer is not the JSON expected (%v): %s", method, path, err, snippet(data))
	}
	return nil
}

func snippet(data []byte) string {
	s := strings.TrimSpace(string(data))
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}
