// Package testflows holds the flows the project's tests run on: written for
// this repository, in the shapes Studio's exports really have, so the suite
// needs nothing beside the checkout. Each file is named for what it is; the
// constants below say which shapes each one carries. The package imports
// nothing of the project, so every package's tests may use it.
package testflows

import (
	"embed"
	"path/filepath"
	"runtime"
	"testing"
)

//go:embed flows/*.json
var files embed.FS

// The fixtures. Unless said otherwise a file is in Studio's canonical
// "Show Flow JSON" layout (two-space indent, unwired transitions with no
// "next"), validates without findings, and wires one trigger.
const (
	// Horoscope is an SMS conversation: Send & Wait For Reply, splits on
	// the reply, three Run Function widgets, Send Message. Its Functions
	// are named by SID with a blank url, as Studio exports them: a warning
	// each.
	Horoscope = "horoscope.json"
	// OrderIVR is a voice call: Run Function, a split with two matches,
	// Gather Input On Call, Say/Play, Connect Call To.
	OrderIVR = "order-ivr.json"
	// StandbyList is a long SMS questionnaire whose last widget, Goodbye,
	// leads to SaveRecord, a widget the file lacks: the one error a
	// deploy-time template leaves (its setup code adds the widget later).
	StandbyList = "standby-list.json"
	// ChatbotHandoff starts with a blank line, uses a retired widget type
	// (send-to-auto-pilot) and has one widget no path reaches: warnings,
	// no errors. Not canonical.
	ChatbotHandoff = "chatbot-handoff.json"
	// JokeLine is a voice menu with a loop through set-variables, a
	// recording and two key-press menus, written with a four-space indent,
	// "next": null for unwired transitions (the documentation's style) and
	// a final newline. Not canonical.
	JokeLine = "joke-line.json"
	// HelplineFallback is three voice widgets in a row: two Say/Play and
	// Connect Call To, the second Say/Play in another language.
	HelplineFallback = "helpline-fallback.json"
	// DemoLine is a key-press menu that loops back to itself on timeout,
	// no match and a failed Function.
	DemoLine = "demo-line.json"
	// Handoff is the smallest: a split and Connect Call To a client.
	Handoff = "handoff.json"
	// FollowupSurvey is started by the REST API (incomingRequest), keeps
	// its description after its widgets, and has branches that cross:
	// tidied up, it has long wires.
	FollowupSurvey = "followup-survey.json"
	// CallbackTemplate keeps ${...} placeholders where a deploy tool puts
	// SIDs and a domain (the URL with one is not a URL yet: a warning).
	CallbackTemplate = "callback-template.json"
)

// Canonical lists the fixtures already in canonical form: parsed and
// written again they come back byte for byte.
var Canonical = []string{Horoscope, OrderIVR, StandbyList, HelplineFallback, DemoLine, Handoff, FollowupSurvey, CallbackTemplate}

// Names returns every fixture's file name, in a stable order.
func Names() []string {
	entries, err := files.ReadDir("flows")
	if err != nil {
		panic(err) // embedded at build time: cannot fail
	}
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name()
	}
	return names
}

// Read returns a fixture's bytes.
func Read(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := files.ReadFile("flows/" + name)
	if err != nil {
		tb.Fatalf("fixture %s: %v", name, err)
	}
	return data
}

// Path returns a fixture's file on disk, for code under test that opens
// files itself (the CLI, scenario files).
func Path(name string) string {
	return filepath.Join(Dir(), name)
}

// Paths returns every fixture's path.
func Paths() []string {
	names := Names()
	for i, n := range names {
		names[i] = Path(n)
	}
	return names
}

// Dir is the folder holding the fixtures, found from this source file so
// it does not depend on the test's working directory.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "flows")
}
