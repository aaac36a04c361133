package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestLiveProcedureTitleMarkedAndHyphenated: the live page's banner of a
// written procedure that approves the minutes gave the procedure's title
// raw — its confidential passage with the storage marks, a long compound
// without a place to break — where every other title reads
// {{marked (hyphenate …)}}. It reads so now.
func TestLiveProcedureTitleMarkedAndHyphenated(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	deadline := model.BerlinDate(time.Now().AddDate(0, 0, 7)).String()
	if code, body := do(t, gs, "POST", ts.URL+"/umlaufverfahren", url.Values{"protokoll": {"47"}, "antrag": {"Bund"}, "art": {"beschluss"},
		"frist_datum": {deadline}, "frist_zeit": {"12:00"}, "stand": procedureStartForm(t, gs, ts.URL, "", "47")["stand"]}); code != http.StatusSeeOther {
		t.Fatalf("start: %d %s", code, body)
	}
	ps, err := st.Procedures(ctx)
	if err != nil || len(ps) == 0 {
		t.Fatalf("procedures: %v", err)
	}
	p := ps[len(ps)-1]
	title := "Bestätigung des Protokolls der 47. Sitzung zur " + model.Redact(longTitle)
	if _, err := st.DBForTests().ExecContext(ctx, `UPDATE decisions SET title = ? WHERE id = ?`, title, p.DecisionID); err != nil {
		t.Fatal(err)
	}
	_, live := do(t, gs, "GET", ts.URL+"/sitzungen/47/live", nil)
	banner := between(live, `id="im-umlauf"`, "</div>")
	want := `Umlaufverfahren „Bestätigung des Protokolls der 47. Sitzung zur ` + markOpen + longTitleShy + markClose + `“</a>`
	if !strings.Contains(banner, want) {
		t.Errorf("the banner names the procedure otherwise; want %q in:\n%s", want, banner)
	}
}
