package web

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"gremium/internal/pdftest"
)

// TestEveryServedPDFIsTagged: each PDF the product serves — the minutes
// (public and internal), the follow-up report, the debrief, the
// spokesperson overview, the evaluation results and the briefing — is a
// tagged PDF with all its content in structure elements or artifacts.
// They were untagged.
func TestEveryServedPDFIsTagged(t *testing.T) {
	ts, st := cycleServer(t)
	_, briefing := fmkDossier(t, st)
	gs := client(t, ts, "geschaeftsstelle")
	anon := client(t, ts, "")
	tests := []struct {
		c    *http.Client
		path string
	}{
		{anon, "/sitzungen/46/protokoll.pdf"},
		{gs, "/sitzungen/47/protokoll.pdf"},
		{gs, "/auftraege.pdf"},
		{gs, "/sitzungen/47/nachbesprechung.pdf"},
		{anon, "/fachmk/sprecher.pdf"},
		{gs, "/evaluation/ergebnisse.pdf"},
		{gs, fmt.Sprintf("/briefings/%d/pdf", briefing)},
	}
	tagged := regexp.MustCompile(`Tagged:\s+yes`)
	for _, tt := range tests {
		code, body := do(t, tt.c, "GET", ts.URL+tt.path, nil)
		if code != http.StatusOK || !strings.HasPrefix(body, "%PDF-") {
			t.Errorf("%s: %d, no PDF", tt.path, code)
			continue
		}
		pdf := []byte(body)
		if info := pdftest.Info(t, pdf); !tagged.MatchString(info) {
			t.Errorf("%s is not tagged", tt.path)
			continue
		}
		pdftest.Check(t, pdf)
		if p := pdftest.Unmarked(t, pdf); len(p) > 0 {
			t.Errorf("%s paints outside marked content:\n%s", tt.path, strings.Join(p, "\n"))
		}
		if els := pdftest.Elements(t, pdf); len(els) < 3 || els[1].Kind != "H1" {
			t.Errorf("%s: structure does not start with the H1: %v", tt.path, els)
		}
	}
}
