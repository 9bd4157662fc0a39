package schemas

import (
	"strconv"
	"strings"
	"testing"
)

// Every property of every schema the catalog compiles is found at its own
// index, and names that are not properties are not found.
func TestNameTableFindsEveryProperty(t *testing.T) {
	cat := loadCatalog(t)
	seen := map[*fastSchema]bool{}
	tables, objects := 0, 0
	var walk func(n *fastSchema)
	walk = func(n *fastSchema) {
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		if len(n.properties) > 0 {
			objects++
			if n.names.slots != nil {
				tables++
			}
		}
		for i, p := range n.properties {
			if k, ok := n.find(p.name); !ok || k != i {
				t.Errorf("%q found at %d (%v), want %d", p.name, k, ok, i)
			}
			for _, other := range []string{p.name + "x", "x" + p.name, p.name[:len(p.name)-1], ""} {
				if _, isProp := n.propIndex[other]; isProp {
					continue
				}
				if k, ok := n.find(other); ok {
					t.Errorf("%q is not a property, found at %d", other, k)
				}
			}
		}
		for _, c := range append(n.inPlace(), n.descendants()...) {
			walk(c)
		}
	}
	for _, w := range cat.types {
		walk(fastOf(t, w))
	}
	for _, f := range cat.compiler.fastFragments {
		walk(f)
	}
	if objects == 0 || tables < objects*9/10 {
		t.Errorf("%d of %d schemas with properties have a name table", tables, objects)
	}
}

// Names no seed can separate (the same length and the same bytes where the
// table reads them) get no table, and find falls back to the map.
func TestNameTableFallsBack(t *testing.T) {
	if _, ok := newNameTable([]string{"abXcd", "abYcd"}); !ok {
		// "abXcd" and "abYcd" differ in the middle byte, which is read.
		t.Error("names differing in the middle byte got no table")
	}
	if _, ok := newNameTable([]string{"aXbcd", "aYbcd"}); ok {
		t.Error("names alike in every byte read got a table")
	}
	n := &fastSchema{propIndex: map[string]int{"aXbcd": 0, "aYbcd": 1}, properties: []fastProperty{{name: "aXbcd"}, {name: "aYbcd"}}}
	if k, ok := n.find("aYbcd"); !ok || k != 1 {
		t.Errorf("fallback found %d, %v", k, ok)
	}
	many := make([]string, 200)
	for i := range many {
		many[i] = "property_" + strconv.Itoa(i)
	}
	// A table is not required for so many names, but with one every name
	// must be found.
	if table, ok := newNameTable(many); ok {
		n := &fastSchema{names: table}
		for _, name := range many {
			n.properties = append(n.properties, fastProperty{name: name})
		}
		for i, name := range many {
			if k, ok := n.find(name); !ok || k != i {
				t.Errorf("%q found at %d, %v", name, k, ok)
			}
		}
	}
}

// The catalog finds every type by its table, and nothing else.
func TestCatalogTypeOf(t *testing.T) {
	cat := loadCatalog(t)
	if cat.byName.slots == nil {
		t.Fatal("no name table for the widget types")
	}
	for name, want := range cat.types {
		if got, ok := cat.typeOf(name); !ok || got != want {
			t.Errorf("typeOf(%q) = %v, %v", name, got, ok)
		}
		for _, other := range []string{name + "s", name[1:], strings.ToUpper(name)} {
			if _, known := cat.types[other]; known {
				continue
			}
			if got, ok := cat.typeOf(other); ok {
				t.Errorf("typeOf(%q) found %s", other, got.Type)
			}
		}
	}
	if _, ok := cat.typeOf(""); ok {
		t.Error(`typeOf("") found a type`)
	}
}

// sameKey agrees with == on strings of every length up to past sixteen,
// differing in any one byte or not at all.
func TestSameKeyIsEquality(t *testing.T) {
	for n := 0; n <= 20; n++ {
		a := []byte(strings.Repeat("k", n))
		for i := range n {
			a[i] = byte('a' + i)
		}
		if !sameKey(string(a), string(a)) {
			t.Fatalf("length %d: %q differs from itself", n, a)
		}
		if n > 0 && sameKey(string(a), string(a[:n-1])) {
			t.Fatalf("%q equals a shorter string", a)
		}
		for i := range n {
			b := append([]byte(nil), a...)
			b[i] ^= 0x20
			if sameKey(string(a), string(b)) {
				t.Fatalf("%q equals %q", a, b)
			}
		}
	}
}
