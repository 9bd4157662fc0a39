package schemas

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/internal/corpus"
)

var update = flag.Bool("update", false, "rewrite files derived from the seeds (official schemas, default snippets)")

const schemaSeed = "000_fee7fc1973e4ff0c.txt"

// officialBlock is one fenced json block of seed 000.
type officialBlock struct {
	title string
	file  string // file name under official/, from the last segment of the block's $id
	body  []byte // the lines between the fences, each ending in "\n"
}

var fenceOpen = regexp.MustCompile("^```json title=\"([^\"]+)\"\\s*$")

func readOfficialBlocks(t *testing.T) []officialBlock {
	t.Helper()
	data, err := os.ReadFile(corpus.Seed(t, schemaSeed))
	if err != nil {
		t.Fatalf("read seed: %v", err)
	}
	var blocks []officialBlock
	var cur *officialBlock
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case cur == nil:
			if m := fenceOpen.FindStringSubmatch(line); m != nil {
				cur = &officialBlock{title: m[1]}
			}
		case line == "```":
			var head struct {
				ID string `json:"$id"`
			}
			if err := json.Unmarshal(cur.body, &head); err != nil {
				t.Fatalf("block %q is not JSON: %v", cur.title, err)
			}
			cur.file = path.Base(head.ID) + ".json"
			blocks = append(blocks, *cur)
			cur = nil
		default:
			cur.body = append(cur.body, line...)
			cur.body = append(cur.body, '\n')
		}
	}
	if cur != nil {
		t.Fatalf("block %q is not closed", cur.title)
	}
	return blocks
}

func TestOfficialSchemasMatchSeed(t *testing.T) {
	blocks := readOfficialBlocks(t)
	if len(blocks) != 23 {
		t.Fatalf("seed 000 has %d titled json blocks, want 23 (flow definition + 22 widgets)", len(blocks))
	}
	want := map[string]bool{}
	for _, b := range blocks {
		name := filepath.Join("official", b.file)
		want[b.file] = true
		if *update {
			if err := os.WriteFile(name, b.body, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(name)
		if err != nil {
			t.Errorf("%s (block %q): %v; run go test -run TestOfficialSchemasMatchSeed -update", name, b.title, err)
			continue
		}
		if !bytes.Equal(got, b.body) {
			t.Errorf("%s differs from the block %q of seed 000", name, b.title)
		}
		embedded, err := files.ReadFile(filepath.ToSlash(name))
		if err != nil || !bytes.Equal(embedded, b.body) {
			t.Errorf("embedded %s differs from the seed block %q (err %v)", name, b.title, err)
		}
	}
	entries, err := os.ReadDir("official")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !want[e.Name()] {
			t.Errorf("official/%s is not a block of seed 000", e.Name())
		}
	}
}

// seedListing returns the program listings of a docs page printed as
// "1\n{\n2\n...": a line number, then the line it numbers.
func seedListings(t *testing.T, file string) []seedListing {
	t.Helper()
	return parseSeedListings(t, corpus.Seed(t, file))
}

// seedListingsIfPresent is seedListings for tests that use the seed's
// samples as extra cases: none when the corpus is absent.
func seedListingsIfPresent(t *testing.T, file string) []seedListing {
	t.Helper()
	path := filepath.Join(corpus.SeedsDir(), file)
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	return parseSeedListings(t, path)
}

func parseSeedListings(t *testing.T, path string) []seedListing {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read seed: %v", err)
	}
	lines := strings.Split(string(data), "\n")
	var out []seedListing
	heading := ""
	for i := 0; i < len(lines); i++ {
		if lines[i] != "1" {
			if strings.TrimSpace(lines[i]) != "" {
				heading = lines[i]
			}
			continue
		}
		var l seedListing
		l.heading = heading
		n := 1
		for i < len(lines) && lines[i] == fmt.Sprint(n) && i+1 < len(lines) {
			l.lines = append(l.lines, lines[i+1])
			i += 2
			n++
		}
		i--
		out = append(out, l)
	}
	return out
}

type seedListing struct {
	heading string
	lines   []string
}

func (l seedListing) text() string { return strings.Join(l.lines, "\n") + "\n" }
