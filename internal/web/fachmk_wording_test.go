package web

import (
	"context"
	"fmt"
	"gremium/internal/pdftest"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/notify"
)

// TestMineSaysWhenTheInvitationIsDelivered: the debriefs in the
// secretariat's Mein Bereich said "Einladung versandt" as soon as the
// invitation was given to the outbox; they say "zum Versand gegeben am …"
// while it waits there and "versandt am …" once the sender delivered it.
func TestMineSaysWhenTheInvitationIsDelivered(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	assess(t, ts, st, gs, 27, "FMK", "ja")
	if _, err := st.CreateContact(ctx, model.Contact{BodyID: fmk.ID, Name: "Geschäftsstelle FMK", Email: "gs@fmk.example"}); err != nil {
		t.Fatal(err)
	}
	day := model.BerlinDate(time.Now().AddDate(0, 0, 14)).String() // a debrief before today is refused
	send := url.Values{"datum": {day}, "ort": {"Videokonferenz"}, "einladung": {"Einladung"}, "aufnehmen_0": {"1"}, "vorstellung_0": {"HE"}}
	if code, body := postDebrief(t, gs, ts.URL+"/sitzungen/47/nachbesprechung/versenden", send); code != http.StatusSeeOther {
		t.Fatalf("send: %d %s", code, body)
	}
	// A conference assessed since keeps the sent debrief in the list.
	assess(t, ts, st, gs, 26, "WMK", "ja")
	line := func() string {
		_, mine := do(t, gs, "GET", ts.URL+"/mein-bereich", nil)
		return between(between(mine, `id="h-nachbesprechung"`, "</section>"), "Nachbesprechung der 47. Sitzung", "</li>")
	}
	if l := line(); !strings.Contains(l, "Einladung zum Versand gegeben am ") || strings.Contains(l, "versandt") {
		t.Errorf("while the invitation waits in the outbox, Mein Bereich says:\n%s", l)
	}
	w := &notify.Worker{Store: st, Senders: map[model.Channel]notify.Sender{model.ChannelEmail: &recordingSender{}}}
	if n, err := w.RunOnce(ctx); n == 0 || err != nil {
		t.Fatalf("sender: %d, %v", n, err)
	}
	if l := line(); !strings.Contains(l, "Einladung versandt am ") || strings.Contains(l, "zum Versand gegeben") {
		t.Errorf("once the outbox delivered it, Mein Bereich says:\n%s", l)
	}
}

// TestSecretariatReportsForAMemberByName: the Geschäftsstelle's form under
// "Reporting FachMK" took the member as a typed abbreviation and refused
// "Bremen"; it offers the members with a spokesperson in office by name
// (the abbreviation as value), takes a name or abbreviation typed in any
// case as a script sends it, and refuses one that names no member at the
// field, the text kept.
func TestSecretariatReportsForAMemberByName(t *testing.T) {
	ts, st := cycleServer(t)
	se := planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 30)))
	gs := client(t, ts, "geschaeftsstelle")
	path := ts.URL + "/sitzungen/48/reporting-fachmk"
	_, page := do(t, gs, "GET", path, nil)
	form := between(page, `id="bericht-gs"`, "</form>")
	if !strings.Contains(form, `<label for="bericht-gs-mitglied">`) || !strings.Contains(form, `<select id="bericht-gs-mitglied" name="mitglied">`) ||
		!strings.Contains(form, `<option value="HB">Bremen</option>`) || strings.Contains(form, `<input id="bericht-gs-mitglied"`) {
		t.Errorf("the secretariat's form does not offer the members by name:\n%s", form)
	}
	code, page := do(t, gs, "POST", path, url.Values{"fachmk": {"FMK"}, "mitglied": {"Bremn"}, "bericht": {"Nachtrag der FMK"}, "version": {"0"}})
	form = between(page, `id="bericht-gs"`, "</form>")
	if code != http.StatusBadRequest || !strings.Contains(form, `<select id="bericht-gs-mitglied" name="mitglied" aria-invalid="true" aria-describedby="bericht-gs-mitglied-fehler">`) ||
		!strings.Contains(form, `id="bericht-gs-mitglied-fehler">„Bremn“ ist kein Mitglied des IT-Planungsrats.`) || !strings.Contains(form, ">Nachtrag der FMK</textarea>") {
		t.Errorf("a member typed wrong: %d\n%s", code, form)
	}
	code, page = do(t, gs, "POST", path, url.Values{"fachmk": {"FMK"}, "mitglied": {""}, "bericht": {"Nachtrag der FMK"}, "version": {"0"}})
	if code != http.StatusBadRequest || !strings.Contains(between(page, `id="bericht-gs"`, "</form>"), `id="bericht-gs-mitglied-fehler">Bitte wählen Sie das Mitglied`) {
		t.Errorf("no member chosen: %d", code)
	}
	if reps, _ := st.Reports(context.Background(), se.ID); len(reps) != 0 {
		t.Fatalf("refused reports were stored: %+v", reps)
	}
	for i, typed := range []string{"Bremen", "hb"} {
		if code, page := do(t, gs, "POST", path, url.Values{"fachmk": {"FMK"}, "mitglied": {typed}, "bericht": {"Nachtrag " + typed}, "version": {fmt.Sprint(i)}}); code != http.StatusSeeOther {
			t.Fatalf("report for %q: %d %s", typed, code, between(page, `class="error-box"`, "</div>"))
		}
	}
	if reps, _ := st.Reports(context.Background(), se.ID); len(reps) != 1 || reps[0].Member != "HB" || reps[0].Text != "Nachtrag hb" {
		t.Errorf("the reports stored: %+v", reps)
	}
}

// TestDebriefReadersSeeThePresentersName: the debrief as a FachMK
// secretariat and a spokesperson read it said "Vorstellung durch: HE";
// the secretariats outside the IT-PLR do not know the abbreviations, so
// it names the member ("Hessen").
func TestDebriefReadersSeeThePresentersName(t *testing.T) {
	ts, st := debriefServer(t)
	s47, fmk := sentDebriefOf47(t, st)
	for _, who := range []string{"fmk", "sprecher-hb"} {
		_, page := do(t, client(t, ts, who), "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil)
		cell := between(page, `Vorstellung durch: </span>`, "</td>")
		if cell != "Hessen" {
			t.Errorf("%s reads the presenter as %q, want Hessen", who, cell)
		}
	}
	// The PDF of the debrief and the drafted invitation, which go to the
	// secretariats too, name the member as well.
	gs := client(t, ts, "geschaeftsstelle")
	code, pdf := do(t, gs, "GET", ts.URL+"/sitzungen/47/nachbesprechung.pdf", nil)
	if text := pdftest.Words(t, []byte(pdf)); code != http.StatusOK || !strings.Contains(text, "Hessen") {
		t.Errorf("the debrief PDF does not name Hessen: %d %s", code, text)
	}
	d := debriefData{Session: s47, Members: map[string]model.Member{"HE": {Abbrev: "HE", Name: "Hessen"}},
		Groups: []debriefGroup{{Conference: fmk, Entries: []debriefEntry{{DebriefEntry: model.DebriefEntry{Presenter: "HE"}}, {DebriefEntry: model.DebriefEntry{Presenter: "Frau Beispiel"}}}}}}
	if text := debriefInvitation(d); !strings.Contains(text, "(Vorstellung: Hessen)") || !strings.Contains(text, "(Vorstellung: Frau Beispiel)") {
		t.Errorf("the drafted invitation: %s", text)
	}
}
