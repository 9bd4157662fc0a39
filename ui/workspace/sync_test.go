package workspace

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/studioflow/studioflow/canvas/uiloop"
	"github.com/studioflow/studioflow/studio"
	"github.com/studioflow/studioflow/studio/client"
	"github.com/studioflow/studioflow/studio/restapi"
	"github.com/studioflow/studioflow/studio/sessions"
	"github.com/studioflow/studioflow/studio/wire"
	wsstore "github.com/studioflow/studioflow/studio/workspace"
)

const remoteToken = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"

// remoteStudio is `studioflow serve` on loopback: a REST API over its own
// workspace, standing in for studio.twilio.com.
type remoteStudio struct {
	url   string
	store *wsstore.Store
	creds client.Credentials
}

func newRemoteStudio(t testing.TB) *remoteStudio {
	t.Helper()
	store := openStore(t)
	mgr, err := sessions.New(store, sessions.Config{})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := restapi.New(restapi.Config{Store: store, Sessions: mgr, Validator: validator(t), AccountSID: store.AccountSID(), AuthToken: remoteToken})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &remoteStudio{url: ts.URL, store: store, creds: client.Credentials{Username: store.AccountSID(), Password: remoteToken}}
}

func (r *remoteStudio) client(t testing.TB) *client.Client {
	t.Helper()
	c, err := client.New(r.url, r.creds, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

type syncFixture struct {
	*homeFixture
	sync      *SyncDialogs
	ui        *uiloop.Queue // what the requests post, run by wait
	remote    *remoteStudio
	pulled    chan string
	published chan wire.Flow
	errs      chan error
}

func newSyncFixture(t *testing.T, files ...string) *syncFixture {
	t.Helper()
	fx := &syncFixture{homeFixture: newHomeFixture(t, files...), ui: uiloop.NewQueue(), remote: newRemoteStudio(t),
		pulled: make(chan string, 4), published: make(chan wire.Flow, 4), errs: make(chan error, 4)}
	creds := NewCredentials(nil, nil)
	creds.fromEnv = nil // the machine's own TWILIO_* variables stay out of these tests
	fx.sync = NewSyncDialogs(fx.store, validator(t), fx.win, creds, fyne.CurrentApp().Preferences(), fx.ui)
	fx.sync.now = fx.clock.now
	fx.sync.OnChanged = fx.home.Refresh
	fx.sync.OnPulled = func(sid string, def []byte, rev int) { fx.pulled <- sid }
	fx.sync.OnPublished = func(_ string, f wire.Flow) { fx.published <- f }
	fx.sync.OnError = func(err error) { fx.errs <- err }
	fx.home.OnPublishToTwilio = fx.sync.ShowPublish
	return fx
}

// fillServer points the showing dialog at the loopback server.
func (fx *syncFixture) fillServer(creds client.Credentials) {
	f := fx.sync.form
	f.baseURL.SetText(fx.remote.url)
	f.username.SetText(creds.Username)
	f.secret.SetText(creds.Password)
}

// wait runs what the requests post to the UI goroutine, on the test's, until
// ch or errs gets a value.
func wait[T any](t *testing.T, ui *uiloop.Queue, ch <-chan T, errs <-chan error, what string) T {
	t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case v := <-ch:
			return v
		case err := <-errs:
			t.Fatalf("%s failed: %v", what, err)
		case <-ui.Posted():
			ui.Run()
		case <-timeout:
			t.Fatalf("%s did not finish", what)
		}
	}
}

