package web

import (
	"context"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/pdftest"
	"gremium/internal/store"
)

// TestDebriefTimesAndLink: the debrief had a day and a place only, so the
// invitation to the FachMK secretariats said neither when it began nor
// where to join the video conference. Its form takes a start, an end and
// a link; the drafted invitation, the secretariats' page of it and the
// PDF name them; times that are none, an end before the start and a link
// that is no web address are refused at their fields, the input kept.
func TestDebriefTimesAndLink(t *testing.T) {
	ts, st, gs, path, form, day := debriefOf47(t)
	ctx := context.Background()

	// Refused at their fields, as typed.
	bad := url.Values(maps.Clone(form))
	bad.Set("beginn", "10:00")
	bad.Set("ende", "09:30")
	bad.Set("link", "meet.example.org/nb")
	code, page := do(t, gs, "POST", path, bad)
	if code < 400 || !strings.Contains(page, `id="nb-ende-fehler"`) || !strings.Contains(page, `id="nb-link-fehler"`) || !strings.Contains(page, `value="meet.example.org/nb"`) {
		t.Errorf("bad times and link: %d %s", code, between(page, `id="nb-fehler"`, "</div>"))
	}

	form.Set("beginn", "10:00")
	form.Set("ende", "11:30")
	form.Set("link", "https://meet.example.org/nb47")
	if code, page := do(t, gs, "POST", path, form); code != http.StatusSeeOther {
		t.Fatalf("save: %d %s", code, between(page, `id="nb-fehler"`, "</div>"))
	}
	s47, _ := st.SessionByNumber(ctx, mustBody(t, st).ID, 47)
	db, err := st.DebriefOfSession(ctx, s47.ID)
	if err != nil || db.StartTime != "10:00" || db.EndTime != "11:30" || db.Link != "https://meet.example.org/nb47" {
		t.Fatalf("stored: %+v %v", db, err)
	}
	_, page = do(t, gs, "GET", path, nil)
	invitation := between(page, `name="einladung"`, "</textarea>")
	for _, want := range []string{"am " + day.German() + ", 10:00 bis 11:30 Uhr (Videokonferenz) herzlich ein.", "Zur Teilnahme: https://meet.example.org/nb47"} {
		if !strings.Contains(invitation, want) {
			t.Errorf("the drafted invitation lacks %q:\n%s", want, invitation)
		}
	}
	send := browserForm(t, page, "/sitzungen/47/nachbesprechung")
	if code, page := do(t, gs, "POST", path+"/versenden", send); code != http.StatusSeeOther {
		t.Fatalf("send: %d %s", code, between(page, `id="nb-fehler"`, "</div>"))
	}
	code, pdf := do(t, gs, "GET", path+".pdf", nil)
	if text := pdftest.Words(t, []byte(pdf)); code != http.StatusOK || !strings.Contains(text, "10:00 bis 11:30 Uhr") || !strings.Contains(text, "Teilnahme: https://meet.example.org/nb47") {
		t.Errorf("the debrief PDF: %d %s", code, text)
	}
	_, read := do(t, client(t, ts, "fmk"), "GET", path, nil)
	for _, want := range []string{day.German() + ", 10:00 bis 11:30 Uhr", `<a href="https://meet.example.org/nb47">`} {
		if !strings.Contains(read, want) {
			t.Errorf("the FMK's page of the debrief lacks %q", want)
		}
	}
}

