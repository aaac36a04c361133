package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestRegistrationFormMarkClosesInItsLine: the registration's points
// "Zeile eins [[vertraulich⏎über zwei Zeilen]]" were refused with "zu
// „[[“ fehlt das schließende „]]“" though the closing ]] was typed. Each
// mark closes within its line (model.MarkedLines); the reason says so.
func TestRegistrationFormMarkClosesInItsLine(t *testing.T) {
	ts, st := cycleServer(t)
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 6, 0)))
	code, body := do(t, client(t, ts, "hessen"), "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {"E-Akte"},
		"punkte": {"Zeile eins [[vertraulich\r\nüber zwei Zeilen]]"}, "ziel": {"Bericht"}, "fachmk": {"keine"}})
	if code == http.StatusSeeOther || !strings.Contains(body, "Die Markierung vertraulicher Passagen ist unvollständig: Jede Markierung schließt in ihrer Zeile, doch das „[[“ in Zeile 1 (bei „Zeile eins [[vertraulich“) wird erst in Zeile 2 mit „]]“ geschlossen.") ||
		strings.Contains(body, "fehlt das schließende") {
		t.Errorf("%d\n%s", code, between(body, "<main", "</main>"))
	}
}
