package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/itplr"
	"gremium/internal/model"
)

// TestCorrectionApprovedByWrittenProcedure: minutes may be approved by
// written procedure, a correction of them only in a session. Now the
// secretariat's "Mein Bereich" lists a proposed correction with where it
// is approved — the running session's Verwaltung page, or a written
// procedure — the start form of a written procedure offers it (with the
// stamp of the corrected minutes) and sends the minutes as corrected; the
// procedure's page says what it approves, the minutes are not corrected
// otherwise meanwhile, and once adopted the correction is approved as in
// a session. A form drawn before the minutes changed starts nothing.
func TestCorrectionApprovedByWrittenProcedure(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s47, c := approved47(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	mine := func() string {
		t.Helper()
		code, page := do(t, gs, "GET", ts.URL+"/mein-bereich", nil)
		if code != http.StatusOK {
			t.Fatalf("Mein Bereich: %d", code)
		}
		return page
	}
	if page := mine(); !strings.Contains(page, "Keine Berichtigung wartet auf die Genehmigung.") {
		t.Error("Mein Bereich says nothing of corrections to approve")
	}
	id, err := st.ProposeMinutesCorrection(ctx, model.MinutesCorrection{RowKind: "ON", RowID: c.ID, After: "Im Umlauf berichtigt.", Reason: "Wiedergabe ungenau"})
	if err != nil {
		t.Fatal(err)
	}
	page := mine()
	for _, want := range []string{`<h2 id="h-berichtigungen">Berichtigungen zur Genehmigung</h2>`, `<a href="/sitzungen/47/live#berichtigungen">Protokoll der 47. Sitzung</a>`,
		"Grund: Wiedergabe ungenau", `<a href="/sitzungen/48/verwaltung#h-berichtigungen-gen">In der laufenden 48. Sitzung genehmigen</a>`,
		fmt.Sprintf(`<a href="/umlaufverfahren/neu?berichtigung=%d">im Umlaufverfahren genehmigen</a>`, id)} {
		if !strings.Contains(page, want) {
			t.Errorf("Mein Bereich lacks %q", want)
		}
	}

	// The start form, opened from there: the correction chosen, the
	// proposal filled in, the stamp of the corrected minutes carried.
	start := fmt.Sprintf("%s/umlaufverfahren/neu?berichtigung=%d", ts.URL, id)
	code, form := do(t, gs, "GET", start, nil)
	if code != http.StatusOK {
		t.Fatalf("start form: %d", code)
	}
	f := browserForm(t, form, "/umlaufverfahren")
	if f.Get("berichtigung") != fmt.Sprint(id) || f.Get("titel") != "Genehmigung einer Berichtigung des Protokolls der 47. Sitzung" ||
		!strings.Contains(f.Get("punkte"), "genehmigt die Berichtigung des Protokolls seiner 47. Sitzung (Wortbeitrag): Wiedergabe ungenau") || !strings.HasPrefix(f.Get("stand"), "47:") {
		t.Fatalf("start form: %v", f)
	}
	if !strings.Contains(form, "Im Umlauf berichtigt.") {
		t.Error("the start form does not show the correction")
	}
	f.Set("antrag", "Bund")

	// Drawn before the minutes changed (another correction proposed), the
	// form starts nothing.
	other := otherContribution(t, st, s47.ID, c.ID)
	second, err := st.ProposeMinutesCorrection(ctx, model.MinutesCorrection{RowKind: "ON", RowID: other, After: "Zweite.", Reason: "Tippfehler"})
	if err != nil {
		t.Fatal(err)
	}
	code, body := do(t, gs, "POST", ts.URL+"/umlaufverfahren", f)
	if code != http.StatusConflict || !strings.Contains(body, "Das Protokoll der 47. Sitzung wurde inzwischen geändert") || !strings.Contains(body, `id="berichtigung-fehler"`) {
		t.Fatalf("stale start form: %d %s", code, body)
	}
	if ps, _ := st.Procedures(ctx); len(ps) != 0 {
		t.Fatalf("a stale form started %d procedures", len(ps))
	}
	// The page refused shows the current state; its form starts.
	f = browserForm(t, body, "/umlaufverfahren")
	f.Set("antrag", "Bund")
	code, body = do(t, gs, "POST", ts.URL+"/umlaufverfahren", f)
	if code != http.StatusSeeOther {
		t.Fatalf("start: %d %s", code, body)
	}
	ps, _ := st.Procedures(ctx)
	if len(ps) != 1 || !strings.Contains(ps[0].MinutesText, "Im Umlauf berichtigt.") {
		t.Fatalf("procedures: %+v", ps)
	}
	pid := ps[0].ID
	procURL := fmt.Sprintf("%s/umlaufverfahren/%d", ts.URL, pid)
	code, page = do(t, gs, "GET", procURL, nil)
	if code != http.StatusOK || !strings.Contains(page, `die Berichtigung des <a href="/sitzungen/47/live#berichtigungen">Protokolls der 47. Sitzung</a>`) ||
		!strings.Contains(page, "Bis das Verfahren endet, wird das Protokoll nicht weiter berichtigt.") {
		t.Errorf("procedure page: %d", code)
	}
	if code, text := do(t, gs, "GET", procURL+"/protokoll", nil); code != http.StatusOK || !strings.Contains(text, "Im Umlauf berichtigt.") {
		t.Errorf("the text sent: %d", code)
	}
	page = mine()
	if !strings.Contains(page, fmt.Sprintf(`Wird im Umlaufverfahren <a href="/umlaufverfahren/%d">„Genehmigung einer Berichtigung des Protokolls der 47. Sitzung“</a> genehmigt`, pid)) ||
		!strings.Contains(page, "Wartet, bis das Umlaufverfahren") {
		t.Error("Mein Bereich does not name the procedure")
	}
	// Meanwhile the minutes are not corrected otherwise: a correction
	// proposed gets its form again with the reason, the text kept.
	third := otherContribution(t, st, s47.ID, other) // any row: the minutes are held
	code, body = do(t, gs, "POST", ts.URL+"/sitzungen/47/berichtigungen", map[string][]string{"art": {"ON"}, "zeile": {fmt.Sprint(third)}, "text": {"Dritte Fassung."}, "grund": {"Versehen"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "wird im Umlaufverfahren „Genehmigung einer Berichtigung des Protokolls der 47. Sitzung“") || !strings.Contains(body, "Dritte Fassung.") {
		t.Errorf("a correction proposed during the procedure: %d", code)
	}
	// Nor does a session approve a correction of these minutes.
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/protokollberichtigungen/%d/genehmigen", ts.URL, second), correctionApprovalForm(t, gs, ts.URL+"/sitzungen/48/verwaltung", "", second)); code == http.StatusSeeOther {
		t.Error("another correction approved in session during the procedure")
	}

	for _, m := range itplr.Members() {
		if m.Kind.Votes() {
			if err := st.CastVote(ctx, pid, m.Abbrev, model.VoteYes); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := st.EndProcedureEarly(ctx, pid); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.MinutesCorrection(ctx, id); got.Status != model.CorrectionApproved || got.MinutesVersion != 2 {
		t.Errorf("correction after the procedure: %+v", got)
	}
	if got, _ := st.Contribution(ctx, c.ID); strings.Join(got.Points, "\n") != "Im Umlauf berichtigt." {
		t.Errorf("the row: %q", got.Points)
	}
	_, page = do(t, gs, "GET", procURL, nil)
	if !strings.Contains(page, `Die Berichtigung ist genehmigt; das Protokoll liegt nun in <a href="/sitzungen/47/protokoll/fassungen/2">Fassung 2</a> vor.`) {
		t.Error("the procedure's page does not say the correction is approved")
	}
	if page := mine(); strings.Contains(page, fmt.Sprintf("berichtigung=%d", id)) || !strings.Contains(page, fmt.Sprintf("berichtigung=%d", second)) {
		t.Error("Mein Bereich after the procedure")
	}
}

// otherContribution gives a contribution of the session's minutes other
// than the one with id not, not confidential.
func otherContribution(t *testing.T, st interface {
	Items(context.Context, int64) ([]model.AgendaItem, error)
	Contributions(context.Context, int64) ([]model.Contribution, error)
}, sessionID, not int64) int64 {
	t.Helper()
	items, _ := st.Items(context.Background(), sessionID)
	for _, it := range items {
		cs, _ := st.Contributions(context.Background(), it.ID)
		for _, x := range cs {
			if x.ID != not && !x.Confidential {
				return x.ID
			}
		}
	}
	t.Fatal("no second contribution")
	return 0
}
