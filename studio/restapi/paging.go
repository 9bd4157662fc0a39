package restapi

import (
	"errors"
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/studioflow/studioflow/studio/wire"
	"github.com/studioflow/studioflow/studio/workspace"
)

// Paging defaults of Studio's API.
const (
	defaultPageSize = 50
	maxPageSize     = 1000
)

// pageRequest is PageSize, Page and PageToken of a list request.
type pageRequest struct {
	size, index int
	token       string
	filters     url.Values // other query parameters, carried into paging URLs
}

// listQuery reads a list request's query string and the paging in it.
func (q *request) listQuery() (url.Values, pageRequest, *wire.Error) {
	query, apiErr := q.query()
	if apiErr != nil {
		return nil, pageRequest{}, apiErr
	}
	p, apiErr := readPaging(query)
	return query, p, apiErr
}

func readPaging(q url.Values) (pageRequest, *wire.Error) {
	p := pageRequest{size: defaultPageSize, filters: url.Values{}}
	for k, v := range q {
		switch k {
		case "PageSize", "Page", "PageToken":
		default:
			p.filters[k] = v
		}
	}
	if v := q.Get("PageSize"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return p, badRequest("PageSize %q is not valid: it must be a whole number from 1 to %d", v, maxPageSize)
		}
		// Over the maximum, a page of the maximum (meta.page_size says
		// so): Twilio's helper libraries send a list's whole limit as
		// PageSize (twilio-node's list({limit: 2000})) and follow
		// next_page_url for the rest.
		p.size = min(n, maxPageSize)
	}
	if v := q.Get("Page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return p, badRequest("Page %q is not valid: it must be a whole number from 0", v)
		}
		p.index = n
	}
	p.token = q.Get("PageToken")
	if p.token != "" && !strings.HasPrefix(p.token, "PA") && !strings.HasPrefix(p.token, "PB") {
		return p, badRequest("PageToken %q is not valid: use the URLs in the meta block to page", p.token)
	}
	return p, nil
}

// pageQuery is the store's form of p: the offset of Page, or the entry
// PageToken names.
func (p pageRequest) pageQuery() workspace.PageQuery {
	q := workspace.PageQuery{Size: p.size}
	switch {
	case strings.HasPrefix(p.token, "PA"):
		q.After = p.token[2:]
	case strings.HasPrefix(p.token, "PB"):
		q.Before = p.token[2:]
	case p.index > math.MaxInt32/p.size:
		q.Offset = math.MaxInt32 // past the end of any list
	default:
		q.Offset = p.index * p.size
	}
	return q
}

// pageMeta builds the meta block of a page whose first and last entries
// have the keys first and last ("" for an empty page).
func pageMeta(p pageRequest, base, path, key, first, last string, info workspace.PageInfo) wire.Meta {
	pageURL := func(index int, token string) string {
		v := url.Values{}
		for k, vals := range p.filters {
			v[k] = vals
		}
		v.Set("PageSize", strconv.Itoa(p.size))
		v.Set("Page", strconv.Itoa(index))
		if token != "" {
			v.Set("PageToken", token)
		}
		return base + path + "?" + v.Encode()
	}
	meta := wire.Meta{
		Page: p.index, PageSize: p.size, Key: key,
		FirstPageURL: pageURL(0, ""),
		URL:          pageURL(p.index, p.token),
	}
	switch {
	case info.Previous && first != "":
		u := pageURL(max(0, p.index-1), "PB"+first)
		meta.PreviousPageURL = &u
	case info.Previous:
		u := pageURL(max(0, p.index-1), "")
		meta.PreviousPageURL = &u
	}
	if info.Next && last != "" {
		u := pageURL(p.index+1, "PA"+last)
		meta.NextPageURL = &u
	}
	return meta
}

// pageMetaOf is pageMeta for page, whose entries key names.
func pageMetaOf[T any](p pageRequest, base, path, name string, page []T, key func(T) string, info workspace.PageInfo) wire.Meta {
	first, last := "", ""
	if len(page) > 0 {
		first, last = key(page[0]), key(page[len(page)-1])
	}
	return pageMeta(p, base, path, name, first, last, info)
}

// cursorGone is the answer to a PageToken naming an entry that is gone.
func cursorGone(p pageRequest) *wire.Error {
	return badRequest("PageToken %q does not point into this list any more: start again from the first page", p.token)
}

// pageError is the answer to a store that could not cut page p.
func (q *request) pageError(p pageRequest, err error) *wire.Error {
	if errors.Is(err, workspace.ErrCursor) {
		return cursorGone(p)
	}
	return q.storeError(err)
}

// paginate cuts one page out of items (key names an item) and builds the
// meta block of list name at path. PageToken PA<key> starts after key,
// PB<key> ends before it; without a token, Page × PageSize items are
// skipped. When the items are in the order of their keys (sorted), a key
// no item has any more still marks a place: the page starts after it.
func paginate[T any](items []T, key func(T) string, p pageRequest, base, path, name string, sorted bool) ([]T, wire.Meta, *wire.Error) {
	// A Page past the end shows an empty page; comparing before multiplying
	// keeps a huge Page from overflowing into a negative offset.
	start := len(items)
	if p.index <= len(items)/p.size {
		start = p.index * p.size
	}
	if p.token != "" {
		cursor := p.token[2:]
		matches := func(k string) bool { return k == cursor }
		if _, _, position := workspace.ParsePositionCursor(cursor); !position {
			// A bare SID (as Twilio's own tokens name an entry) marks no
			// place: only its entry, if it is still there.
			sorted = false
			matches = func(k string) bool {
				_, sid, ok := workspace.ParsePositionCursor(k)
				return k == cursor || ok && sid == cursor
			}
		}
		at, found := -1, false
		for i, item := range items {
			k := key(item)
			if matches(k) {
				at, found = i, true
				break
			}
			if sorted && k > cursor {
				at = i // where the cursor's item stood
				break
			}
		}
		switch {
		case !found && !sorted:
			return nil, wire.Meta{}, cursorGone(p)
		case at < 0:
			at = len(items) // past the last item
		}
		switch {
		case strings.HasPrefix(p.token, "PA") && found:
			start = at + 1
		case strings.HasPrefix(p.token, "PA"):
			start = at
		default:
			start = max(0, at-p.size)
		}
	}
	start = min(start, len(items))
	end := min(start+p.size, len(items))
	page := items[start:end]
	return page, pageMetaOf(p, base, path, name, page, key, workspace.PageInfo{Previous: start > 0, Next: end < len(items)}), nil
}
