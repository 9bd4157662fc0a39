package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var flowsDir = filepath.Join("..", "..", "..", "shared", "flows")

// Shared fixtures with known outcomes (see ../../shared/flows/SOURCES.md).
const (
	cleanFlow = "Eclairemoy__pride-astrology__studio_flow.json"
	// validFlow has no findings at all (cleanFlow's Run Function URLs are blank).
	validFlow    = "mbarry-owl__OrderLookupIVR__studio_flow.json"
	danglingFlow = "twilio-labs__function-templates__vaccine-standby-list_sms-studio-flow.json"
	legacyFlow   = "twilio-labs__function-templates__volunteer-communication-center_Chatbot-Integration_flow.json"
	// notCanonicalFlow is not in Studio's canonical layout, so fmt changes it.
	notCanonicalFlow = "TwilioDevEd__cedrics-joke-hotline-superclass-studio__studio_flow.json"
)

func sharedFlow(name string) string { return filepath.Join(flowsDir, name) }

func sharedFlows(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(flowsDir, "*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no flows in %s (%v)", flowsDir, err)
	}
	return paths
}

// result is what one command run printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

func runCLI(args ...string) result {
	var out, errOut bytes.Buffer
	code := dispatch(env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}, args)
	return result{code, out.String(), errOut.String()}
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func lines(s string) []string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
