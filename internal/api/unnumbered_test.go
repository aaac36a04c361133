package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/api"
	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestUnnumberedDecisionsInJSONAndOParl: minutes record decisions without
// a number (older sessions, a Kenntnisnahme). Their text was in no open
// interface: the session JSON gave the numbered decisions only and the
// BV row without text, OParl's AgendaItem neither resolutionText nor
// result. The session JSON now gives each item's decisions without number
// in "beschlusstext", OParl the text and the result on the AgendaItem;
// the register (its JSON list) still lists numbered decisions only.
func TestUnnumberedDecisionsInJSONAndOParl(t *testing.T) {
	c, st, _ := oparlServer(t)
	ctx := store.WithActor(context.Background(), "test")
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	items := []store.MinutesItem{
		{Item: model.AgendaItem{Number: "1", Title: "Bericht zur Lage", Position: 1, Status: model.ItemAccepted},
			Decisions: []model.Decision{{BodyID: council.ID, Kind: model.KindDecision, Status: model.DecisionAdopted, Scope: model.ScopeAll,
				Result: "einstimmig", AdoptedOn: model.NewDate(2026, 3, 12), Title: "Kenntnisnahme Lagebericht",
				Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat nimmt den Lagebericht zur Kenntnis."}, {Text: "Er dankt " + model.Redact("Frau Geheim") + "."}}, Position: 1}}},
	}
	if _, err := st.SaveMinutes(ctx, council.ID, model.Session{Number: 48, Date: model.NewDate(2026, 3, 12), StartTime: "10:00", EndTime: "12:00",
		Place: "Berlin", Status: model.StatusEnded}, items, nil, store.ImportSource{}); err != nil {
		t.Fatal(err)
	}

	res, err := http.Get(c.ts.URL + "/api/v1/sitzungen/48")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	var s api.Session
	if err := json.Unmarshal(body, &s); err != nil || res.StatusCode != 200 {
		t.Fatalf("%d %v %s", res.StatusCode, err, body)
	}
	if strings.Contains(string(body), "Geheim") {
		t.Errorf("the session JSON leaks a redacted passage: %s", body)
	}
	if len(s.Items) != 1 || len(s.Items[0].DecisionTexts) != 1 || s.Items[0].Decisions != nil {
		t.Fatalf("item: %s", body)
	}
	got := s.Items[0].DecisionTexts[0]
	if got.Kind != "Beschluss" || got.Title != "Kenntnisnahme Lagebericht" || got.Result != "einstimmig" || got.Date != "2026-03-12" ||
		len(got.Points) != 2 || got.Points[1].Text != "Er dankt [geschwärzt]." {
		t.Errorf("beschlusstext: %+v", got)
	}

	sys := c.object(root)
	b := c.list(sys["body"].(string))[0]
	var found map[string]any
	for _, m := range c.list(b["meeting"].(string)) {
		its, _ := m["agendaItem"].([]any)
		for _, x := range its {
			if it, ok := x.(map[string]any); ok && it["name"] == "Bericht zur Lage" {
				found = it
			}
		}
	}
	if found == nil {
		t.Fatal("the item is not in its meeting")
	}
	if found["result"] != "einstimmig" || found["resolutionText"] != "Kenntnisnahme Lagebericht\n1. Der IT-Planungsrat nimmt den Lagebericht zur Kenntnis.\nEr dankt [geschwärzt]." || found["consultation"] != nil {
		t.Errorf("OParl AgendaItem: result %q, resolutionText %q, consultation %v", found["result"], found["resolutionText"], found["consultation"])
	}

	// Not in the register: it lists numbered decisions.
	res, err = http.Get(c.ts.URL + "/api/v1/beschluesse?jahr=2026")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if strings.Contains(string(body), "Lagebericht") {
		t.Errorf("the register lists a decision without number: %s", body)
	}
}
