package environments

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/internal/corpus"
	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/modeltest"
)

// The IVR of flowdiff's tests holds Function SIDs, a twil.io URL and no
// placeholders.
const ivrFile = "../flowdiff/testdata/ivr.json"

func canonical(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := model.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return f.Marshal()
}

func TestExtractThenSubstituteGivesBackTheFlow(t *testing.T) {
	orig := canonical(t, ivrFile)
	extracted, props, err := ExtractFile(orig)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range props {
		got[p.Name] = p.Value
	}
	want := map[string]string{
		"SALES_SERVICE_SID":     "ZS0123456789abcdef0123456789abcdef",
		"SALES_ENVIRONMENT_SID": "ZE0123456789abcdef0123456789abcdef",
		"SALES_FUNCTION_SID":    "ZH0123456789abcdef0123456789abcdef",
		"SUPPORT_DOMAIN":        "support-1234-dev.twil.io",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("proposal %s = %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
	if !bytes.Contains(extracted, []byte(`"url": "https://${SUPPORT_DOMAIN}/sales"`)) || bytes.Contains(extracted, []byte("ZS0123")) {
		t.Errorf("extracted flow:\n%s", extracted)
	}
	back, err := SubstituteFile(extracted, ValuesOf("test", props))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(back, orig) {
		t.Errorf("extract then substitute differs from the original:\n%s", back)
	}
}

func TestValuesFileRoundTrip(t *testing.T) {
	orig := canonical(t, ivrFile)
	extracted, props, err := ExtractFile(orig)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, Dir, "prod.yaml")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, WriteValues(props), 0o644); err != nil {
		t.Fatal(err)
	}
	flowPath := filepath.Join(dir, "flows", "ivr.json")
	found, err := Find(flowPath, "prod")
	if err != nil || found != path {
		t.Fatalf("Find = %q, %v; want %q", found, err, path)
	}
	v, err := Load(found)
	if err != nil {
		t.Fatal(err)
	}
	back, err := SubstituteFile(extracted, v)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(back, orig) {
		t.Errorf("substituting the written values file differs from the original")
	}
}

