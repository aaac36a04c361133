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
	"gremium/internal/store"
)

// publishAgendaForTest publishes the agenda of session sid, as the
// secretariat does before opening it: a session opens only with a
// published agenda (store.ErrAgendaUnpublished). Test set-up only.
func publishAgendaForTest(t testing.TB, st *store.Store, sid int64) {
	t.Helper()
	ctx := context.Background()
	se, err := st.Session(ctx, sid)
	if err != nil {
		t.Fatal(err)
	}
	if se.AgendaPublished {
		return
	}
	se.AgendaPublished = true
	if err := st.UpdateSession(ctx, se); err != nil {
		t.Fatal(err)
	}
}

// TestSessionOpensOnlyWithPublishedAgendaOnTheManagePage: the 48th
// session was opened from the management page ("Sitzung eröffnen")
// although its agenda was never published. The page says beside
// "Sitzung einberufen" and "Sitzung eröffnen" that the agenda is not yet
// published, with the way to its publication; opening anyway is refused
// (422) with the reason in the status's error box, the session stays
// convened; convening is not refused. Published, the session opens.
func TestSessionOpensOnlyWithPublishedAgendaOnTheManagePage(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	sections, _ := st.Sections(ctx, council.ID)
	sid, err := st.PlanSession(ctx, model.Session{BodyID: council.ID, Number: 48, Date: model.NewDate(2026, 3, 12), Status: model.StatusPlanned},
		itplr.StandardItems(48, sections))
	if err != nil {
		t.Fatal(err)
	}
	gs := client(t, ts, "geschaeftsstelle")
	link := `<a href="#tagesordnung-veroeffentlichen">Zur Veröffentlichung der Tagesordnung</a>`
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	if hint := between(page, `id="tagesordnung-fehlt"`, "</p>"); !strings.Contains(hint, "Einberufen lässt sich die Sitzung schon jetzt") || !strings.Contains(hint, link) ||
		!strings.Contains(page, `id="tagesordnung-veroeffentlichen"`) {
		t.Errorf("before convening, the page does not say that the agenda is unpublished: %q", hint)
	}
	step := func(next model.SessionStatus) (int, string) {
		t.Helper()
		se, _ := st.Session(ctx, sid)
		return do(t, gs, "POST", ts.URL+"/sitzungen/48/status", url.Values{"version": {fmt.Sprint(se.Version)}, "naechster": {string(next)}})
	}
	if code, body := step(model.StatusConvened); code != http.StatusSeeOther {
		t.Fatalf("convening: %d %.300s", code, body)
	}
	_, page = do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	if hint := between(page, `id="tagesordnung-fehlt"`, "</p>"); !strings.Contains(hint, "Eröffnet werden kann die Sitzung erst mit veröffentlichter Tagesordnung.") || !strings.Contains(hint, link) ||
		!strings.Contains(page, `aria-describedby="tagesordnung-fehlt">Sitzung eröffnen</button>`) {
		t.Errorf("the page does not say why the session cannot be opened yet: %q", hint)
	}
	code, page := step(model.StatusRunning)
	if box := between(page, `id="status-fehler"`, "</div>"); code != http.StatusUnprocessableEntity ||
		!strings.Contains(box, "Die 48. Sitzung kann nicht eröffnet werden: ihre Tagesordnung ist nicht veröffentlicht. Bitte zuerst die Tagesordnung veröffentlichen.") {
		t.Errorf("opening without a published agenda: %d %q", code, box)
	}
	if se, _ := st.Session(ctx, sid); se.Status != model.StatusConvened || se.AgendaPublished {
		t.Errorf("after the refusal: %s, published %v", se.Status, se.AgendaPublished)
	}
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/veroeffentlichen", publishUnnumbered(t, st, 48)); code != http.StatusSeeOther {
		t.Fatalf("publish: %d %.300s", code, body)
	}
	if _, page = do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil); strings.Contains(page, `id="tagesordnung-fehlt"`) {
		t.Error("the hint stays after the publication")
	}
	if code, body := step(model.StatusRunning); code != http.StatusSeeOther {
		t.Fatalf("opening with the agenda published: %d %.300s", code, body)
	}
}
