package schemas

import (
	"net/url"
	"testing"
)

// Every URL plainHTTPURL accepts without parsing, url.Parse reads as an
// http(s) URL with a host; strings built from the characters that matter.
func TestPlainHTTPURLsAreURLsParseAccepts(t *testing.T) {
	pieces := []string{"http://", "https://", "HTTP://", "a", "Z9", ".", "-", "/", ":", "80", "%", "%41", "?q=1", "#x", " ", "\x7f", "é", "[", "@", "~", "'", "\t"}
	accepted := 0
	var grow func(s string, n int)
	grow = func(s string, n int) {
		if plainHTTPURL(s) {
			accepted++
			u, err := url.Parse(s)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				t.Fatalf("plainHTTPURL(%q), but url.Parse gives %+v, %v", s, u, err)
			}
		}
		if n == 4 {
			return
		}
		for _, p := range pieces {
			grow(s+p, n+1)
		}
	}
	grow("", 0)
	for _, s := range []string{"https://api.example.com/v1/items", "http://x.twil.io/fn", "https://a.b/c/d_e~f"} {
		if !plainHTTPURL(s) {
			t.Errorf("plainHTTPURL(%q) is false", s)
		}
	}
	if accepted < 100 {
		t.Errorf("only %d strings accepted", accepted)
	}
}
