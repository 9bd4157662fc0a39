package environments

import (
	"bytes"
	"os"
	"testing"

	"github.com/studioflow/studioflow/model"
)

// FuzzExtractRoundTrip: for any flow without placeholders ("${"), substituting
// what Extract proposes gives back the flow byte for byte.
func FuzzExtractRoundTrip(f *testing.F) {
	if data, err := os.ReadFile(ivrFile); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`{"states":[{"name":"x","properties":{"price":"$ZS0123456789abcdef0123456789abcdef","to":"+14155550100, +14155550100","u":"https://a-1234-dev.twil.io/x?y=ZS0123456789abcdef0123456789abcdef"}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fl, err := model.Parse(data)
		if err != nil || bytes.Contains(data, []byte("${")) {
			return
		}
		orig := fl.Marshal()
		extracted, props, err := ExtractFile(orig)
		if err != nil {
			t.Fatal(err)
		}
		back, err := SubstituteFile(extracted, ValuesOf("x", props))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(back, orig) {
			t.Fatalf("round trip differs:\n%s\n---\n%s", orig, back)
		}
	})
}
