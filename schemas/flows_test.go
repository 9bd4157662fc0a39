package schemas

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/internal/corpus"
	"github.com/studioflow/studioflow/internal/testflows"
	"github.com/studioflow/studioflow/model"
)

// flowFiles returns the project's fixtures and, when they sit beside the
// checkout, the real exports too.
func flowFiles(t testing.TB) []string {
	t.Helper()
	files := testflows.Paths()
	real, _ := filepath.Glob(filepath.Join(corpus.FlowsDir(), "*.json"))
	return append(files, real...)
}

func parseFile(t testing.TB, path string) *model.Flow {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := model.Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	return f
}

func newTestValidator(t testing.TB) *Validator {
	t.Helper()
	v, err := NewValidator(loadCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// expectedFinding is a diagnostic a shared export really deserves.
type expectedFinding struct {
	severity Severity
	rule     Rule
	widget   string
	path     string
	contains string
}

// The shared exports are real flows Studio saved. They must get no error,
// except where the file really is broken; every finding they do get is
// listed here, so a new false positive fails the test.
var sharedFlowFindings = map[string][]expectedFinding{
	// Broken: Goodbye leads to SaveToAirtable, a widget the template's
	// setup code inserts at deploy time.
	"twilio-labs__function-templates__vaccine-standby-list_sms-studio-flow.json": {
		{Error, RuleNext, "Goodbye", "/states/13/transitions/0/next", `leads to "SaveToAirtable", but no widget has that name`},
	},
	"twilio-labs__function-templates__volunteer-communication-center_Chatbot-Integration_flow.json": {
		{Warning, RuleType, "autopilot_1", "/states/1/type", "Send To Autopilot has reached end of life"},
		{Warning, RuleUnreachable, "send_to_flex_2", "/states/6", "no path from the Trigger"},
	},
	// The export's Run Function URLs were blanked: Studio fails each call.
	"Eclairemoy__pride-astrology__studio_flow.json": {
		{Warning, RuleRequirement, "get_horoscope", "/states/4/properties/url", "url is empty"},
		{Warning, RuleRequirement, "get_compatibility", "/states/5/properties/url", "url is empty"},
		{Warning, RuleRequirement, "get_celebrity_match", "/states/9/properties/url", "url is empty"},
	},
	// A Terraform template: its ${…} placeholders are filled in at deploy time.
	"twilio-professional-services__flex-project-template__infra-as-code_terraform_modules_schedule-manager_flows_template_example_schedule_flow.json": {
		{Warning, RuleRequirement, "check_schedule", "/states/1/properties/url", `url is "https://${SCHEDULE_MANAGER_DOMAIN}/check-schedule", whose ${…} placeholder has no value, so it is not a URL yet`},
	},
	// Only Incoming Message and REST API start it, yet it sends
	// trigger.call.From as the user's ID: empty in every execution.
	"datakabeta__twilio-eppo__studio-flow.json": {
		{Warning, RuleReference, "get_assignment", "/states/6/properties/parameters/1/value", "refers to trigger.call, but only executions started by the trigger's Incoming Call"},
		{Warning, RuleReference, "split_based_on_assigned_variation", "/states/7/properties/input", "widgets.get_assignment_express, but no widget has that name"},
		{Warning, RuleReference, "log_experiment_outcome_user_responded", "/states/9/properties/parameters/0/value", "refers to trigger.call"},
		{Warning, RuleReference, "log_experiment_outcome_user_did_not_respond", "/states/10/properties/parameters/0/value", "refers to trigger.call"},
	},
	"andrej-s__twilio-segment-ivr__studio_flow.json": {
		{Warning, RuleLiquid, "prio_severity", "/states/8/properties/input", "space after a dot"},
	},
}

func TestSharedFlowsGetOnlyTheirRealFindings(t *testing.T) {
	files := corpus.Flows(t)
	v := newTestValidator(t)
	errorFiles := 0
	for _, file := range files {
		base := filepath.Base(file)
		got := v.ValidateFlow(parseFile(t, file))
		want := sharedFlowFindings[base]
		if HasErrors(got) {
			errorFiles++
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d findings, want %d:\n%s", base, len(got), len(want), formatDiags(got))
			continue
		}
		for i, w := range want {
			g := got[i]
			if g.Severity != w.severity || g.Rule != w.rule || g.Widget != w.widget || g.Path != w.path || !strings.Contains(g.Message, w.contains) {
				t.Errorf("%s: finding %d is %+v, want %+v", base, i, g, w)
			}
		}
	}
	if errorFiles != 1 {
		t.Errorf("%d shared flows have errors, want exactly 1 (vaccine-standby-list)", errorFiles)
	}
	if len(files) != 17 {
		t.Errorf("%d shared flows, want 17", len(files))
	}
}

func formatDiags(diags []Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString("  " + string(d.Severity) + " " + string(d.Rule) + " " + d.Widget + " " + d.Path + ": " + d.Message + "\n")
	}
	return b.String()
}

// The seed 001 samples are Twilio's own: the simple flow and every default
// widget get no schema error.
func TestSeedSamplesAndDefaultWidgetsValidate(t *testing.T) {
	v := newTestValidator(t)
	for _, l := range seedListingsIfPresent(t, samplesSeed) {
		if strings.HasPrefix(l.heading, "Simple Flow") {
			f, err := model.Parse([]byte(l.text()))
			if err != nil {
				t.Fatal(err)
			}
			if d := v.ValidateFlow(f); len(d) != 0 {
				t.Errorf("seed 001 simple flow:\n%s", formatDiags(d))
			}
		}
	}
	// A new Run Subflow widget waits for the user to pick the subflow.
	needsChoice := map[string]string{"run-subflow": "/properties/flow_sid"}
	for _, w := range v.Catalog().Types() {
		f := model.NewBlankFlow()
		doc := model.NewDocument(f)
		if err := doc.Apply(model.AddWidget(w.NewState(w.NameBase+"_1", 0, 300), -1)); err != nil {
			t.Fatalf("%s: %v", w.Type, err)
		}
		var errs []Diagnostic
		for _, d := range v.ValidateWidget(doc.Flow(), w.NameBase+"_1") {
			if d.Severity == Error {
				errs = append(errs, d)
			}
		}
		if path, ok := needsChoice[w.Type]; ok {
			if len(errs) != 1 || errs[0].Path != "/states/1"+path {
				t.Errorf("default %s widget should only lack %s:\n%s", w.Type, path, formatDiags(errs))
			}
		} else if len(errs) > 0 {
			t.Errorf("default %s widget:\n%s", w.Type, formatDiags(errs))
		}
	}
}

// ValidateWidget gives exactly the per-widget part of ValidateFlow.
func TestValidateWidgetMatchesValidateFlow(t *testing.T) {
	v := newTestValidator(t)
	files := append(flowFiles(t), "")
	for _, file := range files {
		var f *model.Flow
		if file == "" {
			f = brokenFlow(t)
		} else {
			f = parseFile(t, file)
		}
		full := ByWidget(v.ValidateFlow(f))
		for _, s := range f.States() {
			var want []Diagnostic
			for _, d := range full[s.Name()] {
				if d.Rule.PerWidget() {
					want = append(want, d)
				}
			}
			got := v.ValidateWidget(f, s.Name())
			if formatDiags(got) != formatDiags(want) {
				t.Errorf("%s / %s:\nValidateWidget:\n%sValidateFlow:\n%s", filepath.Base(file), s.Name(), formatDiags(got), formatDiags(want))
			}
		}
	}
}

// MergeWidget of a one-widget re-validation equals a fresh full validation
// after a property edit.
func TestMergeWidgetAfterPropertyEdit(t *testing.T) {
	v := newTestValidator(t)
	f := parseFile(t, testflows.Path(testflows.OrderIVR))
	before := v.ValidateFlow(f)
	doc := model.NewDocument(f)
	var gather string
	for _, s := range f.States() {
		if s.Type() == "gather-input-on-call" {
			gather = s.Name()
			break
		}
	}
	if err := doc.Apply(model.SetProperty(gather, "timeout", "ten")); err != nil {
		t.Fatal(err)
	}
	if err := doc.Apply(model.SetProperty(gather, "say", "{% if x %}unfinished")); err != nil {
		t.Fatal(err)
	}
	merged := MergeWidget(before, gather, v.ValidateWidget(doc.Flow(), gather))
	fresh := v.ValidateFlow(doc.Flow())
	if formatDiags(merged) != formatDiags(fresh) || len(fresh) < 2 {
		t.Errorf("merged:\n%sfresh:\n%s", formatDiags(merged), formatDiags(fresh))
	}
}
