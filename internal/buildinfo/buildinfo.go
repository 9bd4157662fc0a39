// Package buildinfo says which build of Studioflow is running: its version,
// the commit it was built from and when. Release builds (`make dist`,
// `make package`, the release workflow) stamp these with the linker:
//
//	go build -ldflags "-X github.com/studioflow/studioflow/internal/buildinfo.version=0.1.0 \
//	  -X github.com/studioflow/studioflow/internal/buildinfo.commit=$(git rev-parse HEAD) \
//	  -X github.com/studioflow/studioflow/internal/buildinfo.date=2026-12-06T22:00:00Z"
//
// A build that was not stamped (`go build`, `go run`, `go install`) falls
// back to what the Go toolchain records in the binary: the module version
// and the version-control commit, time and dirty flag.
package buildinfo

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"time"
)

// Set by the linker (-ldflags -X); read only through Read. These are the
// only package variables, and nothing assigns them at run time.
var (
	version string // e.g. "0.1.0"
	commit  string // the full commit hash, "-dirty" appended for a modified tree
	date    string // RFC 3339, UTC
)

// Info describes one build.
type Info struct {
	Version          string    // "0.1.0"; the caller's default when nothing better is known
	Commit           string    // the commit hash; "" when unknown
	Modified         bool      // built from a tree with uncommitted changes
	Date             time.Time // when it was built (stamped) or committed (VCS); zero when unknown
	DateIsCommitTime bool      // Date is the commit's time, not the build's
	Stamped          bool      // the version was stamped at build time (a release build)
	Go               string    // the Go toolchain, e.g. "go1.26.8"
	Platform         string    // GOOS/GOARCH, e.g. "windows/amd64"
}

// Read returns the running binary's build information. defaultVersion (the
// application's own version, from its metadata) stands in when the build
// was not stamped and the module has no released version.
func Read(defaultVersion string) Info {
	bi, _ := debug.ReadBuildInfo()
	return resolve(stamps{version, commit, date}, bi, defaultVersion)
}

// stamps are the linker-set values, passed in so tests can supply their own.
type stamps struct{ version, commit, date string }

func resolve(s stamps, bi *debug.BuildInfo, defaultVersion string) Info {
	info := Info{Version: defaultVersion, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi != nil {
		if bi.GoVersion != "" {
			info.Go = bi.GoVersion
		}
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			info.Version = strings.TrimPrefix(v, "v")
		}
		for _, kv := range bi.Settings {
			switch kv.Key {
			case "vcs.revision":
				info.Commit = kv.Value
			case "vcs.time":
				if t, err := time.Parse(time.RFC3339, kv.Value); err == nil {
					info.Date, info.DateIsCommitTime = t.UTC(), true
				}
			case "vcs.modified":
				info.Modified = kv.Value == "true"
			}
		}
	}
	if v := strings.TrimSpace(s.version); v != "" {
		info.Version = strings.TrimPrefix(v, "v")
		info.Stamped = true
	}
	if c := strings.TrimSpace(s.commit); c != "" {
		info.Commit, info.Modified = strings.TrimSuffix(c, "-dirty"), strings.HasSuffix(c, "-dirty")
	}
	if d := strings.TrimSpace(s.date); d != "" {
		if t, err := time.Parse(time.RFC3339, d); err == nil {
			info.Date, info.DateIsCommitTime = t.UTC(), false
		}
	}
	return info
}

// ShortCommit is the commit's first 12 characters, "-dirty" appended for
// a modified tree, or "unknown".
func (i Info) ShortCommit() string {
	if i.Commit == "" {
		return "unknown"
	}
	c := i.Commit
	if len(c) > 12 {
		c = c[:12]
	}
	if i.Modified {
		c += "-dirty"
	}
	return c
}

// BuildDate is the date in RFC 3339 (UTC), or "unknown".
func (i Info) BuildDate() string {
	if i.Date.IsZero() {
		return "unknown"
	}
	return i.Date.Format(time.RFC3339)
}

// Lines is the build information as "label: value" lines, for
// `studioflow version` and the About dialog.
func (i Info) Lines() []string {
	v := i.Version
	if v == "" {
		v = "unknown"
	}
	if !i.Stamped {
		v += " (development build)"
	}
	when := "Built: "
	if i.DateIsCommitTime {
		when = "Committed: "
	}
	return []string{
		"Version: " + v,
		"Commit: " + i.ShortCommit(),
		when + i.BuildDate(),
		fmt.Sprintf("Go: %s %s", i.Go, i.Platform),
	}
}
