package store

import (
	"context"
	"testing"

	"gremium/internal/model"
)

// TestGrueneListeNeinOfTheBund: a Nein of the Bund on the Grüne Liste en
// bloc is refused in German: "Gegenstimme des Bundes", the items taken
// off "auf Wunsch des Bundes". Before, the reason said "Gegenstimme von
// Bund: … die TOPs, die Bund einzeln behandelt haben möchte, auf Wunsch
// von Bund …"; and the count of a vote the Bund abstains from says "bei
// Enthaltung des Bundes" (it said "bei Enthaltung von Bund").
func TestGrueneListeNeinOfTheBund(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID := lawFixture(t, s)
	item := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "01", Title: "Grün", Position: 1, Status: model.ItemAccepted, Consent: true}))
	id := must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: item, Kind: model.KindRecommendation,
		Status: model.DecisionDraft, Scope: model.ScopeAll, Title: "Grün", Applicants: []string{"Bund"}}))
	_, err := s.RecordShowOfHands(ctx, sessionID, 0, with(votesOf(model.VoteYes, voters...), model.VoteNo, "Bund"))
	want := "Gegenstimme des Bundes: die Grüne Liste wird nur ohne Gegenstimme en bloc beschlossen. Die Handzeichen sind nicht gespeichert; " +
		"bitte die TOPs, die auf Wunsch des Bundes einzeln behandelt werden, von der Grünen Liste nehmen (Sitzungsseite, „Von der Grünen Liste nehmen“) und erneut über die Grüne Liste abstimmen."
	if model.ClassOf(err) != model.ErrRule || model.ReasonOf(err) != want {
		t.Errorf("Nein of the Bund: %v\n got %q\nwant %q", err, model.ReasonOf(err), want)
	}
	vid := must[int64](t)(s.OpenVote(ctx, sessionID, 0))
	for _, m := range voters {
		c := model.VoteYes
		if m == "Bund" || m == "HE" {
			c = model.VoteNo
		}
		check(t, s.CastSessionVote(ctx, vid, m, c, false))
	}
	_, err = s.CloseVote(ctx, vid)
	want = "Gegenstimmen des Bundes und von Hessen: die Grüne Liste wird nur ohne Gegenstimme en bloc beschlossen. " +
		"Bitte die Abstimmung abbrechen, die TOPs, die auf Wunsch des Bundes und von Hessen einzeln behandelt werden, von der Grünen Liste nehmen (Sitzungsseite, „Von der Grünen Liste nehmen“) und erneut über die Grüne Liste abstimmen."
	if model.ClassOf(err) != model.ErrRule || model.ReasonOf(err) != want {
		t.Errorf("Nein of the Bund and Hessen: %v\n got %q\nwant %q", err, model.ReasonOf(err), want)
	}
	check(t, s.CancelVote(ctx, vid))
	out := must[VoteOutcome](t)(s.RecordShowOfHands(ctx, sessionID, 0, with(votesOf(model.VoteYes, voters...), model.VoteAbstain, "Bund")))
	if d := must[model.Decision](t)(s.Decision(ctx, id)); d.Result != "einstimmig, bei Enthaltung des Bundes (Grüne Liste, en bloc)" || out.Phrase != d.Result {
		t.Errorf("result %q, phrase %q", d.Result, out.Phrase)
	}
}
