package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/oparl"
)

// oparlRow is a row of oparl_objects as the tests read it.
type oparlRow struct {
	id      int64
	deleted bool
	org     sql.NullInt64
	created string
	obj     map[string]any
}

// oparlObjectOf reads the object of a source key (ok false: none).
func oparlObjectOf(t *testing.T, s *Store, kind string, src int64) (oparlRow, bool) {
	t.Helper()
	var r oparlRow
	var raw []byte
	err := s.db.QueryRowContext(context.Background(), `SELECT id, deleted, org, created, json FROM oparl_objects WHERE kind = ? AND src = ?`, kind, src).
		Scan(&r.id, &r.deleted, &r.org, &r.created, &raw)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false
	}
	check(t, err)
	check(t, json.Unmarshal(raw, &r.obj))
	return r, true
}

// oparlObjectByID reads the object of a public id.
func oparlObjectByID(t *testing.T, s *Store, kind string, id int64) map[string]any {
	t.Helper()
	raw, err := s.OParlObject(context.Background(), kind, id)
	check(t, err)
	var o map[string]any
	check(t, json.Unmarshal(raw, &o))
	return o
}

// oparlListed gives the objects of a list (the body's with org 0, else
// the Organization's) and its totalElements.
func oparlListed(t *testing.T, s *Store, org int64, since time.Time) ([]map[string]any, int) {
	t.Helper()
	var out []map[string]any
	page, err := s.OParlList(context.Background(), oparl.KindMeeting, OParlFilter{Org: org, ModifiedSince: since}, func(raw []byte) error {
		var o map[string]any
		if err := json.Unmarshal(raw, &o); err != nil {
			return err
		}
		out = append(out, o)
		return nil
	})
	check(t, err)
	return out, page.Total
}

// testClock is a store clock the tests set.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) set(t time.Time) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t.UTC().Truncate(time.Second)
	return c.t
}

// berlin is a moment in German time.
func berlin(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, model.Berlin)
}

// confFixture is the council with session 47 in Schwerin and the
// Innenministerkonferenz (imk), with the public ids of both Organizations,
// the store's clock at 2026-03-02 10:00.
type confFixture struct {
	s                     *Store
	clk                   *testClock
	council, session, imk int64
	councilOrg, imkOrg    int64
}

func conferenceFixture(t *testing.T) confFixture {
	t.Helper()
	f := confFixture{clk: &testClock{}}
	f.s, _ = newStore(t)
	f.clk.set(berlin(2026, 3, 2, 10, 0))
	f.s.SetClock(f.clk.now)
	f.council, f.session = fixture(t, f.s)
	f.imk = must[int64](t)(f.s.CreateBody(context.Background(), model.Body{Kind: model.BodyFachMK, Abbrev: "IMK", Name: "Innenministerkonferenz"}))
	c, ok := oparlObjectOf(t, f.s, oparl.KindOrganization, f.council)
	o, ok2 := oparlObjectOf(t, f.s, oparl.KindOrganization, f.imk)
	if !ok || !ok2 {
		t.Fatal("no Organizations")
	}
	f.councilOrg, f.imkOrg = c.id, o.id
	return f
}

