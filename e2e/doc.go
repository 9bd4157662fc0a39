// Package e2e holds end-to-end tests: they build the real studioflow binary,
// run it in a virtual X server (Xvfb), drive it with xdotool and look at it
// through their own connection to the X server (frames read with X11's
// GetImage and decoded in Go; PNGs written only for the shots kept in
// shots/e2e). The tests run in parallel, each on its own display with its
// own home and environment (xserver), NumCPU+1 at once unless -parallel
// says otherwise. `make test` installs those tools (and ImageMagick, whose
// import one test checks the frames against, and xlogo that it draws);
// elsewhere the tests skip when they are missing, unless CI or
// STUDIOFLOW_E2E=require says they must run.
package e2e
