package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestRegisterImplementationAnyCase: ?umsetzung=OFFEN was refused (400
// "Der Umsetzungsstand muss …") while ?art=Beschluss and ?be=he were
// taken: the register compared the implementation state as typed. The
// page, its feed, both exports and the JSON API take it whatever its
// case (and "in Umsetzung" as the register's column writes it) and answer
// exactly as for the value in lower case; a mistyped state is the 400 at
// its field that every other filter gives.
func TestRegisterImplementationAnyCase(t *testing.T) {
	ts, st := cycleServer(t)
	addContinuation(t, st)
	surfaces := []string{"/beschluesse?", "/beschluesse.atom?", "/beschluesse.csv?", "/beschluesse.pdf?", "/api/v1/beschluesse?"}
	for _, c := range []struct{ typed, canonical string }{
		{"umsetzung=OFFEN", "umsetzung=offen"},
		{"umsetzung=Umgesetzt", "umsetzung=umgesetzt"},
		{"umsetzung=In_Umsetzung", "umsetzung=in_umsetzung"},
		{"umsetzung=in%20Umsetzung", "umsetzung=in_umsetzung"},
		{"umsetzung=%20offen%20", "umsetzung=offen"},
		{"umsetzung=Erledigt", "umsetzung=umgesetzt"},
		{"verfahren=Gruene-Liste", "verfahren=gruene-liste"},
	} {
		for _, path := range surfaces {
			want, wantBody := get(t, ts, path+c.canonical)
			res, body := get(t, ts, path+c.typed)
			if want.StatusCode != http.StatusOK || res.StatusCode != http.StatusOK {
				t.Errorf("%s%s: %d (%s: %d), want 200:\n%.400s", path, c.typed, res.StatusCode, c.canonical, want.StatusCode, between(body, "<main", "</main>"))
				continue
			}
			if path == "/beschluesse?" {
				body, wantBody = between(body, "<main", "</main>"), between(wantBody, "<main", "</main>")
			}
			if body != wantBody {
				t.Errorf("%s%s: answers otherwise than %s", path, c.typed, c.canonical)
			}
		}
	}
	// The page's form shows the state chosen, and its links write it as
	// the register does.
	_, page := get(t, ts, "/beschluesse?umsetzung=In_Umsetzung")
	if !strings.Contains(page, `<option value="in_umsetzung" selected>`) || !strings.Contains(page, "/beschluesse.csv?umsetzung=in_umsetzung") || strings.Contains(page, "In_Umsetzung") {
		t.Errorf("/beschluesse?umsetzung=In_Umsetzung: the form or a link does not say in_umsetzung:\n%s", between(page, "<main", "</main>"))
	}
	// Mistyped: 400 at the field on every surface, with the same reason.
	const reason = "Der Umsetzungsstand muss"
	for _, path := range surfaces {
		res, body := get(t, ts, path+"umsetzung=OFFN")
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, reason) {
			t.Errorf("%sumsetzung=OFFN: %d, want 400 with %q:\n%.400s", path, res.StatusCode, reason, body)
		}
		if strings.HasPrefix(path, "/api/") {
			if !strings.Contains(body, `"umsetzung"`) {
				t.Errorf("%sumsetzung=OFFN: the refusal does not name umsetzung: %s", path, body)
			}
		} else if !strings.Contains(body, `href="#f-umsetzung"`) {
			t.Errorf("%sumsetzung=OFFN: the summary does not link the field", path)
		}
	}
}
