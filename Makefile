# Studioflow: `make run` opens the editor, `make test` runs every check.
# Both install what is missing first (apt packages, Go modules), so they work
# on a fresh Debian 12 machine that has Go.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

GO ?= go
BIN := bin/studioflow
# Execution counts, not durations: Go 1.26's fuzz coordinator can fail a
# duration-bounded run with a spurious "context deadline exceeded" at the
# deadline on a loaded machine (go.dev/issue/75804, fixed in Go 1.27). Each
# target's count (in FUZZ_TARGETS) is 12 to 20 s of fuzzing at the rate it
# runs on a loaded 2-core machine, so CI finds what a few seconds of local
# fuzzing finds (20,000 runs of FuzzRequests missed a 500 found in 3 s).
# The three slowest (FuzzRender took 46 s beside the unit tests, FuzzFast-
# SchemaAgrees 31 s, FuzzValidate 24 s) run a third fewer inputs than they
# did, to keep a warm `make test` under five minutes: the fuzzing and the
# unit tests together keep both cores busy (8 min 18 s of CPU in 5 min 6 s).
# FUZZTIME, when set, overrides every target's count.
FUZZTIME ?=

# Fyne's C headers (the packages Fyne's documentation lists for Debian).
APT_BUILD := gcc libc6-dev pkg-config libgl-dev libx11-dev libxcursor-dev \
	libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev libwayland-dev \
	libxkbcommon-dev libegl-dev
# A virtual display for the end-to-end tests, the tools that drive and
# photograph it, and stress-ng to run them beside a busy CPU (make e2e-load).
APT_TEST := xvfb xauth x11-apps xdotool imagemagick stress-ng

# Fuzz targets run by `make test`, one PACKAGE:TARGET:COUNT[:MINIMIZE] per
# line (`go test -fuzz` takes one package and one target at a time). Rates
# measured under load: FuzzParse 26,000/s, FuzzRender 16,000/s,
# FuzzExtractRoundTrip 6,500/s, FuzzDescribeLoadError 6,300/s, FuzzRequests
# 5,800/s, FuzzValidate 4,800/s, FuzzCompare 4,300/s, FuzzFastSchemaAgrees and
# FuzzMerge 3,200/s, FuzzRestore 500-1,000/s. FuzzRestore's new
# inputs are slow to minimise: with the default minute per input it never
# finished, so it minimises for 100 runs (10,000 runs then take 11 s).
FUZZ_TARGETS := \
	./model:FuzzParse:500000x \
	./model/environments:FuzzExtractRoundTrip:130000x \
	./model/flowdiff:FuzzCompare:90000x \
	./model/flowmerge:FuzzMerge:65000x \
	./schemas:FuzzValidate:70000x \
	./schemas:FuzzFastSchemaAgrees:40000x \
	./schemas/liquid:FuzzRender:200000x \
	./engine:FuzzRestore:10000x:100x \
	./studio/restapi:FuzzRequests:120000x \
	./cmd/studioflow:FuzzDescribeLoadError:120000x

# Fyne parses the locale; without one it logs an error on every start.
export LANG := en_US.UTF-8
# Tests that need Xvfb must run here, not skip: `test` installs it.
export STUDIOFLOW_E2E := require

.PHONY: run test build install-build-deps install-test-deps fmt-check tidy-check vet staticcheck unit unit-and-fuzz e2e-load fuzz package clean bench

run: install-build-deps build
	./$(BIN)

test: install-test-deps fmt-check tidy-check build vet staticcheck unit-and-fuzz

build:
	$(GO) build -o $(BIN) ./cmd/studioflow

