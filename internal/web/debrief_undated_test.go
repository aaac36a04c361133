package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/pdftest"
)

// TestUndatedDebriefReadsWell: a debrief saved without a date (and
// place) read badly: its PDF said „Termin: Termin offen“ and „Ort: “
// with nothing after it, and the drafted invitation invited „die
// Geschäftsstellen der Fachministerkonferenzen (Videokonferenz)“, the
// place hung on the invitees. The PDF says „noch offen“ for both, as the
// secretariats' page does, and the draft names the place on a line of
// its own until a day is set.
func TestUndatedDebriefReadsWell(t *testing.T) {
	ts, st := debriefServer(t)
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, "IT-PLR")
	s47, _ := st.SessionByNumber(ctx, council.ID, 47)
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	if _, err := st.CreateDebrief(ctx, model.Debrief{SessionID: s47.ID,
		Entries: []model.DebriefEntry{{DecisionID: decisionID(t, st, 27), ConferenceID: fmk.ID, Presenter: "HE"}}}); err != nil {
		t.Fatal(err)
	}
	code, pdf := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+"/sitzungen/47/nachbesprechung.pdf", nil)
	if code != http.StatusOK {
		t.Fatalf("%d", code)
	}
	text := pdftest.Words(t, []byte(pdf))
	if strings.Contains(text, "Termin: Termin") || !strings.Contains(text, "Termin: noch offen") || !strings.Contains(text, "Ort: noch offen") {
		t.Errorf("the PDF of a debrief without date and place: %s", text)
	}

	d := debriefData{Session: s47, Debrief: model.Debrief{Place: "Videokonferenz"}}
	inv := debriefInvitation(d)
	if strings.Contains(inv, "Fachministerkonferenzen (Videokonferenz)") || !strings.Contains(inv, "Fachministerkonferenzen herzlich ein.") || !strings.Contains(inv, "\nOrt: Videokonferenz") {
		t.Errorf("the drafted invitation without a day:\n%s", inv)
	}
	d.Debrief.HeldOn = model.NewDate(2025, 7, 10)
	if inv := debriefInvitation(d); !strings.Contains(inv, "am 10.07.2025 (Videokonferenz) herzlich ein.") || strings.Contains(inv, "Ort:") {
		t.Errorf("the drafted invitation with a day:\n%s", inv)
	}
}
