package wire

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/schemas/liquid"
)

// sampleContext has what a context read back from JSON holds: maps whose
// members sort, an object in the order a response had (objects inside it
// too), whole numbers as int, fractions, arrays, null.
func sampleContext() engine.Context {
	nested := liquid.NewObject(2)
	nested.Set("a", true)
	nested.Set("b", "x")
	parsed := liquid.NewObject(3)
	parsed.Set("zeta", 1)
	parsed.Set("alpha", []any{2, "two", 0.5, nil})
	parsed.Set("nested", nested)
	return engine.Context{
		"flow":    map[string]any{"variables": map[string]any{"n": 2}},
		"widgets": map[string]any{"http": map[string]any{"parsed": parsed, "status_code": 200}},
	}
}

// resources is a value of every resource type with every field set.
func resources() map[string]any {
	at := NewTime(time.Date(2026, 1, 2, 4, 4, 5, 999, time.FixedZone("CET", 3600)))
	later := NewTime(time.Date(2026, 1, 3, 0, 0, 0, 0, time.UTC))
	msg, parent, valid := "first", "FT00000000000000000000000000000001", true
	problems := []Problem{{"message": "dangling next", "property_path": "#/states/1"}}
	ending := &engine.Ending{Kind: engine.EndFailed, Reason: "broken", Widget: "ask"}
	step := ExecutionStep{
		SID: "FT2", AccountSID: "AC1", FlowSID: "FW1", ExecutionSID: "FN1", ParentStepSID: &parent, Name: "sent",
		Context: sampleContext(), TransitionedFrom: "ask", TransitionedTo: "Ended", Type: "send-message",
		DateCreated: at, DateUpdated: later, URL: "u/Steps/FT2", Links: map[string]string{"step_context": "u/Steps/FT2/Context"},
		Detail: "outcome chosen by the caller",
	}
	execution := Execution{
		SID: "FN1", AccountSID: "AC1", FlowSID: "FW1", Context: sampleContext(), ContactChannelAddress: "+15550001111",
		ContactSID: "FC1", FlowVersion: 3, Status: engine.StatusEnded, DateCreated: at, DateUpdated: later,
		InitiatedBy: "AC1", URL: "u/Executions/FN1", Links: map[string]string{"steps": "s", "execution_context": "c"}, Ended: ending,
	}
	flow := Flow{
		SID: "FW1", AccountSID: "AC1", FriendlyName: "Ask", Definition: json.RawMessage(`{"states":[],"initial_state":"Trigger"}`),
		Status: "published", Revision: 2, CommitMessage: &msg, Valid: &valid, Errors: problems, Warnings: problems,
		WebhookURL: "w", DateCreated: at, DateUpdated: &later, URL: "u", Links: map[string]string{"revisions": "r"},
	}
	revision := FlowRevision{
		SID: "FW1", AccountSID: "AC1", FriendlyName: "Ask", Definition: json.RawMessage(`{"states":[]}`), Status: "draft",
		Revision: 1, CommitMessage: &msg, Valid: &valid, Errors: problems, DateCreated: at, DateUpdated: &later, URL: "u/Revisions/1",
	}
	next, prev := "n?Page=1&PageSize=1", "p?Page=0"
	meta := Meta{FirstPageURL: "f", Key: "k", NextPageURL: &next, Page: 1, PageSize: 1, PreviousPageURL: &prev, URL: "u"}
	return map[string]any{
		"Flow":                 flow,
		"FlowRevision":         revision,
		"FlowValidation":       FlowValidation{Valid: true},
		"FlowTestUser":         FlowTestUser{SID: "FW1", TestUsers: []string{"+15550001111"}, URL: "u/TestUsers"},
		"Execution":            execution,
		"ExecutionContext":     ExecutionContext{AccountSID: "AC1", Context: sampleContext(), ExecutionSID: "FN1", FlowSID: "FW1", URL: "c"},
		"ExecutionStep":        step,
		"ExecutionStepContext": ExecutionStepContext{AccountSID: "AC1", Context: sampleContext(), ExecutionSID: "FN1", FlowSID: "FW1", StepSID: "FT2", URL: "c"},
		"Meta":                 meta,
		"FlowPage":             FlowPage{Flows: []Flow{flow}, Meta: meta},
		"FlowRevisionPage":     FlowRevisionPage{Meta: meta, Revisions: []FlowRevision{revision}},
		"ExecutionPage":        ExecutionPage{Executions: []Execution{execution}, Meta: meta},
		"ExecutionStepPage":    ExecutionStepPage{Meta: meta, Steps: []ExecutionStep{step}},
		"Error":                Error{Code: 20409, Message: "busy", MoreInfo: "m", Status: 409, Details: map[string]any{"conflicting_execution_sid": "FN1"}},
		"Event": Event{Kind: string(engine.EventStep), ExecutionSID: "FN1", Widget: "ask", Text: "hi", To: "+1", From: "+2",
			Step: &step, Ending: ending, Waiting: "reply"},
		"WebhookReply":    WebhookReply{Execution: execution, Messages: []OutboundMessage{{Widget: "ask", Kind: "send", Body: "hi", To: "+1", From: "+2"}}},
		"OutboundMessage": OutboundMessage{Widget: "ask", Kind: "send", Body: "hi", To: "+1", From: "+2"},
	}
}

