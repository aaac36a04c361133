package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestRegistrationUndecidedWhenItsSessionOpens: Hessen's registration of
// the 48th is still undecided when the 48th opens. It stays on the
// secretariat's worklist ("Mein Bereich"), marked that the session runs;
// the 48th's management page says so beside it and offers the move to the
// 49th, which the secretariat makes (Hessen's own move is refused: the
// session is the secretariat's now). Before, it dropped off the worklist
// and the move was refused for a session not cancelled.
func TestRegistrationUndecidedWhenItsSessionOpens(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s48 := planSessionOn(t, st, 48, model.BerlinDate(time.Now()))
	s49 := planSessionOn(t, st, 49, model.BerlinDate(time.Now().AddDate(0, 0, 120)))
	he, gs := client(t, ts, "hessen"), client(t, ts, "geschaeftsstelle")
	if code, page := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {"Gemeinsames Register"}, "ziel": {"Diskussion"}, "fachmk": {"keine"}}); code != http.StatusSeeOther {
		t.Fatalf("registration: %d %s", code, between(page, "<main", "</main>"))
	}
	items, _ := st.Items(ctx, s48.ID)
	it := items[len(items)-1]
	se, _ := st.Session(ctx, s48.ID)
	se.AgendaPublished = true
	if err := st.UpdateSession(ctx, se); err != nil {
		t.Fatal(err)
	}
	for _, next := range []model.SessionStatus{model.StatusConvened, model.StatusRunning} {
		se, _ := st.Session(ctx, s48.ID)
		if err := st.SetSessionStatus(ctx, se.ID, se.Version, next); err != nil {
			t.Fatal(err)
		}
	}
	_, mine := do(t, gs, "GET", ts.URL+"/mein-bereich", nil)
	if list := between(mine, `id="h-annehmen"`, "</section>"); !strings.Contains(list, "Gemeinsames Register") || !strings.Contains(list, "die Sitzung läuft") {
		t.Errorf("the secretariat's worklist: %s", list)
	}
	_, manage := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	regs := between(manage, `id="h-anmeldungen"`, "</section>")
	if !strings.Contains(regs, `id="anmeldungen-begonnen"`) || !strings.Contains(regs, fmt.Sprintf(`action="/anmeldungen/%d/verlegen"`, it.ID)) ||
		!strings.Contains(regs, `<option value="49">`) || !strings.Contains(regs, `value="annehmen"`) {
		t.Errorf("the running 48th's registrations: %s", regs)
	}
	it, _ = st.Item(ctx, it.ID)
	move := url.Values{"version": {fmt.Sprint(it.Version)}, "sitzung": {"49"}, "zurueck": {"verwaltung"}}
	if code, page := do(t, he, "POST", fmt.Sprintf("%s/anmeldungen/%d/verlegen", ts.URL, it.ID), move); code != http.StatusUnprocessableEntity ||
		!strings.Contains(page, "entscheidet die Geschäftsstelle") {
		t.Errorf("Hessen moved it: %d %s", code, between(page, "<main", "</main>"))
	}
	if code, page := do(t, gs, "POST", fmt.Sprintf("%s/anmeldungen/%d/verlegen", ts.URL, it.ID), move); code != http.StatusSeeOther {
		t.Fatalf("the secretariat's move: %d %s", code, between(page, "<main", "</main>"))
	}
	if moved, _ := st.Item(ctx, it.ID); moved.SessionID != s49.ID || moved.Status != model.ItemRegistered {
		t.Errorf("after the move: %+v", moved)
	}
	_, manage = do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	if strings.Contains(manage, `id="anmeldungen-begonnen"`) {
		t.Error("the 48th still lists the moved registration")
	}
}
