#!/usr/bin/env bash
# Prints the linker flags that stamp a release build with its version, commit
# and build date (read back by internal/buildinfo: `studioflow version`, the
# About dialog), as -X=NAME=VALUE words without spaces:
#
#   go build -ldflags "$(tools/stamp.sh)" ./cmd/studioflow
#   GOFLAGS="$(tools/stamp.sh goflags)" go tool fyne package ...
#   tools/stamp.sh version     # just the version, for artifact names
#
# The second form puts each word in GOFLAGS as -ldflags=WORD, which is how
# `fyne package` takes linker flags (it joins them into one -ldflags).
# VERSION defaults to FyneApp.toml's; the commit is HEAD, with "-dirty" for a
# tree with uncommitted changes; the date is now (UTC), or SOURCE_DATE_EPOCH
# when set, for a reproducible build. Used by the Makefile and the release
# workflow alike, on Linux, macOS and Windows (Git Bash).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
pkg=github.com/studioflow/studioflow/internal/buildinfo

version="${VERSION:-$(sed -n 's/^ *Version *= *"\(.*\)" *$/\1/p' "$root/FyneApp.toml")}"
if [ -z "$version" ]; then
	echo "stamp.sh: no Version in $root/FyneApp.toml" >&2
	exit 1
fi
if [ "${1:-}" = version ]; then
	echo "$version"
	exit 0
fi
commit="$(git -C "$root" rev-parse HEAD 2>/dev/null || true)"
if [ -n "$commit" ] && [ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
	commit+=-dirty
fi
epoch="${SOURCE_DATE_EPOCH:-$(date +%s)}"
# GNU date takes -d @EPOCH, BSD (macOS) date -r EPOCH.
date="$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u -r "$epoch" +%Y-%m-%dT%H:%M:%SZ)"

words=("-X=$pkg.version=$version" "-X=$pkg.date=$date")
[ -n "$commit" ] && words+=("-X=$pkg.commit=$commit")
for w in "${words[@]}"; do
	case "$w" in *[[:space:]]*) echo "stamp.sh: a stamp contains a space: $w" >&2; exit 1 ;; esac
done

if [ "${1:-}" = goflags ]; then
	printf -- '-ldflags=%s ' "${words[@]}" | sed 's/ $//'
	echo
else
	echo "${words[*]}"
fi
