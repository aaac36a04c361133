package web

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"gremium/internal/pdftest"
)

// TestMinutesTitlesSayTheVersion: the draft minutes of the 47th session
// said "Entwurf" in their heading, file name and OParl name, but the
// page's <title> ("Protokoll der 47. Sitzung – IT-Planungsrat") and the
// PDF's metadata Title ("Protokoll der 47. Sitzung des IT-Planungsrats"),
// which bookmarks, tabs and PDF readers show, said neither that they are
// a draft nor which version they are. Now both say it, for the public and
// the internal version (model.MinutesTitle).
func TestMinutesTitlesSayTheVersion(t *testing.T) {
	ts, _ := cycleServer(t)
	for _, c := range []struct {
		account, want string
	}{
		{"", "Protokoll der 47. Sitzung des IT-Planungsrats – Entwurf (öffentliche Fassung)"},
		{"geschaeftsstelle", "Protokoll der 47. Sitzung des IT-Planungsrats – Entwurf (interne Fassung)"},
	} {
		cl := client(t, ts, c.account)
		if _, page := do(t, cl, "GET", ts.URL+"/sitzungen/47/protokoll", nil); !strings.Contains(page, "<title>"+c.want+" – gremium</title>") {
			t.Errorf("%q: the page's title: %s", c.account, between(page, "<title>", "</title>"))
		}
		res, err := cl.Get(ts.URL + "/sitzungen/47/protokoll.pdf")
		if err != nil {
			t.Fatal(err)
		}
		pdf, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%q: PDF %d", c.account, res.StatusCode)
		}
		if info := pdftest.Info(t, pdf); !regexp.MustCompile(`(?m)^Title:\s+` + regexp.QuoteMeta(c.want) + `$`).MatchString(info) {
			t.Errorf("%q: the PDF's metadata:\n%s", c.account, info)
		}
	}
}
