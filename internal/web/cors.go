package web

import (
	"net/http"
	"strings"
)

// The one CORS rule: gremium's open data may be read by a web page of any
// origin (Access-Control-Allow-Origin: *), never with credentials — a
// browser sends no cookie with a request whose answer allows any origin,
// and refuses to show it one sent with credentials. Open data are the
// answers that are the same for every reader or gated to the public by
// the publication gate: the JSON API and OParl (which set the header
// themselves too, served alone), and the public feeds — the sessions and
// the FachMK dates as iCalendar, the register as Atom. The personal
// calendar (/kalender/{token}.ics) is no open data: its address is a
// secret of its owner. Cross-origin preflights are not answered, so no
// other method than a simple GET or HEAD is allowed across origins
// (docs/asvs.md, 14.5.3).

// anyOrigin is the value of Access-Control-Allow-Origin on open data.
var anyOrigin = []string{"*"}

// openData says whether the answer at the path is open data that any
// origin may read.
func openData(p string) bool {
	switch {
	case strings.HasPrefix(p, "/api/"), p == "/oparl/v1", strings.HasPrefix(p, "/oparl/v1/"):
		return true
	case p == "/sitzungen.ics", p == "/beschluesse.atom", p == "/fachmk/termine.ics":
		return true
	case strings.HasPrefix(p, "/fachmk/") && strings.HasSuffix(p, "/termine.ics"):
		return strings.Count(p, "/") == 3 // /fachmk/{abbrev}/termine.ics
	}
	return false
}

// allowOpenData sets the CORS header of the answer to r if it is open
// data (setSecurityHeaders calls it for every response).
func allowOpenData(hd http.Header, r *http.Request) {
	if openData(r.URL.Path) {
		hd["Access-Control-Allow-Origin"] = anyOrigin
	}
}
