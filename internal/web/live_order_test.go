package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// TestLivePageTakesUpRatherThanMoves: in a running session the live page
// offered "TOP vorziehen" (and the Verwaltung page its arrows), which
// moved the item up the agenda the members were invited to, and the
// minutes then recorded no change of order. Now the live page offers to
// take the item up ("TOP aufrufen"), says that the minutes will record it
// as taken up early, the Verwaltung page says the same instead of the
// arrows, and a move sent anyway is refused with that reason and changes
// nothing.
func TestLivePageTakesUpRatherThanMoves(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	_, it, _ := dayOf48(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", fmt.Sprintf("%s/sitzungen/48/live?top=%d", ts.URL, it.ID), nil)
	if strings.Contains(page, "TOP vorziehen") || !strings.Contains(page, "TOP aufrufen") ||
		!strings.Contains(page, "vermerkt das Protokoll, dass er vorgezogen wurde") {
		t.Errorf("live page of a running session: %.2000s", page)
	}
	// The Verwaltung page offers no move either, and says how.
	if _, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil); strings.Contains(page, fmt.Sprintf(`action="/tops/%d/verschieben"`, it.ID)) ||
		!strings.Contains(page, `id="reihenfolge-laufend"`) {
		t.Errorf("the management page of a running session offers to move its items")
	}
	code, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/verschieben", ts.URL, it.ID),
		url.Values{"richtung": {"hoch"}, "version": {strconv.Itoa(it.Version)}, "zurueck": {"live"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "in der Live-Ansicht aufrufen") {
		t.Errorf("moving an item of a running session: %d %.300s", code, page)
	}
	if got, _ := st.Item(ctx, it.ID); got.Position != it.Position || got.Version != it.Version {
		t.Errorf("the refused move changed the item: position %d → %d", it.Position, got.Position)
	}
}

// TestLivePageSaysHowToDefer: without a later session the live page
// offered no "TOP vertagen" and said nothing; a deferral sent anyway was
// refused. It now says that a later session must be planned first, with
// the link, and the form comes once one is.
func TestLivePageSaysHowToDefer(t *testing.T) {
	ts, st := cycleServer(t)
	_, it, _ := dayOf48(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	live := fmt.Sprintf("%s/sitzungen/48/live?top=%d", ts.URL, it.ID)
	if _, page := do(t, gs, "GET", live, nil); !strings.Contains(page, `id="vertagen-hinweis"`) || !strings.Contains(page, `<a href="/sitzungen/neu">Sitzung planen</a>`) {
		t.Errorf("the live page without a later session does not say how to defer: %.300s", between(page, `<div class="live-item">`, "<h3>"))
	}
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen", url.Values{"nummer": {"49"}, "datum": {"2027-03-11"}, "beginn": {"09:00"}, "ende": {"13:00"}, "ort": {"Bonn"}, "vorsitz": {"MV"}}); code != http.StatusSeeOther {
		t.Fatalf("create session 49: %d %s", code, body)
	}
	if _, page := do(t, gs, "GET", live, nil); strings.Contains(page, `id="vertagen-hinweis"`) || !strings.Contains(page, fmt.Sprintf(`action="/tops/%d/vertagen"`, it.ID)) {
		t.Error("with a later session the live page does not offer the deferral")
	}
}
