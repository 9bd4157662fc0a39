package ui

import (
	"strings"

	"fyne.io/fyne/v2/theme"

	"github.com/studioflow/studioflow/model/environments"
)

// SetEnvironment sets the environment whose values the inspector shows
// under fields holding ${NAME} placeholders (nil: none) and redraws the form.
func (in *Inspector) SetEnvironment(v *environments.Values) {
	in.env = v
	in.rebuild()
}

// envCaptionText is the caption under a field whose text is s: the text as
// it runs in the chosen environment ("prod: https://…"), or what that
// environment lacks; "" when there is no environment or no placeholder.
func envCaptionText(s string, v *environments.Values) string {
	if v == nil || !environments.HasPlaceholders(s) {
		return ""
	}
	out, missing := environments.Expand(s, v)
	if len(missing) > 0 {
		names := make([]string, len(missing))
		for i, n := range missing {
			names[i] = "${" + n + "}"
		}
		return v.Name + ": no value for " + strings.Join(names, ", ")
	}
	return v.Name + ": " + out
}

// envCaption is the caption for a text field showing text, and the function
// that keeps it in step as the text changes; nil when no environment is
// chosen.
func (in *Inspector) envCaption(text string) (*mutedLabel, func(string)) {
	if in.env == nil {
		return nil, func(string) {}
	}
	v := in.env
	l := newMutedLabel("", theme.SizeNameCaptionText, false)
	update := func(s string) {
		t := envCaptionText(s, v)
		l.SetText(t)
		if t == "" {
			l.Hide()
		} else {
			l.Show()
		}
	}
	update(text)
	return l, update
}
