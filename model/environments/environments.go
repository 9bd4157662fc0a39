// Package environments keeps account-specific values (Function and asset
// URLs, Flex workflow and channel SIDs, phone numbers, subflow SIDs) out of
// a flow: the flow holds placeholders in the "${NAME}" form Terraform
// templates use, and a values file per environment (environments/prod.yaml)
// maps each NAME to its value there. Substitution works on the flow's
// strings, so values need no JSON escaping and the rest of the file is kept
// as it is.
package environments

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/studioflow/studioflow/model"
)

// Dir is the folder of values files, beside the flows or above them.
const Dir = "environments"

// placeholder matches "${NAME}"; "$${" is Terraform's escape for a literal
// "${" and is left alone.
var placeholder = regexp.MustCompile(`\$?\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}`)

// Values are one environment's values by placeholder name.
type Values struct {
	Name   string // the environment, e.g. prod
	Path   string // the file they came from
	Values map[string]string
}

// Load reads a values file: a YAML mapping of names to values (strings, or
// numbers and booleans taken as their text).
func Load(path string) (*Values, error) {
	data, err := model.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var raw map[string]any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: not a YAML mapping of names to values: %w", path, err)
	}
	v := &Values{Name: strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), Path: path, Values: map[string]string{}}
	for name, value := range raw {
		switch t := value.(type) {
		case string:
			v.Values[name] = t
		case int, int64, uint64, float64, bool:
			v.Values[name] = fmt.Sprint(t)
		default:
			return nil, fmt.Errorf("%s: %q must be a text value, not %T", path, name, value)
		}
	}
	return v, nil
}

// Find locates environment env's values file for the flow at flowPath:
// env itself when it names a file, else environments/ENV.yaml (or .yml) in
// the flow's folder or the nearest folder above it that has one, else in the
// current folder.
func Find(flowPath, env string) (string, error) {
	return FindFrom(filepath.Dir(flowPath), env)
}

