//go:build !unix

package benchpeer

import "time"

func processCPU() (time.Duration, bool) { return 0, false }