func TestPhoneNumbersAreExtracted(t *testing.T) {
	f, err := model.Parse([]byte(`{"states":[{"name":"Trigger","type":"trigger","transitions":[{"event":"incomingCall","next":"fwd"}],"properties":{}},
{"name":"fwd","type":"connect-call-to","transitions":[],"properties":{"to":"+14155550100","caller_id":"{{contact.channel.address}}","noun":"number"}}],
"initial_state":"Trigger","flags":{"allow_concurrent_calls":true}}`))
	if err != nil {
		t.Fatal(err)
	}
	out, props, err := Extract(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(props) != 1 || props[0].Name != "FWD_TO" || props[0].Value != "+14155550100" || props[0].Widget != "fwd" {
		t.Fatalf("proposals = %+v", props)
	}
	if to := out.State("fwd").StringProperty("to"); to != "${FWD_TO}" {
		t.Errorf("to = %q", to)
	}
}

func TestMissingValuesAreReported(t *testing.T) {
	f, err := model.Parse([]byte(`{"states":[{"name":"Trigger","type":"trigger","transitions":[],"properties":{"offset":{"x":0,"y":0}}},
{"name":"flex","type":"send-to-flex","transitions":[],"properties":{"workflow":"${WORKFLOW_SID}","channel":"${CHANNEL_SID}","attributes":"$${literal}"}}],
"initial_state":"Trigger","flags":{"allow_concurrent_calls":true}}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(Names(f), ","); got != "CHANNEL_SID,WORKFLOW_SID" {
		t.Errorf("names = %s", got)
	}
	uses := Placeholders(f)
	if len(uses) != 2 || uses[0].Widget != "flex" || uses[0].Path != "/states/1/properties/workflow" {
		t.Errorf("uses = %+v", uses)
	}
	out, err := Substitute(f, &Values{Name: "prod", Values: map[string]string{"WORKFLOW_SID": "WW0123456789abcdef0123456789abcdef"}})
	var missing *MissingError
	if !errors.As(err, &missing) || strings.Join(missing.Names, ",") != "CHANNEL_SID" {
		t.Fatalf("error = %v", err)
	}
	if !strings.Contains(err.Error(), `environment "prod" has no value for ${CHANNEL_SID}`) {
		t.Errorf("message = %q", err)
	}
	p := out.State("flex")
	if p.StringProperty("workflow") != "WW0123456789abcdef0123456789abcdef" || p.StringProperty("channel") != "${CHANNEL_SID}" || p.StringProperty("attributes") != "${literal}" {
		t.Errorf("substituted = %v", p.Properties().Keys())
	}
}

// The test flows round-trip too, and the real exports when they sit
// beside the checkout (internal/corpus).
func TestSharedFlowsRoundTrip(t *testing.T) {
	real, _ := filepath.Glob(filepath.Join(corpus.FlowsDir(), "*.json"))
	paths := append(testflows.Paths(), real...)
	for _, path := range paths {
		orig := canonical(t, path)
		if bytes.Contains(orig, []byte("${")) {
			continue // a template already
		}
		extracted, props, err := ExtractFile(orig)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		back, err := SubstituteFile(extracted, ValuesOf("x", props))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if !bytes.Equal(back, orig) {
			t.Errorf("%s: extract then substitute differs", filepath.Base(path))
		}
	}
}

func TestUnsubstituteUndoesSubstitute(t *testing.T) {
	orig := canonical(t, ivrFile)
	f, err := model.Parse(orig)
	if err != nil {
		t.Fatal(err)
	}
	templ, props, err := Extract(f)
	if err != nil {
		t.Fatal(err)
	}
	values := ValuesOf("prod", props)
	concrete, err := Substitute(templ, values)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Unsubstitute(concrete, values)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(back.Marshal(), templ.Marshal()) {
		t.Errorf("Unsubstitute(Substitute(t)) differs from t:\n%s", back.Marshal())
	}
}

// Placeholders names each use by the JSON pointer to its string, through
// lists and keys that need escaping, in file order, and leaves the flow as
// it was.
func TestPlaceholdersArePointedAt(t *testing.T) {
	src := `{"states":[{"name":"Trigger","type":"trigger","transitions":[],"properties":{"offset":{"x":0,"y":0}}},
{"name":"call","type":"make-http-request","transitions":[],"properties":{"url":"https://${HOST}/a","parameters":[{"key":"a/b~c","value":"${TOKEN} and ${HOST}"}],"body":"$${kept} ${$bad}"}}],
"initial_state":"Trigger","flags":{"allow_concurrent_calls":true}}`
	f, err := model.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	before := string(f.Marshal())
	var got []string
	for _, u := range Placeholders(f) {
		got = append(got, u.Name+" "+u.Widget+" "+u.Path)
	}
	want := []string{
		"HOST call /states/1/properties/url",
		"TOKEN call /states/1/properties/parameters/0/value",
		"HOST call /states/1/properties/parameters/0/value",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("uses:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if after := string(f.Marshal()); after != before {
		t.Errorf("Placeholders changed the flow:\n%s", after)
	}
}

// A key that needs escaping is escaped in the pointer to a value under it.
func TestPlaceholderPathsEscapeKeys(t *testing.T) {
	f, err := model.Parse([]byte(`{"states":[{"name":"Trigger","type":"trigger","transitions":[],"properties":{"offset":{"x":0,"y":0},"a/b~c":{"x":["${X}"]}}}],"initial_state":"Trigger","flags":{"allow_concurrent_calls":true}}`))
	if err != nil {
		t.Fatal(err)
	}
	uses := Placeholders(f)
	if len(uses) != 1 || uses[0].Path != "/states/0/properties/a~1b~0c/x/0" || uses[0].Widget != "Trigger" {
		t.Errorf("uses = %+v", uses)
	}
}

// BenchmarkNames: the placeholders `studioflow validate` looks for in every
// flow it checks, on a 1,000-widget flow.
func BenchmarkNames(b *testing.B) {
	f, err := model.Parse(modeltest.Generate(1000))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		Names(f)
	}
}
