package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestStatusNoticeNamesTheSession: the notice after a status step names
// the session whose status it is ("Status der 48. Sitzung: einberufen");
// it said "Status: beendet" alone, and shown under another session's
// heading (the IT-PLR session's recommendations) it read as that
// session's status.
func TestStatusNoticeNamesTheSession(t *testing.T) {
	ts, st := cycleServer(t)
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/48/status", url.Values{"naechster": {string(model.StatusConvened)}, "version": {"1"}}); code != http.StatusSeeOther {
		t.Fatalf("status step: %d", code)
	}
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	if box := between(page, `class="notice-box"`, "</div>"); !strings.Contains(box, "Status der 48. Sitzung: einberufen") {
		t.Errorf("the notice: %s", box)
	}
}

// TestDecisionKindOfFormReadsAnyCase: the live form's kind "Beschluss"
// (as the label reads) is the kind beschluss; it was refused as a kind
// that does not exist ("Die Art „Beschluss“ gibt es nicht …").
func TestDecisionKindOfFormReadsAnyCase(t *testing.T) {
	for v, want := range map[string]model.DecisionKind{"Beschluss": model.KindDecision, "EMPFEHLUNG": model.KindRecommendation, " beschluss ": model.KindDecision, "": model.KindDecision} {
		if got, err := decisionKindOfForm(v); err != nil || got != want {
			t.Errorf("%q: %q %v, want %q", v, got, err, want)
		}
	}
	if _, err := decisionKindOfForm("Antrag"); model.ClassOf(err) != model.ErrInput {
		t.Errorf("a kind that is none: %v", err)
	}
}

// TestFrozenMinutesSayWhenApproved: the live page of approved minutes
// says "Dieses Protokoll wurde am … genehmigt und kann nicht mehr
// bearbeitet werden" (it read "ist genehmigt am … und kann …").
func TestFrozenMinutesSayWhenApproved(t *testing.T) {
	ts, st := cycleServer(t)
	se, err := st.SessionByNumber(context.Background(), mustBody(t, st).ID, 46)
	if err != nil || !se.Status.MinutesFrozen() {
		t.Fatalf("the 46th session: %+v %v", se.Status, err)
	}
	_, page := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+"/sitzungen/46/live", nil)
	if !strings.Contains(page, "<strong>Dieses Protokoll wurde") || !strings.Contains(page, "genehmigt und kann nicht mehr bearbeitet werden.</strong>") || strings.Contains(page, "ist genehmigt am") {
		t.Errorf("the frozen minutes say: %s", between(page, `<strong>Dieses Protokoll`, "</strong>"))
	}
}
