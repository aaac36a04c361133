package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// httpServer is a test server with its Server (for the clock).
type httpServer struct {
	ts  *httptest.Server
	srv *Server
}

// followUpServer is the demo with accounts, the 48th and 49th sessions
// planned (20.11.2025 and 19.03.2026) and the server's clock at now.
func followUpServer(t *testing.T, now time.Time) (*httpServer, *store.Store) {
	t.Helper()
	ts, st, srv := cycleServerOf(t)
	srv.SetClock(func() time.Time { return now })
	ctx := context.Background()
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	for n, d := range map[int]model.Date{48: model.NewDate(2025, 11, 20), 49: model.NewDate(2026, 3, 19)} {
		if _, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: n, Date: d, StartTime: "10:00", Status: model.StatusPlanned}); err != nil {
			t.Fatal(err)
		}
	}
	return &httpServer{ts, srv}, st
}

// demoFollowUp finds a demo follow-up by a word of its text.
func demoFollowUp(t *testing.T, st *store.Store, word string) model.FollowUp {
	t.Helper()
	fs, err := st.FollowUps(context.Background(), store.FollowUpFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if strings.Contains(f.Text, word) {
			return f
		}
	}
	t.Fatalf("no demo follow-up with %q", word)
	return model.FollowUp{}
}

// TestDemoFollowUpsOverdue: with the clock past their deadlines, the demo's
// follow-ups with a deadline show as overdue on the follow-up page, first,
// with the due session's date; before, none is.
func TestDemoFollowUpsOverdue(t *testing.T) {
	for _, tt := range []struct {
		name    string
		now     time.Time
		overdue []string
	}{
		{"before every deadline", time.Date(2025, 7, 1, 10, 0, 0, 0, model.Berlin), nil},
		{"after 31.08.2025", time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin), []string{"wissenschaftlichen Instituts"}},
		{"48th session started", time.Date(2025, 11, 20, 10, 0, 0, 0, model.Berlin), []string{"wissenschaftlichen Instituts", "Agrarministerkonferenz"}},
		{"49th session started", time.Date(2026, 3, 19, 10, 30, 0, 0, model.Berlin), []string{"wissenschaftlichen Instituts", "Agrarministerkonferenz", "Unternehmenskontos"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			hs, _ := followUpServer(t, tt.now)
			gs := client(t, hs.ts, "geschaeftsstelle")
			code, page := do(t, gs, "GET", hs.ts.URL+"/auftraege", nil)
			if code != http.StatusOK {
				t.Fatalf("list: %d", code)
			}
			if p := wellFormedProblems(page); len(p) > 0 {
				t.Errorf("list page: %v", p)
			}
			items := regexp.MustCompile(`(?s)<li( class="overdue")?>\s*<h2><a href="/auftraege/\d+">(.*?)</a>`).FindAllStringSubmatch(page, -1)
			if len(items) != 5 {
				t.Fatalf("%d follow-ups listed, want the demo's 5", len(items))
			}
			for i, m := range items {
				want := i < len(tt.overdue)
				if got := m[1] != ""; got != want {
					t.Errorf("follow-up %d %q overdue = %v, want %v", i, m[2], got, want)
				}
			}
			for _, w := range tt.overdue {
				found := false
				for _, m := range items[:len(tt.overdue)] {
					found = found || strings.Contains(m[2], w)
				}
				if !found {
					t.Errorf("%q not among the overdue ones listed first", w)
				}
			}
			if tt.overdue == nil && strings.Contains(page, "überfällig</span>") {
				t.Error("overdue shown before any deadline")
			}
			if !strings.Contains(page, "49. Sitzung (19.03.2026)") {
				t.Error("the planned due session is not shown with its date")
			}
		})
	}
}

