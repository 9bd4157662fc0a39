package model

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestDuplicateMemberIsAnError: a member name given twice in one object is
// reported at the second one, with line and column and where the first was;
// the same name in different objects is fine.
func TestDuplicateMemberIsAnError(t *testing.T) {
	doc := "{\n  \"states\": [],\n  \"description\": \"a\",\n  \"states\": [1]\n}"
	_, err := ParseValue([]byte(doc))
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("duplicate member accepted: %v", err)
	}
	if se.Line != 4 || se.Column != 3 || se.Duplicate != "states" || !strings.Contains(se.Msg, `"states"`) || !strings.Contains(se.Msg, "line 2, column 3") {
		t.Errorf("error %q at line %d, column %d", se.Msg, se.Line, se.Column)
	}
	if _, err := ParseValue([]byte(`{"a":{"x":1},"b":{"x":2},"c":[{"x":1},{"x":2}]}`)); err != nil {
		t.Errorf("the same name in different objects: %v", err)
	}
	// Escapes are compared decoded: "\u0061" is "a".
	if _, err := ParseValue([]byte(`{"a":1,"\u0061":2}`)); err == nil {
		t.Error(`"a" and "\u0061" accepted as different members`)
	}
	// Large objects too (the check must not only look at neighbours).
	var b strings.Builder
	b.WriteString("{")
	for i := range 100 {
		fmt.Fprintf(&b, `"k%d":%d,`, i, i)
	}
	b.WriteString(`"k7":0}`)
	if _, err := ParseValue([]byte(b.String())); err == nil || !strings.Contains(err.Error(), `"k7"`) {
		t.Errorf("duplicate in a large object: %v", err)
	}
}
