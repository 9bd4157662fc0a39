package workspace

import (
	"encoding/json"
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/ui/kbd"
)

// contextTree shows a JSON-like value (an execution's or a step's context)
// as a tree: objects and lists open, scalars shown beside their key.
type contextTree struct {
	tree     *kbd.Tree
	children map[string][]string // node ID → child IDs; "" is the root
	labels   map[string]string   // node ID → "key: value" or "key"
}

func newContextTree() *contextTree {
	c := &contextTree{children: map[string][]string{}, labels: map[string]string{}}
	c.tree = kbd.NewTree(
		func(id widget.TreeNodeID) []widget.TreeNodeID { return c.children[id] },
		func(id widget.TreeNodeID) bool { _, ok := c.children[id]; return ok },
		func(bool) fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TreeNodeID, _ bool, o fyne.CanvasObject) { o.(*widget.Label).SetText(c.labels[id]) },
	)
	return c
}

// set shows v and opens its first level.
func (c *contextTree) set(v map[string]any) {
	c.children = map[string][]string{}
	c.labels = map[string]string{}
	c.add("", "", v)
	c.tree.CloseAllBranches()
	c.tree.Refresh()
	for _, id := range c.children[""] {
		if _, branch := c.children[id]; branch {
			c.tree.OpenBranch(id)
		}
	}
}

// label returns what the node at path (keys joined by "/") shows, for tests.
func (c *contextTree) label(path string) (string, bool) {
	l, ok := c.labels["/"+path]
	return l, ok
}

func (c *contextTree) add(id, key string, v any) {
	// An object's members show in the order Liquid iterates them: a
	// response's as it was written, the engine's own maps sorted.
	if keys, ok := engine.Keys(v); ok {
		c.children[id] = []string{}
		if id != "" {
			c.labels[id] = fmt.Sprintf("%s  {%d}", key, len(keys))
		}
		for _, k := range keys {
			child := id + "/" + k
			c.children[id] = append(c.children[id], child)
			m, _ := engine.Member(v, k)
			c.add(child, k, m)
		}
		return
	}
	switch val := v.(type) {
	case []any:
		c.children[id] = []string{}
		c.labels[id] = fmt.Sprintf("%s  [%d]", key, len(val))
		for i, e := range val {
			child := id + "/" + strconv.Itoa(i)
			c.children[id] = append(c.children[id], child)
			c.add(child, strconv.Itoa(i), e)
		}
	default:
		c.labels[id] = key + ": " + scalarText(val)
	}
}

func scalarText(v any) string {
	switch s := v.(type) {
	case nil:
		return "null"
	case string:
		return strconv.Quote(s)
	}
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(data)
}
