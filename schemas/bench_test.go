package schemas

import (
	"fmt"
	"testing"

	"github.com/studioflow/studioflow/model"
	"github.com/studioflow/studioflow/model/modeltest"
)

// Run with: go test -run XXX -bench . -benchmem ./schemas

var benchSizes = []int{100, 1000, 2000}

// BenchmarkStartup: reading and compiling every schema, building the
// catalog and the validator — what the program does once at start-up.
func BenchmarkStartup(b *testing.B) {
	for i := 0; i < b.N; i++ {
		cat, err := Load()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := NewValidator(cat); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStartupAndFirstValidation: what a command line process does
// with a flow: load the catalog and validate the flow once, compiling the
// schemas of the types it holds (typeSchema) on the way.
func BenchmarkStartupAndFirstValidation(b *testing.B) {
	f := generatedFlow(b, 1000)
	b.ReportAllocs()
	for b.Loop() {
		cat, err := Load()
		if err != nil {
			b.Fatal(err)
		}
		v, err := NewValidator(cat)
		if err != nil {
			b.Fatal(err)
		}
		v.ValidateFlow(f)
	}
}

// BenchmarkValidateFlowCold: the first validation of a flow just opened
// (nothing remembered).
func BenchmarkValidateFlowCold(b *testing.B) {
	cat := loadCatalog(b)
	for _, n := range benchSizes {
		f := generatedFlow(b, n)
		b.Run(fmt.Sprintf("widgets=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				v, err := NewValidator(cat)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				v.ValidateFlow(f)
			}
		})
	}
}

// BenchmarkValidateModeltestFlowCold: as BenchmarkValidateFlowCold, on the
// flows model/modeltest generates for every package's benchmarks.
func BenchmarkValidateModeltestFlowCold(b *testing.B) {
	cat := loadCatalog(b)
	for _, n := range benchSizes {
		f := modeltest.GenerateFlow(n)
		b.Run(fmt.Sprintf("widgets=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				v, err := NewValidator(cat)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				v.ValidateFlow(f)
			}
		})
	}
}

// editEveryIteration changes one widget's text, as a keystroke in the
// inspector does, and returns the flow after the edit.
func editor(b *testing.B, f *model.Flow, widget string) func(i int) *model.Flow {
	doc := model.NewDocument(f)
	return func(i int) *model.Flow {
		if err := doc.Apply(model.SetProperty(widget, "say", fmt.Sprintf("Your count is {{flow.variables.count}} (%d)", i))); err != nil {
			b.Fatal(err)
		}
		return doc.Flow()
	}
}

// BenchmarkValidateFlowAfterEdit: full validation after one widget changed
// (the editor's steady state: every other widget is remembered).
func BenchmarkValidateFlowAfterEdit(b *testing.B) {
	v := newTestValidator(b)
	for _, n := range benchSizes {
		f := generatedFlow(b, n)
		v.ValidateFlow(f)
		edit := editor(b, f, sayPlayNear(f, n/2))
		b.Run(fmt.Sprintf("widgets=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				v.ValidateFlow(edit(i))
			}
		})
	}
}

// BenchmarkValidateWidgetAfterEdit: re-validation of the one widget that
// changed, its schema layer included (nothing remembered for its new JSON).
func BenchmarkValidateWidgetAfterEdit(b *testing.B) {
	v := newTestValidator(b)
	for _, n := range benchSizes {
		f := generatedFlow(b, n)
		name := sayPlayNear(f, n/2)
		edit := editor(b, f, name)
		b.Run(fmt.Sprintf("widgets=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				v.ValidateWidget(edit(i), name)
			}
		})
	}
}

func sayPlayNear(f *model.Flow, i int) string {
	for ; i < f.Len(); i++ {
		if f.StateAt(i).Type() == "say-play" {
			return f.StateAt(i).Name()
		}
	}
	panic("no say-play widget")
}

// BenchmarkValidateFlowOverLimit: a 20,000-widget flow is rejected on its
// size without checking every widget.
func BenchmarkValidateFlowOverLimit(b *testing.B) {
	v := newTestValidator(b)
	f := generatedFlow(b, 20000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if d := v.ValidateFlow(f); len(d) != 1 || d[0].Rule != RuleWidgetLimit {
			b.Fatalf("20,000 widgets: %v", d)
		}
	}
}

// BenchmarkValidateWidgetAfterEditWithReference: as above, on a Send
// Message whose new body refers to an upstream widget, so the upstream check
// walks the flow's graph.
func BenchmarkValidateWidgetAfterEditWithReference(b *testing.B) {
	v := newTestValidator(b)
	for _, n := range benchSizes {
		f := generatedFlow(b, n)
		i := n / 2
		for f.StateAt(i).Type() != "send-message" {
			i++
		}
		name, gather := f.StateAt(i).Name(), f.StateAt(i-2).Name()
		doc := model.NewDocument(f)
		b.Run(fmt.Sprintf("widgets=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for k := 0; k < b.N; k++ {
				body := fmt.Sprintf("You chose {{widgets.%s.Digits}} (%d)", gather, k)
				if err := doc.Apply(model.SetProperty(name, "body", body)); err != nil {
					b.Fatal(err)
				}
				if d := v.ValidateWidget(doc.Flow(), name); len(d) != 0 {
					b.Fatalf("unexpected %v", d)
				}
			}
		})
	}
}
