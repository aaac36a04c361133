package minutes_test

import (
	"bytes"
	"strings"
	"testing"

	"gremium/internal/minutes"
	"gremium/internal/model"
)

// TestExportGivesTheCount: the text export gives a counted result's count
// (model.Decision.CountLine) under the result, as the minutes page and
// the PDF do, for the audience the document was redacted for: the public
// reads the count without the financing share that names the members
// (model.PublicCountReason), and no count of a confidential decision row
// or of a proposal it does not see. The import reads the line back.
// Before, the text export gave no count at all.
func TestExportGivesTheCount(t *testing.T) {
	reason := "angenommen: Bund und 12 Länder mit 83,4 % der Finanzierungsanteile (nötig: Bund und 11 Länder mit zwei Dritteln)"
	counted := &model.Decision{Kind: model.KindDecision, Number: model.DecisionNumber{Year: 2026, Seq: 3}, Label: "B-2026/03-IT", Title: "Dachmarke",
		Status: model.DecisionAdopted, Scope: model.ScopeAll, Result: "mehrheitlich bei Gegenstimmen von BY und HE", AdoptedOn: model.NewDate(2026, 3, 1),
		Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt die Dachmarke."}}, SharesYear: 2024, CountReason: reason}
	simple := &model.Decision{Kind: model.KindRecommendation, Number: model.DecisionNumber{Year: 2026, Seq: 4}, Label: "E-2026/04-IT", Title: "Empfehlung",
		Status: model.DecisionAdopted, Scope: model.ScopeAll, Result: "mehrheitlich", AdoptedOn: model.NewDate(2026, 3, 1),
		Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat empfiehlt."}}, CountReason: "angenommen: 9 Ja-Stimmen gegen 4 Nein-Stimmen, Enthaltungen zählen nicht"}
	secret := &model.Decision{Kind: model.KindDecision, Number: model.DecisionNumber{Year: 2026, Seq: 5}, Label: "B-2026/05-IT", Title: "Geheim",
		Status: model.DecisionAdopted, Scope: model.ScopeAll, Result: "einstimmig", AdoptedOn: model.NewDate(2026, 3, 1),
		Points: []model.Point{{Label: "1.", Text: "Vertraulich."}}, CountReason: "angenommen: GEHEIMZÄHLUNG"}
	proposal := &model.Decision{Kind: model.KindDecision, Status: model.DecisionRejected, Scope: model.ScopeAll, Result: "abgelehnt", Title: "Antrag",
		AdoptedOn: model.NewDate(2026, 3, 1), Points: []model.Point{{Text: "Ein Antrag."}}, CountReason: "abgelehnt: VORSCHLAGSZÄHLUNG"}
	doc := minutes.Document{Audience: model.Internal, Session: model.Session{Number: 50, Date: model.NewDate(2026, 3, 1), Status: model.StatusMinutesDraft},
		Sections: []minutes.Section{{Name: "Übergreifendes", Items: []minutes.Item{
			{AgendaItem: model.AgendaItem{Number: "03", Title: "Dachmarke", Goal: model.GoalDecision}, Rows: []minutes.Row{
				{Kind: minutes.RowDecision, Decision: counted},
				{Kind: minutes.RowDecision, Decision: simple},
				{Kind: minutes.RowDecision, Decision: secret, Confidential: true},
				{Kind: minutes.RowDecision, Decision: proposal},
			}},
		}}}}
	export := func(d minutes.Document) string {
		var buf bytes.Buffer
		if err := minutes.Export(&buf, d); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	internal := export(doc)
	for _, want := range []string{"<p>Zählung: Königsteiner Schlüssel 2024 – " + reason + "</p>",
		"<p>Zählung: angenommen: 9 Ja-Stimmen gegen 4 Nein-Stimmen, Enthaltungen zählen nicht</p>", "GEHEIMZÄHLUNG", "VORSCHLAGSZÄHLUNG"} {
		if !strings.Contains(internal, want) {
			t.Errorf("the internal export lacks %q:\n%s", want, internal)
		}
	}
	again, _, err := minutes.Parse(strings.NewReader(internal), minutes.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var read []model.Decision
	for _, r := range again.Items()[0].Rows {
		if r.Decision != nil {
			read = append(read, *r.Decision)
		}
	}
	if len(read) != 4 || read[0].SharesYear != 2024 || read[0].CountReason != reason || read[0].CountLine() != counted.CountLine() ||
		read[1].SharesYear != 0 || read[1].CountReason != simple.CountReason {
		t.Errorf("the count read back: %+v", read)
	}
	public := export(minutes.Redacted(doc, model.Public))
	if want := "<p>Zählung: Königsteiner Schlüssel 2024 – " + model.PublicCountReason(reason) + "</p>"; !strings.Contains(public, want) {
		t.Errorf("the public export lacks %q:\n%s", want, public)
	}
	for _, leak := range []string{"83,4 %", "GEHEIMZÄHLUNG", "VORSCHLAGSZÄHLUNG"} {
		if strings.Contains(public, leak) {
			t.Errorf("the public export gives %q:\n%s", leak, public)
		}
	}
}
