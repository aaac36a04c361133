package web

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/pdftest"
)

// TestOneDayDateIsOneDate: a FachMK date of one day stored with its end
// on its first day (the form's "Ende" filled in with the same day) was
// listed "10.03.2027 bis 10.03.2027" in the dossier (page and PDF) and on
// the conference cards of "Mein Bereich" (its list of what is due said
// it once already). One day is one date (model.ConferenceDate.Days).
func TestOneDayDateIsOneDate(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	b, err := st.Briefing(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	// Briefing 2 is the FMK's dossier; sprecher-hb speaks for the FMK.
	if fmk, err := st.BodyByAbbrev(ctx, "FMK"); err != nil || fmk.ID != b.ConferenceID {
		t.Fatalf("briefing 2 is not the FMK's: %v", err)
	}
	day := model.BerlinDate(time.Now().AddDate(1, 0, 0))
	if _, err := st.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: b.ConferenceID, Title: "Sondersitzung", Starts: day, Ends: day, Place: "Berlin"}); err != nil {
		t.Fatal(err)
	}
	twice := day.German() + " bis " + day.German()
	once := day.German() + ": Sondersitzung, Berlin"
	gs := client(t, ts, "geschaeftsstelle")
	if _, page := do(t, gs, "GET", ts.URL+"/briefings/2", nil); strings.Contains(page, twice) || !strings.Contains(page, once) {
		t.Errorf("the dossier's page:\n%s", between(page, "<main", "</main>"))
	}
	res, err := gs.Get(ts.URL + "/briefings/2/pdf")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("the dossier's PDF: %v %v", err, res)
	}
	pdf, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if txt := pdftest.Words(t, pdf); strings.Contains(txt, twice) || !strings.Contains(txt, once) {
		t.Errorf("the dossier's PDF:\n%s", txt)
	}
	if _, page := do(t, client(t, ts, "sprecher-hb"), "GET", ts.URL+"/mein-bereich", nil); strings.Contains(page, twice) || strings.Count(page, day.German()) < 2 {
		t.Errorf("Mein Bereich:\n%s", between(page, "<main", "</main>"))
	}
}
