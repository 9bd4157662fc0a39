package environments

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/studioflow/studioflow/model"
)

// Resolve finds and loads environment env's values for the flow at
// flowPath, as Find finds them; env "" gives nil values (no environment).
func Resolve(flowPath, env string) (*Values, error) {
	return ResolveFrom(filepath.Dir(flowPath), env)
}

// ResolveFrom is Resolve for a folder rather than a flow file (see FindFrom).
func ResolveFrom(dir, env string) (*Values, error) {
	if env == "" {
		return nil, nil
	}
	path, err := FindFrom(dir, env)
	if err != nil {
		return nil, err
	}
	return Load(path)
}

// Apply is the rule every runner (run, serve, the simulator) follows before
// it runs a flow: with no values the flow runs as written; with values,
// every placeholder is replaced, and one without a value is an error (a
// *MissingError), never run as literal text. f itself is not changed.
func Apply(f *model.Flow, v *Values) (*model.Flow, error) {
	if v == nil || f == nil {
		return f, nil
	}
	out, err := Substitute(f, v)
	if err != nil {
		return nil, fmt.Errorf("substitute %s: %w", v.Path, err)
	}
	return out, nil
}

// Expand replaces the placeholders of one text by their values under v
// ("$${" becoming a literal "${"), the substitution Substitute makes in every
// string of a flow; names without a value stay as written and are returned,
// once each, in order.
func Expand(s string, v *Values) (string, []string) {
	var missing []string
	out := placeholder.ReplaceAllStringFunc(s, func(m string) string {
		if strings.HasPrefix(m, "$$") {
			return m[1:] // Terraform's escape: a literal ${
		}
		name := m[2 : len(m)-1]
		if v != nil {
			if val, ok := v.Values[name]; ok {
				return val
			}
		}
		if !slices.Contains(missing, name) {
			missing = append(missing, name)
		}
		return m
	})
	return out, missing
}

// HasPlaceholders reports whether s holds a ${NAME} placeholder.
func HasPlaceholders(s string) bool {
	for _, m := range placeholder.FindAllString(s, -1) {
		if !strings.HasPrefix(m, "$$") {
			return true
		}
	}
	return false
}

// Choice is one environment a flow can run with: its name and values file.
type Choice struct {
	Name string
	Path string
}

// Available lists the environments Find can find for a flow in dir: the
// values files (*.yaml, *.yml) of environments/ in dir and in each folder
// above it, the nearest one winning for a name, sorted by name. A folder
// that cannot be read is skipped.
func Available(dir string) []Choice {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	seen := map[string]bool{}
	var out []Choice
	for {
		entries, _ := os.ReadDir(filepath.Join(dir, Dir))
		for _, e := range entries {
			ext := filepath.Ext(e.Name())
			name := strings.TrimSuffix(e.Name(), ext)
			if e.IsDir() || (ext != ".yaml" && ext != ".yml") || seen[name] {
				continue
			}
			seen[name] = true
			out = append(out, Choice{Name: name, Path: filepath.Join(dir, Dir, e.Name())})
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
