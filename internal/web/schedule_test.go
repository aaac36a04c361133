package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
)

// TestPlanSessionLinkAndTimeSpan: nothing linked to /sitzungen/neu, and a
// session could be created as "13:00 – 09:00 Uhr".
func TestPlanSessionLinkAndTimeSpan(t *testing.T) {
	ts, st := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	if _, body := do(t, gs, "GET", ts.URL+"/sitzungen", nil); !strings.Contains(body, `href="/sitzungen/neu"`) || !strings.Contains(body, "Sitzung planen") {
		t.Error("the session list has no \"Sitzung planen\" for the secretariat")
	}
	if _, body := do(t, client(t, ts, ""), "GET", ts.URL+"/sitzungen", nil); strings.Contains(body, `href="/sitzungen/neu"`) {
		t.Error("the public sees \"Sitzung planen\"")
	}
	code, body := do(t, gs, "POST", ts.URL+"/sitzungen", url.Values{"nummer": {"48"}, "datum": {"2026-11-20"}, "beginn": {"13:00"}, "ende": {"09:00"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "muss nach dem Beginn liegen") {
		t.Fatalf("13:00 – 09:00: %d %s", code, body)
	}
	itplr, _ := st.BodyByAbbrev(context.Background(), demo.CouncilAbbrev)
	if _, err := st.SessionByNumber(context.Background(), itplr.ID, 48); err == nil {
		t.Fatal("the refused session was stored")
	}
}

// TestRegistrationDeadlineAfterTheSession: a registration deadline after
// the session's date is refused when the session is planned and when it is
// edited or moved before its deadline, with the form as typed. Before, the
// 49th session of 21.01.2027 was planned with "Anmeldeschluss 01.02.2027",
// and items registered after the session counted as in time.
func TestRegistrationDeadlineAfterTheSession(t *testing.T) {
	ts, st := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	code, body := do(t, gs, "POST", ts.URL+"/sitzungen", url.Values{"nummer": {"49"}, "datum": {"2027-01-21"}, "beginn": {"09:00"}, "ende": {"13:00"},
		"ort": {"Berlin"}, "anmeldeschluss": {"2027-02-01"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Der Anmeldeschluss (01.02.2027) liegt nach der Sitzung am 21.01.2027") ||
		!strings.Contains(body, `value="2027-02-01"`) || !strings.Contains(body, `value="Berlin"`) {
		t.Fatalf("deadline after the session: %d %s", code, between(body, "<main", "</form>"))
	}
	itplr, _ := st.BodyByAbbrev(context.Background(), demo.CouncilAbbrev)
	if _, err := st.SessionByNumber(context.Background(), itplr.ID, 49); err == nil {
		t.Fatal("the refused session was stored")
	}
	// The deadline on the day of the session is allowed; moving the
	// session before its deadline is refused.
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen", url.Values{"nummer": {"49"}, "datum": {"2027-01-21"}, "beginn": {"09:00"}, "ende": {"13:00"},
		"ort": {"Berlin"}, "anmeldeschluss": {"2027-01-21"}}); code != http.StatusSeeOther {
		t.Fatalf("deadline on the day: %d %s", code, between(body, "<main", "</form>"))
	}
	s49, _ := st.SessionByNumber(context.Background(), itplr.ID, 49)
	form := url.Values{"version": {strconv.Itoa(s49.Version)}, "datum": {"2027-01-14"}, "beginn": {"09:00"}, "ende": {"13:00"}, "ort": {"Berlin"},
		"anmeldeschluss": {"2027-01-21"}, "grund": {"Terminkollision"}}
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/49/bearbeiten", form); code != http.StatusUnprocessableEntity || !strings.Contains(body, "liegt nach der Sitzung am 14.01.2027") ||
		!strings.Contains(body, `value="Terminkollision"`) {
		t.Fatalf("moved before its deadline: %d %s", code, between(body, "<main", "</form>"))
	}
}

// TestEditMoveCancelDeleteSessionWeb: a planned session can be edited,
// moved (with its reason, shown publicly, in the calendar page and the
// feed), cancelled (STATUS:CANCELLED) and, while empty, deleted.
func TestEditMoveCancelDeleteSessionWeb(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s48, _ := planSession48(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	pub := client(t, ts, "")
	if _, body := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil); !strings.Contains(body, `href="/sitzungen/48/bearbeiten"`) {
		t.Fatal("no edit link on the management page")
	}
	if code, body := do(t, gs, "GET", ts.URL+"/sitzungen/48/bearbeiten", nil); code != http.StatusOK || !strings.Contains(body, "Sitzung absagen") || wellFormedProblems(body) != nil {
		t.Fatalf("edit page: %d %v", code, wellFormedProblems(body))
	}
	// Members may not.
	if code, _ := do(t, client(t, ts, "hessen"), "POST", ts.URL+"/sitzungen/48/absagen", url.Values{"version": {strconv.Itoa(s48.Version)}, "grund": {"x"}}); code != http.StatusForbidden {
		t.Fatalf("member cancels: %d", code)
	}
	form := url.Values{"version": {strconv.Itoa(s48.Version)}, "datum": {"2026-11-27"}, "beginn": {"13:00"}, "ende": {"09:00"}, "ort": {"Berlin"}, "grund": {"Terminkollision"}}
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/bearbeiten", form); code != http.StatusUnprocessableEntity || !strings.Contains(body, "muss nach dem Beginn liegen") || !strings.Contains(body, `value="Terminkollision"`) {
		t.Fatalf("13:00 – 09:00 on edit: %d", code)
	}
	form.Set("beginn", "10:00")
	form.Set("ende", "14:00")
	form.Del("grund")
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/bearbeiten", form); code != http.StatusUnprocessableEntity || !strings.Contains(body, "Grund für die Verlegung") {
		t.Fatalf("move without reason: %d", code)
	}
	form.Set("grund", "Terminkollision mit der MPK")
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/bearbeiten", form); code != http.StatusSeeOther {
		t.Fatalf("move: %d %s", code, body)
	}
	if _, body := do(t, pub, "GET", ts.URL+"/sitzungen/48", nil); !strings.Contains(body, "vom 20.11.2026 auf den 27.11.2026") || !strings.Contains(body, "Terminkollision mit der MPK") {
		t.Error("the public session page does not say that the session moved")
	}
	if _, body := do(t, pub, "GET", ts.URL+"/sitzungen/kalender?jahr=2026", nil); !strings.Contains(body, "November 2026") || !strings.Contains(body, "verlegt vom 20.11.2026") || wellFormedProblems(body) != nil {
		t.Errorf("calendar page: %v", wellFormedProblems(body))
	}
	if _, body := do(t, pub, "GET", ts.URL+"/sitzungen.ics", nil); !strings.Contains(body, "SEQUENCE:1\r\n") {
		t.Error("the feed has no SEQUENCE for the moved session")
	}

	se, _ := st.Session(ctx, s48.ID)
	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/48/absagen", url.Values{"version": {strconv.Itoa(se.Version)}, "grund": {""}}); code != http.StatusBadRequest {
		t.Fatalf("cancel without a reason: %d", code)
	}
	// A session with a registration cannot be deleted.
	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/48/loeschen", url.Values{"version": {strconv.Itoa(se.Version)}}); code != http.StatusUnprocessableEntity {
		t.Fatalf("delete of a session with a registration: %d", code)
	}
	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/48/absagen", url.Values{"version": {strconv.Itoa(se.Version)}, "grund": {"Die Themen gehen ins Umlaufverfahren."}}); code != http.StatusSeeOther {
		t.Fatalf("cancel: %d", code)
	}
	for _, path := range []string{"/sitzungen/48", "/sitzungen", "/sitzungen/kalender?jahr=2026"} {
		if _, body := do(t, pub, "GET", ts.URL+path, nil); !strings.Contains(body, "abgesagt") || !strings.Contains(body, "Die Themen gehen ins Umlaufverfahren.") {
			t.Errorf("%s does not show the cancellation", path)
		}
	}
	if _, js := do(t, pub, "GET", ts.URL+"/api/v1/sitzungen/48", nil); !strings.Contains(js, `"abgesagt":"Die Themen gehen ins Umlaufverfahren."`) || !strings.Contains(js, `"verlegtVom":"2026-11-20"`) {
		t.Errorf("the JSON API does not say that 48 is cancelled and moved: %s", js)
	}
	_, feed := do(t, pub, "GET", ts.URL+"/sitzungen.ics", nil)
	ev := feed[strings.Index(feed, "UID:sitzung-it-plr-48@"):]
	ev = ev[:strings.Index(ev, "END:VEVENT")]
	if !strings.Contains(ev, "STATUS:CANCELLED\r\n") || !strings.Contains(ev, "SEQUENCE:2\r\n") {
		t.Errorf("cancelled event in the feed:\n%s", ev)
	}
	if _, body := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil); strings.Contains(body, `action="/sitzungen/48/status"`) {
		t.Error("a cancelled session can still be convened")
	}
	he := client(t, ts, "hessen")
	if _, body := do(t, he, "GET", ts.URL+"/sitzungen/48", nil); strings.Contains(body, `href="/sitzungen/48/anmeldung"`) {
		t.Error("a cancelled session offers registration")
	}
	if code, _ := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {"Noch ein Punkt"}, "ziel": {"Bericht"}, "fachmk": {"keine"}}); code == http.StatusSeeOther {
		t.Error("a registration for a cancelled session was accepted")
	}

	// An empty session planned by mistake goes.
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen", url.Values{"nummer": {"49"}, "datum": {"2027-03-11"}, "beginn": {"09:00"}, "ende": {"13:00"}}); code != http.StatusSeeOther {
		t.Fatalf("plan 49: %d %s", code, body)
	}
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s49, _ := st.SessionByNumber(ctx, itplr.ID, 49)
	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/49/loeschen", url.Values{"version": {strconv.Itoa(s49.Version)}}); code != http.StatusSeeOther {
		t.Fatalf("delete empty 49: %d", code)
	}
	if code, _ := do(t, pub, "GET", ts.URL+"/sitzungen/49", nil); code != http.StatusNotFound {
		t.Fatalf("deleted session page: %d", code)
	}
}

