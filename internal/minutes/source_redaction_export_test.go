package minutes_test

import (
	"reflect"
	"strings"
	"testing"

	"gremium/internal/minutes"
	"gremium/internal/model"
)

// TestExportReadsEverySourceRedaction: the text export wrote a passage
// the source blacked out in German only in its exact form ⟦[REDACTED]⟧;
// one with spaces inside its marks (⟦ [REDACTED] ⟧), which the pages
// read German, went out as the source tool's English "[REDACTED]". The
// export reads every marked passage as an internal reader reads it
// (model.ShownText), and the import reads it back unchanged: in a
// decision's result and points, a contribution, a protocol note and a
// free row.
func TestExportReadsEverySourceRedaction(t *testing.T) {
	spaced := model.Redact(" " + model.SourceRedaction + " ")
	exact := model.Redact(model.SourceRedaction)
	doc := minutes.Document{Audience: model.Internal, Session: model.Session{Number: 90, Date: model.NewDate(2027, 3, 1), Place: "Berlin"},
		Sections: []minutes.Section{{Name: "Übergreifendes", Items: []minutes.Item{
			{AgendaItem: model.AgendaItem{Number: "01", Title: "Gesamtleitung NOOTS", Goal: model.GoalDecision, Reporters: []string{"HH"}},
				Rows: []minutes.Row{
					{Kind: minutes.RowDiscussion, Speaker: "HH", Points: []string{"Schlägt " + spaced + " vor."}},
					{Kind: minutes.RowDecision, Decision: &model.Decision{Kind: model.KindDecision, Title: "Gesamtleitung", Status: model.DecisionAdopted,
						Scope: model.ScopeAll, AdoptedOn: model.NewDate(2027, 3, 1), Result: "einstimmig, bei Enthaltung von " + spaced,
						Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat bestätigt " + exact + " als Gesamtleitung."}}}},
					{Kind: minutes.RowNote, Speaker: "Hamburg", Text: "Hamburg schlägt " + spaced + " vor."},
					{Kind: minutes.RowText, RemarkKind: model.RemarkText, Text: "Vermerk zu " + spaced + " und " + exact + "."},
				}},
		}}}}
	again, text := roundTrip(t, doc)
	if strings.Contains(text, model.SourceRedaction) {
		t.Errorf("the internal export gives the source's English marker:\n%s", text)
	}
	if !strings.Contains(text, model.Redact(" "+model.SourceRedactionShown+" ")) || !strings.Contains(text, model.Redact(model.SourceRedactionShown)) {
		t.Errorf("the internal export does not say in German what the source blacked out:\n%s", text)
	}
	if !reflect.DeepEqual(minutes.Comparable(again), minutes.Comparable(doc)) {
		minutes.FirstItemDifference(t, again.Items(), doc.Items(), func(g, w minutes.Row) bool { return reflect.DeepEqual(g, w) })
		t.Errorf("reading the export back does not give the minutes stored:\n%s", text)
	}
}
