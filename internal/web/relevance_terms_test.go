package web

import (
	"net/url"
	"strings"
	"testing"
)

// TestProposalNamesTermsAsWritten: the relevance proposal beside a
// registration on the management page names each matched term and the
// word of the text it stands in ("Steuer (in „Steuerdaten“)"); before,
// it showed the engine's compound split ("Steuer (Steuer|daten)"), which
// read like debug output.
func TestProposalNamesTermsAsWritten(t *testing.T) {
	ts, st := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	pendingRegistration(t, ts, st, client(t, ts, "hessen"), url.Values{"titel": {"Austausch der Steuerdaten"}, "ziel": {"Bericht"}, "fachmk": {"keine"}})
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	proposal := strings.ReplaceAll(between(page, "Vorschlag von gremium: ", "</span>"), "\u00ad", "")
	if want := "Finanzministerkonferenz – Steuer (in „Steuerdaten“), Steuerdaten"; proposal != want {
		t.Errorf("proposal = %q, want %q", proposal, want)
	}
	if strings.Contains(proposal, "|") {
		t.Errorf("the proposal shows the compound split: %q", proposal)
	}
}
