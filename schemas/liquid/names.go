package liquid

import "slices"

// FilterNames lists, sorted, the filters a template may use (for
// autocomplete after a `|`).
func FilterNames() []string {
	names := make([]string, 0, len(standardFilters))
	for name := range standardFilters {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}
