package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
)

// procedureStartForm gives the form "Umlaufverfahren einleiten" as page
// (or, when page is "", /umlaufverfahren/neu) shows it to c, the fields a
// browser sends, with the minutes of session n chosen for approval.
func procedureStartForm(t *testing.T, c *http.Client, base, page string, n string) url.Values {
	t.Helper()
	if page == "" {
		var code int
		if code, page = do(t, c, "GET", base+"/umlaufverfahren/neu", nil); code != http.StatusOK {
			t.Fatalf("GET /umlaufverfahren/neu: %d", code)
		}
	}
	form := browserForm(t, page, "/umlaufverfahren")
	form.Set("protokoll", n)
	return form
}

// TestProcedureStartSendsTheMinutesShown: the start of a written
// procedure that approves draft minutes read the stamp of the minutes
// when "Umlaufverfahren einleiten" was pressed, not when the form was
// shown, so a row changed in between was sent to the members for
// approval unseen. Now the form carries the stamp of each draft it
// offers: the change refuses the start with a conflict at the field
// "Protokoll", nothing is stored, the form shows what was typed, says
// that the minutes changed, links them and carries their new stamp, with
// which the procedure starts and sends the changed text. A form without
// the stamp starts nothing.
func TestProcedureStartSendsTheMinutesShown(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	s47, err := st.SessionByNumber(ctx, mustBody(t, st).ID, 47)
	if err != nil || s47.Status != model.StatusMinutesDraft {
		t.Fatalf("47: %v %s", err, s47.Status)
	}
	shown := procedureStartForm(t, gs, ts.URL, "", "47")
	shown.Set("antrag", "Bund")
	shown.Set("titel", "Bestätigung des Protokolls der 47. Sitzung – wie gezeigt")
	var stamped bool
	for _, v := range shown["stand"] {
		stamped = stamped || strings.HasPrefix(v, "47:")
	}
	if !stamped {
		t.Errorf("the form carries no stamp of the 47th's minutes: %q", shown["stand"])
	}

	_, row := contributionOf(t, st, s47.ID)
	row.Points = []string{"Nach dem Anzeigen des Formulars geändert."}
	if err := st.UpdateContribution(ctx, row); err != nil {
		t.Fatal(err)
	}
	code, page := do(t, gs, "POST", ts.URL+"/umlaufverfahren", shown)
	box := between(page, `id="umlauf-fehler"`, "</div>")
	if code != http.StatusConflict || !strings.Contains(box, "Das Protokoll der 47. Sitzung wurde inzwischen geändert") ||
		!strings.Contains(box, "das Umlaufverfahren ist nicht eingeleitet") || !strings.Contains(box, "Das Formular zeigt Ihre Eingabe.") ||
		!strings.Contains(page, `id="protokoll-fehler"`) || !strings.Contains(page, `<a href="/sitzungen/47">Protokollentwurf der 47. Sitzung ansehen</a>`) ||
		!strings.Contains(page, `value="Bestätigung des Protokolls der 47. Sitzung – wie gezeigt"`) || !strings.Contains(page, `<option value="47" selected>`) {
		t.Fatalf("start on minutes changed after the form was shown: %d %s", code, between(page, "<main", "</main>"))
	}
	if ps, _ := st.Procedures(ctx); len(ps) != 0 {
		t.Fatalf("the refused start stored %d procedures", len(ps))
	}
	again := procedureStartForm(t, gs, ts.URL, page, "47")
	if again.Get("formular") != shown.Get("formular") || strings.Join(again["stand"], " ") == strings.Join(shown["stand"], " ") {
		t.Fatalf("the form shown again: key %q (sent %q), stamps %q (before %q)", again.Get("formular"), shown.Get("formular"), again["stand"], shown["stand"])
	}

	// A form without the stamp (a page from before) starts nothing.
	stale := url.Values{}
	for k, v := range again {
		if k != "stand" {
			stale[k] = v
		}
	}
	if code, page := do(t, gs, "POST", ts.URL+"/umlaufverfahren", stale); code != http.StatusConflict || !strings.Contains(between(page, `id="umlauf-fehler"`, "</div>"), "nennt nicht den Stand") {
		t.Errorf("start without the stamp: %d %s", code, between(page, "<main", "</main>"))
	}
	if ps, _ := st.Procedures(ctx); len(ps) != 0 {
		t.Fatalf("the start without a stamp stored %d procedures", len(ps))
	}

	if code, body := do(t, gs, "POST", ts.URL+"/umlaufverfahren", again); code != http.StatusSeeOther {
		t.Fatalf("start on the state shown again: %d %s", code, between(body, "<main", "</main>"))
	}
	ps, _ := st.Procedures(ctx)
	if len(ps) != 1 || ps[0].ApprovesSession != 47 || !strings.Contains(ps[0].MinutesText, "Nach dem Anzeigen des Formulars geändert.") {
		t.Fatalf("the procedure started: %d", len(ps))
	}
	if d, _ := st.Decision(ctx, ps[0].DecisionID); d.Title != "Bestätigung des Protokolls der 47. Sitzung – wie gezeigt" {
		t.Errorf("the procedure's title %q", d.Title)
	}
}
