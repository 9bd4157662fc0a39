package e2e

import (
	"math"
	"regexp"
	"strings"
	"testing"
)

// openHoroscopeCopy opens a copy of the project's horoscope flow in the
// editor (horoscopeCopy) and returns the app, its window and the file.
func openHoroscopeCopy(t *testing.T, x *xserver, bin string) (*app, string, string) {
	t.Helper()
	path, _ := horoscopeCopy(t)
	app := startApp(t, x, bin, "edit", path)
	window := x.waitWindow(t, app.process, regexp.QuoteMeta("(horoscope.json)")+".*Studioflow")
	waitForDrawing(t, x, "paste-find-open", x.windowGeometry(t, window))
	return app, window, path
}

func TestPasteLandsBesideTheWidgetCopiedAndAgainBesideThat(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	bin := buildStudioflow(t)
	app, window, path := openHoroscopeCopy(t, x, bin)

	// Click the widget (the pointer stays over it), copy, paste twice.
	app.click(t, window, "Studioflow", "ask_sign")
	x.key(t, "ctrl+c", "ctrl+v")
	x.waitTitle(t, window, func(s string) bool { return strings.HasPrefix(s, "● ") })
	x.key(t, "ctrl+v")
	x.screenshot(t, "paste-pasted-twice")

	f, _ := x.saveOpenFile(t, window, path, "ask_sign_2")
	names := []string{"ask_sign", "ask_sign_1", "ask_sign_2"}
	var at [3][2]float64
	for i, n := range names {
		s := f.State(n)
		if s == nil {
			t.Fatalf("no %s saved", n)
		}
		at[i][0], at[i][1], _ = s.Offset()
	}
	// A node is at least 200 wide and 80 high: closer than that, two cover
	// each other.
	for i := range names {
		for j := i + 1; j < len(names); j++ {
			if dx, dy := math.Abs(at[i][0]-at[j][0]), math.Abs(at[i][1]-at[j][1]); dx < 200 && dy < 80 {
				t.Errorf("%s at %v covers %s at %v", names[j], at[j], names[i], at[i])
			}
		}
	}
}

func TestFindGoesToTheFieldThatMatchedAndAgainWhenChosenAgain(t *testing.T) {
	t.Parallel()
	x := startXvfb(t)
	bin := buildStudioflow(t)
	app, window, path := openHoroscopeCopy(t, x, bin)
	const body = "A {{widgets.ask_sign.inbound.Body}}! One moment while we read the sky."
	focusedOnBody := func() (bool, string) {
		answer, ok := app.ask(t, "focused", "Studioflow")
		return ok && len(answer) > 1 && answer[1] == body, strings.Join(answer, " ")
	}

	app.click(t, window, "Studioflow", "ask_sign") // the window gets the keyboard
	x.key(t, "ctrl+f")
	app.typeInto(t, "one moment")
	app.click(t, window, "Studioflow", "send_waiting · body")
	app.until(t, "the keyboard in send_waiting's Body", focusedOnBody)
	x.screenshot(t, "find-1-went-to-body")

	// Elsewhere (a problem's widget), then the same result again.
	app.click(t, window, "Studioflow", "get_horoscope")
	app.until(t, "the keyboard away from the Body", func() (bool, string) {
		ok, got := focusedOnBody()
		return !ok, got
	})
	app.click(t, window, "Studioflow", "send_waiting · body")
	app.until(t, "the keyboard back in send_waiting's Body", focusedOnBody)
	x.screenshot(t, "find-2-went-again")

	x.typeKeys(t, "XYZZY ")
	f, _ := x.saveOpenFile(t, window, path, "XYZZY")
	s := f.State("send_waiting")
	if s == nil {
		t.Fatal("send_waiting was renamed: the typing went into its name")
	}
	if got := s.StringProperty("body"); got != "XYZZY "+body && got != body+"XYZZY " {
		t.Errorf("send_waiting's body is %q, want the typed text in it", got)
	}
}
