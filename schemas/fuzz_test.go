package schemas

import (
	"os"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// FuzzValidate: whatever parses as a flow, both validations return without
// panicking, and every diagnostic points into the flow.
func FuzzValidate(f *testing.F) {
	for _, file := range flowFiles(f) {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(baseFlow))
	f.Add([]byte(`{"states": [{"type": "split-based-on", "name": "s", "transitions": [{"event": "match", "conditions": [{"arguments": [""], "type": 5}]}], "properties": {"input": "{% if %}"}}]}`))
	f.Add([]byte(`{"states": [{"name": 1, "type": [], "transitions": {}, "properties": []}], "initial_state": 3, "flags": 1}`))
	f.Add([]byte(`{"states": [{"name": "a", "type": "trigger", "transitions": [{"event": "incomingCall", "next": "a"}, 7]}]}`))
	v := newTestValidator(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		flow, err := model.Parse(data)
		if err != nil {
			return
		}
		for _, d := range v.ValidateFlow(flow) {
			if d.Path == "" || d.Path[0] != '/' || d.Message == "" || (d.Severity != Error && d.Severity != Warning) {
				t.Fatalf("malformed diagnostic %+v", d)
			}
		}
		for _, s := range flow.States() {
			v.ValidateWidget(flow, s.Name())
		}
	})
}
