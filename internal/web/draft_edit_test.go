package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestDraftKindAndApplicantsChange: a registered proposal arrives as a
// Beschluss with its registration's applicants; on the live page only its
// title and points could be changed, so a wrong kind or a missing
// co-applicant needed a second proposal, and the first stood undecided in
// the minutes. Now the proposal's form changes kind, applicants and
// "Zustimmung aller Mitglieder" too; applicants that are not the Bund or
// three Länder are refused with nothing changed.
func TestDraftKindAndApplicantsChange(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	_, item, id := runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", fmt.Sprintf("%s/sitzungen/48/live?top=%d", ts.URL, item), nil)
	action := fmt.Sprintf("/entwuerfe/%d", id)
	form := postedForm(page, action)
	if form == nil || !strings.Contains(page, fmt.Sprintf(`id="ba-%d" name="art"`, id)) || !strings.Contains(page, fmt.Sprintf(`id="bn-%d" name="antrag"`, id)) {
		t.Fatalf("the proposal's form offers no kind and applicants: %s", between(page, fmt.Sprintf(`action="%s"`, action), "</form>"))
	}
	d, _ := st.Decision(ctx, id)
	form.Set("version", strconv.Itoa(d.Version))
	form.Set("titel", d.Title)
	form.Set("punkte", "Der IT-Planungsrat empfiehlt den Ländern die Rahmenarchitektur.")
	form.Set("art", "empfehlung")
	form.Set("antrag", "HE, HH, BB")
	if code, body := do(t, gs, "POST", ts.URL+action, form); code != http.StatusSeeOther && code != http.StatusOK {
		t.Fatalf("change: %d %s", code, between(body, "<main", "</main>"))
	}
	d, _ = st.Decision(ctx, id)
	if d.Kind != model.KindRecommendation || !slices.Equal(d.Applicants, []string{"HE", "HH", "BB"}) || d.AllMustConsent {
		t.Errorf("after the change: kind %s, applicants %v, all %v", d.Kind, d.Applicants, d.AllMustConsent)
	}
	// "Zustimmung aller" is a Beschluss's: ticked on an Empfehlung it is
	// refused, on a Beschluss taken.
	form.Set("version", strconv.Itoa(d.Version))
	form.Set("alle", "1")
	if code, body := do(t, gs, "POST", ts.URL+action, form); code != http.StatusUnprocessableEntity || !strings.Contains(body, "gibt es nur für einen Beschluss") {
		t.Errorf("an Empfehlung with all: %d %s", code, between(body, "<main", "</main>"))
	}
	form.Set("art", "beschluss")
	if code, body := do(t, gs, "POST", ts.URL+action, form); code != http.StatusSeeOther && code != http.StatusOK {
		t.Fatalf("a Beschluss with all: %d %s", code, between(body, "<main", "</main>"))
	}
	d, _ = st.Decision(ctx, id)
	if d.Kind != model.KindDecision || !d.AllMustConsent {
		t.Errorf("after the second change: kind %s, all %v", d.Kind, d.AllMustConsent)
	}
	// Unticked, and two Länder only: refused, nothing changed.
	form.Set("version", strconv.Itoa(d.Version))
	form.Del("alle")
	form.Set("antrag", "HE, HH")
	if code, body := do(t, gs, "POST", ts.URL+action, form); code != http.StatusUnprocessableEntity || !strings.Contains(body, "HE, HH") {
		t.Errorf("two Länder: %d %s", code, between(body, "<main", "</main>"))
	}
	if after, _ := st.Decision(ctx, id); after.Version != d.Version || !after.AllMustConsent {
		t.Errorf("a refused change was stored: %+v", after)
	}
	// Autosaved (htmx), the answer replaces the rule line beside the vote
	// buttons too (before: the former rule until a reload).
	form.Set("version", strconv.Itoa(d.Version))
	form.Set("antrag", "HE, HH, BB")
	form.Set("art", "empfehlung")
	if code, body := hxPost(t, gs, ts.URL+action, form); code != http.StatusOK || !strings.Contains(body, fmt.Sprintf(`<span id="regel-entwurf-%d" hx-swap-oob="true">Empfehlung: `, id)) {
		t.Errorf("autosave of the kind: %d %s", code, body)
	}
	d, _ = st.Decision(ctx, id)
	// A client sending title and points only leaves the rest.
	if code, _ := do(t, gs, "POST", ts.URL+action, url.Values{"version": {strconv.Itoa(d.Version)}, "punkte": {"Neu gefasst."}}); code != http.StatusSeeOther && code != http.StatusOK {
		t.Fatalf("points only: %d", code)
	}
	if after, _ := st.Decision(ctx, id); after.Kind != model.KindRecommendation || after.AllMustConsent || len(after.Applicants) != 3 {
		t.Errorf("points only changed the rest: %+v", after)
	}
}
