package web

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestPublicFeedIgnoresInternalDeadlines: the registration deadline
// (Anmeldeschluss) of a session is internal, and so is the AL-Runde that
// prepares it. Before, moving the AL-Runde (the deadline followed it) or
// setting the deadline anew raised the session's SEQUENCE and changed the
// public /sitzungen.ics and its ETag: the public learned that something
// internal had moved. Now the public feed stays byte for byte; the
// deadline's event in the personal calendar raises its own SEQUENCE, and
// the session's event there keeps its SEQUENCE too.
func TestPublicFeedIgnoresInternalDeadlines(t *testing.T) {
	ts, st, srv := cycleServerOf(t)
	hs := &httpServer{ts, srv}
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	prepBody, err := st.PreparatoryBody(ctx, council.ID)
	if err != nil {
		t.Fatal(err)
	}
	// A session planned with the AL-Runde before it, its registration
	// deadline where the schedule puts it.
	last, err := st.LastSessionNumber(ctx, council.ID)
	if err != nil {
		t.Fatal(err)
	}
	date := model.BerlinDate(time.Now().AddDate(0, 5, 0))
	sched := prepBody.Preparation.Schedule(date)
	prepLast, err := st.LastSessionNumber(ctx, prepBody.ID)
	if err != nil {
		t.Fatal(err)
	}
	mainID, alID, err := st.PlanSessionPair(ctx, model.Session{BodyID: council.ID, Number: last + 1, Date: date, StartTime: "10:00", EndTime: "14:00",
		Place: "Berlin", Status: model.StatusPlanned, RegistrationDeadline: sched.RegistrationClosing}, nil,
		model.Session{BodyID: prepBody.ID, Number: prepLast + 1, Date: sched.PrepSession, Status: model.StatusPlanned}, nil)
	if err != nil {
		t.Fatal(err)
	}
	main, _ := st.Session(ctx, mainID)
	al, _ := st.Session(ctx, alID)
	feed := func() (string, string) {
		t.Helper()
		res, err := http.Get(ts.URL + "/sitzungen.ics")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return string(b), res.Header.Get("ETag")
	}
	uid := func(kind string) string { return "UID:" + kind + "-it-plr-" + strconv.Itoa(main.Number) + "@" }
	sequence := func(ev string) int {
		n := 0
		if m := regexp.MustCompile(`\r\nSEQUENCE:(\d+)\r\n`).FindStringSubmatch(ev); m != nil {
			n, _ = strconv.Atoi(m[1])
		}
		return n
	}
	personal := func() (session, deadline string) {
		t.Helper()
		f := personalFeed(t, hs, "geschaeftsstelle")
		return between(f, uid("sitzung"), "END:VEVENT"), between(f, uid("anmeldeschluss"), "END:VEVENT")
	}
	publicBefore, etagBefore := feed()
	if !strings.Contains(publicBefore, uid("sitzung")) {
		t.Fatalf("the public feed lacks the %d. Sitzung:\n%s", main.Number, publicBefore)
	}
	sessionBefore, deadlineBefore := personal()
	if deadlineBefore == "" {
		t.Fatal("the personal feed has no registration deadline of the session")
	}
	publicUnchanged := func(step string) {
		t.Helper()
		if body, etag := feed(); body != publicBefore || etag != etagBefore {
			t.Errorf("%s: the public /sitzungen.ics changed (ETag %s, was %s):\n%s", step, etag, etagBefore, between(body, uid("sitzung"), "END:VEVENT"))
		}
		session, _ := personal()
		if sequence(session) != sequence(sessionBefore) {
			t.Errorf("%s: the session's event in the personal feed raised its SEQUENCE %d → %d", step, sequence(sessionBefore), sequence(session))
		}
	}

	// The AL-Runde moves a week earlier: the deadline follows it.
	edit := func(c store.SessionChange) {
		t.Helper()
		if err := st.EditSession(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	days := func(d model.Date, n int) model.Date { return model.BerlinDate(d.Time().AddDate(0, 0, n)) }
	session := func(id int64) model.Session {
		t.Helper()
		se, err := st.Session(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return se
	}
	edit(store.SessionChange{ID: al.ID, Version: al.Version, Date: days(al.Date, -7),
		StartTime: al.StartTime, EndTime: al.EndTime, Place: al.Place, Chair: al.Chair, Kind: al.Kind, Reason: "Terminkollision"})
	moved := session(main.ID)
	if moved.RegistrationDeadline == main.RegistrationDeadline {
		t.Fatalf("the deadline did not follow the AL-Runde: %s", moved.RegistrationDeadline.German())
	}
	publicUnchanged("the AL-Runde moved")
	_, deadline := personal()
	if sequence(deadline) <= sequence(deadlineBefore) {
		t.Errorf("the deadline that followed the AL-Runde raised no SEQUENCE (was %d):\n%s", sequence(deadlineBefore), deadline)
	}

	// The secretariat sets the deadline a day later.
	deadlineBefore = deadline
	next := days(moved.RegistrationDeadline, 1)
	edit(store.SessionChange{ID: moved.ID, Version: moved.Version, Date: moved.Date, StartTime: moved.StartTime, EndTime: moved.EndTime,
		Place: moved.Place, Chair: moved.Chair, Kind: moved.Kind, Applicants: moved.Applicants, RegistrationDeadline: next})
	publicUnchanged("the registration deadline set anew")
	_, deadline = personal()
	if !strings.Contains(deadline, "DTSTART;VALUE=DATE:"+strings.ReplaceAll(next.String(), "-", "")) || sequence(deadline) <= sequence(deadlineBefore) {
		t.Errorf("the deadline set anew raised no SEQUENCE (was %d):\n%s", sequence(deadlineBefore), deadline)
	}

	// A change the public event carries still raises it.
	moved = session(main.ID)
	edit(store.SessionChange{ID: moved.ID, Version: moved.Version, Date: moved.Date, StartTime: moved.StartTime, EndTime: moved.EndTime,
		Place: "Berlin, Bundesministerium des Innern", Chair: moved.Chair, Kind: moved.Kind, Applicants: moved.Applicants, RegistrationDeadline: moved.RegistrationDeadline})
	if body, _ := feed(); sequence(between(body, uid("sitzung"), "END:VEVENT")) <= sequence(between(publicBefore, uid("sitzung"), "END:VEVENT")) {
		t.Errorf("a new place raised no SEQUENCE in the public feed:\n%s", between(body, uid("sitzung"), "END:VEVENT"))
	}
}