func TestOpenFromTwilioPullsAFlowIntoTheWorkspaceAndOpensIt(t *testing.T) {
	fx := newSyncFixture(t)
	remote, err := fx.remote.client(t).CreateFlow(context.Background(), client.FlowParams{
		FriendlyName: "Astrology", Status: "published", Definition: readFlow(t, astrologyFlow), CommitMessage: "v1",
	})
	if err != nil {
		t.Fatal(err)
	}

	if fx.home.twilioBtn.Visible() {
		t.Error("Open from Twilio shows before the window offers it")
	}
	fx.home.OnOpenFromTwilio = fx.sync.ShowOpen
	fx.home.Refresh()
	test.Tap(fx.home.twilioBtn)
	objs := overlay(t, fx.win)
	if fx.sync.form.baseURL.Text != client.DefaultBaseURL {
		t.Errorf("the server field starts at %q", fx.sync.form.baseURL.Text)
	}
	fx.sync.form.fields["Flow SID"].SetText("FW123")
	if !button(t, objs, "Open").Disabled() {
		t.Error("Open is enabled for a malformed flow SID")
	}
	fx.sync.form.fields["Flow SID"].SetText(remote.SID)
	fx.fillServer(fx.remote.creds)
	test.Tap(button(t, objs, "Open"))
	localSID := wait(t, fx.ui, fx.pulled, fx.errs, "Open from Twilio")

	local, err := fx.store.Flow(localSID)
	if err != nil {
		t.Fatal(err)
	}
	if local.FriendlyName != "Astrology" || !slices.Equal(local.Definition, compact(t, readFlow(t, astrologyFlow))) {
		t.Fatalf("pulled into %q with %d bytes", local.FriendlyName, len(local.Definition))
	}
	if msg := commitText(local.CommitMessage); !strings.Contains(msg, "Pulled revision 1 (published) of "+remote.SID+" from "+fx.remote.url) {
		t.Errorf("commit message %q", msg)
	}
	if !slices.Contains(fx.home.ShownFlows(), "Astrology") {
		t.Errorf("the home lists %v", fx.home.ShownFlows())
	}

	// The remote flow changes; pulling again adds a revision to the same
	// workspace flow, and the session remembered the credentials.
	if _, err := fx.remote.client(t).UpdateFlow(context.Background(), remote.SID, client.FlowParams{Definition: readFlow(t, foodnowFlow), Status: "draft"}); err != nil {
		t.Fatal(err)
	}
	fx.sync.ShowOpen()
	objs = overlay(t, fx.win)
	fx.sync.form.baseURL.SetText(fx.remote.url)
	if fx.sync.form.username.Text != fx.remote.creds.Username || fx.sync.form.secret.Text != remoteToken || !strings.Contains(fx.sync.form.source.Text, SourceSession) {
		t.Fatalf("the second dialog did not reuse the session's credentials: %q (%s)", fx.sync.form.username.Text, fx.sync.form.source.Text)
	}
	fx.sync.form.fields["Flow SID"].SetText(remote.SID)
	test.Tap(button(t, objs, "Open"))
	if again := wait(t, fx.ui, fx.pulled, fx.errs, "second pull"); again != localSID {
		t.Fatalf("the second pull made flow %s instead of updating %s", again, localSID)
	}
	local, _ = fx.store.Flow(localSID)
	if local.Revision != 2 || !slices.Equal(local.Definition, compact(t, readFlow(t, foodnowFlow))) {
		t.Fatalf("after the second pull: revision %d", local.Revision)
	}
}

