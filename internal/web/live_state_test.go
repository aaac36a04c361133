package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestLiveStateNamesEveryDecision: the live box of the 47th session
// (GET /sitzungen/47/live/stand, public and secretariat) gave a decision
// whose number is unreadable in the minutes as `<a href=""></a>`, a link
// without a name, and the consent agenda's result in brackets in brackets,
// "(einstimmig (Grüne Liste, en bloc))"; and it answered an ended session
// with "Live aus der Sitzung", which the session page shows only while the
// session runs. Now the decision is named ("Beschluss (Nummer im Protokoll
// nicht lesbar)") without a link, the remark follows after a semicolon,
// and the box of an ended session says it has ended. The register, the
// home page and the debrief link decisions the same way.
func TestLiveStateNamesEveryDecision(t *testing.T) {
	ts, _ := cycleServer(t)
	for _, who := range []string{"", "geschaeftsstelle"} {
		code, box := do(t, client(t, ts, who), "GET", ts.URL+"/sitzungen/47/live/stand", nil)
		if code != http.StatusOK {
			t.Fatalf("%q: %d", who, code)
		}
		for _, want := range []string{"Sitzung beendet", "Beschluss (im Protokoll ohne Nummer)", "(einstimmig; Grüne Liste, en bloc)"} {
			if !strings.Contains(box, want) {
				t.Errorf("%q: the box lacks %q:\n%s", who, want, box)
			}
		}
		for _, bad := range []string{`href=""`, "Live aus der Sitzung", "(Grüne Liste, en bloc))"} {
			if strings.Contains(box, bad) {
				t.Errorf("%q: the box holds %q:\n%s", who, bad, box)
			}
		}
	}
	for _, path := range []string{"/", "/beschluesse", "/beschluesse?jahr=2025", "/sitzungen/47"} {
		if _, page := do(t, client(t, ts, ""), "GET", ts.URL+path, nil); strings.Contains(page, `href=""`) {
			t.Errorf("%s links a decision without address", path)
		}
	}
}
