// Package gitdriver installs studioflow as git's diff and merge driver for
// flow files: the repository's config gets the drivers, .gitattributes the
// lines that assign them. What git stores does not change.
package gitdriver

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// DriverName names both drivers in the config and in .gitattributes.
const DriverName = "studioflow"

// DefaultPatterns are the file names taken for flows when none are given:
// the ".flow.json" convention and the names Studio exports get in the wild.
var DefaultPatterns = []string{"*.flow.json", "*studio_flow*.json", "*studio-flow*.json"}

// ConfigEntry is one git config setting.
type ConfigEntry struct {
	Key, Value string
}

// Config returns the settings for a studioflow binary at command (a path or
// a name on PATH). git runs drivers through the shell, so the command is
// quoted for it.
func Config(command string) []ConfigEntry {
	q := shellQuote(command)
	return []ConfigEntry{
		{"diff." + DriverName + ".command", q + " git-diff"},
		{"diff." + DriverName + ".textconv", q + " git-textconv"},
		{"merge." + DriverName + ".name", "Studioflow: merge Studio flows by widget identity"},
		{"merge." + DriverName + ".driver", q + " merge %O %A %B"},
	}
}

// AttributeLines returns the .gitattributes lines assigning the drivers.
func AttributeLines(patterns []string) []string {
	out := make([]string, len(patterns))
	for i, p := range patterns {
		out[i] = fmt.Sprintf("%s diff=%s merge=%s", p, DriverName, DriverName)
	}
	return out
}

// shellQuote quotes s for a POSIX shell unless it needs no quoting.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '-' || r == '_' || r == '+' || r == ':' ||
			(r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z'))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// Install writes the config into the repository at dir (git config --local)
// and adds the attribute lines .gitattributes lacks. It returns the lines
// it added.
func Install(dir, command string, patterns []string) ([]string, error) {
	top, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("%s is not in a git repository: %w", dir, err)
	}
	for _, c := range Config(command) {
		if _, err := git(dir, "config", "--local", c.Key, c.Value); err != nil {
			return nil, fmt.Errorf("git config %s: %w", c.Key, err)
		}
	}
	return EnsureLines(filepath.Join(strings.TrimSpace(top), ".gitattributes"), AttributeLines(patterns))
}

// EnsureLines appends to the file at path the lines it does not hold yet,
// creating it when missing, and returns the lines added.
func EnsureLines(path string, lines []string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	have := map[string]bool{}
	for _, l := range strings.Split(string(data), "\n") {
		have[strings.TrimSpace(l)] = true
	}
	var added []string
	var b bytes.Buffer
	b.Write(data)
	if len(data) > 0 && data[len(data)-1] != '\n' {
		b.WriteByte('\n')
	}
	for _, l := range lines {
		if !have[l] {
			b.WriteString(l + "\n")
			added = append(added, l)
		}
	}
	if len(added) == 0 {
		return nil, nil
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	return added, nil
}

func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}