// TestOParlConferenceDateIsAMeeting: a date of a FachMK is an OParl Meeting
// of the conference's Organization, built in the transaction of the date's
// change: listed in the conference's meeting list and the body's (not the
// council's), with an id no session's Meeting has; its venue's Location
// is the one of the council's sessions there, or one of its own at a
// venue of no session. A change modifies it, a removal leaves a
// tombstone. Before, a conference's meeting list was empty.
func TestOParlConferenceDateIsAMeeting(t *testing.T) {
	ctx := WithActor(context.Background(), "test")
	f := conferenceFixture(t)
	s, clk, imk, councilOrg, imkOrg := f.s, f.clk, f.imk, f.councilOrg, f.imkOrg
	id := must[int64](t)
	spring := id(s.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: imk, Title: "Frühjahrskonferenz 2026",
		Starts: model.NewDate(2026, 6, 10), Ends: model.NewDate(2026, 6, 12), Place: "Schwerin"}))
	autumn := id(s.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: imk, Starts: model.NewDate(2026, 11, 19),
		StartTime: "10:00", EndTime: "15:00", Place: "Wiesbaden"}))
	created := oparl.Time(clk.now())

	m, ok := oparlObjectOf(t, s, oparl.KindMeeting, -spring)
	if !ok || m.deleted {
		t.Fatalf("no Meeting of the date: %v", m)
	}
	o := m.obj
	if o["name"] != "Frühjahrskonferenz 2026 der Innenministerkonferenz" || o["meetingState"] != "geplant" || o["start"] != "2026-06-10T00:00:00+02:00" || o["end"] != "2026-06-13T00:00:00+02:00" ||
		o["created"] != created || o["modified"] != created || o["web"] != oparl.Base+"/fachmk/IMK#termine" {
		t.Errorf("the date's Meeting: %v", o)
	}
	if orgs, _ := o["organization"].([]any); len(orgs) != 1 || orgs[0] != oparl.URL(oparl.KindOrganization, imkOrg) {
		t.Errorf("organization %v, want the conference's %d", o["organization"], imkOrg)
	}
	if !m.org.Valid || m.org.Int64 != imkOrg {
		t.Errorf("listed in the list of Organization %v, want %d", m.org, imkOrg)
	}
	raw, _ := json.Marshal(o)
	if strings.Contains(string(raw), "@gremium") {
		t.Errorf("the date's UID is published: %s", raw)
	}
	// The session 47 (Schwerin) and the dates: three Meetings, three ids.
	sessionMeeting, _ := oparlObjectOf(t, s, oparl.KindMeeting, f.session)
	schwerin, _ := oparlObjectOf(t, s, oparl.KindLocation, f.session)
	if loc, _ := o["location"].(map[string]any); loc["id"] != oparl.URL(oparl.KindLocation, schwerin.id) {
		t.Errorf("the date in Schwerin embeds %v, want the venue's Location %d", o["location"], schwerin.id)
	}
	a, ok := oparlObjectOf(t, s, oparl.KindMeeting, -autumn)
	if !ok || a.obj["name"] != "Sitzung der Innenministerkonferenz" || a.obj["start"] != "2026-11-19T10:00:00+01:00" || a.obj["end"] != "2026-11-19T15:00:00+01:00" {
		t.Errorf("the date without title: %v", a.obj)
	}
	ids := map[int64]bool{sessionMeeting.id: true, m.id: true, a.id: true}
	if len(ids) != 3 {
		t.Errorf("Meeting ids %d (session), %d, %d: not three", sessionMeeting.id, m.id, a.id)
	}
	wiesbaden, ok := oparlObjectOf(t, s, oparl.KindLocation, -autumn)
	if loc, _ := a.obj["location"].(map[string]any); !ok || loc["id"] != oparl.URL(oparl.KindLocation, wiesbaden.id) || wiesbaden.obj["locality"] != "Wiesbaden" {
		t.Errorf("the venue of no session: Location %v, embedded %v", wiesbaden.obj, a.obj["location"])
	}

	listed := func(org int64, since time.Time) map[string]bool {
		t.Helper()
		objs, _ := oparlListed(t, s, org, since)
		out := map[string]bool{}
		for _, o := range objs {
			out[o["id"].(string)] = true
		}
		return out
	}
	meetingURL := func(id int64) string { return oparl.URL(oparl.KindMeeting, id) }
	if got := listed(imkOrg, time.Time{}); len(got) != 2 || !got[meetingURL(m.id)] || !got[meetingURL(a.id)] {
		t.Errorf("the conference's list: %v", got)
	}
	if got := listed(councilOrg, time.Time{}); len(got) != 1 || !got[meetingURL(sessionMeeting.id)] {
		t.Errorf("the council's list: %v", got)
	}
	if got := listed(0, time.Time{}); len(got) != 3 {
		t.Errorf("the body's list: %v", got)
	}
	for org, want := range map[int64]int{imkOrg: 2, councilOrg: 1, 0: 3} {
		if _, total := oparlListed(t, s, org, time.Time{}); total != want {
			t.Errorf("totalElements of list %d: %d, want %d", org, total, want)
		}
	}

	// A change modifies the Meeting, in its transaction.
	changed := clk.set(berlin(2026, 3, 2, 11, 0))
	dates, err := s.ConferenceDates(ctx, imk, model.Date{})
	check(t, err)
	d := dates[0]
	d.Title, d.Starts, d.Ends = "Frühjahrskonferenz 2026 (verlegt)", model.NewDate(2026, 6, 17), model.Date{}
	check(t, s.UpdateConferenceDate(ctx, d))
	if m2, _ := oparlObjectOf(t, s, oparl.KindMeeting, -spring); m2.id != m.id || m2.obj["name"] != d.Title+" der Innenministerkonferenz" || m2.obj["modified"] != oparl.Time(changed) ||
		m2.obj["created"] != created || m2.obj["end"] != "2026-06-18T00:00:00+02:00" {
		t.Errorf("after the change: %v", m2.obj)
	}

	// A removal leaves a tombstone at the id, listed with modified_since
	// only; the venue's own Location goes with it.
	removed := clk.set(berlin(2026, 3, 2, 12, 0))
	check(t, s.DeleteConferenceDate(ctx, imk, autumn))
	gone := oparlObjectByID(t, s, oparl.KindMeeting, a.id)
	if gone["deleted"] != true || gone["modified"] != oparl.Time(removed) || gone["created"] != created || gone["name"] != nil {
		t.Errorf("the removed date's Meeting: %v", gone)
	}
	if loc := oparlObjectByID(t, s, oparl.KindLocation, wiesbaden.id); loc["deleted"] != true {
		t.Errorf("the Location of the removed date's venue: %v", loc)
	}
	if got := listed(imkOrg, time.Time{}); len(got) != 1 || got[meetingURL(a.id)] {
		t.Errorf("the conference's list after the removal: %v", got)
	}
	if got := listed(imkOrg, removed); len(got) != 1 || !got[meetingURL(a.id)] {
		t.Errorf("the conference's list modified since the removal: %v", got)
	}
	if _, total := oparlListed(t, s, imkOrg, time.Time{}); total != 1 {
		t.Errorf("totalElements of the conference's list: %d, want 1", total)
	}
}

