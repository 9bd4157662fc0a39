package scenario

import (
	"fmt"
	"path/filepath"

	"github.com/studioflow/studioflow/engine/coverage"
	"github.com/studioflow/studioflow/schemas"
)

// CoverageBeside runs the scenarios found beside a flow (the YAML files in
// its folder and the folders right below it) that name that flow, and
// returns what they took, with how many scenarios ran. Files that are not
// scenario files are skipped. A nil coverage means no scenario names the
// flow.
func CoverageBeside(flowPath string, opts Options) (*coverage.Flow, int, error) {
	want, err := filepath.Abs(flowPath)
	if err != nil {
		return nil, 0, fmt.Errorf("coverage of %s: %w", flowPath, err)
	}
	dir := filepath.Dir(want)
	var files []string
	for _, pattern := range []string{"*.yaml", "*.yml", "*/*.yaml", "*/*.yml"} {
		found, err := filepath.Glob(filepath.Join(dir, pattern))
		if err != nil {
			return nil, 0, fmt.Errorf("coverage of %s: %w", flowPath, err)
		}
		files = append(files, found...)
	}
	if opts.Catalog == nil {
		cat, err := schemas.Load()
		if err != nil {
			return nil, 0, fmt.Errorf("coverage of %s: load the widget catalog: %w", flowPath, err)
		}
		opts.Catalog = cat
	}
	set := coverage.NewSet(opts.Catalog)
	opts.Coverage = set
	ran := 0
	for _, file := range files {
		scenarios, err := Load(file)
		if err != nil {
			continue
		}
		var mine []*Scenario
		for _, s := range scenarios {
			p := s.Flow
			if !filepath.IsAbs(p) {
				p = filepath.Join(filepath.Dir(file), p)
			}
			if abs, err := filepath.Abs(p); err == nil && abs == want {
				mine = append(mine, s)
			}
		}
		for _, s := range mine {
			r := Run(s, opts)
			ran++
			if r.Flow != nil {
				set.Record(want, r.Flow, r.Execution)
			}
		}
	}
	return set.Flow(want), ran, nil
}
