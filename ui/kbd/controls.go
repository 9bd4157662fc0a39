package kbd

import "fyne.io/fyne/v2"

// Controls names the focusable controls of a view that is rebuilt from
// scratch (the inspector's form, the conflicts panel), so that the keyboard
// survives a rebuild: the control with the same name takes it again, or,
// when that one is gone (its row removed), the next control that was
// there, else the one before. Names are the caller's: a row's buttons named
// by the row's place keep the keyboard on the same place, which after a
// removal is the next row.
type Controls struct {
	order []string
	byID  map[string]fyne.Focusable
}

// Add names f id. Controls added later come after it.
func (c *Controls) Add(id string, f fyne.Focusable) {
	if c.byID == nil {
		c.byID = map[string]fyne.Focusable{}
	}
	if _, dup := c.byID[id]; !dup {
		c.order = append(c.order, id)
	}
	c.byID[id] = f
}

// Get returns the control named id, nil when there is none.
func (c *Controls) Get(id string) fyne.Focusable {
	if c == nil {
		return nil
	}
	return c.byID[id]
}

// Name returns the name of f, "" when f is not one of the controls.
func (c *Controls) Name(f fyne.Focusable) string {
	if c == nil || f == nil {
		return ""
	}
	for _, id := range c.order {
		if c.byID[id] == f {
			return id
		}
	}
	return ""
}

// Successor is the control of c (the rebuilt view) that takes the keyboard
// from old's control id: the first of prefer that c has and is enabled,
// else id itself, else the next control in old's order that c has, else
// the one before. Nil when none is left.
func (c *Controls) Successor(old *Controls, id string, prefer ...string) fyne.Focusable {
	for _, p := range prefer {
		if f := c.usable(p); f != nil {
			return f
		}
	}
	if f := c.usable(id); f != nil {
		return f
	}
	if old == nil {
		return nil
	}
	at := -1
	for i, o := range old.order {
		if o == id {
			at = i
		}
	}
	if at < 0 {
		return nil
	}
	for _, o := range old.order[at+1:] {
		if f := c.usable(o); f != nil {
			return f
		}
	}
	for i := at - 1; i >= 0; i-- {
		if f := c.usable(old.order[i]); f != nil {
			return f
		}
	}
	return nil
}

// usable is the control named id when it is enabled.
func (c *Controls) usable(id string) fyne.Focusable {
	f := c.Get(id)
	if f == nil {
		return nil
	}
	if d, ok := f.(fyne.Disableable); ok && d.Disabled() {
		return nil
	}
	return f
}
