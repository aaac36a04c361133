package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestRegistrationOutcomeByAPI: the registration's page says what became
// of it once its session is held (the decision taken, linked; the item
// deferred, to which session, why), but GET /api/v1/anmeldungen/{id} gave
// only "angenommen", so a member's system could not learn it. Now the
// answer carries "ergebnis", the same lines by the same rule
// (model.OutcomeOfRegistration): kind, sentence, decision number and page,
// the session deferred to with its page where it exists, the result or
// the reason. Before the session is held it is empty.
func TestRegistrationOutcomeByAPI(t *testing.T) {
	ts, st, _, token := hessenServer(t)
	ctx := store.WithActor(context.Background(), "test")
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	items := []store.MinutesItem{
		{Item: model.AgendaItem{Number: "01", Title: "Cloud-Strategie", Goal: model.GoalDecision, Position: 1, Status: model.ItemAccepted, RegisteredBy: "HE"},
			Decisions: []model.Decision{{BodyID: council.ID, Kind: model.KindDecision, Number: model.DecisionNumber{Year: 2026, Seq: 71},
				Status: model.DecisionAdopted, Scope: model.ScopeAll, Result: "einstimmig.", AdoptedOn: model.NewDate(2026, 3, 2),
				Title: "Cloud-Strategie", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt die Cloud-Strategie."}}, Position: 1}}},
		{Item: model.AgendaItem{Number: "02", Title: "Portalverbund", Goal: model.GoalDecision, Position: 2, Status: model.ItemAccepted, RegisteredBy: "HE",
			Deferral: model.Deferral{To: 49, Reason: "Unterlagen fehlen."}}},
		{Item: model.AgendaItem{Number: "03", Title: "Datenlabore", Goal: model.GoalDecision, Position: 3, Status: model.ItemAccepted, RegisteredBy: "HE",
			Deferral: model.Deferral{To: 75}}},
	}
	sid, err := st.SaveMinutes(ctx, council.ID, model.Session{Number: 70, Date: model.NewDate(2026, 3, 2), StartTime: "10:00", EndTime: "12:00",
		Place: "Berlin", Status: model.StatusMinutesDraft}, items, nil, store.ImportSource{})
	if err != nil {
		t.Fatal(err)
	}
	stored, err := st.Items(ctx, sid)
	if err != nil {
		t.Fatal(err)
	}
	result := func(title string) []RegistrationResult {
		t.Helper()
		for _, it := range stored {
			if it.Title != title {
				continue
			}
			code, _, b := call(t, ts, "GET", fmt.Sprintf("/api/v1/anmeldungen/%d", it.ID), token, "")
			var got Registration
			if err := json.Unmarshal(b, &got); code != http.StatusOK || err != nil {
				t.Fatalf("GET the registration %q: %d %s", title, code, b)
			}
			return got.Outcome
		}
		t.Fatalf("no item %q", title)
		return nil
	}
	adopted := result("Cloud-Strategie")
	if len(adopted) != 1 || adopted[0].Kind != "gefasst" || adopted[0].Text != "Der Beschluss B-2026/71-IT ist gefasst." ||
		adopted[0].Decision != "B-2026/71-IT" || !strings.HasSuffix(adopted[0].DecisionURL, "/beschluesse/B-2026/71-IT") || adopted[0].Result != "einstimmig" {
		t.Errorf("the adopted decision: %+v", adopted)
	}
	deferred := result("Portalverbund")
	if len(deferred) != 1 || deferred[0].Kind != "vertagt" || deferred[0].DeferredTo != 49 || !strings.HasSuffix(deferred[0].SessionURL, "/sitzungen/49") ||
		deferred[0].Reason != "Unterlagen fehlen" || deferred[0].Text != "Vertagt auf die 49. Sitzung." || deferred[0].Result != "" {
		t.Errorf("the item deferred to the 49th session: %+v", deferred)
	}
	code, _, b := call(t, ts, "POST", "/api/v1/sitzungen/49/anmeldungen", token, `{"titel":"Nachzügler","ziel":"Kenntnisnahme","punkte":["Sachstand"],"berichterstattung":["HE"],"fachmk":{"betroffen":false}}`)
	var created Registered
	if err := json.Unmarshal(b, &created); code != http.StatusCreated || err != nil {
		t.Fatalf("registration: %d %s", code, b)
	}
	if _, _, b = call(t, ts, "GET", fmt.Sprintf("/api/v1/anmeldungen/%d", created.ID), token, ""); !strings.Contains(string(b), `"ergebnis":[]`) {
		t.Errorf("a registration of a session not yet held has an outcome: %s", b)
	}
	unknown := result("Datenlabore")
	if len(unknown) != 1 || unknown[0].DeferredTo != 75 || unknown[0].SessionURL != "" || unknown[0].Reason != "" {
		t.Errorf("the item deferred to a session not yet planned has no page to point to: %+v", unknown)
	}
}
