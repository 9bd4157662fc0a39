package schemas

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// registryEvents are the event names the registry declares, every type's
// (the split's match and noMatch, the call-ended hangup, Gather's
// keypress, speech and timeout, Send & Wait's incomingMessage, success,
// failed, fail, …): code outside schemas/ (this package and the packages
// under it, schemas/liquid) asks for them through named
// attributes (SuccessEvent, FailureEvent, InputEvent, ConditionEvent,
// UnmatchedEvent, CallEndedEvent) instead of writing them out.
func registryEvents() []string {
	var out []string
	for _, w := range widgetTable {
		for _, e := range w.events {
			if !slices.Contains(out, e.Name) {
				out = append(out, e.Name)
			}
		}
	}
	return out
}

// allowance is a group of places outside schemas/ allowed to write some of
// those names as string literals ("path|name" → how many times), for one
// reason: none of them means a widget's event there, or moving it would
// cost more than it gives.
type allowance struct {
	reason string
	places map[string]int
}

// writtenOutElsewhere are the allowed places, grouped by reason.
var writtenOutElsewhere = []allowance{
	{"model sits below schemas in the layering and compares or merges versions of a file without a catalog: the split's match transitions are told apart, and keyed, by their conditions",
		map[string]int{"model/flowdiff/transitions.go|match": 5, "model/flowmerge/transitions.go|match": 2}},
	{`the transition's "next" member (the widget it leads to), which the model, the clipboard and environments read and write; not Set Variables' or Fork Stream's event`,
		map[string]int{"model/environments/extract.go|next": 1, "model/flow.go|next": 1, "model/flowdiff/overlay.go|next": 2, "model/flowmerge/rename.go|next": 2,
			"model/flowmerge/transitions.go|next": 1, "model/ops_transitions.go|next": 5, "model/ops_widgets.go|next": 3, "model/ops_wires.go|next": 4,
			"ui/clipboard.go|next": 3}},
	{"the contact's actions as the engine names them (InputHangup, InputSpeech, InputTimeout; also the transcript's kinds) and the console's and scenario files' words for them, which engine.Input carries to a waiting widget: the widget's events come from the catalog (InputEvent, CallEndedEvent)",
		map[string]int{"engine/events.go|hangup": 1, "engine/events.go|speech": 1, "engine/events.go|timeout": 1, "engine/console/console.go|hangup": 1,
			"engine/scenario/run.go|hangup": 1, "engine/scenario/kinds.go|speech": 1}},
	{"a widget's timeout property (the seconds a gather, a voicemail or a reply is waited for), not its timeout event",
		map[string]int{"engine/voice.go|timeout": 2, "engine/messaging.go|timeout": 1}},
	{"Twilio's statuses, which share words with events: a message's Status (sent, failed), a call's CallStatus (completed), an execution's end (EndCompleted, EndFailed)",
		map[string]int{"engine/messaging.go|sent": 1, "engine/messaging.go|failed": 1, "engine/voice.go|completed": 2,
			"engine/records.go|completed": 1, "engine/records.go|failed": 1}},
	{"the outputs the engine makes up for a product widget, keyed by its events (outgoingCallStatus, queueResult, paymentResult, flexOutputs' failures): the registry leaves made-up outputs to the engine's productOutputs (catalog_table.go); and the Twilio values in them that share words with events (CallStatus completed, failed, busy; <Pay>'s Result success)",
		map[string]int{"engine/products.go|answered": 1, "engine/products.go|answeredByMachine": 2, "engine/products.go|busy": 2,
			"engine/products.go|callComplete": 1, "engine/products.go|callFailure": 2, "engine/products.go|completed": 5, "engine/products.go|failed": 3,
			"engine/products.go|failedToEnqueue": 2, "engine/products.go|maxFailedAttempts": 1, "engine/products.go|noAnswer": 1,
			"engine/products.go|payInterrupted": 1, "engine/products.go|providerError": 1, "engine/products.go|success": 4,
			"engine/products.go|validationError": 1}},
	{"the engine's exported trigger constants (TriggerCall, …), which the REST API, the CLI and the simulator start executions with: engine's TestTriggerConstantsAreTheCatalogsTriggerEvents checks they are the catalog trigger's events",
		map[string]int{"engine/trigger.go|incomingCall": 1, "engine/trigger.go|incomingMessage": 1, "engine/trigger.go|incomingConversationMessage": 1,
			"engine/trigger.go|incomingRequest": 1, "engine/trigger.go|incomingParent": 1}},
	{`English words in the user interface: the finder's "3 matches", a run's state "paused" in the simulator's run list`,
		map[string]int{"ui/finder.go|match": 1, "ui/simulator/runs.go|paused": 1}},
}

// Outside schemas/ (the whole tree, schemas/liquid too: the scan skips
// it), widget events come from the registry: a string literal naming one
// of its events in the program's code (tests aside) is one of the allowed
// places above, each as often as listed.
func TestRegistryEventNamesAreNotWrittenOutElsewhere(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	here, _ := filepath.Abs(".")
	names := registryEvents()
	type place struct {
		count  int
		reason string
	}
	allowed := map[string]place{}
	for _, a := range writtenOutElsewhere {
		for key, n := range a.places {
			if _, twice := allowed[key]; twice {
				t.Errorf("writtenOutElsewhere lists %s twice", key)
			}
			allowed[key] = place{n, a.reason}
		}
	}
	found := map[string][]string{} // "path|name" → positions
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path == here || (path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "tools")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return fmt.Errorf("parse %s: %w", path, err)
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			if v, err := strconv.Unquote(lit.Value); err == nil && slices.Contains(names, v) {
				key := rel + "|" + v
				found[key] = append(found[key], fset.Position(lit.Pos()).String())
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatalf("read the program's code: %v", err)
	}
	for key, positions := range found {
		a, ok := allowed[key]
		switch {
		case !ok:
			t.Errorf("%s: ask the registry (WidgetType.SuccessEvent, FailureEvent, InputEvent, ConditionEvent, UnmatchedEvent, CallEndedEvent) instead of writing the event out, or add the place to writtenOutElsewhere with a reason", strings.Join(positions, ", "))
		case len(positions) != a.count:
			t.Errorf("%s is allowed %d times (%s) but appears %d times: %s", key, a.count, a.reason, len(positions), strings.Join(positions, ", "))
		}
	}
	for key := range allowed {
		if _, ok := found[key]; !ok {
			t.Errorf("writtenOutElsewhere allows %s, which no longer appears: drop it", key)
		}
	}
}