# apt_install installs the packages of $(1) that dpkg does not report as
# installed, with one apt-get update, using sudo when not root.
define apt_install
	missing=(); \
	for p in $(1); do \
		status="$$(dpkg -s "$$p" 2>/dev/null || true)"; \
		[[ "$$status" == *"Status: install ok installed"* ]] || missing+=("$$p"); \
	done; \
	if (( $${#missing[@]} )); then \
		sudo=; if [ "$$(id -u)" -ne 0 ]; then sudo=sudo; fi; \
		echo "installing: $${missing[*]}"; \
		$$sudo apt-get update; \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$${missing[@]}"; \
	fi
endef

# Go fetches the pinned modules (go.mod, go.sum) itself on the first build.
install-build-deps:
	@$(call apt_install,$(APT_BUILD))

install-test-deps:
	@$(call apt_install,$(APT_BUILD) $(APT_TEST))

fmt-check:
	@unformatted="$$(gofmt -l .)"; \
	if [ -n "$$unformatted" ]; then echo "not gofmt-formatted:"; echo "$$unformatted"; exit 1; fi

# go.mod and go.sum say exactly what the code imports.
tidy-check:
	$(GO) mod tidy -diff

vet:
	$(GO) vet ./...

# staticcheck is pinned in tools/go.mod (a module of its own, like fyne's
# packager) and built from there.
staticcheck:
	$(GO) -C tools build -o ../bin/staticcheck honnef.co/go/tools/cmd/staticcheck
	./bin/staticcheck ./...

# `build` first: on a cold cache the cgo OpenGL code compiles once there,
# instead of inside the tests that build the binary themselves. The tests
# over the real exports kept beside the checkout (../shared, see
# internal/corpus) skip quietly without them; this says so once.
# The leaf helpers run again under the race detector (cgo, gcc):
# internal/memo's concurrency test, canvas/uiloop's queue (which every
# goroutine that updates widgets posts through) and the catalog's widget
# types compiled at first use by concurrent validators mean little without
# it, and they are small enough for it to cost seconds once the race build
# is cached.
# ./ui and ./canvas under -race take about 3 minutes of CPU (about 50 s
# without), ./ui alone almost 2 minutes in one serial test binary: too much
# for `make test`; run them by hand when changing goroutines there.
unit:
	@[ -d ../shared/flows ] || echo "skipped: the real-export corpus tests (no ../shared/flows beside the checkout; the project's own fixtures in internal/testflows still run)"
	$(GO) test -timeout 20m ./...
	CGO_ENABLED=1 $(GO) test -race ./internal/... ./canvas/uiloop
	CGO_ENABLED=1 $(GO) test -race -run '^TestLazy' ./schemas

# The unit tests and the fuzzing side by side. The unit tests' long pole is
# the end-to-end package: its tests run three at a time on two cores, each
# on its own display (e2e/doc.go), and still spend part of their time
# waiting on what the screen shows, so fuzzing beside them keeps a warm
# `make test` on two cores under five minutes. (The package alone: about
# 2 min 50 s beside other engineers' work at a load average of 15-20, where
# one test at a time took 6 min.) Fuzzing's progress goes to bin/fuzz.log: its target
# lines are printed when both are done, the whole log if it failed.
unit-and-fuzz:
	@mkdir -p bin; \
	$(MAKE) --no-print-directory fuzz > bin/fuzz.log 2>&1 & fuzz=$$!; \
	status=0; $(MAKE) --no-print-directory unit || status=$$?; \
	fuzzed=0; wait $$fuzz || fuzzed=$$?; \
	if (( fuzzed )); then cat bin/fuzz.log; else grep -E '^(fuzz |ok|PASS)' bin/fuzz.log; fi; \
	if (( status || fuzzed )); then echo "unit exit $$status, fuzz exit $$fuzzed"; exit 1; fi

# The end-to-end tests three times in a row beside two CPU-bound workers:
# they wait on what the windows show, not on time, so load only slows them.
e2e-load: install-test-deps
	stress-ng --cpu 2 --timeout 3600s --quiet & pid=$$!; \
	trap 'kill $$pid' EXIT; \
	for i in 1 2 3; do echo "e2e run $$i of 3 under load"; $(GO) test -count=1 -timeout 30m ./e2e || exit 1; done

fuzz:
	@for target in $(FUZZ_TARGETS); do \
		IFS=: read -r pkg fn count minimize <<<"$$target"; \
		override="$(FUZZTIME)"; count="$${override:-$$count}"; minimize="$${minimize:-60s}"; \
		listed="$$($(GO) test -list "^$$fn\$$" "$$pkg")"; \
		if ! grep -qx "$$fn" <<<"$$listed"; then \
			echo "fuzz target $$fn not found in $$pkg"; exit 1; \
		fi; \
		echo "fuzz $$pkg $$fn for $$count (minimising for $$minimize)"; \
		$(GO) test -run '^$$' -fuzz "^$$fn\$$" -fuzztime "$$count" -fuzzminimizetime "$$minimize" "$$pkg"; \
	done

# A desktop package, bin/Studioflow.tar.xz (binary, .desktop file, icon), made
# by Fyne's tool, kept in its own module under tools/ so the main go.mod stays
# clean. The tool bumps Build in the FyneApp.toml it reads after every run;
# the copy kept aside puts the committed one back.
package: install-build-deps
	mkdir -p bin
	cp cmd/studioflow/FyneApp.toml bin/FyneApp.toml.kept
	status=0; (cd tools && $(GO) tool fyne package --os linux --src ../cmd/studioflow --release) || status=$$?; \
	cp bin/FyneApp.toml.kept cmd/studioflow/FyneApp.toml; rm bin/FyneApp.toml.kept; \
	exit $$status
	mv tools/Studioflow.tar.xz bin/

clean:
	rm -rf bin shots

# --- Releases and portability (issue 19) -------------------------------------
# `make test` also cross-compiles for Windows and macOS and lints the release
# workflow; `make dist` builds the release artifacts into dist/.
test: cross-check lint-workflows
.PHONY: cross-check lint-workflows dist install-dist-deps

MODULE := github.com/studioflow/studioflow
# Targets every package but those below must compile for: a Linux-only
# assumption (a syscall, a path rule) fails here first.
CROSS_TARGETS := windows/amd64 darwin/arm64
# Packages that need cgo (Fyne's OpenGL driver, through fyne.io/fyne/v2/app),
# so cannot be cross-compiled without the target's C toolchain. `make dist`
# cross-builds cmd/studioflow for Windows with mingw-w64; the release
# workflow builds and vets everything natively on each system.
CROSS_CGO_ONLY := $(MODULE)/cmd/studioflow $(MODULE)/e2e
# Systems where Fyne's widgets themselves need cgo (its macOS scroller
# code): there only the packages that do not use Fyne are checked.
CROSS_FYNE_NEEDS_CGO := darwin

# go vet, not go build: it type-checks the test files as well, and compiles
# the dependencies the same way. CGO_ENABLED=0 makes a cgo dependency fail.
cross-check:
	@for target in $(CROSS_TARGETS); do \
		export CGO_ENABLED=0 GOOS="$${target%/*}" GOARCH="$${target#*/}"; \
		skip="$(CROSS_CGO_ONLY)"; what="every package but $(patsubst $(MODULE)/%,%,$(CROSS_CGO_ONLY))"; \
		if [[ " $(CROSS_FYNE_NEEDS_CGO) " == *" $$GOOS "* ]]; then \
			skip+=" $$($(GO) list -e -test -f '{{.ImportPath}}{{range .Deps}} {{.}}{{end}}' ./... \
				| awk '/ fyne\.io\// { p = $$1; sub(/\.test$$/, "", p); print p }' | sort -u | tr '\n' ' ')"; \
			what="the packages that do not use Fyne"; \
		fi; \
		pkgs="$$($(GO) list -e ./... | grep -vxF $$(printf -- '-e %s ' $$skip))"; \
		echo "go vet for $$target without cgo: $$what ($$(wc -w <<<"$$pkgs") packages)"; \
		$(GO) vet $$pkgs; \
	done

# actionlint (a Go tool in tools/go.mod, like fyne) parses the workflows and
# checks their expressions, action inputs and runner labels.
lint-workflows:
	cd tools && $(GO) tool actionlint ../.github/workflows/*.yml

# Release artifacts, versioned (FyneApp.toml's Version, or VERSION=...), with
# SHA256SUMS, in dist/:
#   Studioflow-V-linux-amd64.tar.xz    fyne package (binary, .desktop, icon)
#   Studioflow-V-windows-amd64.zip     Studioflow.exe (fyne package: icon and
#                                      version resource, no console) and
#                                      studioflow-cli.exe (the same program as
#                                      a console one, for the commands)
# Both carry the version, commit and build date (tools/stamp.sh). fyne
# package bumps Build in the FyneApp.toml it reads; the copy kept aside puts
# the committed one back, as in `package`.
DIST := dist
# Release builds turn on Fyne's screen-reader support (macOS and Windows;
# Linux has none in Fyne 2.8): the tag compiles its accessibility bridge,
# and Studioflow's canvas then lays out its widgets, ports and wires as
# objects a screen reader reads (ui/accessibility.go).
RELEASE_TAGS := accessibility
APT_DIST := gcc-mingw-w64-x86-64 zip xz-utils
MINGW_CC := x86_64-w64-mingw32-gcc
# fyne package --release compiles C with these; the console build uses the
# same, so it reuses the compiled C instead of compiling it again.
FYNE_RELEASE_CFLAGS := -O3 -pipe -D_FORTIFY_SOURCE=3 -fstack-protector-strong
# For Windows, fyne package builds, adds the icon and version resource, then
# builds again, but only the first build gets the linker flags of GOFLAGS
# (it takes them out of the environment): an existing --exe (an empty file)
# makes it skip that first build, so the one build it makes has them. It
# leaves the result as Studioflow.exe beside the sources.
# Those hardening flags call into libssp, which mingw-w64 keeps apart: link
# it statically, so the .exe needs no libssp-0.dll beside it. (Given to the
# Go linker, not in CGO_LDFLAGS, which would recompile every C file.)
MINGW_EXTLDFLAGS := -extldflags=-Wl,-Bstatic,-lssp,-Bdynamic

install-dist-deps:
	@$(call apt_install,$(APT_BUILD) $(APT_DIST))

dist: install-dist-deps
	rm -rf $(DIST) && mkdir -p $(DIST)/stage
	cd tools && $(GO) build -o ../$(DIST)/stage/fyne fyne.io/tools/cmd/fyne
	fyne="$$PWD/$(DIST)/stage/fyne"; \
	version="$$(VERSION=$(VERSION) tools/stamp.sh version)"; base="Studioflow-$$version"; \
	stamp="$$(VERSION=$(VERSION) tools/stamp.sh)"; \
	goflags="$${GOFLAGS:-} $$(VERSION=$(VERSION) tools/stamp.sh goflags)"; \
	cp cmd/studioflow/FyneApp.toml $(DIST)/stage/FyneApp.toml.kept; \
	trap 'cp $(DIST)/stage/FyneApp.toml.kept cmd/studioflow/FyneApp.toml; rm -f cmd/studioflow/[Ss]tudioflow.exe' EXIT; \
	echo "== linux/amd64: fyne package"; \
	(cd tools && GOFLAGS="$$goflags" "$$fyne" package --os linux --release --tags $(RELEASE_TAGS) --src ../cmd/studioflow); \
	mv tools/Studioflow.tar.xz "$(DIST)/$$base-linux-amd64.tar.xz"; \
	echo "== windows/amd64: fyne package, cross-compiled with mingw-w64"; \
	winexe="$$PWD/cmd/studioflow/studioflow.exe"; rm -f cmd/studioflow/Studioflow.exe; : > "$$winexe"; \
	(cd tools && GOFLAGS="$$goflags -ldflags=$(MINGW_EXTLDFLAGS)" CC=$(MINGW_CC) GOARCH=amd64 \
		"$$fyne" package --os windows --release --tags $(RELEASE_TAGS) --src ../cmd/studioflow --exe "$$winexe"); \
	stage="$(DIST)/stage/$$base-windows-amd64"; mkdir -p "$$stage"; \
	mv cmd/studioflow/[Ss]tudioflow.exe "$$stage/Studioflow.exe"; \
	echo "== windows/amd64: the console build, studioflow-cli.exe"; \
	CGO_ENABLED=1 CC=$(MINGW_CC) GOOS=windows GOARCH=amd64 CGO_CFLAGS="$(FYNE_RELEASE_CFLAGS)" \
		$(GO) build -trimpath -tags release,migrated_fynedo,$(RELEASE_TAGS) -ldflags "$$stamp -s -w $(MINGW_EXTLDFLAGS)" \
		-o "$$stage/studioflow-cli.exe" ./cmd/studioflow; \
	(cd "$(DIST)/stage" && zip -q -r -X "../$$base-windows-amd64.zip" "$$base-windows-amd64")
	rm -rf $(DIST)/stage
	cd $(DIST) && sha256sum -- * > SHA256SUMS
	@echo "== $(DIST)/"; cd $(DIST) && ls -l --block-size=K -- * && cat SHA256SUMS

# Benchmarks: Go's own (validator, parser/writer, canvas steps), then the
# peers in ../shared/bench (Ajv, node's JSON) against ours on the same
# generated 1000- and 2000-widget flows, the whole `studioflow validate`
# process against node and Ajv, and Liquid against liquidjs, in alternating
# rounds, printing median ratios with their spread (cmd/benchpeers; node
# peers skipped when node is missing). Ajv and liquidjs are installed under
# bin/bench/peers. On a busy
# machine read the cpu-ns/op figures (CPU per operation, all threads) beside
# the wall-clock ones.
BENCHTIME ?= 300ms
BENCH_ROUNDS ?= 5
bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./model ./schemas
	$(GO) test -run '^$$' -bench 'PanStep|ZoomStep|DragEvent$$|Frame' -benchmem -benchtime 20x ./canvas
	$(GO) run ./cmd/benchpeers -rounds $(BENCH_ROUNDS)
