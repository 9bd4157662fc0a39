// Package e2e holds end-to-end tests: they build the real studioflow binary,
// run it in a virtual X server (Xvfb), drive it with xdotool and look at it
// with ImageMagick's import. `make test` installs those tools; elsewhere the
// tests skip when they are missing, unless CI or STUDIOFLOW_E2E=require says
// they must run.
package e2e
