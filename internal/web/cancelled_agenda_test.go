package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/itplr"
	"gremium/internal/model"
)

// TestCancelledSessionOffersNoAcceptance: the management page of a
// cancelled session offers neither "Annehmen" for a pending registration
// nor "TOPs nummerieren", says why, and an acceptance posted all the same
// is refused (422); Hessen's "Mein Bereich" and its registration's page
// say that the session is cancelled. Before, both forms were offered and
// worked, and Hessen read "angenommen; er steht auf der Tagesordnung".
func TestCancelledSessionOffersNoAcceptance(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	sections, _ := st.Sections(ctx, council.ID)
	sid, err := st.PlanSession(ctx, model.Session{BodyID: council.ID, Number: 49, Date: model.DaysAfter(model.BerlinDate(st.Now()), 30), Status: model.StatusPlanned},
		itplr.StandardItems(49, sections))
	if err != nil {
		t.Fatal(err)
	}
	item, err := st.RegisterItem(ctx, model.AgendaItem{SessionID: sid, Title: "Cloud-Strategie der Länder", Goal: model.GoalDiscussion, Status: model.ItemRegistered,
		RegisteredBy: "HE", Impact: model.Impact{Stated: true}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	se, _ := st.Session(ctx, sid)
	if err := st.CancelSession(ctx, sid, se.Version, "Terminkollision"); err != nil {
		t.Fatal(err)
	}
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/49/verwaltung", nil)
	regs := between(page, `id="h-anmeldungen"`, "</section>")
	if strings.Contains(regs, `value="annehmen"`) || strings.Contains(page, `action="/sitzungen/49/nummerieren"`) || !strings.Contains(regs, "angenommen wird keine Anmeldung mehr") {
		t.Errorf("the cancelled session's registrations: %s", regs)
	}
	if !strings.Contains(regs, `value="ablehnen"`) {
		t.Errorf("declining is not offered: %s", regs)
	}
	it, _ := st.Item(ctx, item)
	code, body := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, item), url.Values{"version": {fmt.Sprint(it.Version)}, "entscheidung": {"annehmen"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Die 49. Sitzung ist abgesagt") {
		t.Errorf("accepting onto the cancelled agenda: %d", code)
	}
	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/49/nummerieren", url.Values{}); code != http.StatusUnprocessableEntity {
		t.Errorf("numbering the cancelled agenda: %d", code)
	}
	if it, _ := st.Item(ctx, item); it.Status != model.ItemRegistered {
		t.Errorf("the registration is %s", it.Status)
	}
	he := client(t, ts, "hessen")
	if _, mine := do(t, he, "GET", ts.URL+"/mein-bereich", nil); !strings.Contains(between(mine, `id="h-anmeldungen"`, "</section>"), "die Sitzung ist abgesagt") {
		t.Errorf("Hessen's registrations: %s", between(mine, `id="h-anmeldungen"`, "</section>"))
	}
	if _, own := do(t, he, "GET", fmt.Sprintf("%s/anmeldungen/%d", ts.URL, item), nil); !strings.Contains(own, "Die 49. Sitzung ist abgesagt (Terminkollision)") {
		t.Errorf("the registration's page: %s", between(own, "<main", "</dl>"))
	}
}
