// Package e2e holds end-to-end tests: they build the real studioflow binary,
// run it in a virtual X server (Xvfb), drive it with xdotool and look at it
// with xwd (frames decoded in Go; PNGs written only for the shots kept in
// shots/e2e). `make test` installs those tools (and ImageMagick, whose
// import one test checks the frames against); elsewhere the tests skip when
// they are missing, unless CI or STUDIOFLOW_E2E=require says they must run.
package e2e
