// Package assets holds the files built into the studioflow binary: the
// application icon and the example flow the editor opens when started
// without a file.
package assets

import "embed"

//go:embed icon.png examples/simple_flow.json
var files embed.FS

// IconPNG returns the 512×512 application icon.
func IconPNG() []byte { return mustRead("icon.png") }

// ExampleFlowName is the file name shown for the embedded example flow.
const ExampleFlowName = "simple_flow.json"

// ExampleFlow returns the definition of Studio's "Simple Flow" sample
// (seed 001), which the editor opens when no file is given.
func ExampleFlow() []byte { return mustRead("examples/simple_flow.json") }

// mustRead only fails if the embed directive above and the names here
// disagree, which the package's tests catch.
func mustRead(name string) []byte {
	data, err := files.ReadFile(name)
	if err != nil {
		panic("assets: " + name + " is not embedded: " + err.Error())
	}
	return data
}