// TestFollowUpReportByMemberOffice: the Bund's office marks its follow-up
// done with evidence; Hessen, not responsible, may not; erledigt without
// evidence is refused; the comment is internal.
func TestFollowUpReportByMemberOffice(t *testing.T) {
	hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
	f := demoFollowUp(t, st, "Matrix-Protokoll")
	path := fmt.Sprintf("%s/auftraege/%d", hs.ts.URL, f.ID)
	form := url.Values{"version": {fmt.Sprint(f.Version)}, "status": {"erledigt"}, "erledigt_am": {"2025-08-28"}, "kommentar": {"Geprüft."}}

	he := client(t, hs.ts, "hessen")
	if _, page := do(t, he, "GET", path, nil); strings.Contains(page, "Stand speichern") {
		t.Error("Hessen is offered the report form for the Bund's follow-up")
	}
	if code, _ := do(t, he, "POST", path+"/stand", form); code != http.StatusForbidden {
		t.Errorf("Hessen reports the Bund's follow-up: %d", code)
	}
	bund := client(t, hs.ts, "bund")
	if code, page := do(t, bund, "POST", path+"/stand", form); code != http.StatusBadRequest || !strings.Contains(page, "Nachweis") {
		t.Errorf("erledigt without evidence: %d", code)
	}
	form.Set("nachweis", "Keine Projekte wurden unterbrochen; Mitteilung an BW vom 28.08.2025.")
	if code, _ := do(t, bund, "POST", path+"/stand", form); code != http.StatusSeeOther {
		t.Fatalf("Bund reports: %d", code)
	}
	got, _ := st.FollowUp(context.Background(), f.ID)
	if got.Status != model.FollowUpDone || got.DoneOn != model.NewDate(2025, 8, 28) || !strings.Contains(got.EvidenceText, "Mitteilung an BW") {
		t.Errorf("after the report: %+v", got)
	}
	if _, page := do(t, bund, "GET", path, nil); !strings.Contains(page, "Nachweis der Erledigung") || !strings.Contains(page, "Geprüft.") {
		t.Error("evidence or comment missing on the page")
	}
	if _, page := do(t, client(t, hs.ts, ""), "GET", path, nil); strings.Contains(page, "Geprüft.") || strings.Contains(page, "Stand speichern") {
		t.Error("the public sees the comment or the form")
	}
	// The per-member page and the filters.
	if _, page := do(t, bund, "GET", hs.ts.URL+"/mitglieder/Bund/auftraege", nil); strings.Count(page, `<h2><a href="/auftraege/`) != 2 || !strings.Contains(page, "Was Bund schuldet") {
		t.Errorf("per member page:\n%s", page)
	}
	if _, page := do(t, bund, "GET", hs.ts.URL+"/auftraege?mitglied=Bund&status=ausstehend", nil); strings.Count(page, `<h2><a href="/auftraege/`) != 1 {
		t.Error("filter member and pending")
	}
	if code, _ := do(t, bund, "GET", hs.ts.URL+"/auftraege?status=kaputt", nil); code != http.StatusBadRequest {
		t.Errorf("unknown status: %d", code)
	}
	// Exports.
	code, csv := do(t, client(t, hs.ts, "geschaeftsstelle"), "GET", hs.ts.URL+"/auftraege.csv?status=ueberfaellig", nil)
	if code != http.StatusOK || strings.Count(csv, "\n") != 2 || !strings.Contains(csv, "31.08.2025") {
		t.Errorf("csv %d:\n%s", code, csv)
	}
}

// TestHomeLinksOpenFollowUps: "Offene Aufträge" links to the list and
// counts only what the viewer may see.
func TestHomeLinksOpenFollowUps(t *testing.T) {
	hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
	ctx := context.Background()
	// A follow-up of a session whose minutes are not public.
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	se, _ := st.SessionByNumber(ctx, council.ID, 48)
	itemID, err := st.CreateItem(ctx, model.AgendaItem{SessionID: se.ID, Number: "01", Title: "Intern"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, Text: "Interner Auftrag", Responsible: "HE", Status: model.FollowUpOpen}); err != nil {
		t.Fatal(err)
	}
	count := func(c *http.Client) string {
		_, page := do(t, c, "GET", hs.ts.URL+"/", nil)
		m := regexp.MustCompile(`<a href="/auftraege\?status=ausstehend">Offene Aufträge aus Sitzungen: (\d+)</a>`).FindStringSubmatch(page)
		if m == nil {
			t.Fatal("home page without the link to the follow-ups")
		}
		return m[1]
	}
	if got := count(client(t, hs.ts, "geschaeftsstelle")); got != "6" {
		t.Errorf("secretariat counts %s, want 6", got)
	}
	if got := count(client(t, hs.ts, "")); got != "5" {
		t.Errorf("public counts %s, want 5", got)
	}
	if _, page := do(t, client(t, hs.ts, ""), "GET", hs.ts.URL+"/auftraege", nil); strings.Contains(page, "Interner Auftrag") {
		t.Error("the public sees a follow-up of unpublished minutes")
	}
}
