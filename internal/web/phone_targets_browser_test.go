package web

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gremium/internal/model"
)

// TestAttendanceAndWithdrawAtAPhone: at 320 px the attendance page's
// selects were 16 px high, below the 24 px a touch target needs (WCAG
// 2.2, 2.5.8), and the reason of a withdrawal sent without its
// confirmation ticked ran out of the viewport beside the checkbox's
// label on the registration's page; the header's account links were 22
// px high. Both pages are checked with axe.
func TestAttendanceAndWithdrawAtAPhone(t *testing.T) {
	browserTest(t)
	ts, st := cycleServer(t)
	se := planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 6, 0)))
	it := registerDecisionAs(t, ts, st, client(t, ts, "hessen"), se, "Föderale Rahmenarchitektur für die Verwaltungsdigitalisierung")

	b := newBrowser(t, ts.URL)
	b.run("phone viewport", chromedp.EmulateViewport(320, 900))
	b.login("geschaeftsstelle")
	b.page("/sitzungen/48/anwesenheit")
	var low string
	b.run("select heights", chromedp.Evaluate(`Array.from(document.querySelectorAll("main table.attendance-grid select, main table.attendance-grid input:not([type=hidden])")).filter(s => s.getBoundingClientRect().height < 24 || s.getBoundingClientRect().width < 24).map(s => s.id + ": " + Math.round(s.getBoundingClientRect().height) + " px").slice(0, 5).join("; ")`, &low))
	if low != "" {
		t.Errorf("fields of the attendance page lower than 24 px at 320 px: %s", low)
	}
	b.shot("attendance-320")
	// The account links in the header ("Mein Konto", "Benachrichtigungen",
	// "Abmelden") were 22 px high on every page.
	b.run("account link heights", chromedp.Evaluate(`Array.from(document.querySelectorAll(".account > a, .account button")).filter(a => a.getBoundingClientRect().height < 24).map(a => a.textContent.trim() + ": " + Math.round(a.getBoundingClientRect().height) + " px").join("; ")`, &low))
	if low != "" {
		t.Errorf("account links in the header lower than 24 px at 320 px: %s", low)
	}
	b.logout()

	b.login("hessen")
	b.page(fmt.Sprintf("/anmeldungen/%d", it.ID))
	// Sent without the tick (the browser's own check taken away, as an
	// old browser or a script sends it): the reason stands at the field.
	b.run("untick", chromedp.Evaluate(`document.getElementById("bestaetigt").removeAttribute("required")`, nil))
	b.submit("withdraw without the tick", fmt.Sprintf(`form[action="/anmeldungen/%d/zurueckziehen"]`, it.ID))
	b.run("the reason", chromedp.WaitVisible("#bestaetigt-fehler", chromedp.ByID))
	b.check("refused withdrawal")
	var spill string
	b.run("widths", chromedp.Evaluate(`(() => { const p = document.getElementById("bestaetigt-fehler"); const r = p.getBoundingClientRect();
		const out = [];
		if (r.right > window.innerWidth + 0.5 || r.left < 0) out.push("reason " + Math.round(r.left) + "–" + Math.round(r.right));
		if (document.documentElement.scrollWidth > window.innerWidth) out.push("page " + document.documentElement.scrollWidth);
		return out.join("; "); })()`, &spill))
	if spill != "" {
		t.Errorf("the withdrawal's reason spills beyond the 320 px viewport: %s", spill)
	}
	b.shot("withdraw-refused-320")
}
