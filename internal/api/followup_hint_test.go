package api

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"gremium/internal/auth"
	"gremium/internal/demo"
	"gremium/internal/model"
)

// TestJSONNewDeadlineOnlyForWhoSetsIt: a follow-up due to a cancelled
// session says "fristSitzungAbgesagt" to every reader, as every page says
// "48. Sitzung – abgesagt", but "neueFristNoetig" — the hint to set a new
// deadline — only to a token of the secretariat, as only its pages show
// "neue Frist nötig" (the list and the follow-up's page, auth.RecordMinutes).
// Before, the anonymous API gave the hint the public page hides.
func TestJSONNewDeadlineOnlyForWhoSetsIt(t *testing.T) {
	ts, st := demoAPI(t)
	ctx := context.Background()
	if _, err := demo.LoadAccounts(ctx, st); err != nil {
		t.Fatal(err)
	}
	tokens := map[string]string{"the public": ""}
	for _, name := range []string{"geschaeftsstelle", "hessen"} {
		u, _, err := st.UserLogin(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		if tokens[name], err = auth.NewAPIToken(ctx, st, u.ID, "Test"); err != nil {
			t.Fatal(err)
		}
	}
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	id, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 48, Date: model.BerlinDate(time.Now().AddDate(0, 2, 0)), Status: model.StatusPlanned})
	if err != nil {
		t.Fatal(err)
	}
	se, _ := st.Session(ctx, id)
	if err := st.CancelSession(ctx, id, se.Version, "Terminkollision"); err != nil {
		t.Fatal(err)
	}
	for who, token := range tokens {
		hint := who == "geschaeftsstelle"
		code, _, b := call(t, ts, "GET", "/api/v1/auftraege", token, "")
		var list []map[string]any
		if err := json.Unmarshal(b, &list); err != nil || code != 200 {
			t.Fatalf("%s: the list: %d %s", who, code, b)
		}
		var due48 []map[string]any
		for _, f := range list {
			if f["fristSitzung"] == float64(48) && (f["status"] == string(model.FollowUpOpen) || f["status"] == string(model.FollowUpInProgress)) {
				due48 = append(due48, f)
			}
		}
		if len(due48) == 0 {
			t.Fatalf("%s: no pending follow-up due to the 48th session listed", who)
		}
		// The follow-up alone: by its id for a token, by its public
		// number for the public.
		path := fmt.Sprintf("/api/v1/auftraege/%v", due48[0]["id"])
		if token == "" {
			path = fmt.Sprintf("/api/v1/auftraege/nr/%v", due48[0]["nummer"])
		}
		code, _, b = call(t, ts, "GET", path, token, "")
		var one map[string]any
		if err := json.Unmarshal(b, &one); err != nil || code != 200 {
			t.Fatalf("%s: GET %s: %d %s", who, path, code, b)
		}
		for where, f := range map[string]map[string]any{"listed": due48[0], "alone": one} {
			if f["fristSitzungAbgesagt"] != true || (f["neueFristNoetig"] == true) != hint || (!hint && f["neueFristNoetig"] != nil) {
				t.Errorf("%s: follow-up due to the cancelled 48th session, %s: %v, want the hint: %v", who, where, f, hint)
			}
		}
	}
}
