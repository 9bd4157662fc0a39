package workspace

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/studioflow/studioflow/engine"
)

// referencePage is the page the whole list gives, cut the way the REST API
// always cut it.
func referencePage(keys []string, q PageQuery) ([]string, PageInfo, error) {
	start := min(q.Offset, len(keys))
	if cursor := q.After + q.Before; cursor != "" {
		at := slices.Index(keys, cursor)
		if at < 0 {
			return nil, PageInfo{}, ErrCursor
		}
		if q.After != "" {
			start = at + 1
		} else {
			start = max(0, at-q.Size)
		}
	}
	end := min(start+q.Size, len(keys))
	return keys[start:end], PageInfo{Previous: start > 0, Next: end < len(keys)}, nil
}

func TestPagesMatchTheWholeList(t *testing.T) {
	s, _ := openTemp(t)
	f, err := s.CreateFlow(save("A", StatusPublished, `{}`), t0)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 23 {
		// Some share a creation date: the SID orders them.
		x := Execution{SID: fmt.Sprintf("FN%02d", i), FlowSID: f.SID, Status: engine.StatusEnded, DateCreated: t0.Add(time.Duration(i/2) * time.Minute)}
		if err := s.SaveExecution(x, "", nil, nil); err != nil {
			t.Fatal(err)
		}
		if i < 12 {
			if _, err := s.UpdateFlow(f.SID, save("A", StatusDraft, fmt.Sprintf(`{"v":%d}`, i)), t0); err != nil {
				t.Fatal(err)
			}
		}
	}
	ranges := [][2]time.Time{{}, {t0.Add(2 * time.Minute), {}}, {{}, t0.Add(9 * time.Minute)}, {t0.Add(3 * time.Minute), t0.Add(3 * time.Minute)}, {t0.Add(time.Hour), {}}}
	for _, r := range ranges {
		all, err := s.Executions(f.SID, r[0], r[1])
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, x := range all {
			keys = append(keys, x.SID)
		}
		for _, q := range queries(append(keys, "FN99")) {
			want, wantInfo, wantErr := referencePage(keys, q)
			page, info, err := s.ExecutionsPage(f.SID, r[0], r[1], q)
			var got []string
			for _, x := range page {
				got = append(got, x.SID)
			}
			if !errors.Is(err, ErrCursor) && wantErr != nil || err != nil && wantErr == nil || !slices.Equal(got, want) || info != wantInfo {
				t.Fatalf("range %v query %+v: %v %+v %v, want %v %+v %v", r, q, got, info, err, want, wantInfo, wantErr)
			}
		}
	}
	revs, err := s.Revisions(f.SID)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, r := range revs {
		keys = append(keys, strconv.Itoa(r.Revision))
	}
	for _, q := range queries(append(keys, "99", "x")) {
		want, wantInfo, wantErr := referencePage(keys, q)
		page, info, err := s.RevisionsPage(f.SID, q)
		var got []string
		for _, r := range page {
			got = append(got, strconv.Itoa(r.Revision))
			if r.Definition != nil {
				t.Fatalf("revision %d listed with its definition", r.Revision)
			}
		}
		if !errors.Is(err, ErrCursor) && wantErr != nil || err != nil && wantErr == nil || !slices.Equal(got, want) || info != wantInfo {
			t.Fatalf("revisions query %+v: %v %+v %v, want %v %+v %v", q, got, info, err, want, wantInfo, wantErr)
		}
	}
}

// queries are every page size, offset and cursor worth trying on keys.
func queries(keys []string) []PageQuery {
	var out []PageQuery
	for _, size := range []int{1, 2, 3, 5, 7, 50} {
		for offset := range len(keys) + 2 {
			out = append(out, PageQuery{Size: size, Offset: offset})
		}
		for _, k := range keys {
			out = append(out, PageQuery{Size: size, After: k}, PageQuery{Size: size, Before: k})
		}
	}
	return out
}
