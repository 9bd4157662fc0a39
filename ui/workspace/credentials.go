package workspace

import (
	"errors"
	"fmt"
	"sync"

	"fyne.io/fyne/v2"
	"github.com/zalando/go-keyring"

	"github.com/studioflow/studioflow/studio/client"
)

// Keyring keeps secrets between sessions (the OS keyring in the app).
type Keyring interface {
	Get(service, user string) (string, error)
	Set(service, user, secret string) error
	Delete(service, user string) error
}

// SystemKeyring is the OS keyring: the Secret Service on Linux, the
// Keychain on macOS, the Credential Manager on Windows.
type SystemKeyring struct{}

func (SystemKeyring) Get(service, user string) (string, error) { return keyring.Get(service, user) }
func (SystemKeyring) Set(service, user, secret string) error {
	return keyring.Set(service, user, secret)
}
func (SystemKeyring) Delete(service, user string) error { return keyring.Delete(service, user) }

// Where credentials came from, as the sync dialogs tell the user.
const (
	SourceNone    = ""
	SourceSession = "entered in this session"
	SourceKeyring = "from the OS keyring"
	SourceEnv     = "from the environment"
)

// keyringUserKey is the preference naming the user whose secret the keyring
// holds for a server: a SID, not a secret.
func keyringUserKey(baseURL string) string { return "workspace.keyring.user." + baseURL }

func keyringService(baseURL string) string { return "studioflow " + baseURL }

// Credentials are the Twilio credentials of a desktop session, per server:
// kept in memory, read from the environment, and in the OS keyring only when
// the user asks. It is safe for concurrent use.
type Credentials struct {
	mu      sync.Mutex
	session map[string]client.Credentials // by base URL
	keyring Keyring                       // nil: no keyring
	prefs   fyne.Preferences              // nil: nothing remembered of the keyring
	fromEnv func() (client.Credentials, error)
}

// NewCredentials returns an empty session. kr may be nil (no keyring);
// prefs remembers which account the keyring holds a secret for.
func NewCredentials(kr Keyring, prefs fyne.Preferences) *Credentials {
	return &Credentials{session: map[string]client.Credentials{}, keyring: kr, prefs: prefs, fromEnv: client.CredentialsFromEnv}
}

// Lookup returns the credentials for the server at baseURL and where they
// came from: entered in this session, the OS keyring, or the environment
// (TWILIO_API_KEY/TWILIO_API_SECRET or TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN).
func (c *Credentials) Lookup(baseURL string) (client.Credentials, string) {
	c.mu.Lock()
	cr, ok := c.session[baseURL]
	c.mu.Unlock()
	if ok {
		return cr, SourceSession
	}
	if c.keyring != nil && c.prefs != nil {
		if user := c.prefs.String(keyringUserKey(baseURL)); user != "" {
			if secret, err := c.keyring.Get(keyringService(baseURL), user); err == nil && secret != "" {
				return client.Credentials{Username: user, Password: secret}, SourceKeyring
			}
		}
	}
	if c.fromEnv != nil {
		if cr, err := c.fromEnv(); err == nil {
			return cr, SourceEnv
		}
	}
	return client.Credentials{}, SourceNone
}

// Remember keeps cr for baseURL for this session and, when inKeyring, in the
// OS keyring too. When the keyring fails the session keeps them and the
// error says so.
func (c *Credentials) Remember(baseURL string, cr client.Credentials, inKeyring bool) error {
	if cr.Username == "" || cr.Password == "" {
		return errors.New("both the account SID (or API key) and the auth token (or secret) are needed")
	}
	c.mu.Lock()
	c.session[baseURL] = cr
	c.mu.Unlock()
	if !inKeyring {
		return nil
	}
	if c.keyring == nil || c.prefs == nil {
		return errors.New("no OS keyring is set up for this window: the credentials are kept for this session only")
	}
	if err := c.keyring.Set(keyringService(baseURL), cr.Username, cr.Password); err != nil {
		return fmt.Errorf("the OS keyring is not available (%v): the credentials are kept for this session only", err)
	}
	c.prefs.SetString(keyringUserKey(baseURL), cr.Username)
	return nil
}

// Forget drops the session's credentials for baseURL and any the OS
// keyring holds for it.
func (c *Credentials) Forget(baseURL string) error {
	c.mu.Lock()
	delete(c.session, baseURL)
	c.mu.Unlock()
	if c.keyring == nil || c.prefs == nil {
		return nil
	}
	user := c.prefs.String(keyringUserKey(baseURL))
	if user == "" {
		return nil
	}
	c.prefs.RemoveValue(keyringUserKey(baseURL))
	if err := c.keyring.Delete(keyringService(baseURL), user); err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return fmt.Errorf("remove the credentials from the OS keyring: %w", err)
	}
	return nil
}
