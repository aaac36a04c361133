package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/itplr"
	"gremium/internal/model"
)

// TestNoPullAfterTheGreenListIsAdopted: after the Grüne Liste was adopted
// en bloc, a member's pull (a form still open from before the vote) took
// the item off it and the page said it "wird einzeln behandelt", though
// its decision stood adopted "(Grüne Liste, en bloc)". The pull is
// refused now: the session page says why in the Grüne Liste's error box,
// no notice says the item is treated singly, and the item and its
// decision stay as they were.
func TestNoPullAfterTheGreenListIsAdopted(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s48, it := planSession48(t, ts, st)
	id := consentItem48(t, st, s48, it)
	votes := map[string]model.VoteChoice{}
	for _, m := range itplr.Members() {
		if m.Kind.Votes() {
			votes[m.Abbrev] = model.VoteYes
		}
	}
	out, err := st.RecordShowOfHands(ctx, s48.ID, 0, votes)
	if err != nil || len(out.Decisions) != 1 || out.Decisions[0].Status != model.DecisionAdopted {
		t.Fatalf("the en-bloc vote: %+v %v", out, err)
	}
	before, err := st.Item(ctx, it.ID)
	if err != nil {
		t.Fatal(err)
	}
	pull := fmt.Sprintf("%s/tops/%d/gruene-liste/herausnehmen", ts.URL, it.ID)
	for _, tc := range []struct {
		user string
		form url.Values
	}{{"hessen", url.Values{}}, {"geschaeftsstelle", url.Values{"mitglied": {"BY"}}}} {
		code, body := do(t, client(t, ts, tc.user), "POST", pull, tc.form)
		box := between(body, `id="gruene-liste-fehler"`, "</div>")
		if code != http.StatusUnprocessableEntity || !strings.Contains(box, "Der TOP ist nicht von der Grünen Liste genommen") ||
			!strings.Contains(box, "bereits beschlossen ("+out.Decisions[0].Label) || strings.Contains(body, "einzeln behandelt.") {
			t.Errorf("%s: pull after the adoption: %d, error box %q", tc.user, code, box)
		}
	}
	after, err := st.Item(ctx, it.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !after.Consent || after.SectionID != before.SectionID || after.Version != before.Version {
		t.Errorf("the item changed: consent %v, section %d, version %d", after.Consent, after.SectionID, after.Version)
	}
	if d, err := st.Decision(ctx, id); err != nil || d.Status != model.DecisionAdopted || !strings.Contains(d.Result, "Grüne Liste, en bloc") {
		t.Errorf("the decision: %+v %v", d, err)
	}
	// The session page offers the pull no more (minutes.Item.Pullable).
	for _, user := range []string{"hessen", "geschaeftsstelle"} {
		if _, page := do(t, client(t, ts, user), "GET", ts.URL+"/sitzungen/48", nil); strings.Contains(page, fmt.Sprintf(`action="/tops/%d/gruene-liste/herausnehmen"`, it.ID)) {
			t.Errorf("%s: the session page still offers to take the adopted item off the Grüne Liste", user)
		}
	}
}