// TestOParlConferenceDateVenueGetsASession: a date at a venue of no session
// has the venue's Location; when the council first holds a session there,
// the venue's Location is the session's (its id the session's rule
// gives), the date's becomes a tombstone and the date's Meeting embeds the
// session's.
func TestOParlConferenceDateVenueGetsASession(t *testing.T) {
	ctx := WithActor(context.Background(), "test")
	f := conferenceFixture(t)
	s, imk := f.s, f.imk
	date := must[int64](t)(s.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: imk, Title: "Herbstkonferenz", Starts: model.NewDate(2026, 11, 19), Place: "Mainz"}))
	before, ok := oparlObjectOf(t, s, oparl.KindLocation, -date)
	if !ok || before.deleted {
		t.Fatal("no Location of the date's venue")
	}
	se := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: f.council, Number: 48, Date: model.NewDate(2026, 12, 3), Place: "Mainz", Status: model.StatusPlanned}))
	after, ok := oparlObjectOf(t, s, oparl.KindLocation, se)
	if !ok || after.deleted || after.id == before.id {
		t.Fatalf("the session's Location: %v", after)
	}
	if old := oparlObjectByID(t, s, oparl.KindLocation, before.id); old["deleted"] != true {
		t.Errorf("the date's Location of the venue: %v", old)
	}
	m, _ := oparlObjectOf(t, s, oparl.KindMeeting, -date)
	if loc, _ := m.obj["location"].(map[string]any); loc["id"] != oparl.URL(oparl.KindLocation, after.id) {
		t.Errorf("the date embeds %v, want the venue's Location %d", m.obj["location"], after.id)
	}
}

// TestOParlConferenceMeetingStateFollowsTheDay: a date's meetingState
// follows the day — geplant, laufend from its first day, durchgeführt
// after its last —, and RefreshOParlMeetingStates builds the Meetings the
// day moved (modified: the build), and nothing else.
func TestOParlConferenceMeetingStateFollowsTheDay(t *testing.T) {
	ctx := WithActor(context.Background(), "test")
	f := conferenceFixture(t)
	s, clk, imk := f.s, f.clk, f.imk
	id := must[int64](t)
	date := id(s.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: imk, Title: "Frühjahrskonferenz 2026",
		Starts: model.NewDate(2026, 6, 10), Ends: model.NewDate(2026, 6, 11), Place: "Schwerin"}))
	later := id(s.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: imk, Title: "Herbstkonferenz 2026", Starts: model.NewDate(2026, 11, 19)}))
	for _, step := range []struct {
		at    time.Time
		built int
		state string
	}{
		{berlin(2026, 6, 9, 23, 59), 0, "geplant"},
		{berlin(2026, 6, 10, 0, 1), 1, "laufend"},
		{berlin(2026, 6, 10, 12, 0), 0, "laufend"},
		{berlin(2026, 6, 11, 23, 0), 0, "laufend"},
		{berlin(2026, 6, 12, 0, 0), 1, "durchgeführt"},
		{berlin(2026, 6, 20, 8, 0), 0, "durchgeführt"},
	} {
		now := clk.set(step.at)
		before, _ := oparlObjectOf(t, s, oparl.KindMeeting, -date)
		n, err := s.RefreshOParlMeetingStates(ctx, now)
		check(t, err)
		m, _ := oparlObjectOf(t, s, oparl.KindMeeting, -date)
		if n != step.built || m.obj["meetingState"] != step.state {
			t.Errorf("%s: %d built, state %v; want %d, %s", step.at, n, m.obj["meetingState"], step.built, step.state)
		}
		if want := before.obj["modified"]; step.built > 0 {
			if m.obj["modified"] != oparl.Time(now) {
				t.Errorf("%s: modified %v, want the build's %s", step.at, m.obj["modified"], oparl.Time(now))
			}
		} else if m.obj["modified"] != want {
			t.Errorf("%s: modified %v without a change (before %v)", step.at, m.obj["modified"], want)
		}
		if o, _ := oparlObjectOf(t, s, oparl.KindMeeting, -later); o.obj["meetingState"] != "geplant" {
			t.Errorf("%s: the later date is %v", step.at, o.obj["meetingState"])
		}
	}
}

