// Package benchpeer helps benchmarks that are compared with node peers
// (../shared/bench): those report the median time of one run, so ours do
// too, next to Go's mean.
package benchpeer

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// FlowsEnv names the environment variable listing (comma-separated) the
// generated flow files the peer benchmarks read.
const FlowsEnv = "STUDIOFLOW_BENCH_FLOWS"

// LiquidEnv names the environment variable giving the file of templates
// and variables the Liquid peer benchmark renders (see LiquidSpec).
const LiquidEnv = "STUDIOFLOW_BENCH_LIQUID"

// LiquidSpec is what the Liquid peer benchmarks render, ours and
// liquidjs's: every template, once each per run, with the same variables.
type LiquidSpec struct {
	Templates []string       `json:"templates"`
	Vars      map[string]any `json:"vars"`
}

// LiquidFile reads the spec named by LiquidEnv (numbers as json.Number, as
// a flow's are), or skips the benchmark.
func LiquidFile(b *testing.B) LiquidSpec {
	b.Helper()
	path := os.Getenv(LiquidEnv)
	if path == "" {
		b.Skip(LiquidEnv + " names no Liquid spec (make bench sets it)")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	var spec LiquidSpec
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&spec); err != nil {
		b.Fatalf("%s: %v", path, err)
	}
	return spec
}

// Files returns the flow files named by FlowsEnv, or skips the benchmark.
func Files(b *testing.B) []string {
	b.Helper()
	list := os.Getenv(FlowsEnv)
	if list == "" {
		b.Skip(FlowsEnv + " names no generated flow files (make bench sets it)")
	}
	return strings.Split(list, ",")
}

// Run times run b.N times and reports the median of one run as
// "median-ns/op", and the process's CPU time per run as "cpu-ns/op" (all
// threads, garbage collection included: steadier than wall time on a
// busy machine). run gets a function that starts its clock: work before
// that call (setup) is not timed.
func Run(b *testing.B, run func(start func())) {
	times := make([]time.Duration, 0, b.N)
	var cpu time.Duration
	cpuKnown := true
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		var t0 time.Time
		var c0 time.Duration
		run(func() {
			b.StartTimer()
			c0, _ = processCPU()
			t0 = time.Now()
		})
		times = append(times, time.Since(t0))
		c1, ok := processCPU()
		cpu += c1 - c0
		cpuKnown = cpuKnown && ok
		b.StopTimer()
	}
	slices.Sort(times)
	if len(times) > 0 {
		b.ReportMetric(float64(times[len(times)/2].Nanoseconds()), "median-ns/op")
		if cpuKnown {
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(len(times)), "cpu-ns/op")
		}
	}
}

// CPUPerOp starts counting the process's CPU time; the function it returns
// reports it per iteration as "cpu-ns/op" (call it after the loop). On a
// busy machine this is the steadier measure of our own work.
func CPUPerOp(b *testing.B) (stop func()) {
	c0, ok := processCPU()
	return func() {
		c1, ok1 := processCPU()
		if ok && ok1 && b.N > 0 {
			b.ReportMetric(float64((c1-c0).Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	}
}
