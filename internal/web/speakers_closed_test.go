package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestSpeakersPanelOffersNothingOnceTheSessionEnds: the speakers' list
// panel (…/redeliste?top=, pushed to a live page left open) of a session
// that had ended offered „Wortmeldung eintragen“, „Nächste Wortmeldung
// aufrufen“ and „zurückziehen“, all of which the store refuses outside a
// running session ("Die Redeliste wird während der laufenden Sitzung
// geführt"). It now shows the list as it stood and says why nothing more
// is taken.
func TestSpeakersPanelOffersNothingOnceTheSessionEnds(t *testing.T) {
	ts, st, gs, se, items := calledFirstItem48(t)
	ctx := context.Background()
	for _, m := range []string{"HE", "BY"} {
		if _, err := st.RequestFloor(ctx, se.ID, items[0].ID, m); err != nil {
			t.Fatal(err)
		}
	}
	panel := fmt.Sprintf("%s/sitzungen/48/redeliste?top=%d", ts.URL, items[0].ID)
	actions := []string{`id="wm-form"`, "/redeliste/weiter", "/redeliste/beenden", "/zurueckziehen"}
	if _, page := do(t, gs, "GET", panel, nil); !strings.Contains(page, `id="wm-form"`) || !strings.Contains(page, "/zurueckziehen") {
		t.Fatalf("the running session's panel offers no entry:\n%s", page)
	}
	for _, next := range []model.SessionStatus{model.StatusEnded, model.StatusMinutesDraft} {
		cur, _ := st.Session(ctx, se.ID)
		if err := st.SetSessionStatus(ctx, se.ID, cur.Version, next); err != nil {
			t.Fatal(err)
		}
		code, page := do(t, gs, "GET", panel, nil)
		if code != http.StatusOK {
			t.Fatalf("%s: %d", next, code)
		}
		for _, a := range actions {
			if strings.Contains(page, a) {
				t.Errorf("%s: the panel offers %s, which the store refuses", next, a)
			}
		}
		if !strings.Contains(page, "Die Redeliste wird während der laufenden Sitzung geführt; die 48. Sitzung ist") {
			t.Errorf("%s: the panel does not say why:\n%s", next, page)
		}
	}
}

// TestSpeakersPanelWithoutCalledItem: the panel of a running session
// without an item called (…/redeliste without top=) said that nobody was
// present at "this TOP"; requests are for the item called, so it says
// that none is, and offers no entry the store would refuse.
func TestSpeakersPanelWithoutCalledItem(t *testing.T) {
	ts, st := cycleServer(t)
	runSession48(t, ts, st)
	code, page := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+"/sitzungen/48/redeliste", nil)
	if code != http.StatusOK {
		t.Fatalf("%d", code)
	}
	if strings.Contains(page, `id="wm-form"`) || strings.Contains(page, "kein Mitglied anwesend") || !strings.Contains(page, "Es ist noch kein Tagesordnungspunkt aufgerufen") {
		t.Errorf("the panel without an item called:\n%s", page)
	}
}
