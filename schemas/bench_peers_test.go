package schemas

import (
	"path/filepath"
	"testing"

	"github.com/studioflow/studioflow/internal/benchpeer"
)

// Benchmarks on the flow files `make bench` generates with
// ../shared/bench/genflow.py and measures Ajv on too:
//
//	STUDIOFLOW_BENCH_FLOWS=/tmp/g1000.json,/tmp/g2000.json go test -run '^$' -bench Peer ./schemas

// BenchmarkPeerValidateFull: full validation (schemas and Studio rules) of
// a flow opened for the first time: a fresh validator, nothing remembered.
func BenchmarkPeerValidateFull(b *testing.B) {
	cat := loadCatalog(b)
	for _, path := range benchpeer.Files(b) {
		f := parseFile(b, path)
		b.Run(filepath.Base(path), func(b *testing.B) {
			b.ReportAllocs()
			benchpeer.Run(b, func(start func()) {
				v, err := NewValidator(cat)
				if err != nil {
					b.Fatal(err)
				}
				start()
				v.ValidateFlow(f)
			})
		})
	}
}

// BenchmarkPeerValidateSchemas: the JSON Schema layer alone (what Ajv
// checks): the flow's own keys and every widget's schema, fresh validator.
func BenchmarkPeerValidateSchemas(b *testing.B) {
	cat := loadCatalog(b)
	for _, path := range benchpeer.Files(b) {
		f := parseFile(b, path)
		b.Run(filepath.Base(path), func(b *testing.B) {
			b.ReportAllocs()
			benchpeer.Run(b, func(start func()) {
				v, err := NewValidator(cat)
				if err != nil {
					b.Fatal(err)
				}
				start()
				out := v.flowSchema(f, nil)
				for i := 0; i < f.Len(); i++ {
					out = v.schemaRule(f.StateAt(i), statePath(i), out)
				}
			})
		})
	}
}
