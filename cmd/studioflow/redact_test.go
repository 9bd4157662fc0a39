package main

import (
	"net"
	"strings"
	"testing"
)

// TestPullAndPushRedactTheBaseURLsPassword: credentials written into
// --base-url never appear in pull's or push's errors.
func TestPullAndPushRedactTheBaseURLsPassword(t *testing.T) {
	useCredentials(t, "AC"+strings.Repeat("1", 32))
	// A port nothing listens on: the request fails and says where it went.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	flow := writeTemp(t, "flow.json", []byte(`{"description":"x","states":[{"name":"Trigger","type":"trigger","transitions":[],"properties":{"offset":{"x":0,"y":0}}}],"initial_state":"Trigger","flags":{"allow_concurrent_calls":true}}`))
	for _, base := range []string{
		"http://ann:hunter2secret@" + closed,
		"ftp://ann:hunter2secret@" + closed,
		"http://ann:hunter2secret@" + closed + "/%zz",
	} {
		for _, args := range [][]string{
			{"pull", "FW" + strings.Repeat("0", 32), "--base-url", base},
			{"push", flow, "--base-url", base},
		} {
			r := runCLI(args...)
			if r.code == exitOK {
				t.Fatalf("studioflow %s succeeded", strings.Join(args, " "))
			}
			if strings.Contains(r.stdout+r.stderr, "hunter2secret") {
				t.Errorf("studioflow %s prints the password: %s", args[0], r.stderr)
			}
			if !strings.Contains(r.stderr, "ann") {
				t.Errorf("studioflow %s with %s: the error does not say which URL: %s", args[0], base, r.stderr)
			}
		}
	}
}