// FindFrom is Find for a folder rather than a flow file: environments/ENV.yaml
// in dir or the nearest folder above it, else in the current folder (a
// server's workspace folder, say).
func FindFrom(dir, env string) (string, error) {
	if strings.ContainsRune(env, filepath.Separator) || strings.HasSuffix(env, ".yaml") || strings.HasSuffix(env, ".yml") {
		return env, nil
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	var looked []string
	for {
		for _, ext := range []string{".yaml", ".yml"} {
			p := filepath.Join(dir, Dir, env+ext)
			if _, err := os.Stat(p); err == nil {
				return p, nil
			}
		}
		looked = append(looked, filepath.Join(dir, Dir))
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	if p := filepath.Join(Dir, env+".yaml"); fileExists(p) {
		return p, nil
	}
	return "", fmt.Errorf("no values file %s.yaml for environment %q (looked in %s and above)", env, env, looked[0])
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// Use is one placeholder in a flow: its name and where it stands.
type Use struct {
	Name   string
	Widget string // "" outside the widgets
	Path   string // JSON pointer to the string holding it
}

// Placeholders lists the placeholders of a flow in file order.
func Placeholders(f *model.Flow) []Use {
	var out []Use
	eachString(f.Root(), nil, func(tokens []string, s string) {
		if !strings.Contains(s, "${") { // no placeholder without one
			return
		}
		path := ""
		for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
			if strings.HasPrefix(m[0], "$$") {
				continue
			}
			if path == "" {
				path = pointerOf(tokens)
			}
			out = append(out, Use{Name: m[1], Widget: widgetAt(f, path), Path: path})
		}
	})
	return out
}

// Names returns the distinct placeholder names of a flow, sorted.
func Names(f *model.Flow) []string {
	seen := map[string]bool{}
	var out []string
	for _, u := range Placeholders(f) {
		if !seen[u.Name] {
			seen[u.Name] = true
			out = append(out, u.Name)
		}
	}
	sort.Strings(out)
	return out
}

// MissingError lists placeholders the values do not give.
type MissingError struct {
	Env   string
	Names []string
}

func (e *MissingError) Error() string {
	return fmt.Sprintf("environment %q has no value for %s", e.Env, strings.Join(wrap(e.Names), ", "))
}

func wrap(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "${" + n + "}"
	}
	return out
}

// Substitute returns a copy of the flow with every placeholder replaced by
// its value. Placeholders without a value are left in place and reported in
// a *MissingError (the flow is returned too).
func Substitute(f *model.Flow, v *Values) (*model.Flow, error) {
	missing := map[string]bool{}
	root := walkStrings(f.Root().Clone(), "", func(_, s string) string {
		out, lacking := Expand(s, v)
		for _, n := range lacking {
			missing[n] = true
		}
		return out
	})
	out, err := model.FromObject(root.(*model.Object))
	if err != nil {
		return nil, err
	}
	if len(missing) > 0 {
		names := make([]string, 0, len(missing))
		for n := range missing {
			names = append(names, n)
		}
		sort.Strings(names)
		return out, &MissingError{Env: v.Name, Names: names}
	}
	return out, nil
}

// SubstituteFile substitutes the placeholders of a flow file's content and
// returns it in canonical form, ending with a newline when data did.
func SubstituteFile(data []byte, v *Values) ([]byte, error) {
	f, err := model.Parse(data)
	if err != nil {
		return nil, err
	}
	out, err := Substitute(f, v)
	if out == nil {
		return nil, err
	}
	return marshalLike(out, data), err
}

// marshalLike writes f canonically, with a final newline only when like
// has one.
func marshalLike(f *model.Flow, like []byte) []byte {
	b := f.Marshal()
	if len(like) == 0 || like[len(like)-1] != '\n' {
		b = []byte(strings.TrimSuffix(string(b), "\n"))
	}
	return b
}

// IsMissing reports whether err is a *MissingError.
func IsMissing(err error) bool {
	var m *MissingError
	return errors.As(err, &m)
}

// walkStrings calls fn on every string value (not keys) under v, in order,
// and returns v with each replaced by what fn returns (lists are changed in
// place, objects rebuilt). path is a JSON pointer.
func walkStrings(v any, path string, fn func(path, s string) string) any {
	switch t := v.(type) {
	case string:
		return fn(path, t)
	case []any:
		for i := range t {
			t[i] = walkStrings(t[i], path+"/"+strconv.Itoa(i), fn)
		}
		return t
	case *model.Object:
		// Rebuilt member by member: a key may repeat (legal JSON), and each
		// occurrence keeps its own value.
		members := t.Members()
		for i, m := range members {
			members[i].Value = walkStrings(m.Value, path+"/"+model.EscapeToken(m.Key), fn)
		}
		return model.NewObject(members...)
	default:
		return v
	}
}

// eachString calls fn on every string value (not keys) under v, in order,
// with the reference tokens of its JSON pointer (see pointerOf), changing
// nothing.
func eachString(v any, path []string, fn func(path []string, s string)) []string {
	switch t := v.(type) {
	case string:
		fn(path, t)
	case []any:
		for i, e := range t {
			path = eachString(e, append(path, strconv.Itoa(i)), fn)
			path = path[:len(path)-1]
		}
	case *model.Object:
		for i := range t.Len() {
			m := t.MemberAt(i)
			path = eachString(m.Value, append(path, m.Key), fn)
			path = path[:len(path)-1]
		}
	}
	return path
}

// pointerOf writes the JSON pointer of a path eachString gives.
func pointerOf(path []string) string {
	var b strings.Builder
	for _, token := range path {
		b.WriteByte('/')
		b.WriteString(model.EscapeToken(token))
	}
	return b.String()
}

// widgetAt names the widget a JSON pointer is inside.
func widgetAt(f *model.Flow, path string) string {
	rest, ok := strings.CutPrefix(path, "/states/")
	if !ok {
		return ""
	}
	idx, _, _ := strings.Cut(rest, "/")
	var i int
	if _, err := fmt.Sscanf(idx, "%d", &i); err != nil || i < 0 || i >= f.Len() {
		return ""
	}
	return f.StateAt(i).Name()
}

// Unsubstitute returns a copy of the flow with each value of v written back
// as its placeholder (longer values first, so a value holding another is
// kept whole). It undoes Substitute for flows edited elsewhere, such as a
// deployed flow merged into its template.
func Unsubstitute(f *model.Flow, v *Values) (*model.Flow, error) {
	type pair struct{ name, value string }
	var pairs []pair
	for n, val := range v.Values {
		if val != "" {
			pairs = append(pairs, pair{n, val})
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		if len(pairs[i].value) != len(pairs[j].value) {
			return len(pairs[i].value) > len(pairs[j].value)
		}
		return pairs[i].name < pairs[j].name
	})
	oldnew := make([]string, 0, 2*len(pairs))
	for _, p := range pairs {
		oldnew = append(oldnew, p.value, "${"+p.name+"}")
	}
	r := strings.NewReplacer(oldnew...)
	root := walkStrings(f.Root().Clone(), "", func(_, s string) string { return r.Replace(s) })
	return model.FromObject(root.(*model.Object))
}