func TestPublishToTwilioCreatesThenUpdatesTheRemoteFlow(t *testing.T) {
	fx := newSyncFixture(t, astrologyFlow)
	local := fx.flowNamed(t, "Pride astrology")
	fx.home.Select(local.SID)
	if !fx.home.detail.publishBtn.Visible() {
		t.Fatal("no Publish to Twilio button once the window offers it")
	}
	test.Tap(fx.home.detail.publishBtn)
	objs := overlay(t, fx.win)
	if !fx.sync.form.publish.Checked {
		t.Error("a valid flow is not proposed for publishing")
	}
	fx.fillServer(fx.remote.creds)
	fx.sync.form.fields["Commit message"].SetText("First release")
	test.Tap(button(t, objs, "Publish"))
	first := wait(t, fx.ui, fx.published, fx.errs, "Publish to Twilio")

	onServer, err := fx.remote.store.Flow(first.SID)
	if err != nil {
		t.Fatal(err)
	}
	if onServer.FriendlyName != "Pride astrology" || onServer.Status != wsstore.StatusPublished || commitText(onServer.CommitMessage) != "First release" ||
		!slices.Equal(onServer.Definition, local.Definition) {
		t.Fatalf("the server holds %q %s %q", onServer.FriendlyName, onServer.Status, commitText(onServer.CommitMessage))
	}
	if base, sid, ok := fx.sync.Link(local.SID); !ok || base != fx.remote.url || sid != first.SID {
		t.Errorf("link %q %q %v", base, sid, ok)
	}

	// Publishing again proposes the same server and flow: a new revision.
	fx.sync.ShowPublish(local.SID)
	objs = overlay(t, fx.win)
	if fx.sync.form.fields["Flow SID on the server"].Text != first.SID || fx.sync.form.baseURL.Text != fx.remote.url {
		t.Fatalf("second publish proposes %q on %q", fx.sync.form.fields["Flow SID on the server"].Text, fx.sync.form.baseURL.Text)
	}
	fx.sync.form.publish.SetChecked(false)
	test.Tap(button(t, objs, "Publish"))
	second := wait(t, fx.ui, fx.published, fx.errs, "second publish")
	if second.SID != first.SID || second.Revision != 2 || second.Status != wsstore.StatusDraft {
		t.Fatalf("second publish: %s revision %d %s", second.SID, second.Revision, second.Status)
	}
}

func TestPublishingABrokenFlowListsTheServersProblems(t *testing.T) {
	fx := newSyncFixture(t)
	broken := strings.Replace(string(readFlow(t, foodnowFlow)), `"next": "connect_to_helpline"`, `"next": "Nowhere"`, 1)
	f, err := studio.CreateFlow(fx.store, validator(t), "Broken", []byte(broken), "", fx.clock.now())
	if err != nil {
		t.Fatal(err)
	}
	fx.sync.ShowPublish(f.SID)
	objs := overlay(t, fx.win)
	if fx.sync.form.publish.Checked {
		t.Error("an invalid flow is proposed for publishing")
	}
	fx.sync.form.publish.SetChecked(true)
	fx.fillServer(fx.remote.creds)
	test.Tap(button(t, objs, "Publish"))
	err = wait(t, fx.ui, fx.errs, nil, "publishing a broken flow")
	var apiErr *wire.Error
	if !errors.As(err, &apiErr) || apiErr.Status != 400 || !strings.Contains(err.Error(), `leads to "Nowhere"`) {
		t.Fatalf("error %v", err)
	}
	if flows, _ := fx.remote.store.Flows(); len(flows) != 0 {
		t.Fatalf("the server stored %d flows", len(flows))
	}
}

func TestWrongCredentialsAreReportedAsTheServerSaysAndNothingIsStored(t *testing.T) {
	fx := newSyncFixture(t)
	fx.sync.ShowOpen()
	objs := overlay(t, fx.win)
	fx.sync.form.fields["Flow SID"].SetText("FW0123456789abcdef0123456789abcdef")
	fx.fillServer(client.Credentials{Username: fx.remote.creds.Username, Password: "wrong"})
	test.Tap(button(t, objs, "Open"))
	err := wait(t, fx.ui, fx.errs, nil, "pull with a wrong token")
	var apiErr *wire.Error
	if !errors.As(err, &apiErr) || apiErr.Status != 401 {
		t.Fatalf("error %v", err)
	}
	if flows, _ := fx.store.Flows(); len(flows) != 0 {
		t.Fatal("a failed pull stored a flow")
	}
}

