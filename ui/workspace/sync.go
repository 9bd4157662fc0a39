package workspace

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/canvas/uiloop"
	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/studio"
	"github.com/studioflow/studioflow/studio/client"
	"github.com/studioflow/studioflow/studio/wire"
	wsstore "github.com/studioflow/studioflow/studio/workspace"
	"github.com/studioflow/studioflow/ui/kbd"
)

var flowSIDPattern = regexp.MustCompile(`^FW[0-9a-fA-F]{32}$`)

const (
	baseURLKey = "workspace.twilio.base_url"
	syncWait   = time.Minute
)

// linkKey remembers which flow on which server a workspace flow was pulled
// from or published to ("BASE_URL FW…"); pulledKey the other way round.
func linkKey(localSID string) string { return "workspace.twilio.link." + localSID }
func pulledKey(baseURL, remoteSID string) string {
	return "workspace.twilio.pulled." + baseURL + " " + remoteSID
}

// SyncDialogs are "Open from Twilio" (pull a flow by its SID into the
// workspace and open it) and "Publish to Twilio" (push a workspace flow as a
// new revision, or a new flow, draft or published), speaking Studio's REST
// API to https://studio.twilio.com or any other server.
type SyncDialogs struct {
	store *wsstore.Store
	val   *schemas.Validator
	win   fyne.Window
	creds *Credentials
	prefs fyne.Preferences
	now   func() time.Time

	// HTTPClient, when set, makes the requests (default: 30 s timeout).
	HTTPClient *http.Client
	// OnPulled opens a pulled flow: the workspace flow it was saved into.
	OnPulled func(flowSID string, def []byte, revision int)
	// OnPublished reports a flow saved on the server.
	OnPublished func(localSID string, remote wire.Flow)
	// OnChanged is called after a pull changed the workspace (Home.Refresh).
	OnChanged func()
	// OnError reports an error; the default shows an error dialog.
	OnError func(err error)

	// post hands a request's outcome back to the UI goroutine.
	post    uiloop.Poster
	form    *syncForm // the dialog showing, for tests
	settled func()    // called when a request has been dealt with, for tests
}

// NewSyncDialogs returns the sync dialogs of store in win; creds are the
// session's credentials (shared by every dialog of the window); prefs
// remember the server and which local flow each remote one is. Requests
// run on goroutines of their own, whose outcomes post runs on the UI
// goroutine (nil: Fyne's, uiloop.Fyne).
func NewSyncDialogs(store *wsstore.Store, val *schemas.Validator, win fyne.Window, creds *Credentials, prefs fyne.Preferences, post uiloop.Poster) *SyncDialogs {
	return &SyncDialogs{store: store, val: val, win: win, creds: creds, post: uiloop.Or(post), prefs: prefs, now: time.Now}
}

// syncForm is the part both dialogs share: the server and the credentials.
type syncForm struct {
	dialog   *kbd.Form
	baseURL  *kbd.Entry
	username *kbd.Entry
	secret   *kbd.Entry
	keep     *kbd.Check
	source   *widget.Label
	fields   map[string]*kbd.Entry // the dialog's own fields by label
	publish  *kbd.Check
}

func (s *SyncDialogs) newForm() *syncForm {
	f := &syncForm{fields: map[string]*kbd.Entry{}}
	f.baseURL = kbd.NewEntry()
	f.baseURL.SetText(s.prefs.StringWithFallback(baseURLKey, client.DefaultBaseURL))
	f.baseURL.Validator = func(v string) error {
		_, err := client.New(strings.TrimSpace(v), client.Credentials{}, nil)
		return err
	}
	f.username = kbd.NewEntry()
	f.username.SetPlaceHolder("AC… or SK…")
	f.secret = kbd.NewPasswordEntry()
	f.secret.SetPlaceHolder("auth token or API key secret")
	f.keep = kbd.NewCheck("Remember in the OS keyring", nil)
	f.source = widget.NewLabel("")
	f.source.Importance = widget.LowImportance
	f.source.Wrapping = fyne.TextWrapWord
	f.baseURL.OnChanged = func(string) { s.fillCredentials(f) }
	s.fillCredentials(f)
	return f
}

func (s *SyncDialogs) fillCredentials(f *syncForm) {
	cr, source := s.creds.Lookup(s.base(f))
	if source == SourceNone {
		// What the user typed for another server may be meant for this one.
		f.source.SetText("Enter an account SID and auth token, or an API key and secret. They stay in memory for this session unless you keep them in the OS keyring.")
		return
	}
	f.username.SetText(cr.Username)
	f.secret.SetText(cr.Password)
	f.source.SetText("Credentials " + source + ".")
}

func (s *SyncDialogs) base(f *syncForm) string {
	return strings.TrimRight(strings.TrimSpace(f.baseURL.Text), "/")
}

func (f *syncForm) credentialItems() []*widget.FormItem {
	return []*widget.FormItem{
		widget.NewFormItem("Server", f.baseURL),
		widget.NewFormItem("Account SID / API key", f.username),
		widget.NewFormItem("Auth token / secret", f.secret),
		widget.NewFormItem("", f.keep),
		widget.NewFormItem("", f.source),
	}
}

