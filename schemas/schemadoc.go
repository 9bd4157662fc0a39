package schemas

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/studioflow/studioflow/model"
)

// docSet holds every embedded document parsed with key order kept, for
// reading the schemas themselves (events, property specs, message wording).
type docSet struct {
	byID map[string]*model.Object
}

func newDocSet(docs []Document) (docSet, error) {
	set := docSet{byID: make(map[string]*model.Object, len(docs))}
	for _, d := range docs {
		v, err := model.ParseValue(d.data)
		if err != nil {
			return docSet{}, fmt.Errorf("parse schema %s: %w", d.File, err)
		}
		obj, ok := v.(*model.Object)
		if !ok {
			return docSet{}, fmt.Errorf("schema %s is not a JSON object", d.File)
		}
		set.byID[d.ID] = obj
	}
	return set, nil
}

// at returns the node at a JSON pointer inside a document.
func (s docSet) at(docID, pointer string) (any, bool) {
	var node any = s.byID[docID]
	if node == (*model.Object)(nil) {
		return nil, false
	}
	if pointer == "" || pointer == "/" {
		return node, true
	}
	for _, tok := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		tok = model.UnescapeToken(tok)
		switch n := node.(type) {
		case *model.Object:
			v, ok := n.Get(tok)
			if !ok {
				return nil, false
			}
			node = v
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n) {
				return nil, false
			}
			node = n[i]
		default:
			return nil, false
		}
	}
	return node, true
}

// atURL returns the node an absolute keyword location or $ref URL names
// ("https://…/commons#/definitions/NextLink").
func (s docSet) atURL(url string) (any, string, bool) {
	docID, frag, _ := strings.Cut(url, "#")
	v, ok := s.at(docID, frag)
	return v, docID, ok
}

// deref follows $ref (repeatedly) from a schema node found in document
// docID. It returns the target node and the document it lives in.
func (s docSet) deref(node any, docID string) (any, string) {
	for range 16 {
		obj, ok := node.(*model.Object)
		if !ok {
			return node, docID
		}
		ref, ok := obj.String("$ref")
		if !ok {
			return node, docID
		}
		if strings.HasPrefix(ref, "#") {
			ref = docID + ref
		}
		target, id, found := s.atURL(ref)
		if !found {
			return node, docID
		}
		node, docID = target, id
	}
	return node, docID
}

// eventConsts collects, in order, the event names a transition-item schema
// allows: the const or enum of "event" in it and in every branch it combines.
func (s docSet) eventConsts(node any, docID string) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(n any, id string, depth int)
	walk = func(n any, id string, depth int) {
		if depth > 16 {
			return
		}
		n, id = s.deref(n, id)
		obj, ok := n.(*model.Object)
		if !ok {
			return
		}
		if props, ok := obj.Get("properties"); ok {
			if po, ok := props.(*model.Object); ok {
				if evn, ok := po.Get("event"); ok {
					if eo, ok := evn.(*model.Object); ok {
						var names []any
						if c, ok := eo.Get("const"); ok {
							names = append(names, c)
						}
						if e, ok := eo.Get("enum"); ok {
							list, _ := e.([]any)
							names = append(names, list...)
						}
						for _, nm := range names {
							if str, ok := nm.(string); ok && !seen[str] {
								seen[str] = true
								out = append(out, str)
							}
						}
					}
				}
			}
		}
		for _, kw := range []string{"allOf", "anyOf", "oneOf"} {
			if list, ok := obj.Get(kw); ok {
				branches, _ := list.([]any)
				for _, b := range branches {
					walk(b, id, depth+1)
				}
			}
		}
	}
	walk(node, docID, 0)
	return out
}
