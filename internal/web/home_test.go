package web

import (
	"strings"
	"testing"
	"time"

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
