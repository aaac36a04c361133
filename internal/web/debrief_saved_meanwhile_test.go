package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestDebriefSavedMeanwhile: the debrief form in two windows; B saves Ort
// "Bonn, Bundesamt", A then saves Ort "Bonn". Before, A's form was shown
// again with the version stored now and B's place nowhere, so that the
// next save overwrote it unseen.
func TestDebriefSavedMeanwhile(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	assessFMKAndWMK(t, ts, st, gs)
	s47, _ := st.SessionByNumber(ctx, mustBody(t, st).ID, 47)
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil)
	first := browserForm(t, page, "/sitzungen/47/nachbesprechung")
	first.Set("ort", "Videokonferenz")
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/47/nachbesprechung", first); code != http.StatusSeeOther {
		t.Fatalf("first save: %d %s", code, between(body, "<h1>", "</form>"))
	}
	_, page = do(t, gs, "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil)
	a := browserForm(t, page, "/sitzungen/47/nachbesprechung")
	b := browserForm(t, page, "/sitzungen/47/nachbesprechung")
	b.Set("ort", "Bonn, Bundesamt")
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/47/nachbesprechung", b); code != http.StatusSeeOther {
		t.Fatalf("B saves: %d %s", code, between(body, "<h1>", "</form>"))
	}
	saved, _ := st.DebriefOfSession(ctx, s47.ID)
	a.Set("ort", "Bonn")
	code, body := do(t, gs, "POST", ts.URL+"/sitzungen/47/nachbesprechung", a)
	if code != http.StatusConflict || !strings.Contains(body, "Inzwischen gespeichert: Bonn, Bundesamt") || !strings.Contains(body, `value="Bonn"`) {
		t.Fatalf("A after B: %d %s", code, between(body, "<h1>", "</form>"))
	}
	again := browserForm(t, body, "/sitzungen/47/nachbesprechung")
	if again.Get("version") != fmt.Sprint(saved.Version) {
		t.Fatalf("the form shown with the stored place has version %s, not %d", again.Get("version"), saved.Version)
	}
	if now, _ := st.DebriefOfSession(ctx, s47.ID); now.Place != "Bonn, Bundesamt" {
		t.Fatalf("B's place overwritten: %q", now.Place)
	}
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/47/nachbesprechung", again); code != http.StatusSeeOther {
		t.Fatalf("saved again on purpose: %d %s", code, between(body, "<h1>", "</form>"))
	}
}
