package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/model"
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

// TestSessionEditConflictKeepsInput: two of the secretariat edit session
// 48; the second, sent on the old version, gets the form again (409) as
// typed with the version stored now and the reason, and sending it again
// saves it. Before, the answer was the error page and the move's reason
// typed was gone.
func TestSessionEditConflictKeepsInput(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	s48, _ := planSession48(t, ts, st)
	s48, _ = st.Session(ctx, s48.ID)
	form := func(place, reason string) url.Values {
		return url.Values{"version": {strconv.Itoa(s48.Version)}, "datum": {model.BerlinDate(s48.Date.Time().AddDate(0, 0, 7)).String()}, "beginn": {s48.StartTime}, "ende": {s48.EndTime},
			"ort": {place}, "vorsitz": {s48.Chair}, "art": {"ordentlich"}, "grund": {reason}}
	}
	if code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/bearbeiten", form("Schwerin", "Terminkollision mit der MPK")); code != http.StatusSeeOther {
		t.Fatalf("first edit: %d\n%s", code, between(page, "<main", "</form>"))
	}
	now, _ := st.Session(ctx, s48.ID)
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/bearbeiten", form("Wiesbaden", "Raum in Schwerin nicht verfügbar"))
	if code != http.StatusConflict || !strings.Contains(page, `value="Wiesbaden"`) || !strings.Contains(page, `value="Raum in Schwerin nicht verfügbar"`) ||
		!strings.Contains(page, fmt.Sprintf(`name="version" value="%d"`, now.Version)) || !strings.Contains(page, "Hier wurde inzwischen gespeichert") || wellFormedProblems(page) != nil {
		t.Fatalf("stale edit: %d\n%s", code, between(page, "<main", "</main>"))
	}
	if after, _ := st.Session(ctx, s48.ID); after.Place != "Schwerin" {
		t.Errorf("the stale edit changed the session: %q", after.Place)
	}
	resend := form("Wiesbaden", "Raum in Schwerin nicht verfügbar")
	resend.Set("version", postedForm(page, "/sitzungen/48/bearbeiten").Get("version"))
	if code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/bearbeiten", resend); code != http.StatusSeeOther {
		t.Fatalf("sent again: %d\n%s", code, between(page, "<main", "</form>"))
	}
	if after, _ := st.Session(ctx, s48.ID); after.Place != "Wiesbaden" {
		t.Errorf("sent again, the place is %q", after.Place)
	}
}
