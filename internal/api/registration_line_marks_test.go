package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestRegistrationMarkClosesInItsLine: a point whose confidential mark
// runs on into the next point ("Zeile eins [[vertraulich", "über zwei
// Zeilen]]") was refused with "zu „[[“ fehlt das schließende „]]“",
// though the closing ]] was sent. Each mark closes within its line
// (model.MarkedLines); the reason says so, at the member.
func TestRegistrationMarkClosesInItsLine(t *testing.T) {
	_, _, send := hessenAPI(t)
	code, out := send("POST", "/api/v1/sitzungen/49/anmeldungen", `{"titel":"E-Akte","ziel":"Bericht","punkte":["Zeile eins [[vertraulich","über zwei Zeilen]]"],"fachmk":{"betroffen":false}}`)
	var at string
	for _, p := range out.Problems {
		if p.Field == "/punkte" {
			at += p.Reason
		}
	}
	if code != http.StatusUnprocessableEntity || !strings.Contains(at, "Die Markierung vertraulicher Passagen ist unvollständig: Jede Markierung schließt in ihrer Zeile, doch das „[[“ in Zeile 1 (bei „Zeile eins [[vertraulich“) wird erst in Zeile 2 mit „]]“ geschlossen.") ||
		strings.Contains(at, "fehlt das schließende") {
		t.Errorf("%d at /punkte: %q (all: %+v)", code, at, out)
	}
}
