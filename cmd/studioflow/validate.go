package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/environments"
	"github.com/studioflow/studioflow/schemas"
)

// finding is one line of validate's report, and one element of its --json array.
type finding struct {
	File     string           `json:"file"`
	Severity schemas.Severity `json:"severity"`
	Widget   string           `json:"widget"`
	Path     string           `json:"path"`
	Message  string           `json:"message"`
}

// flowLevel stands for the widget of a finding about the flow as a whole;
// the parentheses keep it from looking like a widget's name.
const flowLevel = "(flow)"

// runValidate checks each file and reports every finding. The exit code is
// the worst outcome over all files: 2 when one could not be read or parsed,
// else 1 when one has errors, else 0.
func runValidate(e env, args []string) int {
	e.stdout, e.stderr = terminalWriter{e.stdout}, terminalWriter{e.stderr}
	fs := newFlagSet("validate", e.stderr)
	asJSON := fs.Bool("json", false, "print the findings as a JSON array")
	envName := fs.String("env", "", "substitute environment ENV's values (environments/ENV.yaml) for the flows' ${NAME} placeholders first")
	files, ok := parseFlags(fs, args, 1, unbounded)
	if !ok {
		return exitBadInput
	}
	cat, err := schemas.Load()
	if err != nil {
		fmt.Fprintf(e.stderr, "studioflow: load schemas: %v\n", err)
		return exitBadInput
	}
	validator, err := schemas.NewValidator(cat)
	if err != nil {
		fmt.Fprintf(e.stderr, "studioflow: build validator: %v\n", err)
		return exitBadInput
	}

	code := exitOK
	findings := []finding{}
	for _, path := range files {
		data, flow, err := loadFlowEnv(path, *envName)
		var diags []schemas.Diagnostic
		var missing *environments.MissingError
		if errors.As(err, &missing) {
			diags = append(diags, missingValues(flow, missing)...)
			err = nil
		}
		if err != nil {
			code = exitBadInput
			if *asJSON {
				findings = append(findings, loadFinding(path, err))
			} else {
				fmt.Fprintln(e.stderr, describeLoadError(path, data, err))
			}
			continue
		}
		// Subflows are found as run finds them: among the file's neighbours.
		find := engine.FolderResolver(filepath.Dir(path))
		diags = append(diags, validator.WithSubflows(func(sid string) error { _, err := find(sid); return err }).ValidateFlow(flow)...)
		if names := environments.Names(flow); len(names) > 0 && *envName == "" && !*asJSON {
			fmt.Fprintf(e.stderr, "%s: note: placeholders %s are checked as written; give their values with --env ENV\n", path, strings.Join(wrapPlaceholders(names), ", "))
		}
		if schemas.HasErrors(diags) && code == exitOK {
			code = exitFindings
		}
		for _, d := range diags {
			f := finding{File: path, Severity: d.Severity, Widget: d.Widget, Path: d.Path, Message: d.Message}
			if *asJSON {
				findings = append(findings, f)
				continue
			}
			widget := f.Widget
			if widget == "" {
				widget = flowLevel
			}
			fmt.Fprintf(e.stdout, "%s: %s: %s: %s: %s\n", f.File, widget, pathOrRoot(f.Path), f.Severity, f.Message)
		}
	}
	if *asJSON {
		out, err := json.MarshalIndent(findings, "", "  ")
		if err != nil {
			fmt.Fprintf(e.stderr, "studioflow: encode findings: %v\n", err)
			return exitBadInput
		}
		fmt.Fprintf(e.stdout, "%s\n", out)
	}
	return code
}

// loadFinding reports a file that could not be read or parsed in --json
// output, pointing into the document where the reader knows the spot.
func loadFinding(path string, err error) finding {
	f := finding{File: path, Severity: schemas.Error, Message: err.Error()}
	var st *model.StructureError
	if errors.As(err, &st) {
		f.Path, f.Message = st.Path, st.Msg
	}
	return f
}

// pathOrRoot writes the empty JSON pointer (the whole document) visibly.
func pathOrRoot(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

func wrapPlaceholders(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "${" + n + "}"
	}
	return out
}

// missingValues reports each use of a placeholder the environment gives no
// value for, where it stands in the flow.
func missingValues(flow *model.Flow, missing *environments.MissingError) []schemas.Diagnostic {
	var out []schemas.Diagnostic
	for _, use := range environments.Placeholders(flow) {
		if slices.Contains(missing.Names, use.Name) {
			out = append(out, schemas.Diagnostic{Severity: schemas.Error, Widget: use.Widget, Path: use.Path,
				Message: fmt.Sprintf("environment %q has no value for ${%s}", missing.Env, use.Name)})
		}
	}
	if len(out) == 0 {
		out = append(out, schemas.Diagnostic{Severity: schemas.Error, Message: missing.Error()})
	}
	return out
}
