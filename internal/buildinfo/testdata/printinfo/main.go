// Command printinfo prints buildinfo.Read, for buildinfo's tests: they
// build it with the linker stamps a release build uses.
package main

import (
	"fmt"
	"strings"

	"github.com/studioflow/studioflow/internal/buildinfo"
)

func main() {
	fmt.Println(strings.Join(buildinfo.Read("9.9.9").Lines(), "\n"))
}
