package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestSessionEditSavedMeanwhile: two windows on /sitzungen/48/bearbeiten;
// B saves Ort "Bonn, Bundesamt", then A saves Ort "Bonn". Before, A got
// 409 "die Seite zeigt den neuen Stand" with the new stand shown nowhere
// and the form's version raised, so that the next save overwrote B's
// change unseen; and a refusal for another reason (a move without a
// reason) raised the version without a word of the conflict.
func TestSessionEditSavedMeanwhile(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s48, _ := planSession48(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	form := func(place string) url.Values {
		return url.Values{"version": {strconv.Itoa(s48.Version)}, "datum": {s48.Date.String()}, "beginn": {s48.StartTime},
			"ende": {s48.EndTime}, "ort": {place}, "art": {"ordentlich"}}
	}
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/bearbeiten", form("Bonn, Bundesamt")); code != http.StatusSeeOther {
		t.Fatalf("B saves: %d %s", code, between(body, "<main", "</form>"))
	}
	saved, _ := st.Session(ctx, s48.ID)

	// A moves the start without a reason, from the old version: both the
	// missing reason and the conflict are said, the stored place shown.
	moved := form("Bonn")
	moved.Set("beginn", "11:00")
	code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/bearbeiten", moved)
	if code != http.StatusConflict || !strings.Contains(body, "Grund für die Verlegung") || !strings.Contains(body, "Hier wurde inzwischen gespeichert") ||
		!strings.Contains(body, "Inzwischen gespeichert: Bonn, Bundesamt") || !strings.Contains(body, "Inzwischen gespeichert: "+s48.StartTime) {
		t.Fatalf("refused move from a stale form: %d %s", code, between(body, "<main", "</form>"))
	}
	if !strings.Contains(body, `name="version" value="`+strconv.Itoa(saved.Version)+`"`) || !strings.Contains(body, `value="Bonn"`) {
		t.Fatalf("the form shown with the stored values has not the stored version or lost the input: %s", between(body, "<main", "</form>"))
	}

	// A refusal for another reason from the current version raises
	// nothing and shows no stored value.
	cur := form("Bonn")
	cur.Set("version", strconv.Itoa(saved.Version))
	cur.Set("beginn", "11:00")
	code, body = do(t, gs, "POST", ts.URL+"/sitzungen/48/bearbeiten", cur)
	if code != http.StatusUnprocessableEntity || strings.Contains(body, "Inzwischen gespeichert") || strings.Contains(body, "inzwischen gespeichert") {
		t.Fatalf("refused move from the current form: %d %s", code, between(body, "<main", "</form>"))
	}

	// A save refused by the store's version check shows the stored
	// value; the form it shows then saves on purpose.
	code, body = do(t, gs, "POST", ts.URL+"/sitzungen/48/bearbeiten", form("Bonn"))
	if code != http.StatusConflict || !strings.Contains(body, "Inzwischen gespeichert: Bonn, Bundesamt") ||
		!strings.Contains(body, `name="version" value="`+strconv.Itoa(saved.Version)+`"`) {
		t.Fatalf("stale save: %d %s", code, between(body, "<main", "</form>"))
	}
	if now, _ := st.Session(ctx, s48.ID); now.Place != "Bonn, Bundesamt" {
		t.Fatalf("a stale save overwrote B's place: %q", now.Place)
	}
	again := form("Bonn")
	again.Set("version", strconv.Itoa(saved.Version))
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/bearbeiten", again); code != http.StatusSeeOther {
		t.Fatalf("saved again on purpose: %d %s", code, between(body, "<main", "</form>"))
	}
}

// TestRegistrationChangeSavedMeanwhile: /anmeldungen/{id}/aendern in two
// windows; window 2 saves after window 1. Before, window 2 got 409 with
// the input kept but the old version, so that every further save was
// refused again, and the new state was shown nowhere.
func TestRegistrationChangeSavedMeanwhile(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	se := planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 6, 0)))
	he := client(t, ts, "hessen")
	typed := func(title string, version int) url.Values {
		return url.Values{"version": {strconv.Itoa(version)}, "titel": {title}, "ziel": {"Kenntnisnahme"}, "fachmk": {"keine"}}
	}
	if code, page := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", typed("Cloud-Strategie", 0)); code != http.StatusSeeOther {
		t.Fatalf("registration: %d %s", code, between(page, "<main", "</main>"))
	}
	items, _ := st.Items(ctx, se.ID)
	it := items[len(items)-1]
	path := fmt.Sprintf("%s/anmeldungen/%d/aendern", ts.URL, it.ID)
	if code, page := do(t, he, "POST", path, typed("Cloud-Strategie 2027", it.Version)); code != http.StatusSeeOther {
		t.Fatalf("window 1: %d %s", code, between(page, "<main", "</main>"))
	}
	now, _ := st.Item(ctx, it.ID)
	code, page := do(t, he, "POST", path, typed("Cloud-Strategie des Bundes", it.Version))
	form := between(page, "<main", "</main>")
	if code != http.StatusConflict || !strings.Contains(form, "Inzwischen gespeichert: Cloud-Strategie 2027") ||
		!strings.Contains(form, `value="Cloud-Strategie des Bundes"`) || !strings.Contains(form, fmt.Sprintf(`name="version" value="%d"`, now.Version)) {
		t.Fatalf("window 2 after window 1: %d %s", code, form)
	}
	// Refused for another reason (no title) from the old version: the
	// conflict is said too.
	code, page = do(t, he, "POST", path, typed("", it.Version))
	if form := between(page, "<main", "</main>"); code != http.StatusConflict || !strings.Contains(form, "Hier wurde inzwischen gespeichert") || !strings.Contains(form, "Inzwischen gespeichert: Cloud-Strategie 2027") {
		t.Fatalf("no title from the old version: %d %s", code, form)
	}
	// Sent again from the form shown, the change is saved on purpose.
	if code, page := do(t, he, "POST", path, typed("Cloud-Strategie des Bundes", now.Version)); code != http.StatusSeeOther {
		t.Fatalf("saved again: %d %s", code, between(page, "<main", "</main>"))
	}
	if got, _ := st.Item(ctx, it.ID); !strings.Contains(got.Title, "des Bundes") {
		t.Fatalf("title stored: %q", got.Title)
	}
}
