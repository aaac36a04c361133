package minutes_test

import (
	"testing"

	"gremium/internal/minutes"
	"gremium/internal/model"
)

// TestRecommendationTextProposesNothing: the AL-Runde's proposals page
// proposed "Er bittet die FITKO … spätestens zur 49. Sitzung" from the
// changed text of a recommendation; that order arises only when the
// council adopts it, and is proposed there. A recommendation's points give
// no proposal in the AL-Runde; its own orders still do.
func TestRecommendationTextProposesNothing(t *testing.T) {
	rec := model.Decision{ID: 7, Status: model.DecisionAdopted, Kind: model.KindRecommendation, Title: model.RecommendationTitle("Portalverbund"),
		Points: []model.Point{{Text: "Die AL-Runde empfiehlt dem IT-Planungsrat zu „Portalverbund“: Annahme mit Änderungen. Der geänderte Beschlusstext lautet:"},
			{Label: "1.", Text: "Er bittet die FITKO, spätestens zur 49. Sitzung einen Bericht vorzulegen."}}}
	own := model.Decision{ID: 8, Status: model.DecisionAdopted, Kind: model.KindDecision, Title: "Vorbereitung",
		Points: []model.Point{{Label: "1.", Text: "Die AL-Runde bittet die FITKO, bis zum 30.04.2027 die Unterlagen zu sammeln."}}}
	doc := minutes.Document{Audience: model.Internal, Session: model.Session{Number: 40}, Sections: []minutes.Section{{Name: "Themen", Items: []minutes.Item{
		{AgendaItem: model.AgendaItem{ID: 1, Number: "01", Title: "Portalverbund"}, Rows: []minutes.Row{{Kind: minutes.RowDecision, Decision: &rec, ID: rec.ID}},
			Recommendation: &model.Recommendation{DecisionID: rec.ID, ItemID: 1}},
		{AgendaItem: model.AgendaItem{ID: 2, Number: "02", Title: "Vorbereitung"}, Rows: []minutes.Row{{Kind: minutes.RowDecision, Decision: &own, ID: own.ID}}},
	}}}}
	props := minutes.NewDeriver(nil).Propose(doc)
	if len(props) != 1 || props[0].DecisionID != own.ID || props[0].DueDate != model.NewDate(2027, 4, 30) {
		t.Fatalf("proposals: %+v", props)
	}
	// Also decided in written procedure: a recommendation's text proposes
	// nothing there either.
	doc.Sections = nil
	doc.WrittenProcedures = []model.Decision{rec}
	if props := minutes.NewDeriver(nil).Propose(doc); len(props) != 0 {
		t.Errorf("proposals from a recommendation decided in written procedure: %+v", props)
	}
}
