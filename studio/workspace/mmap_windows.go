//go:build windows

package workspace

// initialMmapSize is bbolt's default on Windows, where the database file is
// grown to the size of its mapping: a generous first mapping would make
// every new workspace claim that much disk.
const initialMmapSize = 0
