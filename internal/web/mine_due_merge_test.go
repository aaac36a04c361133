package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestWhatIsDueMergesBeforeItCuts: "Was ansteht" of a spokesperson kept
// three dates per conference before it merged them to the eight nearest:
// with three small dates of the FMK entered, the FMK's main conference
// was missing while a later date of the JFMK stood in the list. All
// coming dates are merged first, then the nearest eight are kept, and the
// page says that more follow, linking the conference dates.
func TestWhatIsDueMergesBeforeItCuts(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	day := func(n int) model.Date { return model.BerlinDate(time.Now().AddDate(0, 0, n)) }
	add := func(abbrev, title string, on model.Date) {
		t.Helper()
		b, err := st.BodyByAbbrev(ctx, abbrev)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: b.ID, Title: title, Starts: on, Ends: on, Place: "Bremen"}); err != nil {
			t.Fatal(err)
		}
	}
	for i := 1; i <= 3; i++ {
		add("FMK", fmt.Sprintf("Arbeitskreis %d", i), day(i))
	}
	add("FMK", "Hauptkonferenz", day(4))
	for i := 5; i <= 9; i++ {
		add("JFMK", fmt.Sprintf("Jugendkonferenz %d", i), day(i))
	}
	_, page := do(t, client(t, ts, "sprecher-hb"), "GET", ts.URL+"/mein-bereich", nil)
	due := between(page, `<h2 id="h-due">Was ansteht</h2>`, "</section>")
	if !strings.Contains(due, day(4).German()+"</strong>: <a href=\"/fachmk/FMK\">Sitzung der Finanzministerkonferenz: Hauptkonferenz") {
		t.Errorf("the FMK's main conference is missing from \"Was ansteht\":\n%s", due)
	}
	if strings.Contains(due, "Jugendkonferenz 9") {
		t.Errorf("a later JFMK date stands while nearer ones were cut:\n%s", due)
	}
	if n := strings.Count(due, "<li>"); n != maxMyDue {
		t.Errorf("\"Was ansteht\" has %d entries, want %d:\n%s", n, maxMyDue, due)
	}
	if !strings.Contains(due, `Weitere Termine folgen: <a href="/fachmk/termine">`) {
		t.Errorf("\"Was ansteht\" does not say that more follow:\n%s", due)
	}
	// The card of the conference keeps its next three.
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	if card := between(page, fmt.Sprintf(`<h3 id="mk-%d">`, fmk.ID), "</section>"); !strings.Contains(card, "Arbeitskreis 3") || strings.Contains(card, "Hauptkonferenz") {
		t.Errorf("the FMK's card shows more than its next three dates:\n%s", card)
	}
	// A FachMK secretariat is told the same, with its conference's dates.
	for i := 10; i <= 14; i++ {
		add("FMK", fmt.Sprintf("Arbeitskreis %d", i), day(i))
	}
	_, page = do(t, client(t, ts, "fmk"), "GET", ts.URL+"/mein-bereich", nil)
	if due := between(page, `<h2 id="h-due">Was ansteht</h2>`, "</section>"); !strings.Contains(due, `Weitere Termine folgen: <a href="/fachmk/FMK#termine">`) {
		t.Errorf("the FachMK secretariat's \"Was ansteht\" does not say that more follow:\n%s", due)
	}
	for _, p := range wellFormedProblems(page) {
		t.Error(p)
	}
}
