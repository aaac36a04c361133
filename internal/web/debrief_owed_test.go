package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestOwedDebriefStaysInMyArea: the secretariat's "Mein Bereich" listed the
// debrief of a held session only while the session's minutes were a
// draft; once they were approved (at the next session) a debrief not yet
// sent dropped off the list, though it was still owed. It stays listed,
// with its session, until its invitation is sent.
func TestOwedDebriefStaysInMyArea(t *testing.T) {
	ts, st := debriefServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	assessFMKAndWMK(t, ts, st, gs)
	owed := func(want string) {
		t.Helper()
		_, page := do(t, gs, "GET", ts.URL+"/mein-bereich", nil)
		list := between(page, `id="h-nachbesprechung"`, "</section>")
		if !strings.Contains(list, "Nachbesprechung der 47. Sitzung") || !strings.Contains(list, want) {
			t.Errorf("the owed debrief of the 47th session (%s) is not listed:\n%s", want, list)
		}
	}
	owed("noch nicht zusammengestellt")
	s47, _ := st.SessionByNumber(ctx, mustBody(t, st).ID, 47)
	if err := st.SetSessionStatus(ctx, s47.ID, s47.Version, model.StatusMinutesApproved); err != nil {
		t.Fatal(err)
	}
	owed("noch nicht zusammengestellt")
	save := url.Values{"datum": {"2025-07-10"}, "ort": {"Videokonferenz"}, "einladung": {"Einladung"}, "aufnehmen_0": {"1"}, "vorstellung_0": {"HH"}, "aufnehmen_1": {"1"}, "vorstellung_1": {"HE"}}
	if code, body := postDebrief(t, gs, ts.URL+"/sitzungen/47/nachbesprechung", save); code != 303 {
		t.Fatalf("save the debrief: %d\n%s", code, between(body, "<main", "</main>"))
	}
	owed("gespeichert, Einladung nicht versandt")
	db, err := st.DebriefOfSession(ctx, s47.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, abbrev := range []string{"FMK", "WMK"} {
		b, _ := st.BodyByAbbrev(ctx, abbrev)
		if _, err := st.CreateContact(ctx, model.Contact{BodyID: b.ID, Name: "Geschäftsstelle " + abbrev, Email: "gs@" + strings.ToLower(abbrev) + ".example"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.SendDebriefInvitation(ctx, db, "Einladung"); err != nil {
		t.Fatal(err)
	}
	if _, page := do(t, gs, "GET", ts.URL+"/mein-bereich", nil); strings.Contains(between(page, `id="h-nachbesprechung"`, "</section>"), "47. Sitzung") {
		t.Error("the sent debrief of a session with approved minutes is still listed as due")
	}
}
