package web

import (
	"fmt"
	"testing"
)

// TestLiveBoxTitlesAt320: at 320 px the live box of the session page
// ("Aufgerufen: …", "Abstimmung läuft: …", the decisions taken) and the
// heading of the running vote on the live page broke a long title
// between any two letters ("Digitalisierungsinfrastr|ukturverordnung");
// they break at the joints of its compound now (hyphenate), and neither
// page scrolls sideways.
func TestLiveBoxTitlesAt320(t *testing.T) {
	browserTest(t)
	ts, st, _ := lawServer(t)
	_, item := liveTitleFixture(t, st, longTitle)
	b := newBrowser(t, ts.URL)
	b.login("geschaeftsstelle")
	for _, c := range []struct{ path, selector, shot string }{
		{"/sitzungen/48", "#live-stand", "livebox-sitzung"},
		{fmt.Sprintf("/sitzungen/48/live?top=%d", item), "#h-laufend", "livebox-live"},
	} {
		b.page(c.path)
		if !pageShows(t, b, c.selector, "Digitalisierungs") {
			t.Fatalf("%s shows no %s with the title", c.path, c.selector)
		}
		if bad := midWordBreaks(t, b, c.selector); bad != "" {
			t.Errorf("%s at 320 px breaks mid-word: %s", c.path, bad)
		}
		noSidewaysScroll(t, b, c.shot)
	}
}
