package web

import (
	"context"
	"io"
	"net/http"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
)

// TestPublicFollowUpUnchangedByInternalWrites: a write to a follow-up the
// public cannot see — an internal comment, a change inside a confidential
// passage — raised the "version" the JSON API gave the public, and with
// it the answer's ETag: the public learned that and when something
// confidential changed. Now the public's answers, the follow-up's page
// and the API's list and follow-up, are the same bytes with the same
// ETag after such writes (the version is internal, model.Audience.FollowUp).
func TestPublicFollowUpUnchangedByInternalWrites(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, itplr.ID, 47)
	items, _ := st.Items(ctx, s47.ID)
	id, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: items[1].ID, Text: "Konzept " + model.Redact("mit Zahlen") + " vorlegen", Responsible: "HE", Status: model.FollowUpOpen})
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{followUpPathOf(t, st, id), apiFollowUpPathOf(t, st, id), "/api/v1/auftraege"}
	type answer struct{ etag, body string }
	get := func(p string) answer {
		t.Helper()
		res, err := http.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK || res.Header.Get("ETag") == "" {
			t.Fatalf("GET %s: %d, ETag %q", p, res.StatusCode, res.Header.Get("ETag"))
		}
		return answer{res.Header.Get("ETag"), string(b)}
	}
	before := map[string]answer{}
	for _, p := range paths {
		before[p] = get(p)
	}
	if err := st.AddFollowUpComment(ctx, model.FollowUpComment{FollowUpID: id, Author: "Geschäftsstelle", Text: "intern: Zahlen fehlen noch"}); err != nil {
		t.Fatal(err)
	}
	f, _ := st.FollowUp(ctx, id)
	f.Text = "Konzept " + model.Redact("mit neuen Zahlen") + " vorlegen"
	if err := st.UpdateFollowUp(ctx, f); err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		if now := get(p); now != before[p] {
			t.Errorf("GET %s for the public changed with internal writes: ETag %s → %s", p, before[p].etag, now.etag)
		}
	}
}
