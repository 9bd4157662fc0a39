package model

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/internal/corpus"
	"github.com/studioflow/studioflow/internal/testflows"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/canonical")

// canonicalExports are the real exports (corpus) already in Studio's "Show
// Flow JSON" form; they must come back byte for byte.
var canonicalExports = map[string]bool{
	"Eclairemoy__pride-astrology__studio_flow.json":                                                   true,
	"dsmwong__what3words__studio_flow.json":                                                           true,
	"mbarry-owl__OrderLookupIVR__studio_flow.json":                                                    true,
	"mgmuscari__accfb-foodnow__studio_fallback_flow.json":                                             true,
	"twilio-labs__function-templates__outreach-pcp-followup_assets_studio-flow-template.private.json": true,
	"twilio-labs__function-templates__vaccine-standby-list_sms-studio-flow.json":                      true,
	"twilio-professional-services__flex-project-template__infra-as-code_terraform_modules_callback-and-voicemail_flows_template_example_callback_flow.json":         true,
	"twilio-professional-services__flex-project-template__infra-as-code_terraform_modules_park-interaction_flows_template_example_messaging_with_parking_flow.json": true,
	"twilio-professional-services__flex-project-template__infra-as-code_terraform_modules_schedule-manager_flows_template_example_schedule_flow.json":               true,
}

// The project's fixtures come back byte for byte when canonical, and
// otherwise as their golden canonical form in testdata/canonical.
func TestRoundTripFixtures(t *testing.T) {
	for _, name := range testflows.Names() {
		t.Run(name, func(t *testing.T) {
			data := testflows.Read(t, name)
			canonical := slices.Contains(testflows.Canonical, name)
			out := roundTrip(t, data, canonical)
			if canonical {
				return
			}
			golden := filepath.Join("testdata", "canonical", name)
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, out, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("golden file missing (run go test ./model -update): %v", err)
			}
			if !bytes.Equal(out, want) {
				t.Fatalf("canonical form differs from %s:\n%s", golden, firstDiff(want, out))
			}
		})
	}
}

// The real exports round-trip the same way (corpus; skipped without it).
func TestRoundTripRealExports(t *testing.T) {
	seenCanonical := 0
	for _, path := range corpus.Flows(t) {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if canonicalExports[name] {
				seenCanonical++
			}
			roundTrip(t, data, canonicalExports[name])
		})
	}
	if seenCanonical != len(canonicalExports) {
		t.Errorf("found %d of the %d canonical exports", seenCanonical, len(canonicalExports))
	}
}

// roundTrip parses data and writes it again: byte for byte when canonical,
// otherwise changed; always the same data, and idempotent. It returns the
// written form.
func roundTrip(t *testing.T, data []byte, canonical bool) []byte {
	t.Helper()
	f, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	out := f.Marshal()
	if canonical {
		if !bytes.Equal(out, data) {
			t.Fatalf("a file in canonical form did not come back byte-identical:\n%s", firstDiff(data, out))
		}
	} else if bytes.Equal(out, data) {
		t.Errorf("came back byte-identical: list it as canonical")
	}
	assertSameJSON(t, data, out)
	again, err := Parse(out)
	if err != nil {
		t.Fatalf("re-parse of written form: %v", err)
	}
	if !bytes.Equal(again.Marshal(), out) {
		t.Fatal("writing is not idempotent")
	}
	return out
}

// assertSameJSON checks that two documents hold the same data, comparing
// numbers by their literal text and strings exactly.
func assertSameJSON(t *testing.T, a, b []byte) {
	t.Helper()
	decode := func(d []byte) any {
		dec := json.NewDecoder(bytes.NewReader(d))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("encoding/json cannot read: %v", err)
		}
		return v
	}
	if !reflect.DeepEqual(decode(a), decode(b)) {
		t.Fatal("written form is not semantically identical to the input")
	}
}

func firstDiff(want, got []byte) string {
	wl := strings.Split(string(want), "\n")
	gl := strings.Split(string(got), "\n")
	for i := 0; i < len(wl) && i < len(gl); i++ {
		if wl[i] != gl[i] {
			return "line " + itoa(i+1) + ":\nwant: " + wl[i] + "\ngot:  " + gl[i]
		}
	}
	return "lengths differ: want " + itoa(len(wl)) + " lines, got " + itoa(len(gl))
}

func itoa(n int) string { return string(Int(n)) }
