package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/model"
)

func canonicalFixture(t *testing.T) []byte {
	t.Helper()
	f, err := model.Parse(readFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	return f.Marshal()
}

func TestExtractThenValidateAndPushWithEnv(t *testing.T) {
	orig := canonicalFixture(t)
	dir := t.TempDir()
	flowPath := filepath.Join(dir, "ivr.json")
	if err := os.WriteFile(flowPath, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runCLI("extract", flowPath); r.code != exitOK || !strings.Contains(r.stdout, `SUPPORT_DOMAIN: "support-1234-dev.twil.io"`) {
		t.Fatalf("extract (dry run): %d %s %s", r.code, r.stdout, r.stderr)
	}
	if r := runCLI("extract", "-w", "--env", "prod", flowPath); r.code != exitOK {
		t.Fatalf("extract -w: %d %s %s", r.code, r.stdout, r.stderr)
	}
	templ, err := os.ReadFile(flowPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(templ, []byte("${SALES_SERVICE_SID}")) {
		t.Fatalf("the flow was not rewritten:\n%s", templ)
	}
	if _, err := os.Stat(filepath.Join(dir, "environments", "prod.yaml")); err != nil {
		t.Fatal(err)
	}

	// Placeholders are not errors; with --env they are substituted, and a
	// missing value is one.
	r := runCLI("validate", flowPath)
	if r.code != exitOK || !strings.Contains(r.stderr, "${SALES_SERVICE_SID}") {
		t.Errorf("validate: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if r := runCLI("validate", "--env", "prod", flowPath); r.code != exitOK || strings.Contains(r.stderr, "placeholders") {
		t.Errorf("validate --env prod: %d %s %s", r.code, r.stdout, r.stderr)
	}
	partial := writeTemp(t, "partial.yaml", []byte("SALES_SERVICE_SID: ZS0123456789abcdef0123456789abcdef\n"))
	if r := runCLI("validate", "--env", partial, flowPath); r.code != exitFindings || !strings.Contains(r.stdout, "no value for ${SALES_ENVIRONMENT_SID}") {
		t.Errorf("validate with missing values: %d %s %s", r.code, r.stdout, r.stderr)
	} else {
		// Each use is pointed at, where it stands.
		for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
			if strings.Contains(line, "no value for ${SALES_ENVIRONMENT_SID}") && !strings.Contains(line, "/states/") {
				t.Errorf("a missing value reported without its place: %s", line)
			}
		}
	}

	// push --env sends the substituted flow: pulling it back gives the
	// original byte for byte.
	useCredentials(t, "AC"+strings.Repeat("1", 32))
	base, _ := startServe(t, t.TempDir())
	r = runCLI("push", flowPath, "--env", "prod", "--base-url", base)
	if r.code != exitOK {
		t.Fatalf("push --env: %d %s %s", r.code, r.stdout, r.stderr)
	}
	sid := strings.Fields(r.stdout)[0]
	pulled := filepath.Join(dir, "pulled.json")
	if r := runCLI("pull", sid, "-o", pulled, "--base-url", base); r.code != exitOK {
		t.Fatalf("pull: %d %s", r.code, r.stderr)
	}
	got, err := os.ReadFile(pulled)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, orig) {
		t.Errorf("pushed with --env and pulled back differs from the original:\n%s", got)
	}
}

func TestRunWithEnv(t *testing.T) {
	dir := t.TempDir()
	flowPath := filepath.Join(dir, "hello.json")
	flow := `{"states":[{"name":"Trigger","type":"trigger","transitions":[{"event":"incomingMessage","next":"reply"}],"properties":{"offset":{"x":0,"y":0}}},
{"name":"reply","type":"send-message","transitions":[{"event":"sent"},{"event":"failed"}],"properties":{"offset":{"x":0,"y":200},"from":"{{flow.channel.address}}","to":"{{contact.channel.address}}","body":"Call us at ${SUPPORT_NUMBER}"}}],
"initial_state":"Trigger","flags":{"allow_concurrent_calls":true}}`
	if err := os.WriteFile(flowPath, []byte(flow), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "environments"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "environments", "staging.yaml"), []byte("SUPPORT_NUMBER: \"+14155550100\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI("run", flowPath, "--env", "staging", "--body", "hi", "--from", "+15550001111", "--to", "+15550002222")
	if r.code != exitOK || !strings.Contains(r.stdout, "Call us at +14155550100") {
		t.Errorf("run --env: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}
