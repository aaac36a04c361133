package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
)

// The start page names the chair of the current year from the rotation,
// not the text the body was set up with: in December 2026 the IT-PLR's
// chair is the Bund, not Mecklenburg-Vorpommern (2025). Before, the page
// said "Vorsitz: MV (2025)" in every year.
func TestHomeNamesThisYearsChair(t *testing.T) {
	for _, c := range []struct {
		day  time.Time
		want string
	}{
		{time.Date(2026, 12, 1, 10, 0, 0, 0, model.Berlin), "Vorsitz 2026: Bund"},
		{time.Date(2025, 6, 26, 10, 0, 0, 0, model.Berlin), "Vorsitz 2025: Mecklenburg-Vorpommern"},
		// The first hour of a year in Berlin is still the old year in UTC.
		{time.Date(2026, 1, 1, 0, 30, 0, 0, model.Berlin), "Vorsitz 2026: Bund"},
		// A year after the recorded rotation continues its rule.
		{time.Date(2031, 3, 1, 10, 0, 0, 0, model.Berlin), "Vorsitz 2031: Rheinland-Pfalz"},
		// A year before it: no chair rather than a wrong one.
		{time.Date(2018, 3, 1, 10, 0, 0, 0, model.Berlin), ""},
	} {
		ts, _, _ := demoAccountsServer(t, func(s *Server) {
			s.SetClock(func() time.Time { return c.day })
			s.SetResponseCache(-1)
		})
		_, body := get(t, ts, "/")
		if c.want == "" && strings.Contains(body, "Vorsitz") {
			t.Errorf("%s: start page names a chair the rotation does not give", c.day.Format(time.DateOnly))
		}
		if !strings.Contains(body, c.want) {
			t.Errorf("%s: start page without %q", c.day.Format(time.DateOnly), c.want)
		}
		if strings.Contains(body, "MV (2025)") {
			t.Errorf("%s: start page shows the body's set-up text %q", c.day.Format(time.DateOnly), "MV (2025)")
		}
	}
}

// TestHomeListsTheNextSessionFirst: "Anstehende Sitzungen" on the start
// page listed the furthest session first (by number, newest first), with a
// cancelled one at the top. Now the sessions that take place come by date,
// the next one first, and a cancelled one, marked "abgesagt", after them.
// The AL-Runde's page lists the sessions it prepares in the same order
// (store.ComingSessions, model.NextSessionFirst).
func TestHomeListsTheNextSessionFirst(t *testing.T) {
	ts, st, _ := demoAccountsServer(t, func(s *Server) { s.SetResponseCache(-1) })
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	coming, err := st.ComingSessions(ctx, council.ID)
	if err != nil {
		t.Fatal(err)
	}
	last, _ := st.LastSessionNumber(ctx, council.ID)
	base := model.BerlinDate(time.Now().AddDate(0, 3, 0))
	if len(coming) > 0 {
		base = model.BerlinDate(coming[len(coming)-1].Date.Time().AddDate(0, 1, 0))
	}
	var ids []int64
	for i := range 3 {
		id, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: last + 1 + i, Date: model.BerlinDate(base.Time().AddDate(0, 0, 60*i)),
			Status: model.StatusPlanned})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	furthest, _ := st.Session(ctx, ids[2])
	if err := st.CancelSession(ctx, furthest.ID, furthest.Version, "Kein Beratungsbedarf"); err != nil {
		t.Fatal(err)
	}
	_, body := get(t, ts, "/")
	list := between(body, `<h2 id="h-kommend">Anstehende Sitzungen</h2>`, "</ul>")
	var at []int
	for i := range 3 {
		at = append(at, strings.Index(list, fmt.Sprintf(`href="/sitzungen/%d"`, last+1+i)))
	}
	if at[0] < 0 || at[1] < 0 || at[2] < 0 || !(at[0] < at[1] && at[1] < at[2]) {
		t.Errorf("the coming sessions are not the next first, the cancelled last:\n%s", list)
	}
	if !strings.Contains(list[at[2]:], "abgesagt") {
		t.Errorf("the cancelled session is not marked:\n%s", list)
	}
	if got, _ := st.ComingSessions(ctx, council.ID); len(got) < 3 || got[0].Cancelled() || !got[len(got)-1].Cancelled() {
		t.Errorf("store.ComingSessions: a cancelled session ahead of one that takes place: %v", got)
	}
}
