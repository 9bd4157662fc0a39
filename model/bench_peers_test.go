package model_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/studioflow/studioflow/internal/benchpeer"
	"github.com/studioflow/studioflow/model"
)

// BenchmarkPeerParseWrite: parse + canonical write of the flow files `make
// bench` generates, against node's JSON.parse + JSON.stringify(v, null, 2).
func BenchmarkPeerParseWrite(b *testing.B) {
	for _, path := range benchpeer.Files(b) {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(path), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			benchpeer.Run(b, func(start func()) {
				start()
				f, err := model.Parse(data)
				if err != nil {
					b.Fatal(err)
				}
				_ = f.Marshal()
			})
		})
	}
}
