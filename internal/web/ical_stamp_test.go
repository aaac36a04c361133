package web

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/ical"
	"gremium/internal/model"
	"gremium/internal/store"
)

// testClock is a clock a test moves on by hand, read by the store and the
// pages (Store.SetClock) from the server's goroutines.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Add(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return c.now
}

// stampOf gives the DTSTAMP and LAST-MODIFIED of an unfolded event.
func stampOf(ev string) (dtstamp, lastModified string) {
	if m := regexp.MustCompile(`\r\nDTSTAMP:(\S+)\r\n`).FindStringSubmatch(ev); m != nil {
		dtstamp = m[1]
	}
	if m := regexp.MustCompile(`\r\nLAST-MODIFIED:(\S+)\r\n`).FindStringSubmatch(ev); m != nil {
		lastModified = m[1]
	}
	return dtstamp, lastModified
}

// utcStamp writes t as DTSTAMP does.
func utcStamp(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// TestFeedStampsAreTheEventsLastChange: every event of every feed had
// the same DTSTAMP, the start of the current day, which moved every night
// and did not move when the event changed, and no LAST-MODIFIED: a
// session moved and then cancelled went SEQUENCE 0 → 1 → 2 with DTSTAMP
// unmoved (RFC 5545 3.8.7.2: the time the information was last revised
// in the store). Now DTSTAMP and LAST-MODIFIED are the event's last
// change: the session's creation, its move, its cancellation; a FachMK
// date's creation and its change by an import; the registration
// deadline's own move in the personal feed. A change the event does not
// carry (the internal registration deadline in the public feed) moves
// nothing, and a feed without a change is the same bytes on the next
// request and the next day.
func TestFeedStampsAreTheEventsLastChange(t *testing.T) {
	// Later than every entry the demo data wrote: the store's times are
	// this clock's from here on.
	clock := &testClock{now: time.Now().Add(24 * time.Hour).Truncate(time.Second)}
	ts, st, srv := cycleServerOf(t, func(s *Server) { s.st.SetClock(clock.Now) })
	hs := &httpServer{ts, srv}
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	prepBody, err := st.PreparatoryBody(ctx, council.ID)
	if err != nil {
		t.Fatal(err)
	}
	last, _ := st.LastSessionNumber(ctx, council.ID)
	prepLast, _ := st.LastSessionNumber(ctx, prepBody.ID)
	date := model.BerlinDate(clock.Now().AddDate(0, 5, 0))
	sched := prepBody.Preparation.Schedule(date)
	created := clock.Now()
	mainID, _, err := st.PlanSessionPair(ctx, model.Session{BodyID: council.ID, Number: last + 1, Date: date, StartTime: "10:00", EndTime: "14:00",
		Place: "Berlin", Status: model.StatusPlanned, RegistrationDeadline: sched.RegistrationClosing}, nil,
		model.Session{BodyID: prepBody.ID, Number: prepLast + 1, Date: sched.PrepSession, Status: model.StatusPlanned}, nil)
	if err != nil {
		t.Fatal(err)
	}
	uid := "UID:sitzung-it-plr-" + strconv.Itoa(last+1) + "@"
	other := "UID:sitzung-it-plr-47@"
	feed := func(path string) string {
		t.Helper()
		res, body := get(t, ts, path)
		if res.StatusCode != 200 {
			t.Fatalf("%s: %d", path, res.StatusCode)
		}
		if bad := ical.Check([]byte(body)); bad != nil {
			t.Errorf("%s breaks RFC 5545: %v", path, bad)
		}
		if again := func() string { _, b := get(t, ts, path); return b }(); again != body {
			t.Errorf("%s changed between two requests without a change", path)
		}
		return strings.ReplaceAll(body, "\r\n ", "")
	}
	expect := func(step, body, uid string, at time.Time) {
		t.Helper()
		ev := between(body, uid, "END:VEVENT")
		if ev == "" {
			t.Fatalf("%s: no event %s in\n%s", step, uid, body)
		}
		if ds, lm := stampOf(ev); ds != utcStamp(at) || lm != ds {
			t.Errorf("%s: DTSTAMP %q, LAST-MODIFIED %q, want both %s (the event's last change):\n%s", step, ds, lm, utcStamp(at), ev)
		}
	}

	public := feed("/sitzungen.ics")
	expect("planned", public, uid, created)
	otherStamp, _ := stampOf(between(public, other, "END:VEVENT"))
	if otherStamp == "" || otherStamp == utcStamp(created) {
		t.Errorf("the 47th session's DTSTAMP %q is the new session's: every event has one stamp", otherStamp)
	}

	// The next day, nothing changed: the same bytes (before: DTSTAMP
	// moved to the new day's start).
	clock.Add(24 * time.Hour)
	if again := feed("/sitzungen.ics"); again != public {
		t.Errorf("the feed changed overnight without a change:\n%s", between(again, uid, "END:VEVENT"))
	}

	// Moved: SEQUENCE 1, DTSTAMP the move; the 47th keeps its own.
	moved := clock.Add(time.Hour)
	se, _ := st.Session(ctx, mainID)
	if err := st.EditSession(ctx, store.SessionChange{ID: se.ID, Version: se.Version, Date: model.BerlinDate(se.Date.Time().AddDate(0, 0, 7)),
		StartTime: se.StartTime, EndTime: se.EndTime, Place: se.Place, Chair: se.Chair, Kind: se.Kind, RegistrationDeadline: se.RegistrationDeadline,
		Reason: "Terminkollision"}); err != nil {
		t.Fatal(err)
	}
	public = feed("/sitzungen.ics")
	expect("moved", public, uid, moved)
	if s, _ := stampOf(between(public, other, "END:VEVENT")); s != otherStamp {
		t.Errorf("another session's move moved the 47th's DTSTAMP %s → %s", otherStamp, s)
	}

	// The registration deadline set anew: internal, the public feed stays
	// as it was; the deadline's event in the personal feed takes the time.
	deadlineSet := clock.Add(time.Hour)
	se, _ = st.Session(ctx, mainID)
	if err := st.EditSession(ctx, store.SessionChange{ID: se.ID, Version: se.Version, Date: se.Date, StartTime: se.StartTime, EndTime: se.EndTime,
		Place: se.Place, Chair: se.Chair, Kind: se.Kind, RegistrationDeadline: model.BerlinDate(se.RegistrationDeadline.Time().AddDate(0, 0, 1))}); err != nil {
		t.Fatal(err)
	}
	if again := feed("/sitzungen.ics"); again != public {
		t.Errorf("an internal deadline changed the public feed:\n%s", between(again, uid, "END:VEVENT"))
	}
	personal := personalFeed(t, hs, "geschaeftsstelle")
	expect("personal, the session", personal, uid, moved)
	expect("personal, its deadline", personal, "UID:anmeldeschluss-it-plr-"+strconv.Itoa(last+1)+"@", deadlineSet)
	if again := personalFeed(t, hs, "geschaeftsstelle"); again != personal {
		t.Error("the personal feed changed between two requests without a change")
	}

	// Cancelled: SEQUENCE 2, DTSTAMP the cancellation.
	cancelled := clock.Add(time.Hour)
	se, _ = st.Session(ctx, mainID)
	if err := st.CancelSession(ctx, se.ID, se.Version, "Terminkollision mit der MPK"); err != nil {
		t.Fatal(err)
	}
	public = feed("/sitzungen.ics")
	ev := between(public, uid, "END:VEVENT")
	if !strings.Contains(ev, "SEQUENCE:2\r\n") || !strings.Contains(ev, "STATUS:CANCELLED") {
		t.Errorf("the cancelled session's event:\n%s", ev)
	}
	expect("cancelled", public, uid, cancelled)

	// A FachMK date: its creation, then its change by an import.
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	entered := clock.Add(time.Hour)
	day := model.BerlinDate(clock.Now().AddDate(0, 2, 0))
	if _, err := st.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: fmk.ID, UID: "fmk-stempel@test", Title: "FMK Herbst", Starts: day}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/fachmk/termine.ics", "/fachmk/FMK/termine.ics"} {
		expect(path+", entered", feed(path), "UID:fmk-stempel@test", entered)
	}
	imported := clock.Add(time.Hour)
	if _, err := st.ImportConferenceDates(ctx, fmk.ID, []model.ConferenceDate{{UID: "fmk-stempel@test", Title: "FMK Herbst", Starts: model.BerlinDate(day.Time().AddDate(0, 0, 1))}}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/fachmk/termine.ics", "/fachmk/FMK/termine.ics"} {
		expect(path+", moved by an import", feed(path), "UID:fmk-stempel@test", imported)
	}
	fachmk := personalFeed(t, hs, "fmk")
	expect("the FachMK secretariat's feed", fachmk, "UID:fmk-stempel@test", imported)
}

