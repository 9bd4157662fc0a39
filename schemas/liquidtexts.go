package schemas

import "strings"

// What the string rules need of a template the parser has to read (tags,
// filters): the parser's verdict and the values it reads, remembered by
// the template's text. Flows repeat such templates from widget to widget
// and from one validation to the next; looking the text up costs one hash,
// where finding its verdict key and its references takes three scans.

// liquidTextLimit bounds the remembered texts (forgotten all at once past
// it, or past liquidMemoBytes of them).
const liquidTextLimit = 4096

// liquidText is what the string rules need of one template.
type liquidText struct {
	verdict liquidVerdict
	// refs are the references the template holds (References), in order,
	// cut from the remembered copy of its text.
	refs []Reference
}

// text returns what the rules need of s, a string simpleLiquid refuses.
func (c *liquidChecker) text(s string) liquidText {
	c.mu.RLock()
	t, ok := c.texts[s]
	c.mu.RUnlock()
	if ok {
		return t
	}
	// A copy: the flow's string may share its memory with the whole file.
	key := strings.Clone(s)
	t = liquidText{verdict: c.parsed(key)}
	t.refs = References(key)
	c.mu.Lock()
	if len(c.texts) >= liquidTextLimit || c.textBytes+len(key) > liquidMemoBytes {
		clear(c.texts)
		c.textBytes = 0
	}
	if _, had := c.texts[key]; !had {
		c.textBytes += len(key)
	}
	c.texts[key] = t
	c.mu.Unlock()
	return t
}