// TestCancelledMeetingInOParl: OParl's Meeting says cancelled.
func TestCancelledMeetingInOParl(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s48, _ := planSession48(t, ts, st)
	if err := st.CancelSession(ctx, s48.ID, s48.Version, "Umlaufverfahren statt Sitzung"); err != nil {
		t.Fatal(err)
	}
	pub := client(t, ts, "")
	var bodies struct {
		Data []struct {
			Meeting string `json:"meeting"`
		} `json:"data"`
	}
	_, raw := do(t, pub, "GET", ts.URL+"/oparl/v1/body", nil)
	if err := json.Unmarshal([]byte(raw), &bodies); err != nil || len(bodies.Data) == 0 {
		t.Fatalf("bodies: %v %s", err, raw)
	}
	var meetings struct {
		Data []struct {
			Name      string `json:"name"`
			Cancelled bool   `json:"cancelled"`
		} `json:"data"`
	}
	u := strings.Replace(bodies.Data[0].Meeting, "http://gremium.invalid", ts.URL, 1)
	_, raw = do(t, pub, "GET", u, nil)
	if err := json.Unmarshal([]byte(raw), &meetings); err != nil {
		t.Fatalf("meetings at %s: %v %s", u, err, raw)
	}
	found := false
	for _, m := range meetings.Data {
		if strings.HasPrefix(m.Name, "48. Sitzung") {
			found = true
			if !m.Cancelled {
				t.Error("meeting 48 is not cancelled in OParl")
			}
		} else if m.Cancelled {
			t.Errorf("%s is cancelled in OParl", m.Name)
		}
	}
	if !found {
		t.Fatalf("meeting 48 not in %s", u)
	}
}

