package schemas

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/studioflow/studioflow/internal/corpus"
	"github.com/studioflow/studioflow/model"
)

func readFlowFile(t *testing.T, path string) *model.Flow {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := model.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestReferencesFindsPathsInsideLiquidMarkupOnly(t *testing.T) {
	text := "Hi {{ widgets.menu.Digits | plus: 1 }} widgets.not_markup {% if flow.variables.x == flow.data.k %}{{trigger.call.From}}{% endif %}"
	var got []string
	for _, r := range References(text) {
		got = append(got, string(r.Kind)+":"+r.Name+":"+r.Path)
		if text[r.Start:r.End] != r.Path {
			t.Errorf("offsets %d-%d cover %q, not %q", r.Start, r.End, text[r.Start:r.End], r.Path)
		}
	}
	want := []string{"widget:menu:widgets.menu.Digits", "variable:x:flow.variables.x", "data:k:flow.data.k", "trigger:call:trigger.call.From"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	at := strings.Index(text, "Digits")
	if r, ok := ReferenceAt(text, at); !ok || r.Name != "menu" {
		t.Errorf("ReferenceAt(Digits) = %+v %v", r, ok)
	}
	if _, ok := ReferenceAt(text, strings.Index(text, "not_markup")); ok {
		t.Error("text outside markup is a reference")
	}
}

// Each reference knows the markup holding it, delimiters included, read as
// the Liquid engine reads it: an output ends at its first "}}", even one
// inside quotes, and an opening "{{" inside an output's quotes opens
// nothing.
func TestReferencesSpanTheMarkupHoldingThem(t *testing.T) {
	text := `a {{ "{{" | append: flow.data.x }} b {% if widgets.w.Digits %}c{% endif %} {{ "}}" | append: flow.data.late }} {{ flow.data.open`
	spans := map[string]string{}
	for _, r := range References(text) {
		spans[r.Path] = text[r.TagStart:r.TagEnd]
	}
	for path, want := range map[string]string{
		"flow.data.x":      `{{ "{{" | append: flow.data.x }}`,
		"widgets.w.Digits": `{% if widgets.w.Digits %}`,
		"flow.data.open":   `flow.data.open`, // never closed: text to the engine, the path alone
	} {
		if got := spans[path]; got != want {
			t.Errorf("%s: markup %q, want %q", path, got, want)
		}
	}
	// `{{ "}}"` ends at the quoted braces, so flow.data.late is in text.
	if got, ok := spans["flow.data.late"]; ok {
		t.Errorf("flow.data.late, after an output ended by quoted braces, is a reference in %q", got)
	}
}

func TestProvenanceNamesTheOriginOrWhyThereIsNone(t *testing.T) {
	f := readFlowFile(t, filepath.Join("testdata", "provenance.json"))
	cat := loadCatalog(t)
	text := f.State("status").StringProperty("say")
	src := map[string]Source{}
	for _, r := range References(text) {
		src[r.Path] = Provenance(f, cat, "status", r)
	}
	if s := src["widgets.lookup.parsed.status"]; s.Problem != "" || len(s.Origins) != 1 || s.Origins[0].Widget != "lookup" {
		t.Errorf("widgets.lookup: %+v", s)
	}
	// flow.variables.choice: keep_choice sets it, upstream.
	if s := src["flow.variables.choice"]; s.Problem != "" || len(s.Origins) != 1 || s.Origins[0].Widget != "keep_choice" || s.Origins[0].Field != "variables[0]" {
		t.Errorf("flow.variables.choice: %+v", s)
	}
	for path, want := range map[string]string{
		"widgets.goodbye.Digits": "no path leads from goodbye to this widget",
		"widgets.nope.x":         "no widget has that name",
		"flow.variables.unset":   "no Set Variables widget sets unset",
	} {
		if got := src[path].Problem; got == "" || !strings.Contains(got, want) {
			t.Errorf("%s: problem %q, want %q", path, got, want)
		}
	}
	// flow.variables.lang has two setters, both upstream of lookup.
	lang := Provenance(f, cat, "lookup", Reference{Kind: RefVariable, Name: "lang"})
	var setters []string
	for _, o := range lang.Origins {
		setters = append(setters, o.Widget+"/"+o.Field)
	}
	if !slices.Equal(setters, []string{"remember_lang/variables[0]", "keep_choice/variables[1]"}) || lang.Problem != "" {
		t.Errorf("lang setters %v (%s)", setters, lang.Problem)
	}
	// flow.data comes from the trigger's REST API entry point, which reaches remember_lang but not menu.
	if d := Provenance(f, cat, "remember_lang", Reference{Kind: RefData, Name: "lang"}); d.Problem != "" || d.Origins[0].Field != "incomingRequest" {
		t.Errorf("flow.data.lang at remember_lang: %+v", d)
	}
	if d := Provenance(f, cat, "menu", Reference{Kind: RefData, Name: "lang"}); d.Problem == "" {
		t.Errorf("flow.data at menu, which no REST request reaches: %+v", d)
	}
}

func TestUsagesListEachWidgetAndField(t *testing.T) {
	f := readFlowFile(t, filepath.Join("testdata", "provenance.json"))
	var got []string
	for _, u := range Usages(f, RefWidget, "lookup") {
		got = append(got, u.Widget+" "+u.Field)
	}
	want := []string{"route input", "route transitions[1].conditions[0].arguments[0]", "status say"}
	if !slices.Equal(got, want) {
		t.Errorf("usages of lookup: %v\nwant %v", got, want)
	}
	got = nil
	for _, u := range Usages(f, RefVariable, "choice") {
		got = append(got, u.Widget+" "+u.Field)
	}
	if !slices.Equal(got, []string{"lookup url", "status say"}) {
		t.Errorf("usages of flow.variables.choice: %v", got)
	}
	if u := Usages(f, RefData, "lang"); len(u) != 1 || u[0].Widget != "remember_lang" || u[0].Field != "variables[0].value" {
		t.Errorf("usages of flow.data.lang: %+v", u)
	}
}

func TestCompleteOffersWhatExistsAtTheWidget(t *testing.T) {
	cat := loadCatalog(t)
	f := readFlowFile(t, filepath.Join("testdata", "provenance.json"))
	texts := func(c Completion) []string {
		var out []string
		for _, x := range c.Candidates {
			out = append(out, x.Text)
		}
		return out
	}
	at := texts(Complete(f, cat, "status", "Order {{"))
	for _, want := range []string{"trigger.call.From", "trigger.request.parameters", "flow.data", "flow.data.lang", "flow.variables.choice", "flow.variables.lang",
		"widgets.menu.Digits", "widgets.menu.SpeechResult", "widgets.lookup.parsed", "widgets.lookup.status_code", "widgets.route.", "flow.channel.address"} {
		if want == "widgets.route." {
			if slices.ContainsFunc(at, func(s string) bool { return strings.HasPrefix(s, want) }) {
				t.Errorf("a split has no outputs, yet %v", at)
			}
			continue
		}
		if !slices.Contains(at, want) {
			t.Errorf("at status, %q is not offered: %v", want, at)
		}
	}
	for _, not := range []string{"widgets.goodbye.Digits", "widgets.status.Digits", "trigger.message.Body"} {
		if slices.Contains(at, not) {
			t.Errorf("at status, %q is offered though nothing upstream provides it", not)
		}
	}
	// At menu, only the call reaches: no flow.data, no variables, no widgets.
	menu := texts(Complete(f, cat, "menu", "{{ "))
	if slices.Contains(menu, "flow.data") || slices.Contains(menu, "flow.variables.choice") || !slices.Contains(menu, "trigger.call.CallSid") {
		t.Errorf("at menu: %v", menu)
	}
	// The word typed narrows the candidates and says where it starts.
	c := Complete(f, cat, "status", "Order {{widgets.menu.D")
	if got := texts(c); !slices.Equal(got, []string{"widgets.menu.Digits"}) || c.From != len("Order {{") {
		t.Errorf("widgets.menu.D: %v from %d", got, c.From)
	}
	// After a |, the filters.
	if got := texts(Complete(f, cat, "status", "{{ widgets.menu.Digits | down")); !slices.Equal(got, []string{"downcase"}) {
		t.Errorf("filters: %v", got)
	}
	// Outside markup, nothing.
	if got := Complete(f, cat, "status", "Order {{x}} wid"); len(got.Candidates) != 0 {
		t.Errorf("outside markup: %v", texts(got))
	}
}

// On the real exports: every reference either names its origin or says
// why not (or stands in a widget nothing starts at), a usage of each
// referenced widget is found again, and the validator reports a reference
// finding exactly where Provenance has a problem: what the inspector's
// tips say, the Problems bar says.
func TestProvenanceOnTheSharedFlows(t *testing.T) {
	paths := flowFiles(t)
	cat := loadCatalog(t)
	v := newTestValidator(t)
	refs, problems := 0, 0
	for _, p := range paths {
		f := readFlowFile(t, p)
		reported := map[string]int{} // widget → reference findings
		for _, d := range v.ValidateFlow(f) {
			if d.Rule == RuleReference && !strings.Contains(d.Message, "sets only when the widget ends") {
				reported[d.Widget]++
			}
		}
		for _, st := range f.States() {
			wt := cat.types[st.Type()]
			want := 0
			for _, fld := range Fields(st) {
				if strings.Contains(fld.Path, ".arguments[") && fld.Text == st.StringProperty("input") {
					continue // a split's input, reported there
				}
				seen := map[string]bool{}
				for _, r := range References(fld.Text) {
					refs++
					s := Provenance(f, cat, st.Name(), r)
					if s.Problem == "" && len(s.Origins) == 0 && r.Kind != RefTrigger && r.Kind != RefData {
						t.Errorf("%s %s.%s %s: no origin and no problem", filepath.Base(p), st.Name(), fld.Path, r.Path)
					}
					studioDefault := !strings.ContainsAny(fld.Path, ".[") && wt.isStudioDefault([]pathSeg{{key: "properties", index: -1}, {key: fld.Path, index: -1}}, fld.Text)
					verdict := scopeAt(f, cat, upstreamOf(f, st.Name())).judge(r, f.IndexOf(st.Name()), true)
					if (verdict == refSound) != (s.Problem == "") {
						t.Errorf("%s %s %s: verdict %d, problem %q", filepath.Base(p), st.Name(), r.Path, verdict, s.Problem)
					}
					if verdict.reported() && !studioDefault && !seen[r.subject()] {
						seen[r.subject()] = true
						problems++
						want++
					}
					if r.Kind == RefWidget && !slices.ContainsFunc(Usages(f, RefWidget, r.Name), func(u Usage) bool { return u.Widget == st.Name() && u.Field == fld.Path }) {
						t.Errorf("%s: usage of %s in %s.%s not found", filepath.Base(p), r.Name, st.Name(), fld.Path)
					}
				}
			}
			if reported[st.Name()] != want {
				t.Errorf("%s %s: the validator reports %d reference findings, Provenance has %d problems", filepath.Base(p), st.Name(), reported[st.Name()], want)
			}
		}
	}
	if refs < 50 {
		t.Errorf("only %d references in the flows", refs)
	}
	// The real exports hold references that read nothing (the project's
	// own fixtures hold none): without them, the check above proves less.
	if exports, _ := filepath.Glob(filepath.Join(corpus.FlowsDir(), "*.json")); len(exports) > 0 && problems == 0 {
		t.Errorf("%d references in the flows and the real exports, none with a problem", refs)
	}
	t.Logf("%d references, %d with a problem", refs, problems)
}
