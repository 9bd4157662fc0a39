package workspace

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/zalando/go-keyring"

	"github.com/studioflow/studioflow/studio/client"
)

// memoryKeyring stands in for the OS keyring's service, which this machine
// does not run; it behaves as go-keyring's backends do.
type memoryKeyring map[string]string

func (m memoryKeyring) Get(service, user string) (string, error) {
	if v, ok := m[service+"\x00"+user]; ok {
		return v, nil
	}
	return "", keyring.ErrNotFound
}

func (m memoryKeyring) Set(service, user, secret string) error {
	m[service+"\x00"+user] = secret
	return nil
}

func (m memoryKeyring) Delete(service, user string) error {
	if _, ok := m[service+"\x00"+user]; !ok {
		return keyring.ErrNotFound
	}
	delete(m, service+"\x00"+user)
	return nil
}

const server = "https://studio.example.test"

func TestCredentialsKeptForTheSessionOnlyUnlessAskedForTheKeyring(t *testing.T) {
	prefs := test.NewTempApp(t).Preferences()
	kr := memoryKeyring{}
	noEnv := func() (client.Credentials, error) { return client.Credentials{}, errors.New("unset") }

	session := NewCredentials(kr, prefs)
	session.fromEnv = noEnv
	if _, src := session.Lookup(server); src != SourceNone {
		t.Fatalf("a new session has credentials %s", src)
	}
	alice := client.Credentials{Username: "AC00000000000000000000000000000001", Password: "secret-1"}
	if err := session.Remember(server, alice, false); err != nil {
		t.Fatal(err)
	}
	if got, src := session.Lookup(server); got != alice || src != SourceSession {
		t.Fatalf("lookup %v %s", got, src)
	}
	if _, src := session.Lookup("http://127.0.0.1:4280"); src != SourceNone {
		t.Errorf("another server got the credentials (%s)", src)
	}
	if len(kr) != 0 || prefs.String(keyringUserKey(server)) != "" {
		t.Fatal("session-only credentials reached the keyring or the preferences")
	}

	next := NewCredentials(kr, prefs)
	next.fromEnv = noEnv
	if _, src := next.Lookup(server); src != SourceNone {
		t.Fatalf("the next session found session-only credentials (%s)", src)
	}
	if err := session.Remember(server, alice, true); err != nil {
		t.Fatal(err)
	}
	if got, src := next.Lookup(server); got != alice || src != SourceKeyring {
		t.Fatalf("the next session finds %v %s, want the keyring's", got, src)
	}
	if strings.Contains(prefs.String(keyringUserKey(server)), alice.Password) {
		t.Fatal("the preferences hold the secret")
	}
	if err := next.Forget(server); err != nil {
		t.Fatal(err)
	}
	if _, src := NewCredentials(kr, prefs).Lookup(server); src == SourceKeyring || len(kr) != 0 {
		t.Fatal("Forget left the secret in the keyring")
	}
}

func TestEnvironmentCredentialsWhenNothingElseIsKnown(t *testing.T) {
	test.NewTempApp(t)
	t.Setenv("TWILIO_API_KEY", "SK00000000000000000000000000000002")
	t.Setenv("TWILIO_API_SECRET", "key-secret")
	c := NewCredentials(nil, nil)
	got, src := c.Lookup(server)
	if got.Username != "SK00000000000000000000000000000002" || got.Password != "key-secret" || src != SourceEnv {
		t.Fatalf("lookup %v %s", got, src)
	}
	if err := c.Remember(server, client.Credentials{Username: "AC1"}, false); err == nil {
		t.Fatal("credentials without a secret were accepted")
	}
}

func TestTheRealKeyringWithoutASecretServiceSaysSoAndTheSessionKeepsTheCredentials(t *testing.T) {
	prefs := test.NewTempApp(t).Preferences()
	c := NewCredentials(SystemKeyring{}, prefs)
	c.fromEnv = nil
	cr := client.Credentials{Username: "AC00000000000000000000000000000003", Password: "secret-3"}
	err := c.Remember(server, cr, true)
	if err == nil {
		// A desktop with a keyring: it worked; clean up after ourselves.
		if ferr := c.Forget(server); ferr != nil {
			t.Fatal(ferr)
		}
		t.Skip("this machine has a working OS keyring")
	}
	if !strings.Contains(err.Error(), "the OS keyring is not available") || !strings.Contains(err.Error(), "kept for this session only") {
		t.Fatalf("error %q does not say what happened", err)
	}
	if got, src := c.Lookup(server); got != cr || src != SourceSession {
		t.Fatalf("the session lost the credentials: %v %s", got, src)
	}
	if prefs.String(keyringUserKey(server)) != "" {
		t.Error("the preferences claim the keyring holds them")
	}
}
