// Command benchpeers compares Studioflow's benchmarks with their node peers
// in ../shared/bench (Ajv for validation, JSON.parse + JSON.stringify for
// parse + write, and the whole `studioflow validate` process with node
// running Ajv once) on the same generated flow files (genflow.py's, and
// clean ones from model/modeltest), and Liquid rendering with liquidjs
// (liquid.go), in alternating rounds, and prints the median ratio of each
// figure with its spread. `make bench` runs it.
//
// Without node (or without network for npm), the Go side is still measured
// and printed; the ratios are left out.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/studioflow/studioflow/model/modeltest"
)

func main() {
	shared := flag.String("shared", filepath.Join("..", "shared", "bench"), "the peers' folder (genflow.py, ajv-validate.js, json-roundtrip.js, schemas/)")
	work := flag.String("work", filepath.Join("bin", "bench"), "a writable folder for the generated flows, the test binaries and the node peers")
	sizes := flag.String("sizes", "1000,2000", "widget counts of the generated flows")
	rounds := flag.Int("rounds", 5, "alternating rounds (Go then node, node then Go)")
	// As many runs on each side: a Go process's first runs pay for growing
	// its heap (fresh pages fault in), as V8's pay for compiling; with 50
	// Go runs against 200 node ones, the Go median fell among the cold runs.
	iters := flag.Int("iters", 200, "runs per Go measurement (the median run is reported)")
	nodeIters := flag.Int("node-iters", 200, "runs per node measurement (the median run is reported; fewer leave V8 unwarmed)")
	flag.Parse()
	if err := run(*shared, *work, strings.Split(*sizes, ","), *rounds, *iters, *nodeIters); err != nil {
		fmt.Fprintln(os.Stderr, "benchpeers:", err)
		os.Exit(1)
	}
}

// A figure is one measured quantity on one file: ours and the peer's.
type figure struct {
	name       string
	ours, peer []float64 // ms, one per round
}

func run(shared, work string, sizes []string, rounds, iters, nodeIters int) error {
	if _, err := os.Stat(filepath.Join(shared, "genflow.py")); err != nil {
		return fmt.Errorf("no peers to compare with: %w", err)
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		return fmt.Errorf("work folder: %w", err)
	}
	var files []string
	for _, n := range sizes {
		out := filepath.Join(work, "flow"+n+".json")
		if err := command("", "python3", filepath.Join(shared, "genflow.py"), n, out).Run(); err != nil {
			return fmt.Errorf("generating %s widgets: %w", n, err)
		}
		abs, err := filepath.Abs(out)
		if err != nil {
			return err
		}
		files = append(files, abs)
	}
	// Clean flows too (no finding at all), where Ajv is fastest.
	for _, n := range sizes {
		count, err := strconv.Atoi(n)
		if err != nil {
			return fmt.Errorf("size %q: %w", n, err)
		}
		out, err := filepath.Abs(filepath.Join(work, "clean"+n+".json"))
		if err != nil {
			return err
		}
		if err := os.WriteFile(out, modeltest.Generate(count), 0o644); err != nil {
			return fmt.Errorf("writing a clean flow: %w", err)
		}
		files = append(files, out)
	}
	peers, err := setUpPeers(shared, filepath.Join(work, "peers"))
	if err != nil {
		fmt.Println("node peers left out:", err)
	}
	bins := map[string]string{}
	for _, pkg := range []string{"schemas", "model"} {
		bin, err := filepath.Abs(filepath.Join(work, pkg+".test"))
		if err != nil {
			return err
		}
		if err := command("", "go", "test", "-c", "-o", bin, "./"+pkg).Run(); err != nil {
			return fmt.Errorf("building the %s benchmarks: %w", pkg, err)
		}
		bins[pkg] = bin
	}
	// The whole process, as a user runs it: ours is the studioflow binary
	// (it needs Fyne's C headers to build), the peer node loading Ajv,
	// compiling the schemas and validating once.
	cli, err := filepath.Abs(filepath.Join(work, "studioflow"))
	if err != nil {
		return err
	}
	if err := command("", "go", "build", "-o", cli, "./cmd/studioflow").Run(); err != nil {
		fmt.Println("whole-process figure left out: building studioflow:", err)
		cli = ""
	}
	lq, err := setUpLiquid(work, peers)
	if err != nil {
		return err
	}
	figs := map[string]*figure{}
	var order []string
	add := func(name string, ours, peer float64) {
		f, ok := figs[name]
		if !ok {
			f = &figure{name: name}
			figs[name] = f
			order = append(order, name)
		}
		f.ours = append(f.ours, ours)
		f.peer = append(f.peer, peer)
	}
	for r := 0; r < rounds; r++ {
		for _, file := range files {
			base := filepath.Base(file)
			var goSide map[string]float64
			var ajv, roundtrip map[string]float64
			var ourProcess, peerProcess float64
			measureGo := func() error {
				var err error
				if goSide, err = goBench(bins, file, iters); err != nil || cli == "" {
					return err
				}
				ourProcess, err = processMillis(processRuns, "", cli, "validate", file)
				return err
			}
			measureNode := func() error {
				if peers == "" {
					return nil
				}
				var err error
				if ajv, err = nodeBench(peers, "ajv-validate.js", file, nodeIters); err != nil {
					return err
				}
				if roundtrip, err = nodeBench(peers, "json-roundtrip.js", file, nodeIters); err != nil || cli == "" {
					return err
				}
				peerProcess, err = processMillis(processRuns, peers, "node", "ajv-validate.js", file, "1")
				return err
			}
			steps := []func() error{measureGo, measureNode}
			if r%2 == 1 {
				slices.Reverse(steps)
			}
			for _, step := range steps {
				if err := step(); err != nil {
					return err
				}
			}
			add(base+" full validation vs Ajv", goSide["PeerValidateFull"], ajv["median_ms"])
			add(base+" schema layer vs Ajv", goSide["PeerValidateSchemas"], ajv["median_ms"])
			add(base+" parse+write vs JSON", goSide["PeerParseWrite"], roundtrip["parse_write_ms"])
			if cli != "" {
				add(base+" validate process vs node+Ajv", ourProcess, peerProcess)
			}
		}
		if err := measureLiquid(lq, r, iters, nodeIters, add); err != nil {
			return err
		}
		fmt.Printf("round %d/%d done\n", r+1, rounds)
	}
	fmt.Printf("\nmedians of %d alternating rounds (each round: median of %d Go runs, %d node runs), GOMAXPROCS=%s\n", rounds, iters, nodeIters, gomaxprocs())
	fmt.Printf("%-43s %10s %10s %22s\n", "figure", "ours ms", "peer ms", "ratio [min-max]")
	for _, name := range order {
		f := figs[name]
		line := fmt.Sprintf("%-43s %10.4f", name, median(f.ours))
		if peers == "" || slices.Contains(f.peer, 0) { // a peer left out
			fmt.Println(line)
			continue
		}
		ratios := make([]float64, len(f.ours))
		for i := range f.ours {
			ratios[i] = f.ours[i] / f.peer[i]
		}
		fmt.Printf("%s %10.4f %8.2f [%.2f-%.2f]\n", line, median(f.peer), median(ratios), slices.Min(ratios), slices.Max(ratios))
	}
	return nil
}