// TestDebriefInvitationWrittenByHandKeepsTheFacts: an invitation the
// secretariat wrote itself went out with its text only — no day, no link
// to join, no decisions — although the form says the link stands in the
// invitation. The facts the text leaves out are added below it, in the
// message and in what is stored (page, PDF).
func TestDebriefInvitationWrittenByHandKeepsTheFacts(t *testing.T) {
	_, st, gs, path, form, day := debriefOf47(t)
	ctx := context.Background()
	form.Set("beginn", "10:00")
	form.Set("ende", "11:00")
	form.Set("link", "https://meet.example.org/abc")
	form.Set("einladung", "Liebe Kolleginnen und Kollegen,\nbitte nehmen Sie an der Nachbesprechung teil.\nViele Grüße")
	if code, page := do(t, gs, "POST", path+"/versenden", form); code != http.StatusSeeOther {
		t.Fatalf("send: %d %s", code, between(page, `id="nb-fehler"`, "</div>"))
	}
	s47, _ := st.SessionByNumber(ctx, mustBody(t, st).ID, 47)
	db, err := st.DebriefOfSession(ctx, s47.ID)
	if err != nil || len(db.Entries) == 0 {
		t.Fatalf("stored: %+v %v", db, err)
	}
	d27, err := st.Decision(ctx, db.Entries[0].DecisionID)
	if err != nil {
		t.Fatal(err)
	}
	list, _, err := st.Notifications(ctx, store.OutboxFilter{Event: model.EventDebriefInvitation})
	if err != nil || len(list) == 0 {
		t.Fatalf("no invitation queued: %v", err)
	}
	for _, n := range list {
		for _, want := range []string{"bitte nehmen Sie an der Nachbesprechung teil", "Termin: " + day.German() + ", 10:00 bis 11:00 Uhr", "Zur Teilnahme: https://meet.example.org/abc", d27.Label} {
			if !strings.Contains(n.Body, want) {
				t.Errorf("the invitation to %s lacks %q:\n%s", n.Recipient, want, n.Body)
			}
		}
	}
	if !strings.Contains(db.Invitation, "Zur Teilnahme: https://meet.example.org/abc") {
		t.Errorf("the stored invitation lacks the link:\n%s", db.Invitation)
	}
}

// TestDebriefFactsWrittenAnew: the block of facts added to an invitation
// written by hand is written anew when it is sent again, so a changed day
// does not stand beside the old one.
func TestDebriefFactsWrittenAnew(t *testing.T) {
	d := debriefData{Debrief: model.Debrief{HeldOn: model.NewDate(2026, 12, 10), Link: "https://meet.example.org/x"}}
	first := withDebriefFacts("Bitte kommen Sie.", d)
	if !strings.Contains(first, "Termin: 10.12.2026") || !strings.Contains(first, "Zur Teilnahme: https://meet.example.org/x") {
		t.Fatalf("first: %q", first)
	}
	if again := withDebriefFacts(first, d); again != first {
		t.Errorf("sent again unchanged: %q, want %q", again, first)
	}
	d.Debrief.HeldOn = model.NewDate(2026, 12, 17)
	moved := withDebriefFacts(first, d)
	if strings.Contains(moved, "10.12.2026") || !strings.Contains(moved, "Termin: 17.12.2026") || strings.Count(moved, "Angaben zur Nachbesprechung") != 1 {
		t.Errorf("moved: %q", moved)
	}
	if drafted := "am 10.12.2026 (Videokonferenz) herzlich ein.\n\nZur Teilnahme: https://meet.example.org/x"; withDebriefFacts(drafted, debriefData{Debrief: model.Debrief{HeldOn: model.NewDate(2026, 12, 10), Place: "Videokonferenz", Link: "https://meet.example.org/x"}}) != drafted {
		t.Error("a text with every fact got a block")
	}
}

// debriefOf47 gives a server whose session 47 has a debrief to assemble
// for the FMK (decision 27 assessed relevant, the FMK's secretariat with
// an address), the secretariat's client, the debrief's address and its
// form as the page shows it, dated two weeks ahead (day).
func debriefOf47(t *testing.T) (*httptest.Server, *store.Store, *http.Client, string, url.Values, model.Date) {
	t.Helper()
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	if _, err := st.CreateContact(ctx, model.Contact{BodyID: fmk.ID, Name: "Geschäftsstelle FMK", Email: "gs@fmk.example"}); err != nil {
		t.Fatal(err)
	}
	assess(t, ts, st, gs, 27, "FMK", "ja")
	path := ts.URL + "/sitzungen/47/nachbesprechung"
	day := model.BerlinDate(time.Now().AddDate(0, 0, 14))
	_, page := do(t, gs, "GET", path, nil)
	form := browserForm(t, page, "/sitzungen/47/nachbesprechung")
	form.Set("datum", day.String())
	return ts, st, gs, path, form, day
}
