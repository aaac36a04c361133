package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestCorrectionIsNotShownAsTheRecord: a correction stores its author as
// the record's, and the conference page said "Erfasst von" them. After
// the spokesperson of Bremen corrected the outcome the FMK's secretariat
// had recorded, the FMK's secretariat read on its own conference page
// "Erfasst von Dr. Martin Hagen" — as if he had recorded it; a talk of
// Thüringen's spokesperson corrected by the Geschäftsstelle likewise
// read "Erfasst von Geschäftsstelle IT-PLR (FITKO)". A corrected record
// now says "Zuletzt berichtigt von …" (the audit log keeps who recorded
// it); one never corrected still says "Erfasst von …".
func TestCorrectionIsNotShownAsTheRecord(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	fmk := mustBodyAbbrev(t, st, "FMK")
	outcomes, err := st.ConferenceOutcomes(ctx, fmk.ID, model.Date{}, 0)
	if err != nil || len(outcomes) == 0 {
		t.Fatalf("the demo's FMK outcome: %v %v", outcomes, err)
	}
	talks, err := st.SpokespersonContacts(ctx, fmk.ID)
	if err != nil || len(talks) == 0 {
		t.Fatalf("the demo's FMK talk: %v %v", talks, err)
	}
	o, c := outcomes[0], talks[0]
	office := client(t, ts, "fmk-geschaeftsstelle")
	gs := client(t, ts, "geschaeftsstelle")
	if _, page := do(t, gs, "GET", ts.URL+"/fachmk/FMK", nil); !strings.Contains(page, "Erfasst von "+o.RecordedBy) || !strings.Contains(page, "Erfasst von "+c.RecordedBy) || strings.Contains(page, "Zuletzt berichtigt") {
		t.Fatalf("before any correction the page does not say who recorded them (%s, %s)", o.RecordedBy, c.RecordedBy)
	}
	hb := client(t, ts, "sprecher-hb")
	correct := url.Values{"version": {fmt.Sprint(o.Version)}, "datum": {o.HeldOn.String()}, "sitzung": {o.Meeting}, "nummer": {o.Reference},
		"titel": {o.Title}, "text": {o.Text + "\nBerichtigt: Stand der Landesfinanzverwaltungen folgt."}}
	if code, body := do(t, hb, "POST", fmt.Sprintf("%s/fachmk/FMK/ergebnisse/%d", ts.URL, o.ID), correct); code != http.StatusSeeOther {
		t.Fatalf("correct the outcome: %d %s", code, body)
	}
	talk := url.Values{"version": {fmt.Sprint(c.Version)}, "art": {string(c.Kind)}, "datum": {c.HeldOn.String()}, "mit": {c.With},
		"teilnehmende": {c.Participants}, "themen": {c.Topics}, "schritte": {c.NextSteps + "\nBerichtigt durch die Geschäftsstelle."}}
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/fachmk/FMK/gespraeche/%d", ts.URL, c.ID), talk); code != http.StatusSeeOther {
		t.Fatalf("correct the talk: %d %s", code, body)
	}
	_, page := do(t, office, "GET", ts.URL+"/fachmk/FMK", nil)
	if strings.Contains(page, "Erfasst von Dr. Martin Hagen") || !strings.Contains(page, "Zuletzt berichtigt von Dr. Martin Hagen") {
		t.Errorf("the FMK's secretariat reads its outcome as recorded by the spokesperson who corrected it:\n%s", between(page, `id="ergebnis-`, "</li>"))
	}
	// Who recorded it first stays named beside the corrector (before,
	// only the audit log knew).
	if !strings.Contains(page, "Erfasst von "+o.RecordedBy+", ") {
		t.Errorf("the corrected outcome no longer names %q, who recorded it:\n%s", o.RecordedBy, between(page, `id="ergebnis-`, "</li>"))
	}
	_, page = do(t, hb, "GET", ts.URL+"/fachmk/FMK", nil)
	if strings.Contains(page, "Erfasst von Geschäftsstelle IT-PLR (FITKO)") || !strings.Contains(page, "Zuletzt berichtigt von Geschäftsstelle IT-PLR (FITKO)") {
		t.Errorf("the talk reads as recorded by the Geschäftsstelle that corrected it:\n%s", between(page, `id="gespraech-`, "</li>"))
	}
	if !strings.Contains(page, "Erfasst von "+c.RecordedBy+", ") {
		t.Errorf("the corrected talk no longer names %q, who logged it:\n%s", c.RecordedBy, between(page, `id="gespraech-`, "</li>"))
	}
}