// client makes the API client from the form, remembering the credentials
// for the session (and the keyring when asked). A keyring failure is
// reported but does not stop the request.
func (s *SyncDialogs) client(f *syncForm) (*client.Client, string, error) {
	base := s.base(f)
	cr := client.Credentials{Username: strings.TrimSpace(f.username.Text), Password: f.secret.Text}
	if err := s.creds.Remember(base, cr, f.keep.Checked); err != nil {
		if cr.Username == "" || cr.Password == "" {
			return nil, "", err
		}
		s.showError(err)
	}
	c, err := client.New(base, cr, s.HTTPClient)
	if err != nil {
		return nil, "", err
	}
	s.prefs.SetString(baseURLKey, base)
	return c, base, nil
}

func (s *SyncDialogs) showError(err error) {
	if s.OnError != nil {
		s.OnError(err)
		return
	}
	kbd.ShowError(err, s.win)
}

// ShowOpen shows "Open from Twilio": a flow SID (and optionally a
// revision), fetched, saved into the workspace and opened.
func (s *SyncDialogs) ShowOpen() {
	f := s.newForm()
	sid := kbd.NewEntry()
	sid.SetPlaceHolder("FW followed by 32 hex digits")
	sid.Validator = func(v string) error {
		if !flowSIDPattern.MatchString(strings.TrimSpace(v)) {
			return errors.New("a flow SID is FW followed by 32 hex digits")
		}
		return nil
	}
	rev := kbd.NewEntry()
	rev.SetPlaceHolder("latest (or a number, LatestPublished)")
	f.fields["Flow SID"], f.fields["Revision"] = sid, rev
	items := append([]*widget.FormItem{widget.NewFormItem("Flow SID", sid), widget.NewFormItem("Revision", rev)}, f.credentialItems()...)
	f.dialog = kbd.NewForm("Open from Twilio", "Open", "Cancel", items, func(ok bool) {
		s.form = nil
		if ok {
			s.pull(f, strings.TrimSpace(sid.Text), strings.TrimSpace(rev.Text))
		}
	}, s.win)
	f.dialog.SubmitOnEnter(sid, rev, f.baseURL, f.username, f.secret)
	s.form = f
	f.dialog.Resize(fyne.NewSize(620, 0))
	f.dialog.Show()
}

func (s *SyncDialogs) pull(f *syncForm, sid, revision string) {
	c, base, err := s.client(f)
	if err != nil {
		s.showError(err)
		return
	}
	s.inBackground("Fetching "+sid+" from "+base+"…", func(ctx context.Context) (func(), error) {
		remote, err := c.FetchDefinition(ctx, sid, revision)
		if err != nil {
			return nil, fmt.Errorf("open %s from %s: %w", sid, base, err)
		}
		return func() { s.savePulled(base, sid, remote) }, nil
	})
}

// savePulled stores a fetched flow: a new revision of the workspace flow it
// was pulled into before, or a new workspace flow.
func (s *SyncDialogs) savePulled(base, sid string, remote wire.FlowRevision) {
	if _, err := model.Parse(remote.Definition); err != nil {
		s.showError(fmt.Errorf("open %s from %s: the server's definition is not a flow: %w", sid, base, err))
		return
	}
	msg := fmt.Sprintf("Pulled revision %d (%s) of %s from %s", remote.Revision, remote.Status, sid, base)
	now := s.now()
	var local wsstore.Flow
	var err error
	if prev := s.prefs.String(pulledKey(base, sid)); prev != "" {
		if _, ferr := s.store.FlowInfo(prev); ferr == nil {
			local, err = studio.SaveRevision(s.store, s.val, prev, remote.Definition, msg, false, now)
		}
	}
	if local.SID == "" && err == nil {
		name := remote.FriendlyName
		if strings.TrimSpace(name) == "" {
			name = sid
		}
		local, err = studio.CreateFlow(s.store, s.val, name, remote.Definition, msg, now)
	}
	if err != nil {
		s.showError(err)
		return
	}
	s.prefs.SetString(pulledKey(base, sid), local.SID)
	s.prefs.SetString(linkKey(local.SID), base+" "+sid)
	if s.OnChanged != nil {
		s.OnChanged()
	}
	if s.OnPulled != nil {
		s.OnPulled(local.SID, local.Definition, local.Revision)
	}
}

// Link returns the server and flow SID a workspace flow was last pulled
// from or published to.
func (s *SyncDialogs) Link(localSID string) (baseURL, remoteSID string, ok bool) {
	baseURL, remoteSID, ok = strings.Cut(s.prefs.String(linkKey(localSID)), " ")
	return baseURL, remoteSID, ok
}

