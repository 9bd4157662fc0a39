//go:build accessibility

package ui

// accessibilityBuild is true in builds with Fyne's screen-reader support
// (the release builds): the canvas then keeps its proxies up to date.
const accessibilityBuild = true
