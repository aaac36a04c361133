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

// TestFachMKSecretariatHasAPersonalCalendar: a FachMK secretariat had no
// personal calendar (GET /mein-kalender was 403); its only feed was its
// conference's dates. It has one now, offered on "Mein Bereich" as the
// other roles' pages do, holding what it may see: its conference's dates,
// the debriefs it is invited to and the IT-PLR sessions to which its own
// requests are registered or on whose agenda they stand, with their
// state. Nothing internal: no AL-Runde, no deadlines of registrations,
// follow-ups or procedures, no session without its request, no request
// declined or of another conference.
func TestFachMKSecretariatHasAPersonalCalendar(t *testing.T) {
	now := time.Date(2025, 7, 1, 9, 0, 0, 0, model.Berlin)
	ts, st, srv := cycleServerOf(t, func(s *Server) {
		s.st.SetClock(func() time.Time { return now })
	})
	srv.SetClock(func() time.Time { return now })
	ctx := context.Background()
	sentDebriefOf47(t, st)
	council, _ := st.BodyByAbbrev(ctx, "IT-PLR")
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	amk, _ := st.BodyByAbbrev(ctx, "AMK")
	if _, err := st.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: fmk.ID, Title: "Sommerkonferenz", Starts: model.NewDate(2025, 8, 14), Place: "Bremen", UID: "fmk-sommer@test"}); err != nil {
		t.Fatal(err)
	}
	var sessions [3]int64
	for i, d := range []model.Date{model.NewDate(2025, 9, 18), model.NewDate(2025, 12, 4), model.NewDate(2026, 3, 19)} {
		id, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 48 + i, Date: d, StartTime: "10:00", Status: model.StatusPlanned})
		if err != nil {
			t.Fatal(err)
		}
		sessions[i] = id
	}
	request := func(conf int64, title string, session int64) (model.Request, model.AgendaItem) {
		t.Helper()
		id, err := st.SubmitRequest(ctx, model.Request{ConferenceID: conf, Title: title})
		if err != nil {
			t.Fatal(err)
		}
		item, err := st.RequestToItem(ctx, id, 1, store.RequestItem{SessionID: session})
		if err != nil {
			t.Fatal(err)
		}
		q, _ := st.Request(ctx, id)
		it, _ := st.Item(ctx, item)
		return q, it
	}
	_, accepted := request(fmk.ID, "Digitale Steuerbescheide", sessions[0])
	if _, err := st.DecideRegistration(ctx, accepted.ID, accepted.Version, true, ""); err != nil {
		t.Fatal(err)
	}
	request(fmk.ID, "Grundsteuer digital", sessions[0])
	_, declined := request(fmk.ID, "Abgelehnte Idee", sessions[1])
	if _, err := st.DecideRegistration(ctx, declined.ID, declined.Version, false, "Zuerst in der AL-Runde"); err != nil {
		t.Fatal(err)
	}
	request(amk.ID, "Anliegen der AMK", sessions[2])

	c := client(t, ts, "fmk")
	_, mine := do(t, c, "GET", ts.URL+"/mein-bereich", nil)
	if !strings.Contains(mine, `<a href="/mein-kalender">Persönlicher Kalender`) {
		t.Error("the FachMK secretariat's Mein Bereich does not offer the personal calendar")
	}
	code, page := do(t, c, "GET", ts.URL+"/mein-kalender", nil)
	if code != http.StatusOK || !strings.Contains(page, `<ul id="kalender-fachmk">`) || strings.Contains(page, "AL-Runde") || strings.Contains(page, "Terminen und Fristen") {
		t.Fatalf("the FachMK secretariat's calendar page: %d", code)
	}
	for _, p := range wellFormedProblems(page) {
		t.Error(p)
	}
	feed := personalFeed(t, &httpServer{ts: ts}, "fmk")
	for _, want := range []string{
		"SUMMARY:Finanzministerkonferenz: Sommerkonferenz",
		"SUMMARY:Nachbesprechung der 47. Sitzung des IT-Planungsrats", "/sitzungen/47/nachbesprechung",
		// What is presented and by whom (before: "Die Geschäftsstelle …
		// stellt 1 Beschluss vor, die … relevant ist").
		"DESCRIPTION:1 Beschluss für die Finanzministerkonferenz\\, vorgestellt jeweils durch das einreichende Mitglied.",
		// Each request's state in the words of its page, the list and the
		// conference page (model.RequestStanding.Agenda).
		"SUMMARY:48. Sitzung des IT-Planungsrats", "„Digitale Steuerbescheide“: auf der Tagesordnung der 48. Sitzung am 18.09.2025",
		"„Grundsteuer digital“: als TOP zur 48. Sitzung am 18.09.2025 angemeldet\\; über die Aufnahme entscheidet die Geschäftsstelle",
	} {
		if !strings.Contains(feed, want) {
			t.Errorf("the FachMK secretariat's feed lacks %q:\n%s", want, feed)
		}
	}
	for _, bad := range []string{"AL-Runde", "Anmeldeschluss", "Frist", "Umlaufverfahren", "Aufträge", "UID:sitzung-it-plr-47@", "UID:sitzung-it-plr-49@", "UID:sitzung-it-plr-50@",
		"Abgelehnte Idee", "Anliegen der AMK"} {
		if strings.Contains(feed, bad) {
			t.Errorf("the FachMK secretariat's feed holds %q:\n%s", bad, feed)
		}
	}
	// The address can be revoked, as anyone's.
	if code, _ := do(t, c, "POST", ts.URL+"/mein-kalender/widerrufen", map[string][]string{"bestaetigt": {"ja"}}); code != http.StatusSeeOther {
		t.Errorf("revoke: %d", code)
	}
}
