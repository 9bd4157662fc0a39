//go:build !accessibility

package ui

// accessibilityBuild is false without Fyne's screen-reader support: no
// screen reader reads the canvas's proxies, so none are kept.
const accessibilityBuild = false
