package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/studio/restapi"
	"github.com/studioflow/studioflow/studio/sessions"
	"github.com/studioflow/studioflow/studio/wire"
	"github.com/studioflow/studioflow/studio/workspace"
)

const token = "0123456789abcdef0123456789abcdef"

// localStudio serves a fresh workspace on loopback.
func localStudio(t *testing.T) (*httptest.Server, Credentials) {
	t.Helper()
	store, err := workspace.Open(t.TempDir(), workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	mgr, err := sessions.New(store, sessions.Config{})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := schemas.Load()
	if err != nil {
		t.Fatal(err)
	}
	v, err := schemas.NewValidator(cat)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := restapi.New(restapi.Config{Store: store, Sessions: mgr, Validator: v, AccountSID: store.AccountSID(), AuthToken: token})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(func() { ts.Close(); store.Close() })
	return ts, Credentials{store.AccountSID(), token}
}

func TestCreateUpdateFetch(t *testing.T) {
	ts, creds := localStudio(t)
	c, err := New(ts.URL, creds, nil)
	if err != nil {
		t.Fatal(err)
	}
	def := testflows.Read(t, testflows.HelplineFallback)
	ctx := context.Background()
	f, err := c.CreateFlow(ctx, FlowParams{FriendlyName: "Food now", Status: "draft", Definition: def, CommitMessage: "import"})
	if err != nil || f.Revision != 1 || f.Valid == nil || !*f.Valid || f.CommitMessage == nil || *f.CommitMessage != "import" {
		t.Fatalf("create: %v %+v", err, f)
	}
	up, err := c.UpdateFlow(ctx, f.SID, FlowParams{Status: "published", CommitMessage: "go"})
	if err != nil || up.Revision != 2 || up.Status != "published" || up.FriendlyName != "Food now" {
		t.Fatalf("update: %v %+v", err, up)
	}
	got, err := c.FetchFlow(ctx, f.SID)
	if err != nil || got.SID != f.SID || !strings.Contains(string(got.Definition), `"initial_state":"Trigger"`) {
		t.Fatalf("fetch: %v %+v", err, got)
	}
	rev, err := c.FetchRevision(ctx, f.SID, "LatestPublished")
	if err != nil || rev.Revision != 2 || string(rev.Definition) != string(got.Definition) {
		t.Fatalf("latest published: %v %+v", err, rev)
	}

	_, err = c.FetchFlow(ctx, "FW"+strings.Repeat("0", 32))
	var apiErr *wire.Error
	if !errors.As(err, &apiErr) || apiErr.Status != 404 || apiErr.Code != 20404 {
		t.Errorf("missing flow: %v", err)
	}
	_, err = c.CreateFlow(ctx, FlowParams{FriendlyName: "bad", Status: "published", Definition: []byte(`{"states": [], "initial_state": "X"}`)})
	if !errors.As(err, &apiErr) || apiErr.Status != 400 || apiErr.Details["errors"] == nil {
		t.Errorf("invalid publish: %v", err)
	}

	wrong, _ := New(ts.URL, Credentials{creds.Username, "nope"}, nil)
	if _, err := wrong.FetchFlow(ctx, f.SID); !errors.As(err, &apiErr) || apiErr.Status != 401 {
		t.Errorf("wrong token: %v", err)
	}
}

func TestNonTwilioAnswers(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v2/Flows/FWhtml" {
			http.Error(w, "<html>bad gateway</html>", http.StatusBadGateway)
			return
		}
		fmt.Fprint(w, "not json")
	}))
	defer ts.Close()
	c, _ := New(ts.URL, Credentials{"AC1", "x"}, nil)
	if _, err := c.FetchFlow(context.Background(), "FWhtml"); err == nil || !strings.Contains(err.Error(), "HTTP 502") {
		t.Errorf("502 with HTML: %v", err)
	}
	if _, err := c.FetchFlow(context.Background(), "FWx"); err == nil || !strings.Contains(err.Error(), "not the JSON expected") {
		t.Errorf("200 with text: %v", err)
	}
}

func TestCredentialsAndBaseURL(t *testing.T) {
	t.Setenv("TWILIO_API_KEY", "")
	t.Setenv("TWILIO_API_SECRET", "")
	t.Setenv("TWILIO_ACCOUNT_SID", "")
	t.Setenv("TWILIO_AUTH_TOKEN", "")
	if _, err := CredentialsFromEnv(); err == nil {
		t.Error("no credentials in the environment, yet no error")
	}
	t.Setenv("TWILIO_ACCOUNT_SID", "ACabc")
	t.Setenv("TWILIO_AUTH_TOKEN", "secret-token")
	c, err := CredentialsFromEnv()
	if err != nil || c.Username != "ACabc" || c.Password != "secret-token" {
		t.Errorf("account credentials: %v %+v", err, c)
	}
	if s := fmt.Sprint(c); strings.Contains(s, "secret-token") {
		t.Errorf("credentials print their secret: %s", s)
	}
	t.Setenv("TWILIO_API_KEY", "SKkey")
	t.Setenv("TWILIO_API_SECRET", "key-secret")
	if c, _ := CredentialsFromEnv(); c.Username != "SKkey" {
		t.Errorf("API key pair not preferred: %+v", c)
	}
	for _, bad := range []string{"studio.twilio.com", "ftp://x", "http://"} {
		if _, err := New(bad, c, nil); err == nil {
			t.Errorf("base URL %q accepted", bad)
		}
	}
}

// FetchDefinition fetches the flow for no revision and the revision asked
// for otherwise, and answers both with the revision's number and definition.
func TestFetchDefinitionTakesAFlowOrARevision(t *testing.T) {
	ts, creds := localStudio(t)
	c, err := New(ts.URL, creds, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	first := testflows.Read(t, testflows.HelplineFallback)
	f, err := c.CreateFlow(ctx, FlowParams{FriendlyName: "Help", Status: "draft", Definition: first, CommitMessage: "one"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.UpdateFlow(ctx, f.SID, FlowParams{Status: "published", CommitMessage: "two"}); err != nil {
		t.Fatal(err)
	}
	latest, err := c.FetchDefinition(ctx, f.SID, "")
	if err != nil || latest.SID != f.SID || latest.Revision != 2 || latest.Status != "published" || latest.FriendlyName != "Help" ||
		latest.CommitMessage == nil || *latest.CommitMessage != "two" || latest.Valid == nil || !*latest.Valid || len(latest.Definition) == 0 {
		t.Fatalf("current: %v %+v", err, latest)
	}
	one, err := c.FetchDefinition(ctx, f.SID, "1")
	if err != nil || one.Revision != 1 || one.Status != "draft" || *one.CommitMessage != "one" || string(one.Definition) != string(latest.Definition) ||
		!strings.HasSuffix(one.URL, "/Revisions/1") {
		t.Fatalf("revision 1: %v %+v", err, one)
	}
	if _, err := c.FetchDefinition(ctx, f.SID, "9"); err == nil {
		t.Error("a revision that does not exist was fetched")
	}
}
