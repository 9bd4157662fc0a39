package main

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/studioflow/studioflow/internal/benchpeer"
	"github.com/studioflow/studioflow/schemas/liquid"
)

// liquidRender is the liquidjs side of the Liquid figure.
//
//go:embed liquid-render.js
var liquidRender []byte

// liquidSpec is what both sides render: templates as Studio builders write
// them (outputs with filters, conditions, loops, case, capture), with
// variables shaped as an execution's.
var liquidSpec = benchpeer.LiquidSpec{
	Templates: []string{
		"Hi {{flow.data.name}}, you are caller {% if flow.variables.count %}{{flow.variables.count | plus: 1}}{% else %}1{% endif %} ({{ trigger.call.From | remove: '+' }})",
		"{% for item in widgets.lookup.parsed.items %}{{ forloop.index }}. {{ item.name | upcase }}: {{ item.price | times: item.qty }}{% unless forloop.last %}, {% endunless %}{% endfor %}",
		"{% case widgets.menu.Digits %}{% when '1' %}Sales{% when '2' %}Support{% else %}Operator{% endcase %} for {{ contact.channel.address | slice: -4, 4 }}",
		"{% capture greeting %}Hello {{ flow.data.name | capitalize }}{% endcapture %}{{ greeting | append: '!' }} {{ widgets.ask.inbound.Body | downcase | truncate: 20 }}",
		"{{ widgets.lookup.parsed.tags | join: ', ' }} / {{ widgets.lookup.parsed.tags | size }} tags / {{ 'a,b,c' | split: ',' | last }}",
	},
	Vars: map[string]any{
		"flow":    map[string]any{"data": map[string]any{"name": "zeke"}, "variables": map[string]any{"count": json.Number("4")}},
		"trigger": map[string]any{"call": map[string]any{"From": "+15551234567"}},
		"contact": map[string]any{"channel": map[string]any{"address": "+15557654321"}},
		"widgets": map[string]any{
			"menu": map[string]any{"Digits": "2"},
			"ask":  map[string]any{"inbound": map[string]any{"Body": "I Would Like To Book A Table For Four"}},
			"lookup": map[string]any{"parsed": map[string]any{
				"items": []any{
					map[string]any{"name": "tea", "price": json.Number("3"), "qty": json.Number("2")},
					map[string]any{"name": "cake", "price": json.Number("4"), "qty": json.Number("1")},
					map[string]any{"name": "jam", "price": json.Number("2"), "qty": json.Number("3")},
				},
				"tags": []any{"new", "vip", "sms"},
			}},
		},
	},
}

// liquidFigure measures the Liquid figure's two sides.
type liquidFigure struct {
	spec, bin, peers string // peers: "" without liquidjs
}

// setUpLiquid writes the spec, builds our benchmark and, when the node
// peers are there, installs liquidjs beside them and checks that both
// sides render the same text.
func setUpLiquid(work, peers string) (*liquidFigure, error) {
	spec, err := filepath.Abs(filepath.Join(work, "liquid.json"))
	if err != nil {
		return nil, err
	}
	data, err := json.Marshal(liquidSpec)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(spec, data, 0o644); err != nil {
		return nil, fmt.Errorf("writing the Liquid spec: %w", err)
	}
	bin, err := filepath.Abs(filepath.Join(work, "liquid.test"))
	if err != nil {
		return nil, err
	}
	if err := command("", "go", "test", "-c", "-o", bin, "./schemas/liquid").Run(); err != nil {
		return nil, fmt.Errorf("building the Liquid benchmark: %w", err)
	}
	fig := &liquidFigure{spec: spec, bin: bin, peers: peers}
	if peers == "" {
		return fig, nil
	}
	if err := fig.checkPeer(); err != nil {
		fmt.Println("Liquid peer left out:", err)
		fig.peers = ""
	}
	return fig, nil
}

// checkPeer installs liquidjs and checks that it renders every template as
// we do: otherwise the figure would compare different work.
func (l *liquidFigure) checkPeer() error {
	if err := installLiquidJS(l.peers); err != nil {
		return err
	}
	_, theirs, err := l.peer(1)
	if err != nil {
		return err
	}
	e := liquid.New(nil)
	for i, t := range liquidSpec.Templates {
		ours, err := e.Render(t, liquidSpec.Vars)
		if err != nil {
			return fmt.Errorf("template %d: %w", i+1, err)
		}
		if i >= len(theirs) || theirs[i] != ours {
			return fmt.Errorf("template %d renders %q here and %q in liquidjs", i+1, ours, theirs)
		}
	}
	return nil
}

func installLiquidJS(peers string) error {
	if err := os.WriteFile(filepath.Join(peers, "liquid-render.js"), liquidRender, 0o644); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(peers, "node_modules", "liquidjs")); err == nil {
		return nil
	}
	if err := command(peers, "npm", "install", "--no-save", "--no-audit", "--no-fund", "--silent", "liquidjs@10").Run(); err != nil {
		return fmt.Errorf("npm install liquidjs: %w", err)
	}
	return nil
}

// ours is BenchmarkPeerRender's median run in ms.
func (l *liquidFigure) ours(iters int) (float64, error) {
	cmd := command("", l.bin, "-test.run", "^$", "-test.bench", "^BenchmarkPeerRender$", "-test.benchtime", strconv.Itoa(iters)+"x")
	cmd.Env = append(os.Environ(), benchpeer.LiquidEnv+"="+l.spec)
	out, err := cmd.Output()
	if err != nil {
		return 0, fmt.Errorf("the Liquid benchmark: %w\n%s", err, out)
	}
	got, err := medians(out)
	if err != nil {
		return 0, err
	}
	ms, ok := got["PeerRender"]
	if !ok {
		return 0, fmt.Errorf("the Liquid benchmark printed no median:\n%s", out)
	}
	return ms, nil
}

// peer is liquidjs's median run in ms, and what it rendered.
func (l *liquidFigure) peer(iters int) (float64, []string, error) {
	dir := l.peers
	if dir == "" {
		return 0, nil, errors.New("no liquidjs")
	}
	out, err := command(dir, "node", "liquid-render.js", l.spec, strconv.Itoa(iters)).Output()
	if err != nil {
		return 0, nil, fmt.Errorf("node liquid-render.js: %w", err)
	}
	var got struct {
		Median  float64  `json:"median_ms"`
		Outputs []string `json:"outputs"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		return 0, nil, fmt.Errorf("node liquid-render.js printed %q: %w", out, err)
	}
	return got.Median, got.Outputs, nil
}

// measureLiquid adds one round of the Liquid figure (the two sides in the
// round's order); without liquidjs, ours alone. Each side's run renders a
// few templates in microseconds: the Go side runs 40 times, the node side
// 20 times, as many runs as the flow figures.
func measureLiquid(l *liquidFigure, round, iters, nodeIters int, add func(name string, ours, peer float64)) error {
	var ours, theirs float64
	steps := []func() error{
		func() (err error) { ours, err = l.ours(40 * iters); return err },
		func() (err error) {
			if l.peers != "" {
				theirs, _, err = l.peer(20 * nodeIters)
			}
			return err
		},
	}
	if round%2 == 1 {
		steps[0], steps[1] = steps[1], steps[0]
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	add("Liquid render vs liquidjs", ours, theirs)
	return nil
}
