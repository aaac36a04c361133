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
	"gremium/internal/store"
)

// TestAcceptClickedTwice: "Annehmen" sent twice with the version of the
// page (a double click) is done the second time too: the management page
// with "Die Anmeldung ist bereits angenommen.", the item where the first
// click put it. Before, the second click got 409 "Bearbeitungskonflikt …
// von jemand anderem geändert", although the user's own first click was
// saved. The same holds for "Ablehnen" with the same reason.
func TestAcceptClickedTwice(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := store.WithActor(context.Background(), "test")
	se := planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	gs := client(t, ts, "geschaeftsstelle")
	register := func(title string) model.AgendaItem {
		id, err := st.RegisterItem(ctx, model.AgendaItem{SessionID: se.ID, Title: title, Goal: model.GoalReport, Status: model.ItemRegistered,
			RegisteredBy: "HE", Impact: model.Impact{Stated: true}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		it, err := st.Item(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return it
	}
	decide := func(it model.AgendaItem, form url.Values) (int, string) {
		t.Helper()
		form.Set("version", fmt.Sprint(it.Version))
		res, err := gs.PostForm(fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID), form)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			return res.StatusCode, ""
		}
		_, page := do(t, gs, "GET", ts.URL+res.Header.Get("Location"), nil)
		return res.StatusCode, page
	}
	for _, c := range []struct {
		decision, reason, notice string
		status                   model.ItemStatus
	}{
		{"annehmen", "", "Die Anmeldung ist bereits angenommen.", model.ItemAccepted},
		{"ablehnen", "Das Thema gehört in die AL-Runde.", "Die Anmeldung ist bereits abgelehnt.", model.ItemDeclined},
	} {
		it := register("Hessisches Vorhaben zum " + c.decision)
		form := url.Values{"entscheidung": {c.decision}, "grund": {c.reason}}
		if code, _ := decide(it, form); code != http.StatusSeeOther {
			t.Fatalf("%s: %d", c.decision, code)
		}
		first, _ := st.Item(ctx, it.ID)
		code, page := decide(it, form)
		if code != http.StatusSeeOther || !strings.Contains(page, c.notice) {
			t.Errorf("%s clicked twice: %d, want the page with %q", c.decision, code, c.notice)
		}
		if strings.Contains(page, "Bearbeitungskonflikt") {
			t.Errorf("%s clicked twice: said as a conflict", c.decision)
		}
		if now, _ := st.Item(ctx, it.ID); now.Status != c.status || now.Version != first.Version || now.Position != first.Position {
			t.Errorf("%s clicked twice changed the item: %s v%d at %d, was v%d at %d", c.decision, now.Status, now.Version, now.Position, first.Version, first.Position)
		}
	}
	// A stale form asking for the other decision stays a conflict.
	it := register("Hessisches Vorhaben, angenommen und dann abgelehnt")
	if code, _ := decide(it, url.Values{"entscheidung": {"annehmen"}}); code != http.StatusSeeOther {
		t.Fatalf("accept: %d", code)
	}
	if code, _ := decide(it, url.Values{"entscheidung": {"ablehnen"}, "grund": {"Doch nicht."}}); code != http.StatusConflict {
		t.Errorf("declining from a stale form: %d, want 409", code)
	}
}