// ShowPublish shows "Publish to Twilio" for the workspace flow localSID:
// its latest definition saved on the server as a new revision of the flow
// it is linked to (or a new flow when the SID is left empty).
func (s *SyncDialogs) ShowPublish(localSID string) {
	flow, err := s.store.Flow(localSID)
	if err != nil {
		s.showError(err)
		return
	}
	f := s.newForm()
	remote := kbd.NewEntry()
	remote.SetPlaceHolder("empty: create a new flow on the server")
	if base, sid, ok := s.Link(localSID); ok {
		f.baseURL.SetText(base)
		remote.SetText(sid)
	}
	remote.Validator = func(v string) error {
		if v = strings.TrimSpace(v); v != "" && !flowSIDPattern.MatchString(v) {
			return errors.New("a flow SID is FW followed by 32 hex digits (or leave it empty)")
		}
		return nil
	}
	name := nameEntry(flow.FriendlyName)
	message := kbd.NewEntry()
	message.SetPlaceHolder("what changed")
	f.publish = kbd.NewCheck("Publish (otherwise save as a draft)", nil)
	f.publish.SetChecked(flow.Valid)
	f.fields["Flow SID on the server"], f.fields["Name"], f.fields["Commit message"] = remote, name, message
	items := append([]*widget.FormItem{
		widget.NewFormItem("Flow SID on the server", remote),
		widget.NewFormItem("Name", name),
		widget.NewFormItem("Commit message", message),
		widget.NewFormItem("", f.publish),
	}, f.credentialItems()...)
	f.dialog = kbd.NewForm("Publish “"+flow.FriendlyName+"” to Twilio", "Publish", "Cancel", items, func(ok bool) {
		s.form = nil
		if !ok {
			return
		}
		params := client.FlowParams{
			FriendlyName: strings.TrimSpace(name.Text), Status: wsstore.StatusDraft,
			Definition: flow.Definition, CommitMessage: message.Text,
		}
		if f.publish.Checked {
			params.Status = wsstore.StatusPublished
		}
		s.push(f, localSID, strings.TrimSpace(remote.Text), params)
	}, s.win)
	f.dialog.SubmitOnEnter(remote, name, message, f.baseURL, f.username, f.secret)
	s.form = f
	f.dialog.Resize(fyne.NewSize(620, 0))
	f.dialog.Show()
}

func (s *SyncDialogs) push(f *syncForm, localSID, remoteSID string, params client.FlowParams) {
	c, base, err := s.client(f)
	if err != nil {
		s.showError(err)
		return
	}
	s.inBackground("Saving “"+params.FriendlyName+"” on "+base+"…", func(ctx context.Context) (func(), error) {
		var saved wire.Flow
		var err error
		if remoteSID == "" {
			saved, err = c.CreateFlow(ctx, params)
		} else {
			saved, err = c.UpdateFlow(ctx, remoteSID, params)
		}
		if err != nil {
			return nil, fmt.Errorf("publish “%s” to %s: %w%s", params.FriendlyName, base, err, problemList(err))
		}
		return func() {
			s.prefs.SetString(linkKey(localSID), base+" "+saved.SID)
			s.prefs.SetString(pulledKey(base, saved.SID), localSID)
			kbd.ShowMessage(s.win, "Saved on "+base, fmt.Sprintf("%s is now revision %d (%s) of %s.", params.FriendlyName, saved.Revision, saved.Status, saved.SID))
			if s.OnPublished != nil {
				s.OnPublished(localSID, saved)
			}
		}, nil
	})
}

// problemList words the validation problems of an API error's details.
func problemList(err error) string {
	var apiErr *wire.Error
	if !errors.As(err, &apiErr) {
		return ""
	}
	var b strings.Builder
	for _, kind := range []string{"errors", "warnings"} {
		items, _ := apiErr.Details[kind].([]any)
		for i, item := range items {
			if i == 8 {
				fmt.Fprintf(&b, "\n… and %d more %s", len(items)-i, kind)
				break
			}
			p, _ := item.(map[string]any)
			fmt.Fprintf(&b, "\n• %v: %v", p["property_path"], p["message"])
		}
	}
	return b.String()
}

// inBackground runs work off the UI goroutine behind a progress dialog
// whose Cancel abandons it; what work returns runs back on the UI goroutine.
func (s *SyncDialogs) inBackground(title string, work func(ctx context.Context) (func(), error)) {
	ctx, cancel := context.WithTimeout(context.Background(), syncWait)
	bar := widget.NewProgressBarInfinite()
	progress := kbd.NewMessage(title, "Cancel", container.NewPadded(bar), s.win)
	// Escape cancels; a Space or Enter typed as the sync starts does not.
	progress.HoldKeyboard()
	finished, canceled := false, false
	progress.SetOnClosed(func() {
		if !finished {
			canceled = true
			cancel()
		}
	})
	progress.Show()
	go func() {
		defer cancel()
		then, err := work(ctx)
		s.post.Post(func() {
			finished = true
			bar.Stop()
			progress.Hide()
			switch {
			case canceled:
			case err != nil:
				s.showError(err)
			default:
				then()
			}
			if s.settled != nil {
				s.settled()
			}
		})
	}()
}
