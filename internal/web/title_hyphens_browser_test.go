package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestItemTitlesAt320: an agenda item titled "Föderale
// Digitalisierungsinfrastrukturverordnung" broke mid-word at 320 px in
// Chromium ("Digitalisierungsinfrastr|ukturverordnung": no German
// hyphenation for hyphens: auto) on the session page, in the minutes, on
// the decision page, in the register, in the search results and on the
// live page. It breaks at the joints of its compound now, with a hyphen
// (hyphenate), and no page scrolls sideways.
func TestItemTitlesAt320(t *testing.T) {
	browserTest(t)
	ts, _, itemID := longTitleWorld(t)
	b := newBrowser(t, ts.URL)
	for _, c := range []struct{ path, selector string }{
		{"/sitzungen/47", "main .toc-list a, main article.top h3, main article.top ul.points li"},
		{"/sitzungen/47/protokoll", "main table.protocol-table td strong, main table.protocol-table ul.points li"},
		{"/beschluesse/B-2025/90-IT", "main h1, main dl.meta dd a"},
		{"/beschluesse", "main table.stacked td"},
		{"/suche?q=Digitalisierungsinfrastrukturverordnung", "main .hit-title a"},
	} {
		b.page(c.path)
		if !pageShows(t, b, c.selector, "Digitalisierungs") {
			t.Fatalf("%s shows no %s with the title", c.path, c.selector)
		}
		if bad := midWordBreaks(t, b, c.selector); bad != "" {
			t.Errorf("%s at 320 px breaks mid-word: %s", c.path, bad)
		}
		noSidewaysScroll(t, b, "titel"+strings.NewReplacer("/", "-", "?", "-", "=", "-").Replace(c.path))
	}
	b.login("geschaeftsstelle")
	live := fmt.Sprintf("/sitzungen/47/live?top=%d", itemID)
	b.page(live)
	sel := fmt.Sprintf("main h2#top-%d, main .live-items a", itemID)
	if !pageShows(t, b, sel, "Digitalisierungs") {
		t.Fatalf("the live page shows no %s with the title", sel)
	}
	if bad := midWordBreaks(t, b, sel); bad != "" {
		t.Errorf("the live page at 320 px breaks mid-word: %s", bad)
	}
}

// pageShows reports whether an element matched by selector on the
// current page holds text.
func pageShows(t *testing.T, b *browserRun, selector, text string) bool {
	t.Helper()
	var found bool
	b.run("find "+selector, chromedp.Evaluate(fmt.Sprintf(`Array.from(document.querySelectorAll(%q)).some(e => e.textContent.replaceAll("\u00ad", "").includes(%q))`, selector, text), &found))
	return found
}
