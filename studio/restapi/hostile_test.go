package restapi

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// filler reads as n bytes of a form body ("Body=aaaa…") without holding
// them: the client side of the burst costs the test's heap nothing.
type filler struct{ left int64 }

func (f *filler) Read(p []byte) (int, error) {
	if f.left <= 0 {
		return 0, io.EOF
	}
	n := min(int64(len(p)), f.left)
	for i := range p[:n] {
		p[i] = 'a'
	}
	f.left -= n
	return int(n), nil
}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// TestHostileBurstCostsLittleMemory: twenty concurrent 8 MB posts to the
// webhook with a signature of the right form but wrong, half declaring
// their length and half chunked, are refused having read at most the
// webhook's cap each: the server's heap barely grows during the burst and
// is back where it was after it.
func TestHostileBurstCostsLittleMemory(t *testing.T) {
	ts := newTestServer(t)
	flow := ts.createFlow("ask", "published", askFlow)
	target := ts.URL + "/v1/Accounts/" + ts.account + "/Flows/" + flow
	bogus := Signature("not-the-token", target, url.Values{})
	const size = 8 << 20

	before := heapInUse()
	var peak uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapAlloc)
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	var wg sync.WaitGroup
	statuses := make(chan int, 20)
	for n := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, err := http.NewRequest(http.MethodPost, target, io.MultiReader(strings.NewReader("Body="), &filler{left: size}))
			if err != nil {
				t.Error(err)
				return
			}
			if n%2 == 0 {
				req.ContentLength = size + 5
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("X-Twilio-Signature", bogus)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				return // the server may close the connection while the client still sends
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			statuses <- resp.StatusCode
		}()
	}
	wg.Wait()
	close(stop)
	<-sampled
	close(statuses)
	for status := range statuses {
		if status != http.StatusUnauthorized && status != http.StatusRequestEntityTooLarge {
			t.Errorf("hostile post answered %d", status)
		}
	}
	after := heapInUse()
	t.Logf("heap in use: %d MB before, peak %d MB during, %d MB after", before>>20, peak>>20, after>>20)
	if peak > before+32<<20 {
		t.Errorf("the burst took the heap from %d MB to %d MB", before>>20, peak>>20)
	}
	if after > before+8<<20 {
		t.Errorf("heap %d MB after the burst, %d MB before", after>>20, before>>20)
	}
	// The server still answers.
	ts.mustCall(http.StatusOK, http.MethodGet, "/v2/Flows/"+flow, nil)
}

func TestWebhookBodyIsCapped(t *testing.T) {
	ts := newTestServer(t)
	flow := ts.createFlow("ask", "published", askFlow)
	path := "/v1/Accounts/" + ts.account + "/Flows/" + flow
	big := url.Values{"From": {"+15550000001"}, "To": {"+15550000002"}, "Body": {strings.Repeat("x", 70<<10)}}
	// Even a correctly signed (or authenticated) webhook is refused above
	// the cap: no Twilio webhook is that large.
	if status, out := ts.send(signed(ts.URL+path, ts.token, big)); status != http.StatusRequestEntityTooLarge || !strings.Contains(out["message"].(string), "64 KiB") {
		t.Errorf("signed 70 KiB webhook: %d %v", status, out)
	}
	if status, _ := ts.call(http.MethodPost, path, big); status != http.StatusRequestEntityTooLarge {
		t.Errorf("authenticated 70 KiB webhook: %d", status)
	}
	// What Twilio sends passes.
	usual := url.Values{"From": {"+15550000001"}, "To": {"+15550000002"}, "Body": {strings.Repeat("x", 1600)}}
	for i := range 10 {
		usual.Set("MediaUrl"+string(rune('0'+i)), "https://api.twilio.com/2010-04-01/Accounts/"+ts.account+"/Messages/MM0/Media/ME0")
	}
	resp, err := http.DefaultClient.Do(signed(ts.URL+path, ts.token, usual))
	if err != nil {
		t.Fatal(err)
	}
	answer, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(answer), "<Response/>") {
		t.Errorf("a webhook as Twilio sends it: %d %s", resp.StatusCode, answer)
	}
}

// TestMalformedSignatureIsRefusedUnread: a signature that cannot be an
// HMAC-SHA1, or one for another account's webhook, is refused before the
// body is read (the body here never ends).
func TestMalformedSignatureIsRefusedUnread(t *testing.T) {
	ts := newTestServer(t)
	flow := ts.createFlow("ask", "published", askFlow)
	for _, tc := range []struct {
		path, sig string
		want      int
	}{
		{"/v1/Accounts/" + ts.account + "/Flows/" + flow, "x", http.StatusUnauthorized},
		{"/v1/Accounts/AC" + strings.Repeat("0", 32) + "/Flows/" + flow, Signature("t", "u", nil), http.StatusNotFound},
	} {
		body, w := io.Pipe() // nothing is ever written
		req, _ := http.NewRequest(http.MethodPost, ts.URL+tc.path, body)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Twilio-Signature", tc.sig)
		done := make(chan int, 1)
		go func() {
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				done <- 0
				return
			}
			resp.Body.Close()
			done <- resp.StatusCode
		}()
		select {
		case status := <-done:
			if status != tc.want {
				t.Errorf("%s with signature %q: %d, want %d", tc.path, tc.sig, status, tc.want)
			}
		case <-time.After(5 * time.Second):
			t.Errorf("%s with signature %q: the server waited for the body", tc.path, tc.sig)
		}
		w.Close()
	}
}

// TestHostHeaderGuardsAgainstDNSRebinding: a page on another site whose
// name resolves to 127.0.0.1 sends its own name as Host and is refused;
// IP addresses, localhost and the public URL's host are served.
func TestHostHeaderGuardsAgainstDNSRebinding(t *testing.T) {
	ts := newTestServer(t)
	validator, err := sharedValidator()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{Store: ts.store, Sessions: ts.sessions, Validator: validator, AccountSID: ts.account, AuthToken: ts.token,
		PublicURL: "https://studio.example.test:8443"})
	if err != nil {
		t.Fatal(err)
	}
	for host, want := range map[string]int{
		"evil.example:4280":            http.StatusForbidden,
		"evil.example":                 http.StatusForbidden,
		"127.0.0.1:4280":               http.StatusOK,
		"[::1]:4280":                   http.StatusOK,
		"192.168.1.20:4280":            http.StatusOK,
		"localhost:4280":               http.StatusOK,
		"LOCALHOST":                    http.StatusOK,
		"studio.example.test":          http.StatusOK,
		"studio.example.test:8443":     http.StatusOK,
		"studio.example.test.evil.com": http.StatusForbidden,
		"":                             http.StatusForbidden,
	} {
		req, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1/v2/Flows", nil)
		req.Host = host
		req.SetBasicAuth(ts.account, ts.token)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("Host %q: %d, want %d", host, rec.Code, want)
		}
		if want == http.StatusForbidden && !strings.Contains(rec.Body.String(), "DNS rebinding") {
			t.Errorf("Host %q: refused without saying why: %s", host, rec.Body.String())
		}
	}
	// Through the real listener too.
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/v2/Flows", nil)
	req.Host = "attacker.example:80"
	req.SetBasicAuth(ts.account, ts.token)
	if status, _ := ts.send(req); status != http.StatusForbidden {
		t.Errorf("rebinding through the listener: %d", status)
	}
}