// What the server encodes, the client decodes into the same values: for
// every resource type of the package, with every field set.
func TestEveryResourceRoundTrips(t *testing.T) {
	values := resources()
	for _, name := range structTypes(t) {
		if _, ok := values[name]; !ok {
			t.Errorf("resource type %s has no round-trip case", name)
		}
	}
	for name, v := range values {
		t.Run(name, func(t *testing.T) {
			if unset := zeroFields(reflect.ValueOf(v), name); len(unset) > 0 {
				t.Fatalf("the case leaves fields unset: %s", strings.Join(unset, ", "))
			}
			data, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			back := reflect.New(reflect.TypeOf(v))
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			if err := dec.Decode(back.Interface()); err != nil {
				t.Fatalf("decode %s: %v", data, err)
			}
			if got := back.Elem().Interface(); !reflect.DeepEqual(got, v) {
				t.Errorf("decoded\n%#v\nwant\n%#v\nfrom %s", got, v, data)
			}
			again, _ := json.Marshal(back.Elem().Interface())
			if !bytes.Equal(again, data) {
				t.Errorf("encoded again:\n%s\nwant\n%s", again, data)
			}
		})
	}
}

// structTypes lists the struct types the package's own files declare.
func structTypes(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	fset := token.NewFileSet()
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, spec := range gen.Specs {
				if ts, ok := spec.(*ast.TypeSpec); ok && ts.Assign == 0 {
					if _, isStruct := ts.Type.(*ast.StructType); isStruct {
						names = append(names, ts.Name.Name)
					}
				}
			}
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		t.Fatal("found no resource types")
	}
	return names
}

// zeroFields names the fields of struct v (and of the structs and slices
// of structs in it) left at their zero value.
func zeroFields(v reflect.Value, path string) []string {
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	var out []string
	for i := range v.NumField() {
		f, name := v.Field(i), path+"."+v.Type().Field(i).Name
		if f.IsZero() || (f.Kind() == reflect.Slice || f.Kind() == reflect.Map) && f.Len() == 0 {
			out = append(out, name)
			continue
		}
		elem := f
		if f.Kind() == reflect.Slice {
			elem = f.Index(0)
		}
		if elem.Kind() == reflect.Pointer {
			elem = elem.Elem()
		}
		if elem.Kind() == reflect.Struct && elem.Type().PkgPath() == v.Type().PkgPath() && elem.Type() != reflect.TypeFor[Time]() {
			out = append(out, zeroFields(elem, name)...)
		}
	}
	return out
}