// TestOParlConferenceDatesMigration: a database with FachMK dates from
// before migration 00820 has no Meetings of them; the migration marks
// them, and the backlog sync builds them — each in its conference's list,
// the past one durchgeführt with a modified no earlier than its end (so
// the refresh of the states leaves it) — and puts the sessions' Meetings
// built before into the council's list.
func TestOParlConferenceDatesMigration(t *testing.T) {
	ctx := WithActor(context.Background(), "test")
	f := conferenceFixture(t)
	s, clk, imk, councilOrg, imkOrg := f.s, f.clk, f.imk, f.councilOrg, f.imkOrg
	p, err := s.provider()
	check(t, err)
	if _, err := p.ApplyVersion(ctx, 820, false); err != nil {
		t.Fatal(err)
	}
	id := must[int64](t)
	past := id(s.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: imk, Title: "Herbstkonferenz 2025", Starts: model.NewDate(2025, 11, 20), Ends: model.NewDate(2025, 11, 21), Place: "Bremen"}))
	coming := id(s.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: imk, Title: "Frühjahrskonferenz 2026", Starts: model.NewDate(2026, 6, 10), Place: "Schwerin"}))
	var built int
	check(t, s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM oparl_objects WHERE src < 0`).Scan(&built))
	if built != 0 {
		t.Fatalf("%d objects of dates before the migration", built)
	}
	now := clk.set(berlin(2026, 3, 2, 10, 30))
	if _, err := p.ApplyVersion(ctx, 820, true); err != nil {
		t.Fatal(err)
	}
	var marks int
	check(t, s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM oparl_dirty WHERE entity = 'conference_date'`).Scan(&marks))
	if marks != 2 {
		t.Errorf("%d dates marked, want 2", marks)
	}
	sessionMeeting, _ := oparlObjectOf(t, s, oparl.KindMeeting, f.session)
	if !sessionMeeting.org.Valid || sessionMeeting.org.Int64 != councilOrg {
		t.Errorf("the session's Meeting built before is in list %v, want the council's %d", sessionMeeting.org, councilOrg)
	}
	check(t, s.SyncOParl(ctx, nil))
	for d, state := range map[int64]string{past: "durchgeführt", coming: "geplant"} {
		m, ok := oparlObjectOf(t, s, oparl.KindMeeting, -d)
		if !ok || m.deleted || m.obj["meetingState"] != state || !m.org.Valid || m.org.Int64 != imkOrg {
			t.Errorf("date %d after the migration: %v (list %v)", d, m.obj, m.org)
		}
	}
	if m, _ := oparlObjectOf(t, s, oparl.KindMeeting, -past); m.obj["modified"].(string) < oparl.Time(berlin(2025, 11, 22, 0, 0)) {
		t.Errorf("the past date's Meeting modified %v, before its end", m.obj["modified"])
	}
	if n, err := s.RefreshOParlMeetingStates(ctx, now); err != nil || n != 0 {
		t.Errorf("the refresh after the build: %d built (%v), want 0", n, err)
	}
	for org, want := range map[int64]int{imkOrg: 2, councilOrg: 1} {
		if objs, total := oparlListed(t, s, org, time.Time{}); len(objs) != want || total != want {
			t.Errorf("list of Organization %d: %d objects, totalElements %d; want %d", org, len(objs), total, want)
		}
	}
}
