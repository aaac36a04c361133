package web

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"gremium/internal/model"
)

// TestVerwaltungApprovalInTheBrowser: in a real browser, at 320 and 1280
// px, with axe-core on every page: the secretariat approves the 47th
// session's minutes on the Verwaltung page of the running 48th with a
// member abstaining, a field refused first at its place as typed; the
// minutes of the 48th say how; a correction of the approved minutes is
// offered "im Umlaufverfahren genehmigen", which opens the start form
// with it chosen.
func TestVerwaltungApprovalInTheBrowser(t *testing.T) {
	browserTest(t)
	ts, st, se, _ := approvalScene(t)
	b := newBrowser(t, ts.URL)
	b.login("geschaeftsstelle")
	for _, width := range []int64{320, 1280} {
		b.run(fmt.Sprintf("%d px", width), chromedp.EmulateViewport(width, 1000))
		b.page(fmt.Sprintf("/sitzungen/48/verwaltung?w=%d", width))
		b.shot(fmt.Sprintf("verwaltung-approval-%d", width))
	}
	b.run("refused result", chromedp.SendKeys("#genehmigen-47-gegen", "DLT", chromedp.ByID), chromedp.SendKeys("#genehmigen-47-enthaltung", "HE", chromedp.ByID))
	b.submit("approve refused", "#genehmigen-47")
	if got := b.text("#genehmigen-47-gegen-fehler"); !strings.Contains(got, "„DLT“") {
		t.Errorf("the refusal at the field: %q", got)
	}
	b.shot("verwaltung-approval-refused-1280")
	b.run("correct the result", chromedp.Evaluate(`document.getElementById("genehmigen-47-gegen").value = ""`, nil))
	b.submit("approve", "#genehmigen-47")
	b.page("/sitzungen/48/protokoll")
	if got := b.text("main"); strings.Count(got, "Einstimmige Bestätigung des Protokolls der 47. Sitzung, bei Enthaltung") != 1 {
		t.Errorf("the minutes of the 48th session: %s", got)
	}

	s47, _ := st.SessionByNumber(context.Background(), se.BodyID, 47)
	row := otherContribution(t, st, s47.ID, 0)
	id, err := st.ProposeMinutesCorrection(context.Background(), model.MinutesCorrection{RowKind: "ON", RowID: row, After: "Berichtigt.", Reason: "Wiedergabe ungenau"})
	if err != nil {
		t.Fatal(err)
	}
	for _, width := range []int64{320, 1280} {
		b.run(fmt.Sprintf("%d px", width), chromedp.EmulateViewport(width, 1000))
		b.page(fmt.Sprintf("/sitzungen/48/verwaltung?b=%d#h-berichtigungen-gen", width))
		b.shot(fmt.Sprintf("verwaltung-correction-%d", width))
	}
	b.run("written procedure", chromedp.Evaluate(`window.__gremiumOldPage = true`, nil), chromedp.Click(fmt.Sprintf("#berichtigung-%d-umlaufverfahren", id), chromedp.ByID))
	b.waitNewPage("written procedure")
	b.check("written procedure")
	var chosen string
	b.run("chosen", chromedp.Value("#berichtigung", &chosen, chromedp.ByID))
	if chosen != fmt.Sprint(id) {
		t.Errorf("the start form chose %q, want %d", chosen, id)
	}
	b.shot("procedure-new-correction-1280")
}
