package minutes_test

import (
	"strings"
	"testing"

	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/pdftest"
)

// TestPDFAndExportSayRecommendationTakenOff: an item recommended for the
// Grüne Liste and taken off it at a member's wish reads so in the PDF and
// the text export, as on the HTML page (model.Recommendation.Statement);
// both printed only "… ohne Aussprache (Grüne Liste)", so the item read as
// recommended for the list yet voted on singly, with no reason. The
// export's line is read back with the state; the public version shows no
// recommendation at all.
func TestPDFAndExportSayRecommendationTakenOff(t *testing.T) {
	rec := &model.Recommendation{SessionNumber: 40, BodyAbbrev: "AL-Runde", SessionDate: model.NewDate(2026, 12, 5), Kind: model.RecommendAdopt,
		GreenList: true, Consent: model.ConsentPulled, PulledBy: "HE", Status: model.DecisionAdopted}
	doc := minutes.Document{Audience: model.Internal, Session: model.Session{Number: 48, Date: model.NewDate(2026, 12, 17), Place: "Berlin"},
		Sections: []minutes.Section{{Name: "Übergreifendes", Items: []minutes.Item{
			{AgendaItem: model.AgendaItem{Number: "05", Title: "Registermodernisierung", Goal: model.GoalDecision, Reporters: []string{"HE"}},
				Recommendation: rec},
		}}}}
	const want = "Annahme wie vorgeschlagen, ohne Aussprache (Grüne Liste) – von der Grünen Liste genommen (auf Wunsch von HE)"
	if text := pdftest.Words(t, renderPDF(t, doc)); !strings.Contains(text, want) {
		t.Errorf("the PDF lacks %q:\n%s", want, text)
	}
	again, text := roundTrip(t, doc)
	if !strings.Contains(text, want) {
		t.Errorf("the text export lacks %q:\n%s", want, text)
	}
	if got := again.Items()[0].Recommendation; got == nil || got.Consent != model.ConsentPulled || got.PulledBy != "HE" || !got.GreenList {
		t.Errorf("the export's recommendation read back as %+v", got)
	}
	public := minutes.Redacted(doc, model.Public)
	if text := pdftest.Words(t, renderPDF(t, public)); strings.Contains(text, "Beschlussempfehlung") || strings.Contains(text, "auf Wunsch von") {
		t.Errorf("the public PDF shows the internal recommendation:\n%s", text)
	}
	if text := exportText(t, public); strings.Contains(text, "Beschlussempfehlung") {
		t.Errorf("the public export shows the internal recommendation:\n%s", text)
	}
}
