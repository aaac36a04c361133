package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// TestUnknownSessionKindIsRefused: a session planned or changed with a
// kind that is neither "ordentlich" nor "sonder" is refused at the field
// "art" (before, it was taken as a regular session).
func TestUnknownSessionKindIsRefused(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen", url.Values{"nummer": {"49"}, "datum": {"2027-03-25"}, "beginn": {"09:00"}, "ende": {"13:00"},
		"ort": {"Berlin"}, "art": {"ausserordentlich"}})
	want := "Die Sitzungsart „ausserordentlich“ ist unbekannt"
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, want) || !strings.Contains(page, `id="art-fehler"`) || wellFormedProblems(page) != nil {
		t.Errorf("plan with an unknown kind: %d\n%s", code, between(page, "<main", "</form>"))
	}
	if _, err := st.SessionByNumber(ctx, mustBody(t, st).ID, 49); err == nil {
		t.Error("the session with an unknown kind was stored")
	}
	s48, _ := planSession48(t, ts, st)
	s48, _ = st.Session(ctx, s48.ID)
	code, page = do(t, gs, "POST", ts.URL+"/sitzungen/48/bearbeiten", url.Values{"version": {strconv.Itoa(s48.Version)}, "datum": {s48.Date.String()},
		"beginn": {s48.StartTime}, "ende": {s48.EndTime}, "ort": {s48.Place}, "vorsitz": {s48.Chair}, "art": {"ausserordentlich"}})
	if code != http.StatusUnprocessableEntity && code != http.StatusBadRequest || !strings.Contains(page, want) || !strings.Contains(page, `id="art-fehler"`) || wellFormedProblems(page) != nil {
		t.Errorf("change to an unknown kind: %d\n%s", code, between(page, "<main", "</form>"))
	}
	if after, _ := st.Session(ctx, s48.ID); after.Version != s48.Version {
		t.Error("the change to an unknown kind was stored")
	}
}
