// Package filedialog asks for a file to open or save, for one purpose
// (flows, exports, tests) whose last folder it remembers in the app's
// preferences.
//
// The chooser: on Linux and the BSDs, when the XDG desktop portal's
// FileChooser is on the session bus (GNOME, KDE and most desktops run it),
// the desktop's own dialog, which takes typed paths and sizes itself.
// Fyne 2.8.1 routes its dialogs to the portal only when built with the
// `flatpak` tag (dialog/file_xdg_flatpak.go: a build-time choice, no
// runtime detection), so this package talks to the portal itself, through
// github.com/rymdport/portal (already a dependency of Fyne), and decides
// at run time. Elsewhere, or without a portal (a bare X server, CI), it
// shows its own dialog inside the window: a path field that takes typed
// or pasted paths (a folder lists it, a file opens it) over a list of the
// folder, sized to most of the window. STUDIOFLOW_FILE_DIALOG=builtin or
// =portal forces one.
package filedialog
