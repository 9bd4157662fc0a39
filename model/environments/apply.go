package environments

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/studioflow/studioflow/model"
)

// Resolve finds and loads environment env's values for the flow at
// flowPath, as Find finds them; env "" gives nil values (no environment).
func Resolve(flowPath, env string) (*Values, error) {
	if env == "" {
		return nil, nil
	}
	path, err := Find(flowPath, env)
	if err != nil {
		return nil, err
	}
	return Load(path)
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

// Lookup returns the value of each placeholder in s under v, in order of
// first appearance, for showing beside a field ("prod: https://…"). Names
// without a value are listed with ok false.
func Lookup(s string, v *Values) []Shown {
	if v == nil {
		return nil
	}
	var out []Shown
	seen := map[string]bool{}
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		if m[0][1] == '$' || seen[m[1]] { // "$${" is a literal
			continue
		}
		seen[m[1]] = true
		val, ok := v.Values[m[1]]
		out = append(out, Shown{Name: m[1], Value: val, OK: ok})
	}
	return out
}

// Shown is one placeholder of a field with its value in an environment.
type Shown struct {
	Name  string
	Value string
	OK    bool // the environment gives a value
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