// TestSpokespersonFeedHasTheSavedDebrief: the secretariat saved the 47th
// session's debrief (Nachbesprechung) for a day and time; the
// spokesperson's "Mein Bereich" listed it, the personal calendar did not
// (it waited for the invitation to be sent). Now the feed has it as the
// page does: at its time, with the same UID as the members' events, its
// SEQUENCE rising with each change, cancelled once it is noted
// "Nachbesprechung entfällt" (the reason stays out), back when the note is
// withdrawn, and no event while its day is open ("Termin noch offen").
// Nothing confidential: neither the invitation text nor a marked passage
// of the place.
func TestSpokespersonFeedHasTheSavedDebrief(t *testing.T) {
	clock := &testClock{now: time.Date(2025, 7, 1, 9, 0, 0, 0, model.Berlin)}
	ts, st, srv := cycleServerOf(t, func(s *Server) { s.st.SetClock(clock.Now) })
	hs := &httpServer{ts, srv}
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, "IT-PLR")
	s47, _ := st.SessionByNumber(ctx, council.ID, 47)
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	saved := clock.Add(time.Minute)
	if _, err := st.CreateDebrief(ctx, model.Debrief{SessionID: s47.ID, HeldOn: model.NewDate(2025, 7, 10), StartTime: "14:00", EndTime: "15:30",
		Place: "Videokonferenz ⟦Raum B 3.14⟧", Invitation: "Liebe Kolleginnen, ⟦intern: HE kommt später⟧ …",
		Entries: []model.DebriefEntry{{DecisionID: decisionID(t, st, 27), ConferenceID: fmk.ID, Presenter: "HE"}}}); err != nil {
		t.Fatal(err)
	}
	const uid = "UID:nachbesprechung-it-plr-47@"
	if code, page := do(t, client(t, ts, "sprecher-hb"), "GET", ts.URL+"/mein-bereich", nil); code != 200 || !strings.Contains(page, "Nachbesprechung der 47. Sitzung") {
		t.Fatalf("the spokesperson's page does not list the saved debrief (%d)", code)
	}
	event := func(step string) string {
		t.Helper()
		f := personalFeed(t, hs, "sprecher-hb")
		if strings.Count(f, uid) > 1 {
			t.Errorf("%s: the debrief twice:\n%s", step, f)
		}
		for _, secret := range []string{"Raum B 3.14", "HE kommt später", "Liebe Kolleginnen", "Bereits in der FMK"} {
			if strings.Contains(f, secret) {
				t.Errorf("%s: the feed carries %q", step, secret)
			}
		}
		return between(f, uid, "END:VEVENT")
	}
	ev := event("saved")
	for _, want := range []string{"SUMMARY:Nachbesprechung der 47. Sitzung des IT-Planungsrats", "DTSTART;TZID=Europe/Berlin:20250710T140000",
		"DTEND;TZID=Europe/Berlin:20250710T153000", "LOCATION:Videokonferenz", "/sitzungen/47/nachbesprechung", "SEQUENCE:1\r\n",
		"DTSTAMP:" + utcStamp(saved), "LAST-MODIFIED:" + utcStamp(saved)} {
		if !strings.Contains(ev, want) {
			t.Errorf("the saved debrief's event lacks %q:\n%s", want, ev)
		}
	}
	sequence := func(ev string) int {
		m := regexp.MustCompile(`\r\nSEQUENCE:(\d+)\r\n`).FindStringSubmatch(ev)
		if m == nil {
			return 0
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	seq := sequence(ev)

	// A new time: SEQUENCE rises, DTSTAMP follows.
	changed := clock.Add(time.Minute)
	db, err := st.DebriefOfSession(ctx, s47.ID)
	if err != nil {
		t.Fatal(err)
	}
	db.StartTime, db.EndTime = "15:00", "16:00"
	if err := st.UpdateDebrief(ctx, db); err != nil {
		t.Fatal(err)
	}
	ev = event("new time")
	if !strings.Contains(ev, "DTSTART;TZID=Europe/Berlin:20250710T150000") || sequence(ev) <= seq || !strings.Contains(ev, "DTSTAMP:"+utcStamp(changed)) {
		t.Errorf("the debrief at a new time (SEQUENCE was %d):\n%s", seq, ev)
	}
	seq = sequence(ev)

	// Noted "Nachbesprechung entfällt": cancelled, without the reason.
	_, version, err := st.DebriefWaiverOf(ctx, s47.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.WaiveDebrief(ctx, s47.ID, version, "Bereits in der FMK besprochen", "geschaeftsstelle"); err != nil {
		t.Fatal(err)
	}
	ev = event("waived")
	if !strings.Contains(ev, "STATUS:CANCELLED") || !strings.Contains(ev, "SUMMARY:Entfällt: Nachbesprechung der 47. Sitzung") || sequence(ev) <= seq {
		t.Errorf("the debrief noted as not needed (SEQUENCE was %d):\n%s", seq, ev)
	}
	seq = sequence(ev)
	if err := st.WithdrawDebriefWaiver(ctx, s47.ID, version+1); err != nil {
		t.Fatal(err)
	}
	ev = event("note withdrawn")
	if strings.Contains(ev, "STATUS:CANCELLED") || sequence(ev) <= seq {
		t.Errorf("the debrief after the note was withdrawn (SEQUENCE was %d):\n%s", seq, ev)
	}

	// Its day open again ("Termin noch offen"): no event.
	db, _ = st.DebriefOfSession(ctx, s47.ID)
	db.HeldOn, db.StartTime, db.EndTime = model.Date{}, "", ""
	if err := st.UpdateDebrief(ctx, db); err != nil {
		t.Fatal(err)
	}
	if ev := event("undated"); ev != "" {
		t.Errorf("a debrief without a day has an event:\n%s", ev)
	}
}
