package wire

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/studioflow/studioflow/engine"
)

// An engine execution becomes the resource Studio would show: its URLs on
// the base, the revision it ran, dates in UTC to the second, an empty
// context rather than null, and its ending as the engine has it, with the
// widget whose failure ended it.
func TestEngineExecutionIsStudiosResource(t *testing.T) {
	at := time.Date(2026, 1, 2, 4, 4, 5, 700_000_000, time.FixedZone("CET", 3600))
	x := &engine.Execution{
		SID: "FN1", AccountSID: "AC1", FlowSID: "FW1", ContactSID: "FC1", ContactChannelAddress: "+15550001111",
		InitiatedBy: "AC1", Status: engine.StatusEnded, DateCreated: at, DateUpdated: at.Add(time.Second),
		Ended: &engine.Ending{Kind: engine.EndFailed, Reason: "broken", Widget: "ask"},
	}
	got := NewEngineExecution(StudioBaseURL, x, 3)
	u := "https://studio.twilio.com/v2/Flows/FW1/Executions/FN1"
	if got.URL != u || got.Links["steps"] != u+"/Steps" || got.Links["execution_context"] != u+"/Context" || len(got.Links) != 2 {
		t.Errorf("url %s, links %v", got.URL, got.Links)
	}
	if got.FlowVersion != 3 || got.AccountSID != "AC1" || got.ContactSID != "FC1" || got.ContactChannelAddress != "+15550001111" ||
		got.InitiatedBy != "AC1" || got.Status != engine.StatusEnded {
		t.Errorf("resource %+v", got)
	}
	if got.Ended == nil || *got.Ended != *x.Ended {
		t.Errorf("ended %+v, want %+v", got.Ended, x.Ended)
	}
	data, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"context":{}`, `"date_created":"2026-01-02T03:04:05Z"`, `"date_updated":"2026-01-02T03:04:06Z"`, `"widget":"ask"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("%s lacks %s", data, want)
		}
	}
}

// Every path names its resources path-escaped, under /v2/Flows.
func TestPathsEscapeTheirSegments(t *testing.T) {
	for got, want := range map[string]string{
		FlowsPath:                          "/v2/Flows",
		FlowPath("FW1"):                    "/v2/Flows/FW1",
		FlowPath("a/b c"):                  "/v2/Flows/a%2Fb%20c",
		RevisionPath("FW1", "Latest/1"):    "/v2/Flows/FW1/Revisions/Latest%2F1",
		TestUsersPath("FW1"):               "/v2/Flows/FW1/TestUsers",
		StepPath("FW1", "FN1", "FT1"):      "/v2/Flows/FW1/Executions/FN1/Steps/FT1",
		WebhookPath("AC1", "FW1"):          "/v1/Accounts/AC1/Flows/FW1",
		StepURL("http://h", "F", "N", "T"): "http://h/v2/Flows/F/Executions/N/Steps/T",
	} {
		if got != want {
			t.Errorf("path %s, want %s", got, want)
		}
	}
}

// The server and the client write no REST path of their own: they build
// them with this package's helpers (the server's route table, which
// spells out patterns with {placeholders}, excepted).
func TestPathsAreWrittenOnlyHere(t *testing.T) {
	fset := token.NewFileSet()
	for _, dir := range []string{"../client", "../restapi"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no Go files in %s (%v)", dir, err)
		}
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") || filepath.Base(file) == "routes.go" {
				continue
			}
			f, err := parser.ParseFile(fset, file, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING &&
					(strings.Contains(lit.Value, "/v2/") || strings.Contains(lit.Value, "/v1/") || strings.Contains(lit.Value, "/Flows")) {
					t.Errorf("%s writes the path %s: use the wire path helpers", fset.Position(lit.Pos()), lit.Value)
				}
				return true
			})
		}
	}
}

// A step shows under the account the API answers for, whatever account
// the step itself names, as every other resource of a server does.
func TestStepShowsTheAPIsAccount(t *testing.T) {
	st := engine.Step{SID: "FT1", AccountSID: "ACengine", FlowSID: "FW1", ExecutionSID: "FN1"}
	if got := NewExecutionStep("http://h", "ACserver", st); got.AccountSID != "ACserver" {
		t.Errorf("step account %s, want the API's ACserver", got.AccountSID)
	}
	if got := NewExecutionStepContext("http://h", "ACserver", st); got.AccountSID != "ACserver" {
		t.Errorf("step context account %s, want the API's ACserver", got.AccountSID)
	}
}
