package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/engine/console"
	"github.com/studioflow/studioflow/schemas"
)

// outcomeFlags collects repeated --outcome WIDGET=EVENT flags.
type outcomeFlags map[string]engine.Outcome

func (o outcomeFlags) String() string { return "" }

func (o outcomeFlags) Set(v string) error {
	widget, event, ok := strings.Cut(v, "=")
	if !ok || widget == "" || event == "" {
		return fmt.Errorf("%q: want WIDGET=EVENT", v)
	}
	o[widget] = engine.Outcome{Event: event}
	return nil
}

// runCommand is `studioflow run FLOW …`: one execution in the terminal.
// Exit 0 when it ended normally, 1 on an error or a limit, 2 on bad input.
func runCommand(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	stdout, stderr = terminalWriter{stdout}, terminalWriter{stderr}
	fs := newFlagSet("run", stderr)
	triggerEvent := fs.String("trigger", "", "trigger event (default: the first the flow wires)")
	from := fs.String("from", "", "From address (the contact; for incomingRequest the flow's number)")
	to := fs.String("to", "", "To address (the flow's number; for incomingRequest the contact)")
	body := fs.String("body", "", "text of the triggering message")
	data := fs.String("data", "", "a JSON object: REST Parameters (flow.data), or subflow parameters with --trigger incomingParent")
	asJSON := fs.Bool("json", false, "print the execution, steps, context and transcript as JSON at the end")
	envName := fs.String("env", "", "substitute environment ENV's values (environments/ENV.yaml) for the flow's ${NAME} placeholders")
	outcomes := outcomeFlags{}
	fs.Var(outcomes, "outcome", "WIDGET=EVENT: the event a widget takes (repeatable)")
	positional, ok := parseFlags(fs, args, 1, 1)
	if !ok {
		return exitBadInput
	}
	path := positional[0]
	src, flow, err := loadFlowEnv(path, *envName)
	if err != nil {
		fmt.Fprintf(stderr, "studioflow run: %s\n", describeLoadError(path, src, err))
		return exitBadInput
	}
	trig := engine.Trigger{Event: *triggerEvent, From: *from, To: *to, Body: *body}
	if trig.Event == "" {
		wired := engine.WiredTriggers(flow)
		if len(wired) == 0 {
			fmt.Fprintf(stderr, "studioflow run: %s wires no trigger to a widget; choose one with --trigger\n", path)
			return exitBadInput
		}
		trig.Event = wired[0]
	}
	if *data != "" {
		var err error
		if trig.Parameters, err = engine.ParseParameters(*data); err != nil {
			fmt.Fprintf(stderr, "studioflow run: --data must be a JSON object: %v\n", err)
			return exitBadInput
		}
	}
	progress := stdout
	if *asJSON {
		progress = stderr
	}
	cat, err := schemas.Load()
	if err != nil {
		fmt.Fprintf(stderr, "studioflow run: load widget catalog: %v\n", err)
		return exitBadInput
	}
	rt := engine.New(engine.Config{Subflows: engine.FolderResolver(filepath.Dir(path)), Catalog: cat})
	x, err := console.Run(rt, flow, trig, engine.StartOptions{Outcomes: outcomes}, stdin, progress)
	if err != nil {
		fmt.Fprintf(stderr, "studioflow run: %v\n", err)
		return exitBadInput // the execution could not start, or its input could not be read
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(newRunReport(x)); err != nil {
			fmt.Fprintf(stderr, "studioflow run: %v\n", err)
			return exitFindings
		}
	}
	if x.Ended != nil && (x.Ended.Kind == engine.EndFailed || x.Ended.Kind == engine.EndLimit) {
		return exitFindings
	}
	return exitOK
}
