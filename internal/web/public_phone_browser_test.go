package web

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// publicPhone opens the demo as a visitor's phone (320 px) sees it.
func publicPhone(t *testing.T) *browserRun {
	t.Helper()
	b := newBrowser(t, demoServer(t).URL)
	b.run("phone viewport", chromedp.EmulateViewport(320, 900))
	return b
}

// TestPublicPagesPassAxeOnAPhone: the screenshot walk checks its pages
// with axe-core at 1366 px only; at 320 px the tables scroll inside their
// own box, and those without a link inside (the minutes' TOP tables, a
// FachMK's spokesperson history) could not be reached with the keyboard
// (axe: scrollable-region-focusable, WCAG 2.1.1). The public pages are
// checked with axe at 320 px.
func TestPublicPagesPassAxeOnAPhone(t *testing.T) {
	browserTest(t)
	b := publicPhone(t)
	for _, p := range []string{"/", "/sitzungen", "/sitzungen/47", "/sitzungen/47/protokoll", "/sitzungen/46/protokoll",
		"/beschluesse", "/beschluesse?q=Register", "/beschluesse?q=Registermodernisierung&jahr=2024", "/beschluesse/B-2025/26-IT", "/suche?q=Kooperation", "/sitzungen/kalender?jahr=2025",
		"/fachmk", "/fachmk/FMK", "/fachmk/JuMiKo", "/fachmk/EnMK", "/fachmk/termine", "/auftraege"} {
		b.page(p)
		// Nothing wider than the phone: a long word of a conference's
		// key words made /fachmk/JuMiKo 329 px wide.
		var fits bool
		b.run("scroll width of "+p, chromedp.Evaluate(`document.documentElement.scrollWidth <= window.innerWidth`, &fits))
		if !fits {
			t.Errorf("%s is wider than 320 px", p)
		}
	}
}

// TestPublicListsFitAPhone: the register and the session list kept their
// five and six columns at 320 px and scrolled inside their own box: a
// visitor saw the number and half a title, the caption cut off after
// "Beschlüsse in der Reihenfolge ih", and had to scroll each row sideways
// for its session, date and result. At phone width each row is a card of
// its cells, each named by its column, and nothing scrolls; axe (with the
// table roles kept) passes.
func TestPublicListsFitAPhone(t *testing.T) {
	browserTest(t)
	b := publicPhone(t)
	// A FachMK's spokesperson history scrolled sideways too (its own box,
	// reached by tabindex): a card per spokesperson now.
	for _, c := range []struct{ path, label string }{{"/beschluesse", "Datum"}, {"/sitzungen?jahr=2025", "Stand des Protokolls"}, {"/fachmk/FMK", "Vergeben durch"}} {
		b.page(c.path)
		var wide string
		b.run("table widths of "+c.path, chromedp.Evaluate(`Array.from(document.querySelectorAll("main table")).filter(t => t.scrollWidth > t.clientWidth + 1 || t.getBoundingClientRect().right > window.innerWidth).map(t => t.caption ? t.caption.textContent : "?").join("; ")`, &wide))
		if wide != "" {
			t.Errorf("%s: the table %q is wider than the phone", c.path, wide)
		}
		var label bool
		b.run("cell labels of "+c.path, chromedp.Evaluate(`Array.from(document.querySelectorAll("main table .cell-label")).some(l => l.offsetParent !== null && l.textContent.includes(`+"`"+c.label+"`"+`))`, &label))
		if !label {
			t.Errorf("%s: no visible cell label %q at 320 px", c.path, c.label)
		}
	}
	// At 1366 px the columns stand as a table, without the cell labels.
	b.run("desktop viewport", chromedp.EmulateViewport(1366, 900))
	b.page("/beschluesse")
	var shown int
	b.run("labels at 1366", chromedp.Evaluate(`Array.from(document.querySelectorAll("main table .cell-label")).filter(l => l.offsetParent !== null).length`, &shown))
	if shown != 0 {
		t.Errorf("%d cell labels shown at 1366 px", shown)
	}
	// Words stay whole there: the stacked tables' "break anywhere", meant
	// for the phone, broke "Datu|m" and "26.06.|2025" at 1366 px.
	var broken string
	b.run("words at 1366", chromedp.Evaluate(`Array.from(document.querySelectorAll("main table th, main table td")).map(c => c.lastChild).filter(n => n && /^(Datum|\d\d\.\d\d\.\d{4})$/.test(n.textContent.trim())).filter(n => { const r = document.createRange(); r.selectNode(n); return r.getClientRects().length > 1; }).map(n => n.textContent.trim()).join("; ")`, &broken))
	if broken != "" {
		t.Errorf("broken across lines at 1366 px: %s", broken)
	}
}

// TestConferenceCardsKeepTheirNames: at 320 px the FachMK overview made
// each row a card, and a conference's second spokesperson stood in a card
// of its own without the conference's name (the name's cell spans the
// conference's rows on wide screens and stood in the first row only).
// A conference is one card now, its name above all its spokespersons.
func TestConferenceCardsKeepTheirNames(t *testing.T) {
	browserTest(t)
	b := publicPhone(t)
	b.page("/fachmk")
	var got struct {
		Nameless []string // the spokespersons whose card names no conference
		Shared   int      // the cards of more than one spokesperson
	}
	b.run("cards of /fachmk", chromedp.Evaluate(`(() => {
		const card = el => { while (el && el.tagName !== "TABLE" && parseFloat(getComputedStyle(el).borderLeftWidth) === 0) el = el.parentElement; return el; };
		const rows = Array.from(document.querySelectorAll("main table tbody tr"));
		const cards = new Map();
		const nameless = [];
		for (const tr of rows) {
			const c = card(tr);
			cards.set(c, (cards.get(c) || 0) + 1);
			if (!c || c.tagName === "TABLE" || !c.querySelector("th[role=rowheader] a")) nameless.push(tr.textContent.replace(/\s+/g, " ").trim());
		}
		return {Nameless: nameless, Shared: Array.from(cards.values()).filter(n => n > 1).length};
	})()`, &got))
	for _, row := range got.Nameless {
		t.Errorf("at 320 px a spokesperson's card names no conference: %s", row)
	}
	if got.Shared == 0 {
		t.Error("no conference of the demo shows two spokespersons in one card")
	}
}
