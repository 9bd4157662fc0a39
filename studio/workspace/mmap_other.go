//go:build !windows

package workspace

// initialMmapSize is the first mapping of the database: address space, not
// memory or disk, here (see Open).
const initialMmapSize = 512 << 20
