package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/auth"
	"gremium/internal/demo"
	"gremium/internal/model"
)

// TestAPIRefusalGivesEveryReason: a report "erledigt" without the date and
// without evidence breaks two rules of the follow-up (model.FollowUp.
// Validate joins them); the API answered the first only, at no member of
// the request. Now "error" says both and "probleme" gives each with its
// member (/erledigtAm, /nachweis).
func TestAPIRefusalGivesEveryReason(t *testing.T) {
	ts, st := demoAPI(t)
	ctx := context.Background()
	if _, err := demo.LoadAccounts(ctx, st); err != nil {
		t.Fatal(err)
	}
	u, _, _ := st.UserLogin(ctx, "hessen")
	tok, _ := auth.NewAPIToken(ctx, st, u.ID, "System")
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, itplr.ID, 47)
	items, _ := st.Items(ctx, s47.ID)
	id, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: items[1].ID, Text: "Konzept vorlegen", Responsible: "HE", Status: model.FollowUpOpen})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := st.FollowUp(ctx, id)
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/api/v1/auftraege/%d/stand", ts.URL, id),
		strings.NewReader(fmt.Sprintf(`{"version":%d,"stand":"erledigt"}`, f.Version)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out refusal
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("%d %+v", res.StatusCode, out)
	}
	want := map[string]string{
		"/erledigtAm": "Ein erledigter Auftrag braucht das Datum der Erledigung.",
		"/nachweis":   "Ein erledigter Auftrag braucht einen Nachweis",
	}
	if len(out.Problems) != len(want) {
		t.Errorf("problems %+v, want one at each of %v", out.Problems, want)
	}
	for _, p := range out.Problems {
		if !strings.HasPrefix(p.Reason, want[p.Field]) || want[p.Field] == "" {
			t.Errorf("problem %+v", p)
		}
		if !strings.Contains(out.Error, p.Reason) {
			t.Errorf("the message %q lacks %q", out.Error, p.Reason)
		}
	}
	if got, _ := st.FollowUp(ctx, id); got.Version != f.Version {
		t.Errorf("the refused report was saved: %+v", got)
	}
}