// TestMovedAlRundeSaysWhereTheDeadlineWent: moving the AL-Runde moves the
// registration deadline of the session it prepares (store.EditSession);
// moved close to today, that deadline had passed, silently — every
// registration from then on was late — and the notice promised that "die
// Mitglieder werden benachrichtigt" to offices that had ordered no
// notices. The notice names the AL-Runde, the new deadline, that it has
// passed, and who is notified.
func TestMovedAlRundeSaysWhereTheDeadlineWent(t *testing.T) {
	ts, st, srv := cycleServerOf(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	if code, page := do(t, gs, "POST", ts.URL+"/gremien/al-runde/planung", url.Values{"nummer": {"48"}, "datum": {model.BerlinDate(srv.clock().AddDate(0, 2, 0)).German()},
		"ort": {"Berlin"}, "nummer_vorbereitung": {"40"}}); code != http.StatusSeeOther {
		t.Fatalf("planning: %d %s", code, page)
	}
	al, err := st.BodyByAbbrev(ctx, "AL-Runde")
	if err != nil {
		t.Fatal(err)
	}
	s40, err := st.SessionByNumber(ctx, al.ID, 40)
	if err != nil {
		t.Fatal(err)
	}
	prepared, err := st.PreparedSession(ctx, s40.ID)
	if err != nil {
		t.Fatal(err)
	}
	day := model.BerlinDate(srv.today().Time().AddDate(0, 0, 3))
	form := url.Values{"version": {strconv.Itoa(s40.Version)}, "datum": {day.String()}, "beginn": {s40.StartTime}, "ende": {s40.EndTime},
		"ort": {s40.Place}, "anmeldeschluss": {s40.RegistrationDeadline.String()}, "grund": {"Terminkollision"}}
	path := "/gremien/al-runde/sitzungen/40"
	if code, body := do(t, gs, "POST", ts.URL+path+"/bearbeiten", form); code != http.StatusSeeOther {
		t.Fatalf("move: %d %s", code, between(body, "<main", "</form>"))
	}
	after, _ := st.Session(ctx, prepared.ID)
	if after.RegistrationDeadline == prepared.RegistrationDeadline || !after.RegistrationLate(srv.today()) {
		t.Fatalf("the deadline of the %s: %s, before %s", after.Title(), after.RegistrationDeadline.German(), prepared.RegistrationDeadline.German())
	}
	_, body := do(t, gs, "GET", ts.URL+path+"/verwaltung", nil)
	for _, want := range []string{"Die 40. AL-Runde ist verlegt.", "Der Anmeldeschluss der 48. Sitzung ist mitverlegt: jetzt " + after.RegistrationDeadline.German() + ".",
		"schon verstrichen", "wer Benachrichtigungen zu verlegten oder abgesagten Sitzungen bestellt hat"} {
		if !strings.Contains(body, want) {
			t.Errorf("the notice lacks %q", want)
		}
	}
	if strings.Contains(body, "die Mitglieder werden benachrichtigt") {
		t.Error("the notice promises mail to every member")
	}
	// A deadline set by hand on a day that has passed (a year mistyped)
	// is taken and said so.
	s48, _ := st.Session(ctx, prepared.ID)
	past := model.BerlinDate(srv.today().Time().AddDate(0, -1, 0))
	form48 := url.Values{"version": {strconv.Itoa(s48.Version)}, "datum": {s48.Date.String()}, "beginn": {s48.StartTime}, "ende": {s48.EndTime},
		"ort": {s48.Place}, "anmeldeschluss": {past.String()}}
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/bearbeiten", form48); code != http.StatusSeeOther {
		t.Fatalf("deadline by hand: %d %s", code, between(body, "<main", "</form>"))
	}
	if _, body := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil); !strings.Contains(body, "Der Anmeldeschluss der 48. Sitzung ist jetzt der "+past.German()+". Er ist damit schon verstrichen") {
		t.Errorf("a passed deadline set by hand is taken without a word")
	}
	// Deleted, the AL-Runde leads back to its body's page (it led to the
	// council's session list).
	s40, _ = st.Session(ctx, s40.ID)
	if code, _ := do(t, gs, "POST", ts.URL+path+"/loeschen", url.Values{"version": {strconv.Itoa(s40.Version)}}); code != http.StatusSeeOther {
		t.Fatalf("delete: %d", code)
	}
	if _, body := do(t, gs, "GET", ts.URL+"/gremien/al-runde", nil); !strings.Contains(body, "Die 40. AL-Runde ist gelöscht.") {
		t.Error("the AL-Runde's page does not say that the 40th was deleted")
	}
}

