package api_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/oparl"
	"gremium/internal/store"
)

// conferenceDates gives two FachMK of the demo a date each, written with
// the test clock as the conference's secretariat enters them: a past
// all-day date of two days at a venue of no session, and a coming date
// with times at the council's venue Schwerin. So the conformance walk
// meets the conferences' Meetings and their Locations.
func conferenceDates(t *testing.T, st *store.Store, now time.Time) {
	t.Helper()
	ctx := store.WithActor(context.Background(), "test")
	fmks, err := st.Bodies(ctx, model.BodyFachMK)
	if err != nil || len(fmks) < 2 {
		t.Fatalf("FachMK of the demo: %d (%v)", len(fmks), err)
	}
	today := model.BerlinDate(now)
	for _, d := range []model.ConferenceDate{
		{BodyID: fmks[0].ID, Title: "Herbstkonferenz (vergangen)", Starts: model.BerlinDate(now.AddDate(0, -2, 0)), Ends: model.BerlinDate(now.AddDate(0, -2, 1)), Place: "Saarbrücken"},
		{BodyID: fmks[1].ID, Title: "Frühjahrskonferenz (kommend)", Starts: model.BerlinDate(today.Time().AddDate(0, 2, 0)), StartTime: "10:00", EndTime: "15:00", Place: "Schwerin"},
	} {
		if _, err := st.CreateConferenceDate(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
}

// TestOParlConferenceDatesAreMeetings: a FachMK's date is an OParl Meeting
// of the conference's Organization — in that Organization's meeting list
// and the body's, not in the council's —, at the council's Location of its
// venue; its change modifies it, its removal leaves a tombstone at its id.
// Before, the meeting list of every FachMK was empty.
func TestOParlConferenceDatesAreMeetings(t *testing.T) {
	c, st, clk := oparlServer(t)
	ctx := store.WithActor(context.Background(), "test")
	sys := c.object(root)
	body := c.list(sys["body"].(string))[0]
	fmks, err := st.Bodies(ctx, model.BodyFachMK)
	if err != nil || len(fmks) == 0 {
		t.Fatal(err)
	}
	fmk := fmks[len(fmks)-1]
	org := findBy(c.list(body["organization"].(string)), "shortName", fmk.Abbrev)
	if org == nil {
		t.Fatalf("no Organization of %s", fmk.Abbrev)
	}
	schwerin := findBy(c.list(body["locationList"].(string)), "description", "Schwerin")
	if schwerin == nil {
		t.Fatal("no Location of Schwerin")
	}

	t0 := clk.advance(time.Minute)
	first := model.BerlinDate(t0.AddDate(0, 3, 0))
	last := model.BerlinDate(first.Time().AddDate(0, 0, 1))
	id, err := st.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: fmk.ID, Title: "Konferenz (Test)", Starts: first, Ends: last,
		StartTime: "13:00", EndTime: "12:00", Place: "Schwerin"})
	if err != nil {
		t.Fatal(err)
	}
	m := findBy(c.list(org["meeting"].(string)), "name", "Konferenz (Test) "+fmk.Of())
	if m == nil {
		t.Fatalf("the date is not in the meeting list of %s (%s)", fmk.Abbrev, org["meeting"])
	}
	start, _ := time.ParseInLocation("2006-01-02 15:04", first.String()+" 13:00", model.Berlin)
	end, _ := time.ParseInLocation("2006-01-02 15:04", last.String()+" 12:00", model.Berlin)
	if m["meetingState"] != "geplant" || m["start"] != oparl.Time(start) || m["end"] != oparl.Time(end) || m["created"] != oparl.Time(t0) {
		t.Errorf("the date's Meeting: %v", m)
	}
	if orgs, _ := m["organization"].([]any); len(orgs) != 1 || orgs[0] != org["id"] {
		t.Errorf("organization %v, want %v", m["organization"], org["id"])
	}
	if loc, _ := m["location"].(map[string]any); loc["id"] != schwerin["id"] {
		t.Errorf("location %v, want the venue's %v", m["location"], schwerin["id"])
	}
	if findBy(c.list(body["meeting"].(string)), "id", m["id"]) == nil {
		t.Error("the date is not in the body's meeting list")
	}
	council := c.object(body["mainOrganization"].(string))
	for _, o := range c.list(council["meeting"].(string)) {
		if o["id"] == m["id"] || o["name"] == m["name"] {
			t.Errorf("the council's meeting list holds the date: %v", o)
		}
	}

	t1 := clk.advance(time.Minute)
	dates, err := st.ConferenceDates(ctx, fmk.ID, model.Date{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dates {
		if d.ID == id {
			d.Title = "Konferenz (Test, verlegt)"
			if err := st.UpdateConferenceDate(ctx, d); err != nil {
				t.Fatal(err)
			}
		}
	}
	changed := c.list(org["meeting"].(string) + "?modified_since=" + url.QueryEscape(oparl.Time(t1)))
	if len(changed) != 1 || changed[0]["id"] != m["id"] || changed[0]["name"] != "Konferenz (Test, verlegt) "+fmk.Of() || changed[0]["modified"] != oparl.Time(t1) {
		t.Errorf("after the change: %v", changed)
	}

	t2 := clk.advance(time.Minute)
	if err := st.DeleteConferenceDate(ctx, fmk.ID, id); err != nil {
		t.Fatal(err)
	}
	checkTombstone(t, c.object(m["id"].(string)), m, t2)
	if findBy(c.list(org["meeting"].(string)), "id", m["id"]) != nil {
		t.Error("the removed date is still listed")
	}
	if gone := findBy(c.list(org["meeting"].(string)+"?modified_since="+url.QueryEscape(oparl.Time(t2))), "id", m["id"]); gone == nil || gone["deleted"] != true {
		t.Errorf("the list modified since the removal: %v", gone)
	}
}
