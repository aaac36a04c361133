package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gremium/internal/model"
)

// TestTablesReflowAt320 (WCAG 1.4.10): at 320 px the tables of the
// minutes in the official layout, the FachMK spokesperson overview, the
// attendance of a session, the attendance list the secretariat fills in,
// the debrief's decisions per conference, the accounts and the audit log
// fit the width: no table is wider than the window or scrolls inside its
// own box, and the overview's kick-off cells take at most three lines.
// Before, each
// scrolled sideways (the minutes' fixed columns pushed the prose off the
// screen; the attendance list's person and TOP fields were out of sight).
func TestTablesReflowAt320(t *testing.T) {
	browserTest(t)
	ts, st, _ := lawServer(t)
	runningSession(t, st, model.KindDecision)
	b := newBrowser(t, ts.URL)
	b.login("geschaeftsstelle")
	for _, path := range []string{"/sitzungen/47/protokoll", "/fachmk", "/sitzungen/48", "/sitzungen/48/anwesenheit", "/sitzungen/47/nachbesprechung", "/konten", "/aenderungsprotokoll"} {
		b.page(path)
		name := strings.ReplaceAll(strings.Trim(path, "/"), "/", "-")
		b.shot(name + "-1280")
		var wide string
		b.run(path+" at 320 px", chromedp.EmulateViewport(320, 800),
			tablesTooWide(&wide))
		if wide != "" {
			t.Errorf("%s at 320 px: tables too wide: %s", path, wide)
		}
		if path == "/fachmk" {
			// The kick-off column: a cell of five lines per spokesperson
			// (the rule and the day of the start) made the overview some
			// 7,900 px tall; the short label takes at most three.
			var lines float64
			b.run("kick-off cells at 320 px", chromedp.Evaluate(kickoffCellLines, &lines))
			if lines == 0 || lines > 3 {
				t.Errorf("/fachmk at 320 px: the tallest kick-off cell has %.1f lines, want 1 to 3", lines)
			}
		}
		noSidewaysScroll(t, b, name)
	}
}

// kickoffCellLines measures, in lines of its text, the tallest cell of
// the overview's column "Auftaktgespräch" (0 when there is none).
const kickoffCellLines = `Math.max(0, ...Array.from(document.querySelectorAll("main table td")).filter(td => td.querySelector(".cell-label")?.textContent.startsWith("Auftaktgespräch")).map(td => {
	const r = document.createRange(); r.selectNodeContents(td);
	const lh = parseFloat(getComputedStyle(td).lineHeight) || 1.2 * parseFloat(getComputedStyle(td).fontSize);
	return Math.round(r.getBoundingClientRect().height / lh * 10) / 10;
}))`

// TestDebriefReadersTableReflowsAt320 (WCAG 1.4.10): the debrief as a
// FachMK secretariat and a spokesperson read it — their conference's
// decisions with who presents them — fits 320 px, each decision a card
// of labelled cells. Before, its table was cut off at "Vorstellung
// durch".
func TestDebriefReadersTableReflowsAt320(t *testing.T) {
	browserTest(t)
	ts, st := debriefServer(t)
	sentDebriefOf47(t, st)
	b := newBrowser(t, ts.URL)
	for _, who := range []string{"fmk-geschaeftsstelle", "sprecher-hb"} {
		b.login(who)
		b.page("/sitzungen/47/nachbesprechung")
		var wide string
		var label bool
		b.run(who+" at 320 px", chromedp.EmulateViewport(320, 800),
			tablesTooWide(&wide),
			chromedp.Evaluate(`Array.from(document.querySelectorAll("main table .cell-label")).some(l => l.offsetParent !== null && l.textContent.includes("Vorstellung durch"))`, &label))
		if wide != "" || !label {
			t.Errorf("the debrief as %s at 320 px: tables too wide %q, or no visible cell label (%v)", who, wide, label)
		}
		noSidewaysScroll(t, b, "nachbesprechung-"+who)
	}
}

// TestProfileTableReflowsAt320 (WCAG 1.4.10): the Beschluss-Steckbrief's
// table of the conferences (hints, "Relevant?", reason) scrolled
// sideways in its own box at 320 px, the reason field out of sight. Each
// conference is a card of labelled cells now, as the register's rows,
// for the secretariat that fills it in and a reader alike.
func TestProfileTableReflowsAt320(t *testing.T) {
	browserTest(t)
	ts, st := cycleServer(t)
	path := fmt.Sprintf("/steckbrief/%d", decisionID(t, st, 26))
	b := newBrowser(t, ts.URL)
	for _, who := range []string{"geschaeftsstelle", "dlt"} {
		b.login(who)
		b.page(path)
		b.shot("steckbrief-" + who + "-1280")
		var wide string
		var label bool
		b.run(path+" at 320 px", chromedp.EmulateViewport(320, 800),
			tablesTooWide(&wide),
			chromedp.Evaluate(`Array.from(document.querySelectorAll("main table .cell-label")).some(l => l.offsetParent !== null && l.textContent.includes("Relevant"))`, &label))
		if wide != "" || !label {
			t.Errorf("%s (%s) at 320 px: tables too wide %q, or no visible cell label Relevant (%v)", path, who, wide, label)
		}
		noSidewaysScroll(t, b, "steckbrief-"+who)
		b.page("/")
		b.logout()
	}
}

// TestRegistrationsReflowAt320 (WCAG 1.4.10): the management page's table
// of registrations waiting for the secretariat's decision — title,
// member, proposal, FachMK, the section to accept into and the reason of
// a decline — scrolled sideways in its own box at 320 px, its decision
// column out of sight. Each registration is a card of labelled cells now.
func TestRegistrationsReflowAt320(t *testing.T) {
	browserTest(t)
	ts, st := cycleServer(t)
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	if code, page := do(t, client(t, ts, "hessen"), "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {"Deutschland-Stack – gemeinsame Architekturvorgaben für Bund und Länder"},
		"ziel": {"Beschluss"}, "fachmk": {"keine"}, "beschlussvorschlag": {"Der IT-Planungsrat nimmt die Architekturvorgaben zur Kenntnis."}, "antrag": {"HE, HH, BB"}}); code != http.StatusSeeOther {
		t.Fatalf("registration: %d %s", code, between(page, "<main", "</main>"))
	}
	b := newBrowser(t, ts.URL)
	b.login("geschaeftsstelle")
	path := "/sitzungen/48/verwaltung"
	b.page(path)
	b.shot("anmeldungen-1280")
	var wide string
	var label bool
	b.run(path+" at 320 px", chromedp.EmulateViewport(320, 800),
		tablesTooWide(&wide),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("main table.registrations .cell-label")).some(l => l.offsetParent !== null && l.textContent.includes("Betroffene FachMK"))`, &label))
	if wide != "" || !label {
		t.Errorf("%s at 320 px: tables too wide %q, or no visible cell label (%v)", path, wide, label)
	}
	noSidewaysScroll(t, b, "anmeldungen")
}

// tablesTooWide evaluates, into wide, the tables of the page's main
// content that are wider than the window or scroll inside their own box
// (class or caption and their widths; "" when all fit).
func tablesTooWide(wide *string) chromedp.Action {
	return chromedp.Evaluate(`Array.from(document.querySelectorAll("main table")).filter(t => t.scrollWidth > t.clientWidth + 1 || t.getBoundingClientRect().right > window.innerWidth + 1).map(t => (t.className || t.querySelector("caption")?.textContent || "table") + " " + t.scrollWidth + "/" + t.clientWidth).join("; ")`, wide)
}
