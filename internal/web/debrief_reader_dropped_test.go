package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestDebriefReaderNotInvitedSaysSo: after the secretariat resent the
// debrief without the FMK, the FMK's secretariat read on the debrief's
// page the date, the place and "Einladung: versandt" — as if it were
// invited — and then "Für Ihre Fachministerkonferenzen steht kein
// Beschluss …" in the plural. Now the page says its conference is not
// invited to this debrief, without date and place, and the PDF too.
func TestDebriefReaderNotInvitedSaysSo(t *testing.T) {
	ts, st := debriefServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	assessFMKAndWMK(t, ts, st, gs)
	for _, abbrev := range []string{"FMK", "WMK"} {
		b := mustBodyAbbrev(t, st, abbrev)
		if _, err := st.CreateContact(ctx, model.Contact{BodyID: b.ID, Name: "Geschäftsstelle " + abbrev, Email: "gs@" + strings.ToLower(abbrev) + ".example"}); err != nil {
			t.Fatal(err)
		}
	}
	page47 := ts.URL + "/sitzungen/47/nachbesprechung"
	send := url.Values{"datum": {"2025-07-10"}, "ort": {"Videokonferenz"}, "einladung": {"Einladung"}, "aufnehmen_0": {"1"}, "vorstellung_0": {"HH"}, "aufnehmen_1": {"1"}, "vorstellung_1": {"HE"}}
	if code, body := postDebrief(t, gs, page47+"/versenden", send); code != http.StatusSeeOther {
		t.Fatalf("send: %d %s", code, body)
	}
	fmk := client(t, ts, "fmk")
	if _, page := do(t, fmk, "GET", page47, nil); !strings.Contains(page, "10.07.2025") {
		t.Fatal("the invited FMK does not read the date")
	}
	// Resent without the FMK: its row unticked.
	s47, _ := st.SessionByNumber(ctx, mustBody(t, st).ID, 47)
	db, _ := st.DebriefOfSession(ctx, s47.ID)
	fmkID := mustBodyAbbrev(t, st, "FMK").ID
	resend := url.Values{"datum": {"2025-07-10"}, "ort": {"Videokonferenz"}, "einladung": {"Einladung, berichtigt"}, "version": {fmt.Sprint(db.Version)}}
	for _, e := range db.Entries {
		resend.Add("zeile", e.Row())
		resend.Set(e.PresenterField(), e.Presenter)
		if e.ConferenceID != fmkID {
			resend.Set(e.IncludeField(), "1")
		}
	}
	if code, body := do(t, gs, "POST", page47+"/versenden", resend); code != http.StatusSeeOther {
		t.Fatalf("resend: %d %s", code, body)
	}
	if db, _ := st.DebriefOfSession(ctx, s47.ID); len(db.Entries) != 1 || db.Entries[0].ConferenceID == fmkID {
		t.Fatalf("the resent debrief: %+v", db.Entries)
	}
	_, page := do(t, fmk, "GET", page47, nil)
	main := between(page, "<main", "</main>")
	if strings.Contains(main, "10.07.2025") || strings.Contains(main, "Fachministerkonferenzen steht") || !strings.Contains(main, "Ihre Fachministerkonferenz ist zu dieser Nachbesprechung nicht eingeladen") {
		t.Errorf("the FMK, no longer invited, reads:\n%s", main)
	}
	if code, _ := do(t, fmk, "GET", page47+".pdf", nil); code != http.StatusNotFound {
		t.Errorf("the FMK, no longer invited, gets the debrief's PDF: %d", code)
	}
	// The WMK, still invited, reads it as before.
	wmk := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, wmk, "GET", page47+".pdf", nil); code != http.StatusOK {
		t.Errorf("the secretariat's PDF: %d", code)
	}
}
