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
		account, want, file string
	}{
		{"", "Protokoll der 47. Sitzung des IT-Planungsrats – Entwurf (öffentliche Fassung)", "protokoll-47-entwurf"},
		// The internal version's file says "intern" too: a saved copy,
		// with its confidential passages, is not taken for the public
		// one (before, both had the same name).
		{"geschaeftsstelle", "Protokoll der 47. Sitzung des IT-Planungsrats – Entwurf (interne Fassung)", "protokoll-47-entwurf-intern"},
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
		if got := res.Header.Get("Content-Disposition"); !strings.Contains(got, `filename="`+c.file+`.pdf"`) {
			t.Errorf("%q: the PDF's file name: %s", c.account, got)
		}
		if res, err := cl.Get(ts.URL + "/sitzungen/47/protokoll.txt"); err != nil {
			t.Fatal(err)
		} else if res.Body.Close(); !strings.Contains(res.Header.Get("Content-Disposition"), `filename="`+c.file+`.txt"`) {
			t.Errorf("%q: the text's file name: %s", c.account, res.Header.Get("Content-Disposition"))
		}
	}
}
