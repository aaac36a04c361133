package web

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSearchHitsComeFirstOnAPhone: at 320 px the search page put its
// twelve lines of help ("Durchsucht werden … Wortformen und
// Umlaut-Schreibweisen … Grundgesetzänderung …") between the search field
// and the hits, and the first hit stood about 1000 px down, below the
// first screen. With a query the hits come first and the help waits below
// them, closed, under "Hinweise zur Suche"; without a query it stands
// open under the field. axe passes.
func TestSearchHitsComeFirstOnAPhone(t *testing.T) {
	browserTest(t)
	b := publicPhone(t)
	b.page("/suche?q=Cloud")
	var got struct {
		Top     float64 // the first hit's top, from the top of the page
		Help    bool    // the help is on the page, in "Hinweise zur Suche"
		Visible bool    // it is open before the reader opens it
	}
	b.run("first hit at 320 px", chromedp.Evaluate(`(() => {
		const hit = document.querySelector("main ol.hits > li");
		const help = Array.from(document.querySelectorAll("main details")).find(d => d.querySelector("summary").textContent.trim() === "Hinweise zur Suche");
		const text = help && help.querySelector("p.hint");
		return {Top: hit ? hit.getBoundingClientRect().top + window.scrollY : -1,
			Help: !!text && text.textContent.includes("Grundgesetzänderung"),
			Visible: !!help && help.open};
	})()`, &got))
	if got.Top < 0 {
		t.Fatal("the search for „Cloud“ shows no hit")
	}
	if got.Top >= 800 {
		t.Errorf("at 320 px the first hit stands %.0f px down, below the first screen", got.Top)
	}
	if !got.Help || got.Visible {
		t.Errorf("with hits the help is not kept closed under „Hinweise zur Suche“: %+v", got)
	}
	// Opened, it reads as before.
	b.run("open the help", chromedp.Click(`main details.search-help summary`, chromedp.ByQuery))
	var open bool
	b.run("help opened", chromedp.Evaluate(`document.querySelector("main details.search-help").open && document.querySelector("main details.search-help p.hint").checkVisibility()`, &open))
	if !open {
		t.Error("the help does not open")
	}
	// Without a query the help stands under the field, open.
	b.page("/suche")
	var shown bool
	b.run("help without a query", chromedp.Evaluate(`(() => { const p = document.querySelector("main p.hint"); return !!p && !p.closest("details") && p.getClientRects().length > 0 && p.textContent.includes("Grundgesetzänderung"); })()`, &shown))
	if !shown {
		t.Error("without a query the help does not stand open under the search field")
	}
}
