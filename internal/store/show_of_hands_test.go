package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestShowOfHandsRefusesAStoredVote: a hand for a member that has a vote
// stored is refused inside the show of hands' transaction. Before, the
// web handler checked it on the vote it had read for the request, so a
// member's own vote cast between that read and CastShowOfHands was still
// replaced by the hand. The whole entry is refused, nothing recorded; a
// hand for a member that has not voted, and "keine Stimme" for one that
// has, are taken; a closed vote keeps its own reason.
func TestShowOfHandsRefusesAStoredVote(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "test")
	_, s47, d := draftDecisionInSession(t, s)
	vote := must[int64](t)(s.OpenVote(ctx, s47, d))
	// Hessen votes from its own account after the secretariat's grid was
	// read; the grid still offers Hessen a hand.
	check(t, s.CastSessionVote(ctx, vote, "HE", model.VoteYes, false))
	n, err := s.CastShowOfHands(ctx, vote, map[string]model.VoteChoice{"HE": model.VoteNo, "BY": model.VoteYes, "HH": model.VoteNone})
	if model.ClassOf(err) != model.ErrConflict || n != 0 ||
		model.ReasonOf(err) != "Für Hessen wurde inzwischen abgestimmt (aus dem eigenen Konto oder einem anderen Fenster); ein Handzeichen ersetzt keine abgegebene Stimme. "+
			"Bitte prüfen Sie den Stand und tragen Sie die übrigen Handzeichen erneut ein." {
		t.Fatalf("a hand over Hessen's own vote: %d %v", n, err)
	}
	if got := must[model.SessionVote](t)(s.SessionVote(ctx, vote)).Choices(); len(got) != 1 || got["HE"] != model.VoteYes {
		t.Errorf("votes after the refused hands: %v", got)
	}
	// The rest again, Hessen left at "keine Stimme".
	if n, err := s.CastShowOfHands(ctx, vote, map[string]model.VoteChoice{"HE": model.VoteNone, "BY": model.VoteYes}); err != nil || n != 1 {
		t.Fatalf("Bavaria's hand: %d %v", n, err)
	}
	// A hand entered in another window is not replaced either; each
	// member is named, in list order.
	check(t, s.CastSessionVote(ctx, vote, "HH", model.VoteAbstain, false))
	_, err = s.CastShowOfHands(ctx, vote, map[string]model.VoteChoice{"BY": model.VoteNo, "HH": model.VoteYes, "HE": model.VoteNo, "SL": model.VoteYes})
	if model.ClassOf(err) != model.ErrConflict || !strings.HasPrefix(model.ReasonOf(err), "Für Bayern, Hamburg und Hessen wurde inzwischen abgestimmt") {
		t.Errorf("hands over three stored votes: %v", err)
	}
	v := must[model.SessionVote](t)(s.SessionVote(ctx, vote))
	if got := v.Choices(); len(got) != 3 || got["HE"] != model.VoteYes || got["BY"] != model.VoteYes || got["HH"] != model.VoteAbstain {
		t.Errorf("votes after the second refusal: %v", got)
	}
	for _, c := range v.Votes {
		if c.ShowOfHands != (c.Member == "BY") {
			t.Errorf("%s entered by show of hands: %v", c.Member, c.ShowOfHands)
		}
	}
	// A closed vote says it is closed, not that the member voted.
	for _, m := range voters {
		if m != "HE" && m != "BY" && m != "HH" {
			check(t, s.CastSessionVote(ctx, vote, m, model.VoteYes, false))
		}
	}
	if _, err := s.CloseVote(ctx, vote); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CastShowOfHands(ctx, vote, map[string]model.VoteChoice{"HE": model.VoteNo}); model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "beendet") {
		t.Errorf("a hand in the closed vote: %v", err)
	}
}

// draftDecisionInSession gives the law fixture's body and 47th session
// with an accepted item carrying a draft Beschluss applied for by the
// Bund: the set-up of the tests of a vote in session.
func draftDecisionInSession(t *testing.T, s *Store) (bodyID, sessionID, decisionID int64) {
	t.Helper()
	ctx := WithActor(context.Background(), "test")
	bodyID, sessionID = lawFixture(t, s)
	it := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "01", Title: "Digitale Dachmarke", Status: model.ItemAccepted}))
	decisionID = must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: it, Kind: model.KindDecision,
		Status: model.DecisionDraft, Scope: model.ScopeAll, Applicants: []string{"Bund"}, Title: "Dachmarke"}))
	return bodyID, sessionID, decisionID
}
