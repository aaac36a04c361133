package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestALRundeRecommendationAtTheTickInTheBrowser: the Verwaltung of the
// 48th session, as the secretariat reads it before publishing — an item
// the AL-Runde recommended for the Grüne Liste, not confirmed, and one
// ticked without a recommendation — says the recommendation at each tick
// and warns of both differences above the button, at 1280 and 320 px,
// without sideways scrolling and clean under axe at both widths; so does
// the AL-Runde's session page with its decision row's marker in words.
func TestALRundeRecommendationAtTheTickInTheBrowser(t *testing.T) {
	browserTest(t)
	w := newALRundeVoteWorldFor(t, true)
	w.adopt(t)
	b := newBrowser(t, w.ts.URL)
	b.login("geschaeftsstelle")
	cloud := secondItem(t, w)
	b.page("/sitzungen/48/verwaltung")
	b.run("tick the Grüne Liste", chromedp.Click(fmt.Sprintf("#gl-%d", cloud), chromedp.ByID))
	b.submit("save the row", fmt.Sprintf(`form[action="/tops/%d"]`, cloud))
	for _, width := range []int64{1280, 320} {
		b.run(fmt.Sprintf("%d px", width), chromedp.EmulateViewport(width, 1000))
		delete(b.visited, "/sitzungen/48/verwaltung")
		b.check(fmt.Sprintf("/sitzungen/48/verwaltung at %d px", width))
		if note := b.text(fmt.Sprintf("#gl-%d-empfehlung", w.target)); !strings.Contains(note, "AL-Runde empfiehlt: Grüne Liste") ||
			!strings.Contains(note, "Abweichend davon steht der TOP nicht auf der Grünen Liste.") {
			t.Errorf("at %d px the row says: %q", width, note)
		}
		if box := b.text("#empfohlen-nicht-auf-liste"); !strings.Contains(box, "Föderales Datenportal") {
			t.Errorf("at %d px the warning says: %q", width, box)
		}
		b.shot(fmt.Sprintf("alrunde-verwaltung-%d", width))
	}
	noSidewaysScroll(t, b, "alrunde-verwaltung")
	b.page("/gremien/al-runde/sitzungen/40")
	if tag := strings.ReplaceAll(b.text(".row-BV .tag"), "\u00ad", ""); !strings.Contains(tag, "Empfehlung") {
		t.Errorf("the decision row's marker reads %q", tag)
	}
	b.shot("alrunde-bv-1280")
	b.run("320 px", chromedp.EmulateViewport(320, 1000))
	delete(b.visited, "/gremien/al-runde/sitzungen/40")
	b.check("/gremien/al-runde/sitzungen/40 at 320 px")
	noSidewaysScroll(t, b, "alrunde-bv")
}