func TestCredentialsComeFromTheEnvironmentAndNeverReachTheWorkspaceOrPreferences(t *testing.T) {
	fx := newSyncFixture(t, vaccineFlow)
	t.Setenv("TWILIO_API_KEY", "")
	t.Setenv("TWILIO_ACCOUNT_SID", fx.remote.creds.Username)
	t.Setenv("TWILIO_AUTH_TOKEN", remoteToken)
	fx.sync.creds = NewCredentials(SystemKeyring{}, fyne.CurrentApp().Preferences())
	local := fx.flowNamed(t, "Vaccine standby list")

	fx.sync.ShowPublish(local.SID)
	objs := overlay(t, fx.win)
	fx.sync.form.baseURL.SetText(fx.remote.url)
	if fx.sync.form.username.Text != fx.remote.creds.Username || fx.sync.form.source.Text != "Credentials "+SourceEnv+"." {
		t.Fatalf("the form shows %q, %q", fx.sync.form.username.Text, fx.sync.form.source.Text)
	}
	fx.sync.form.keep.SetChecked(true)
	test.Tap(button(t, objs, "Publish"))
	// Without a Secret Service (as on this machine) the keyring fails with a
	// clear message and the publish goes ahead with the session's
	// credentials; with one, the secret is stored there and removed again.
	timeout := time.After(20 * time.Second)
	for published := false; !published; {
		select {
		case err := <-fx.errs:
			if !strings.Contains(err.Error(), "the OS keyring is not available") || !strings.Contains(err.Error(), "kept for this session only") {
				t.Fatalf("keyring error %v", err)
			}
			wait(t, fx.ui, fx.published, fx.errs, "publish with the environment's credentials")
			published = true
		case <-fx.published:
			if err := fx.sync.creds.Forget(fx.remote.url); err != nil {
				t.Fatal(err)
			}
			published = true
		case <-fx.ui.Posted():
			fx.ui.Run()
		case <-timeout:
			t.Fatal("the publish did not finish")
		}
	}

	filepath.WalkDir(fx.store.Dir(), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := os.ReadFile(path)
		if strings.Contains(string(data), remoteToken) {
			t.Errorf("%s holds the auth token", path)
		}
		return nil
	})
	prefs := fyne.CurrentApp().Preferences()
	for _, key := range []string{baseURLKey, linkKey(local.SID), keyringUserKey(fx.remote.url)} {
		if strings.Contains(prefs.String(key), remoteToken) {
			t.Errorf("preference %s holds the auth token", key)
		}
	}
}

// Cancel, or Escape, abandons a pull that hangs. The keyboard is on the
// progress dialog itself, not on its Cancel: a stray Space or Enter just
// after the sync starts does not cancel it.
func TestCancelAbandonsAPullThatHangs(t *testing.T) {
	for _, how := range []string{"Cancel", "Escape"} {
		t.Run(how, func(t *testing.T) { cancelHangingPull(t, how) })
	}
}

func cancelHangingPull(t *testing.T, how string) {
	fx := newSyncFixture(t)
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(release); slow.Close() })
	settled := make(chan struct{}, 1)
	fx.sync.settled = func() { settled <- struct{}{} }

	fx.sync.ShowOpen()
	objs := overlay(t, fx.win)
	fx.sync.form.fields["Flow SID"].SetText("FW0123456789abcdef0123456789abcdef")
	fx.fillServer(fx.remote.creds)
	fx.sync.form.baseURL.SetText(slow.URL)
	fx.sync.form.username.SetText(fx.remote.creds.Username)
	fx.sync.form.secret.SetText(remoteToken)
	test.Tap(button(t, objs, "Open"))
	progress := overlay(t, fx.win)
	if !containsText(progress, "Fetching FW0123456789abcdef0123456789abcdef from "+slow.URL) {
		t.Fatalf("progress shows %v", texts(progress))
	}
	c := fx.win.Canvas()
	if f := c.Focused(); f != nil {
		t.Fatalf("the progress dialog gave the keyboard to %T (its Cancel), want the dialog itself", f)
	}
	for _, k := range []fyne.KeyName{fyne.KeyReturn, fyne.KeySpace, fyne.KeyEnter} {
		c.OnTypedKey()(&fyne.KeyEvent{Name: k})
	}
	if c.Overlays().Top() == nil || !containsText(overlay(t, fx.win), "Fetching") {
		t.Fatal("a stray Enter or Space closed the progress dialog")
	}
	if how == "Escape" {
		c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	} else {
		test.Tap(button(t, progress, "Cancel"))
	}
	wait(t, fx.ui, settled, nil, "the canceled pull")
	select {
	case err := <-fx.errs:
		t.Fatalf("a canceled pull reported %v", err)
	case sid := <-fx.pulled:
		t.Fatalf("a canceled pull opened %s", sid)
	default:
	}
	noOverlay(t, fx.win)
}

