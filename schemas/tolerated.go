package schemas

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/studioflow/studioflow/model"
)

// A toleration is a constraint of the official schemas that Studio itself
// does not enforce: real exports break it, so Studio saved them, and they
// run. Breaking it is a warning that says what happens at run time, not an
// error (QUIRKS.md, "Error or warning").
type toleration struct {
	widgetType string
	// keyword is the schema keyword's location inside the type's schema.
	keyword string
	// warning words the finding for the widget s.
	warning func(s *model.State) string
}

var tolerations = []toleration{
	{
		// A Gather Input On Call that only listens, typically right after a
		// Say/Play: Studio saves and runs it; the official schema's oneOf
		// of required say / play says otherwise.
		widgetType: "gather-input-on-call",
		keyword:    "#/properties/properties/oneOf",
		warning: func(s *model.State) string {
			timeout := 5
			if props := s.Properties(); props != nil {
				if n, ok := props.Get("timeout"); ok {
					if v, err := strconv.Atoi(fmt.Sprint(n)); err == nil {
						timeout = v
					}
				}
			}
			listens := "keys"
			if next, _ := s.Next("speech"); next != "" {
				listens = "keys or speech"
			}
			return fmt.Sprintf(`neither "say" nor "play" is set, so the caller hears nothing from this widget: it only listens, for up to %d seconds, for %s (Studio saves and runs this; set "say" or "play" if the caller needs a prompt here)`, timeout, listens)
		},
	},
}

// studioTolerates reports whether fd breaks a constraint Studio tolerates
// on s, and with which warning.
func studioTolerates(s *model.State, fd finding) (string, bool) {
	if fd.keyword == "" {
		return "", false
	}
	for _, t := range tolerations {
		if s.Type() == t.widgetType && strings.HasSuffix(fd.keyword, "/"+t.widgetType+t.keyword) {
			return t.warning(s), true
		}
	}
	return "", false
}
