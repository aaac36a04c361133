package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/store"
)

// TestRefusedDebriefKeepsTheForm: a debrief whose date is no date went to
// the error page ("Das Datum ist ungültig."), and the invitation text the
// secretariat had written was lost with the choices of the table. The
// form comes back as typed, the reason at the date.
func TestRefusedDebriefKeepsTheForm(t *testing.T) {
	ts, st := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	assessFMKAndWMK(t, ts, st, gs)
	form := url.Values{"datum": {"31.02.2025"}, "ort": {"Videokonferenz"}, "einladung": {"Meine eigene Einladung"}, "aufnehmen_0": {"1"}, "vorstellung_0": {"HH"}}
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/47/nachbesprechung", form)
	if code != http.StatusBadRequest {
		t.Fatalf("%d", code)
	}
	reasonsAtFields(t, page, `<div class="error-box" role="alert" id="nb-fehler">`, map[string]string{"nb-datum": "Der Termin ist kein gültiges Datum"})
	for _, want := range []string{`value="31.02.2025"`, ">Meine eigene Einladung</textarea>", `id="vs-0" name="vorstellung_0" value="HH"`, `id="auf-0" name="aufnehmen_0" value="1" checked`} {
		if !strings.Contains(page, want) {
			t.Errorf("the refused debrief lacks %s", want)
		}
	}
	if strings.Contains(page, `id="auf-1" name="aufnehmen_1" value="1" checked`) {
		t.Error("an entry not ticked comes back ticked")
	}
	s47, _ := st.SessionByNumber(context.Background(), mustBody(t, st).ID, 47)
	if _, err := st.DebriefOfSession(context.Background(), s47.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a refused debrief was saved: %v", err)
	}
}