// TestDefaultSessionYear: /sitzungen opened on the newest year with
// sessions, which held only the planned next one (2027 on 04.12.2026),
// and then on the current year or the newest before it while the calendar
// opened on the current year: the next session (2027) was in neither.
// Both open on the year of the next session that takes place; without
// one, on the current year or the newest before it.
func TestDefaultSessionYear(t *testing.T) {
	for _, c := range []struct {
		years         []int
		next, current int
		want          int
	}{
		{[]int{2027, 2025, 2024}, 2027, 2026, 2027},
		{[]int{2027, 2025, 2024}, 0, 2026, 2025},
		{[]int{2027, 2026, 2025}, 0, 2026, 2026},
		{[]int{2027, 2026, 2025}, 2026, 2026, 2026},
		{[]int{2028, 2027}, 0, 2026, 2028},
		{nil, 0, 2026, 0},
		{[]int{2024}, 0, 2026, 2024},
	} {
		if got := defaultSessionYear(c.years, c.next, c.current); got != c.want {
			t.Errorf("%v, next %d, in %d: %d, want %d", c.years, c.next, c.current, got, c.want)
		}
	}
}

// TestSessionMovedTwiceShownEverywhere: a session moved twice names both
// former dates, each move with its reason, on its page, the list, the
// calendar page, the JSON API and the feed — before, only the latest
// former date was shown anywhere.
func TestSessionMovedTwiceShownEverywhere(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s48, _ := planSession48(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	pub := client(t, ts, "")
	move := func(date, reason string) {
		t.Helper()
		se, _ := st.Session(ctx, s48.ID)
		form := url.Values{"version": {strconv.Itoa(se.Version)}, "datum": {date}, "beginn": {"10:00"}, "ende": {"14:00"}, "ort": {"Berlin"}, "grund": {reason}}
		if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/bearbeiten", form); code != http.StatusSeeOther {
			t.Fatalf("move to %s: %d %s", date, code, between(body, "<main", "</form>"))
		}
	}
	move("2026-11-27", "Terminkollision mit der MPK")
	move("2026-12-04", "Raum nicht verfügbar")
	_, page := do(t, pub, "GET", ts.URL+"/sitzungen/48", nil)
	for _, want := range []string{"vom 20.11.2026 auf den 27.11.2026. Grund: Terminkollision mit der MPK", "vom 27.11.2026 auf den 04.12.2026. Grund: Raum nicht verfügbar"} {
		if !strings.Contains(page, want) {
			t.Errorf("the session page does not say %q:\n%s", want, between(page, `class="schedule-box`, "</div>"))
		}
	}
	if wellFormedProblems(page) != nil {
		t.Errorf("session page: %v", wellFormedProblems(page))
	}
	for _, path := range []string{"/sitzungen", "/sitzungen/kalender?jahr=2026"} {
		if _, body := do(t, pub, "GET", ts.URL+path, nil); !strings.Contains(body, "verlegt vom 20.11.2026 und 27.11.2026") {
			t.Errorf("%s does not name both former dates", path)
		}
	}
	if _, js := do(t, pub, "GET", ts.URL+"/api/v1/sitzungen/48", nil); !strings.Contains(js, `"verlegtVom":"2026-11-27"`) ||
		!strings.Contains(js, `"verlegungen":[{"von":"2026-11-20","auf":"2026-11-27","grund":"Terminkollision mit der MPK"},{"von":"2026-11-27","auf":"2026-12-04","grund":"Raum nicht verfügbar"}]`) {
		t.Errorf("the JSON API does not give both moves: %s", js)
	}
	_, feed := do(t, pub, "GET", ts.URL+"/sitzungen.ics", nil)
	ev := feed[strings.Index(feed, "UID:sitzung-it-plr-48@"):]
	ev = strings.ReplaceAll(ev[:strings.Index(ev, "END:VEVENT")], "\r\n ", "")
	if !strings.Contains(ev, "Verlegt vom 20.11.2026 und 27.11.2026") || !strings.Contains(ev, "SEQUENCE:2\r\n") {
		t.Errorf("moved event in the feed:\n%s", ev)
	}
}