func TestCredentialsKeptInTheKeyringAreOfferedInTheNextSession(t *testing.T) {
	fx := newSyncFixture(t, astrologyFlow)
	kr := memoryKeyring{}
	prefs := fyne.CurrentApp().Preferences()
	fx.sync.creds = NewCredentials(kr, prefs)
	fx.sync.creds.fromEnv = nil
	local := fx.flowNamed(t, "Pride astrology")

	fx.sync.ShowPublish(local.SID)
	objs := overlay(t, fx.win)
	fx.fillServer(fx.remote.creds)
	fx.sync.form.keep.SetChecked(true)
	test.Tap(button(t, objs, "Publish"))
	wait(t, fx.ui, fx.published, fx.errs, "publish")
	if len(kr) != 1 {
		t.Fatalf("the keyring holds %d secrets", len(kr))
	}

	// A new session (a new window) finds them in the keyring.
	next := NewSyncDialogs(fx.store, validator(t), fx.win, NewCredentials(kr, prefs), prefs, uiloop.NewQueue())
	next.creds.fromEnv = nil
	next.ShowOpen()
	if next.form.baseURL.Text != fx.remote.url || next.form.username.Text != fx.remote.creds.Username ||
		next.form.secret.Text != remoteToken || next.form.source.Text != "Credentials "+SourceKeyring+"." {
		t.Fatalf("the next session offers %q on %q (%s)", next.form.username.Text, next.form.baseURL.Text, next.form.source.Text)
	}
}

// The desktop stores the validator's verdict exactly as the REST API does,
// so a flow's problems read the same whichever way it was saved.
func TestDesktopAndRESTSavesRecordTheSameProblems(t *testing.T) {
	fx := newSyncFixture(t)
	def := readFlow(t, vaccineFlow)
	local, err := studio.CreateFlow(fx.store, validator(t), "Standby", def, "", fx.clock.now())
	if err != nil {
		t.Fatal(err)
	}
	remote, err := fx.remote.client(t).CreateFlow(context.Background(), client.FlowParams{FriendlyName: "Standby", Status: "draft", Definition: def})
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := fx.store.FlowInfo(local.SID)
	served, _ := fx.remote.store.FlowInfo(remote.SID)
	if len(stored.Errors) == 0 {
		t.Fatal("the fixture was expected to have errors")
	}
	if stored.Valid != served.Valid || !reflect.DeepEqual(stored.Errors, served.Errors) || !reflect.DeepEqual(stored.Warnings, served.Warnings) {
		t.Fatalf("desktop: %v %v %v\nREST: %v %v %v", stored.Valid, stored.Errors, stored.Warnings, served.Valid, served.Errors, served.Warnings)
	}
}

// Escape from the dialog's check boxes (Remember in the OS keyring,
// Publish) closes the dialog, as from its fields: Fyne's Check ignores
// the key.
func TestEscapeFromASyncCheckBoxClosesTheDialog(t *testing.T) {
	fx := newSyncFixture(t, astrologyFlow)
	local := fx.flowNamed(t, "Pride astrology")
	for _, box := range []string{"keep", "publish"} {
		fx.sync.ShowPublish(local.SID)
		overlay(t, fx.win)
		f := fx.sync.form
		check := map[string]fyne.Focusable{"keep": f.keep, "publish": f.publish}[box]
		fx.win.Canvas().Focus(check)
		check.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if fx.win.Canvas().Overlays().Top() != nil {
			t.Fatalf("Escape on the %s check box left the dialog open", box)
		}
	}
}
