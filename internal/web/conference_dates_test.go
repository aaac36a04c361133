package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestConferenceDatesOverview: the Geschäftsstelle keeps "eine Übersicht
// … der anstehenden Sitzungstermine der FachMK" (seed 003), but the dates
// stood only on each conference's own page. /fachmk/termine lists the
// coming dates of all conferences by month, for everyone, each linked to
// its conference; past dates are left out; /fachmk and each conference's
// page lead to it.
func TestConferenceDatesOverview(t *testing.T) {
	ts, st := publicServer(t, "https://gremium.example.org")
	ctx := store.WithActor(context.Background(), "test")
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	imk, _ := st.BodyByAbbrev(ctx, "IMK")
	today := time.Now()
	day := func(months, days int) model.Date { return model.BerlinDate(today.AddDate(0, months, days)) }
	later, sooner, past := day(3, 0), day(1, 0), day(0, -10)
	for _, d := range []model.ConferenceDate{
		{BodyID: imk.ID, Title: "Herbsttagung Übersicht", Starts: later, Place: "Schwerin"},
		{BodyID: fmk.ID, Title: "Frühjahrskonferenz Übersicht", Starts: sooner, StartTime: "10:00", EndTime: "13:30", Place: "Lübeck"},
		{BodyID: fmk.ID, Title: "Vergangene Konferenz Übersicht", Starts: past, Place: "Kiel"},
	} {
		if _, err := st.CreateConferenceDate(ctx, d); err != nil && !strings.Contains(d.Title, "Vergangene") {
			t.Fatal(err)
		}
	}
	resp, page := get(t, ts, "/fachmk/termine")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/fachmk/termine: %d", resp.StatusCode)
	}
	main := between(page, "<main", "</main>")
	soon, late := strings.Index(main, "Frühjahrskonferenz Übersicht"), strings.Index(main, "Herbsttagung Übersicht")
	if soon < 0 || late < 0 || soon > late {
		t.Errorf("the coming dates in order: %s", main)
	}
	for _, want := range []string{"<h2>" + germanMonths[sooner.Month-1], `<a href="/fachmk/FMK#termine">` + hyphenate(fmk.Name) + `</a><br>` + sooner.German() + `, 10:00 Uhr bis 13:30 Uhr<br>Frühjahrskonferenz Übersicht, Lübeck`,
		`<a href="/fachmk/IMK#termine">` + hyphenate(imk.Name) + `</a><br>` + later.German() + `<br>Herbsttagung Übersicht, Schwerin`, `href="/fachmk/termine.ics"`} {
		if !strings.Contains(main, want) {
			t.Errorf("the overview lacks %s", want)
		}
	}
	if strings.Contains(main, "Vergangene Konferenz") {
		t.Error("the overview lists a past date")
	}
	for _, path := range []string{"/fachmk", "/fachmk/FMK"} {
		if _, p := get(t, ts, path); !strings.Contains(p, `href="/fachmk/termine"`) {
			t.Errorf("%s does not lead to the overview", path)
		}
	}
}