func gomaxprocs() string {
	if v := os.Getenv("GOMAXPROCS"); v != "" {
		return v
	}
	return "default"
}

func command(dir, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	return cmd
}

// setUpPeers copies the node peers to a writable folder and installs Ajv
// there once; it returns that folder.
func setUpPeers(shared, dir string) (string, error) {
	if _, err := exec.LookPath("node"); err != nil {
		return "", errors.New("node is not installed")
	}
	if err := os.CopyFS(dir, os.DirFS(shared)); err != nil && !errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("copying the peers: %w", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "ajv")); err == nil {
		return dir, nil
	}
	if _, err := exec.LookPath("npm"); err != nil {
		return "", errors.New("npm is not installed")
	}
	if err := command(dir, "npm", "install", "--no-audit", "--no-fund", "--silent").Run(); err != nil {
		return "", fmt.Errorf("npm install: %w", err)
	}
	return dir, nil
}

// goBench runs the peer benchmarks on one file and returns each one's
// median run in ms, keyed by the benchmark's name without "Benchmark".
func goBench(bins map[string]string, file string, iters int) (map[string]float64, error) {
	got := map[string]float64{}
	for pkg, bin := range bins {
		cmd := command(pkg, bin, "-test.run", "^$", "-test.bench", "^BenchmarkPeer", "-test.benchtime", strconv.Itoa(iters)+"x")
		cmd.Env = append(os.Environ(), "STUDIOFLOW_BENCH_FLOWS="+file)
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("%s benchmarks: %w\n%s", pkg, err, out)
		}
		these, err := medians(out)
		if err != nil {
			return nil, err
		}
		maps.Copy(got, these)
	}
	return got, nil
}

// medians reads the median-ns/op of each BenchmarkPeer line a test binary
// printed, in ms, keyed by the benchmark's name without "Benchmark".
func medians(out []byte) (map[string]float64, error) {
	got := map[string]float64{}
	for _, line := range strings.Split(string(out), "\n") {
		fields := strings.Fields(line)
		if len(fields) < 3 || !strings.HasPrefix(fields[0], "BenchmarkPeer") {
			continue
		}
		name := strings.TrimPrefix(strings.SplitN(fields[0], "/", 2)[0], "Benchmark")
		name = strings.SplitN(name, "-", 2)[0] // "PeerRender-2": GOMAXPROCS
		for i := 1; i+1 < len(fields); i++ {
			if fields[i+1] == "median-ns/op" {
				ns, err := strconv.ParseFloat(fields[i], 64)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", line, err)
				}
				got[name] = ns / 1e6
			}
		}
	}
	return got, nil
}

// processRuns is how many times a whole-process figure runs its command
// (the median run is reported).
const processRuns = 5

// processMillis runs a command runs times and returns its median wall
// time in ms. Exit status 1 is a result (validate found errors), not a
// failure.
func processMillis(runs int, dir, name string, args ...string) (float64, error) {
	times := make([]float64, 0, runs)
	for range runs {
		cmd := command(dir, name, args...)
		cmd.Stderr = nil // validate's notes on each run
		start := time.Now()
		err := cmd.Run()
		elapsed := time.Since(start)
		var exit *exec.ExitError
		if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
			return 0, fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
		}
		times = append(times, float64(elapsed.Microseconds())/1e3)
	}
	return median(times), nil
}

// nodeBench runs one node peer on a file and returns the figures it prints.
func nodeBench(dir, script, file string, iters int) (map[string]float64, error) {
	out, err := command(dir, "node", script, file, strconv.Itoa(iters)).Output()
	if err != nil {
		return nil, fmt.Errorf("node %s: %w", script, err)
	}
	var got map[string]any
	if err := json.Unmarshal(out, &got); err != nil {
		return nil, fmt.Errorf("node %s printed %q: %w", script, out, err)
	}
	nums := map[string]float64{}
	for k, v := range got {
		if n, ok := v.(float64); ok {
			nums[k] = n
		}
	}
	return nums, nil
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}
