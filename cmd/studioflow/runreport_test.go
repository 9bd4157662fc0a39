package main

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// run --json prints the execution and its steps as Studio's REST API shows
// them: resource URLs and links on studio.twilio.com, ISO 8601 dates to the
// second, and nothing the report type does not know.
func TestRunJSONReportHoldsStudiosResources(t *testing.T) {
	r := runWithInput("Leo\nyes\n", fixture(cleanFlow), "--json", "--from", "+15551112222", "--body", "hi")
	if r.code != exitOK {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	var report runReport
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&report); err != nil {
		t.Fatalf("the report does not decode as runReport: %v\n%s", err, r.stdout)
	}
	x := report.Execution
	wantURL := "https://studio.twilio.com/v2/Flows/" + x.FlowSID + "/Executions/" + x.SID
	if x.URL != wantURL || x.Links["steps"] != wantURL+"/Steps" || x.Links["execution_context"] != wantURL+"/Context" || x.FlowVersion != 1 {
		t.Errorf("execution url %s, links %v, flow_version %d", x.URL, x.Links, x.FlowVersion)
	}
	if len(report.Steps) == 0 {
		t.Fatal("no steps")
	}
	for _, st := range report.Steps {
		if want := wantURL + "/Steps/" + st.SID; st.URL != want || st.Links["step_context"] != want+"/Context" || st.AccountSID != x.AccountSID {
			t.Errorf("step %s: url %s, links %v, account %s", st.SID, st.URL, st.Links, st.AccountSID)
		}
	}
	dates := regexp.MustCompile(`"date_(created|updated)": "([^"]*)"`).FindAllStringSubmatch(r.stdout, -1)
	iso := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)
	if len(dates) != 2+2*len(report.Steps) {
		t.Errorf("%d dates for an execution and %d steps", len(dates), len(report.Steps))
	}
	for _, d := range dates {
		if !iso.MatchString(d[2]) {
			t.Errorf("date %s is not ISO 8601 in UTC to the second", d[2])
		}
	}
	again, err := json.MarshalIndent(report, "", "  ")
	if err != nil || !bytes.Equal(append(again, '\n'), []byte(r.stdout)) {
		t.Errorf("the report type writes back other bytes (%v)", err)
	}
}
