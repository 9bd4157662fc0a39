package restapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/studioflow/studioflow/model/modeltest"
)

// loadDurationEnv sets how long TestLoadConcurrentExecutions runs (default
// 3s, for CI); STUDIOFLOW_LOAD_DURATION=30s gives the figure in the report.
const loadDurationEnv = "STUDIOFLOW_LOAD_DURATION"

// The load: 200 clients; each polls its execution's steps every
// pollInterval, and waits conflictBackoff after a 409 before trying again.
const (
	loadClients     = 200
	pollInterval    = 20 * time.Millisecond
	conflictBackoff = 20 * time.Millisecond
)

// TestLoadConcurrentExecutions has 200 clients on loopback create
// executions, poll their steps and end them, for a bounded time. Contacts
// are shared between some clients, so Studio's 409 happens; any other error
// fails the test. Latency percentiles are logged, not asserted.
func TestLoadConcurrentExecutions(t *testing.T) {
	duration := 3 * time.Second
	if v := os.Getenv(loadDurationEnv); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 || d > 10*time.Minute {
			t.Fatalf("%s=%q: want a duration up to 10m", loadDurationEnv, v)
		}
		duration = d
	}
	if testing.Short() {
		duration = 500 * time.Millisecond
	}
	ts := newTestServer(t)
	flow := ts.createFlow("ask", "published", askFlow)
	execs := ts.URL + "/v2/Flows/" + flow + "/Executions"
	client := &http.Client{
		Transport: &http.Transport{MaxIdleConns: loadClients, MaxIdleConnsPerHost: loadClients, IdleConnTimeout: time.Minute},
		Timeout:   30 * time.Second,
	}

	type outcome struct {
		latencies map[string][]time.Duration // by request kind
		conflicts int
		failures  []string
	}
	results := make([]outcome, loadClients)
	deadline := time.Now().Add(duration)
	var wg sync.WaitGroup
	for i := range loadClients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := &results[i]
			res.latencies = map[string][]time.Duration{}
			// 200 clients share 150 contacts: the first 50 contacts have two clients.
			to := fmt.Sprintf("+1555%07d", i%150)
			do := func(kind, method, u string, form url.Values) (int, map[string]any) {
				var body io.Reader
				if form != nil {
					body = strings.NewReader(form.Encode())
				}
				req, err := http.NewRequest(method, u, body)
				if err != nil {
					res.failures = append(res.failures, err.Error())
					return 0, nil
				}
				if form != nil {
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				}
				req.SetBasicAuth(ts.account, ts.token)
				start := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					res.failures = append(res.failures, err.Error())
					return 0, nil
				}
				data, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				res.latencies[kind] = append(res.latencies[kind], time.Since(start))
				if err != nil {
					res.failures = append(res.failures, err.Error())
					return 0, nil
				}
				var out map[string]any
				_ = json.Unmarshal(data, &out)
				return resp.StatusCode, out
			}
			for time.Now().Before(deadline) {
				status, x := do("create", http.MethodPost, execs, url.Values{"To": {to}, "From": {"+15550009999"}, "Parameters": {`{"client":1}`}})
				switch {
				case status == http.StatusConflict && x["code"] == 20409.0:
					res.conflicts++
					time.Sleep(conflictBackoff) // the contact is busy: try again later, as a client of Studio would
					continue
				case status != http.StatusCreated:
					res.failures = append(res.failures, fmt.Sprintf("create: %d %v", status, x))
					continue
				}
				sid, _ := x["sid"].(string)
				for range 3 {
					time.Sleep(pollInterval)
					if status, out := do("steps", http.MethodGet, execs+"/"+sid+"/Steps", nil); status != http.StatusOK || len(out["steps"].([]any)) == 0 {
						res.failures = append(res.failures, fmt.Sprintf("steps: %d %v", status, out))
					}
				}
				if status, out := do("end", http.MethodPost, execs+"/"+sid, url.Values{"Status": {"ended"}}); status != http.StatusOK {
					res.failures = append(res.failures, fmt.Sprintf("end: %d %v", status, out))
				}
			}
		}()
	}
	wg.Wait()

	var all []time.Duration
	byKind := map[string][]time.Duration{}
	conflicts := 0
	for _, r := range results {
		for kind, l := range r.latencies {
			all = append(all, l...)
			byKind[kind] = append(byKind[kind], l...)
		}
		conflicts += r.conflicts
		for _, f := range r.failures {
			t.Errorf("client error: %s", f)
		}
	}
	if len(all) == 0 {
		t.Fatal("no request completed")
	}
	pct := func(l []time.Duration, p float64) time.Duration { return l[min(len(l)-1, int(float64(len(l))*p))] }
	slices.Sort(all)
	t.Logf("%d clients for %s: %d requests (%.0f/s), %d documented 409s; latency p50 %s, p90 %s, p99 %s, max %s",
		loadClients, duration, len(all), float64(len(all))/duration.Seconds(), conflicts,
		pct(all, 0.50), pct(all, 0.90), pct(all, 0.99), all[len(all)-1])
	for _, kind := range []string{"create", "steps", "end"} {
		l := byKind[kind]
		slices.Sort(l)
		if len(l) > 0 {
			t.Logf("  %-6s %6d requests: p50 %s, p99 %s", kind, len(l), pct(l, 0.5), pct(l, 0.99))
		}
	}
}

// BenchmarkCreateAndFetch1000WidgetFlow creates a 1,000-widget flow over
// HTTP (parse, validate, save with fsync) and fetches it back.
func BenchmarkCreateAndFetch1000WidgetFlow(b *testing.B) {
	ts := newTestServer(b)
	body := url.Values{"FriendlyName": {"big"}, "Status": {"draft"}, "Definition": {string(modeltest.Generate(1000))}}.Encode()
	b.ResetTimer()
	for b.Loop() {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/v2/Flows", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.SetBasicAuth(ts.account, ts.token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		var created struct{ SID string }
		err = json.NewDecoder(resp.Body).Decode(&created)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusCreated {
			b.Fatalf("create: %d %v", resp.StatusCode, err)
		}
		if data := ts.raw(http.MethodGet, "/v2/Flows/"+created.SID); !bytes.Contains(data, []byte(`"name":"w999"`)) {
			b.Fatalf("fetched flow lost widgets: %d bytes", len(data))
		}
	}
}

// BenchmarkFetch1000WidgetFlow fetches a stored 1,000-widget flow.
func BenchmarkFetch1000WidgetFlow(b *testing.B) {
	ts := newTestServer(b)
	sid := ts.createFlow("big", "draft", string(modeltest.Generate(1000)))
	b.ResetTimer()
	for b.Loop() {
		if data := ts.raw(http.MethodGet, "/v2/Flows/"+sid); len(data) < 100_000 {
			b.Fatalf("short answer: %d bytes", len(data))
		}
	}
}
