package environments

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/studioflow/studioflow/model"
)

// Finds of Extract: Twilio SIDs (two capital letters and 32 hex digits),
// Twilio Serverless domains (*.twil.io) and E.164 phone numbers.
var (
	sidPattern    = regexp.MustCompile(`\b[A-Z]{2}[0-9a-f]{32}\b`)
	domainPattern = regexp.MustCompile(`\b[a-z0-9][a-z0-9-]*\.twil\.io\b`)
	phonePattern  = regexp.MustCompile(`(^|[^0-9A-Za-z+])(\+[1-9][0-9]{7,14})\b`)
	// A Serverless domain is SERVICE-NNNN or SERVICE-NNNN-ENVIRONMENT.
	domainSuffix = regexp.MustCompile(`-[0-9]{4}(-[a-z]+)?$`)
	notNameChar  = regexp.MustCompile(`[^A-Za-z0-9]+`)
)

// Proposal is one account-specific value Extract found, the placeholder
// name it chose and where it first saw the value.
type Proposal struct {
	Name, Value string
	Widget      string
	Path        string
}

// Extract finds the account-specific values of a flow and returns a copy
// with each replaced by a "${NAME}" placeholder, and the proposed values
// (one per distinct value, in file order). Substituting the proposals into
// the copy gives back the flow. Names, types, events and targets are not
// touched; neither is a string that already holds a placeholder.
func Extract(f *model.Flow) (*model.Flow, []Proposal, error) {
	x := &extractor{flow: f, byValue: map[string]string{}, taken: map[string]bool{}}
	for _, n := range Names(f) {
		x.taken[n] = true
	}
	root := walkStrings(f.Root().Clone(), "", func(path, s string) string {
		switch lastKey(path) {
		case "name", "type", "event", "next", "initial_state":
			return s
		}
		if strings.Contains(s, "${") {
			return s
		}
		return x.rewrite(path, s)
	})
	out, err := model.FromObject(root.(*model.Object))
	if err != nil {
		return nil, nil, err
	}
	return out, x.proposals, nil
}

// ExtractFile is Extract on a file's content; the rewritten flow ends with
// a newline when data did.
func ExtractFile(data []byte) ([]byte, []Proposal, error) {
	f, err := model.Parse(data)
	if err != nil {
		return nil, nil, err
	}
	out, props, err := Extract(f)
	if err != nil {
		return nil, nil, err
	}
	return marshalLike(out, data), props, nil
}

type extractor struct {
	flow      *model.Flow
	proposals []Proposal
	byValue   map[string]string // value → name
	taken     map[string]bool
}

func (x *extractor) rewrite(path, orig string) string {
	s := orig
	s = sidPattern.ReplaceAllStringFunc(s, func(v string) string {
		return x.placeholder(path, v, sidName(x.base(path)))
	})
	s = domainPattern.ReplaceAllStringFunc(s, func(v string) string {
		service := domainSuffix.ReplaceAllString(strings.TrimSuffix(v, ".twil.io"), "")
		return x.placeholder(path, v, upper(service)+"_DOMAIN")
	})
	s = phonePattern.ReplaceAllStringFunc(s, func(m string) string {
		sub := phonePattern.FindStringSubmatch(m)
		return sub[1] + x.placeholder(path, sub[2], x.base(path))
	})
	if strings.Contains(s, "$${") {
		// A value right after a "$" would read as Terraform's escape: keep
		// the text as it is.
		return orig
	}
	return s
}

// base is the name a value at path gets: its widget and its key.
func (x *extractor) base(path string) string {
	key := lastKey(path)
	if w := widgetAt(x.flow, path); w != "" {
		return upper(w + "_" + key)
	}
	return upper(key)
}

func sidName(base string) string {
	if strings.HasSuffix(base, "_SID") {
		return base
	}
	return base + "_SID"
}

// placeholder returns the placeholder for value, choosing a name (want, or
// want_2 … when taken) the first time the value is seen.
func (x *extractor) placeholder(path, value, want string) string {
	if name, ok := x.byValue[value]; ok {
		return "${" + name + "}"
	}
	if want == "" || want[0] == '_' || (want[0] >= '0' && want[0] <= '9') {
		want = "VALUE_" + strings.TrimPrefix(want, "_") // a name starts with a letter
	}
	name := want
	for i := 2; x.taken[name]; i++ {
		name = want + "_" + strconv.Itoa(i)
	}
	x.taken[name] = true
	x.byValue[value] = name
	x.proposals = append(x.proposals, Proposal{Name: name, Value: value, Widget: widgetAt(x.flow, path), Path: path})
	return "${" + name + "}"
}

// lastKey is the last member name of a JSON pointer, skipping list indexes.
func lastKey(path string) string {
	parts := strings.Split(path, "/")
	for i := len(parts) - 1; i >= 0; i-- {
		if _, err := strconv.Atoi(parts[i]); err != nil && parts[i] != "" {
			return model.UnescapeToken(parts[i])
		}
	}
	return ""
}

func upper(s string) string {
	return strings.Trim(strings.ToUpper(notNameChar.ReplaceAllString(s, "_")), "_")
}

// WriteValues writes proposals as a values file (YAML), each with a comment
// saying where it was found.
func WriteValues(proposals []Proposal) []byte {
	var b strings.Builder
	b.WriteString("# Values for the placeholders of a flow (studioflow extract).\n")
	for _, p := range proposals {
		where := p.Path
		if p.Widget != "" {
			where = fmt.Sprintf("widget %s, %s", p.Widget, p.Path)
		}
		fmt.Fprintf(&b, "%s: %s # %s\n", p.Name, strconv.Quote(p.Value), where)
	}
	return []byte(b.String())
}

// ValuesOf turns proposals into values, as if read from WriteValues' file.
func ValuesOf(env string, proposals []Proposal) *Values {
	v := &Values{Name: env, Values: map[string]string{}}
	for _, p := range proposals {
		v.Values[p.Name] = p.Value
	}
	return v
}
