package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestProposalNamesTermsAsWritten: the relevance proposal beside a
// registration on the management page names each matched term and the
// word of the text it stands in ("Steuer (in „Steuerdaten“)"); before,
// it showed the engine's compound split ("Steuer (Steuer|daten)"), which
// read like debug output.
func TestProposalNamesTermsAsWritten(t *testing.T) {
	ts, st := cycleServer(t)
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	he, gs := client(t, ts, "hessen"), client(t, ts, "geschaeftsstelle")
	if code, page := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {"Austausch der Steuerdaten"}, "ziel": {"Bericht"}, "fachmk": {"keine"}}); code != http.StatusSeeOther {
		t.Fatalf("registration: %d %s", code, between(page, "<main", "</main>"))
	}
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	proposal := strings.ReplaceAll(between(page, "Vorschlag von gremium: ", "</span>"), "\u00ad", "")
	if want := "Finanzministerkonferenz – Steuer (in „Steuerdaten“), Steuerdaten"; proposal != want {
		t.Errorf("proposal = %q, want %q", proposal, want)
	}
	if strings.Contains(proposal, "|") {
		t.Errorf("the proposal shows the compound split: %q", proposal)
	}
}
