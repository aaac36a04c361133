package web

import (
	"net/http"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestQuorumNoticeReadsAsASentence: the notice after the quorum check
// (and after the attendance is saved) read "Feststellung der
// Beschlussfähigkeit: beschlussfähig: 16 von 17 …", two colons in a row;
// it reads "Feststellung der Beschlussfähigkeit – beschlussfähig: …".
func TestQuorumNoticeReadsAsASentence(t *testing.T) {
	ts, st, _ := lawServer(t)
	runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/48/beschlussfaehigkeit", nil); code != http.StatusSeeOther {
		t.Fatalf("quorum check: %d", code)
	}
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/live", nil)
	notice := between(page, `<div class="notice-box`, "</div>")
	if !strings.Contains(notice, "Feststellung der Beschlussfähigkeit – beschlussfähig: 17 von 17 stimmberechtigten Mitgliedern anwesend (nötig: 9).</p>") {
		t.Errorf("the notice reads %q", notice)
	}
}
