package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestSessionDoesNotOpenWhileARecommendationIsVotedOn: the AL-Runde's
// written procedure on a recommendation for an item of the 48th session
// ends at 14:50 on the session's day, the session starts at 15:00. While
// the procedure is open the session does not open (the reason names the
// procedure); once it is closed, it opens. Before, the secretariat opened
// the session at 14:33, ended the procedure at 14:34, and the running
// session's item carried the recommendation (proposed for the Grüne
// Liste while the session deliberated).
func TestSessionDoesNotOpenWhileARecommendationIsVotedOn(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	main := must[model.Session](t)(s.Session(ctx, f.main))
	main.StartTime = "15:00"
	check(t, s.UpdateSession(ctx, main))
	now := time.Date(2026, 3, 12, 9, 0, 0, 0, model.Berlin)
	s.SetClock(func() time.Time { return now })
	rec, proc := must2[int64, int64](t)(s.ProposeRecommendationByProcedure(ctx, model.Recommendation{BodyID: f.prep, TargetItemID: f.itemA, Kind: model.RecommendAdopt, GreenList: true},
		time.Date(2026, 3, 12, 14, 50, 0, 0, model.Berlin)))
	main = must[model.Session](t)(s.Session(ctx, f.main))
	check(t, s.SetSessionStatus(ctx, f.main, main.Version, model.StatusConvened))
	publishAgendaForTest(t, s, f.main)
	now = time.Date(2026, 3, 12, 14, 33, 0, 0, model.Berlin)
	main = must[model.Session](t)(s.Session(ctx, f.main))
	err := s.SetSessionStatus(ctx, f.main, main.Version, model.StatusRunning)
	if model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "Umlaufverfahren") || !strings.Contains(model.ReasonOf(err), "Föderales Datenportal") {
		t.Fatalf("opening while the recommendation is voted on: %v", err)
	}
	if got := must[model.Session](t)(s.Session(ctx, f.main)); got.Status != model.StatusConvened {
		t.Fatalf("after the refusal the session is %q", got.Status)
	}
	for _, m := range voters {
		check(t, s.CastVote(ctx, proc, m, model.VoteYes))
	}
	must[model.WrittenProcedure](t)(s.EndProcedureEarly(ctx, proc))
	if r := must[model.Recommendation](t)(s.Recommendation(ctx, rec)); !r.Given() || r.Consent != model.ConsentProposed {
		t.Errorf("the recommendation given before the session: %+v", r)
	}
	check(t, s.SetSessionStatus(ctx, f.main, main.Version, model.StatusRunning))
}

// TestRecommendationAfterTheSessionBeganTakesNoEffect: a recommendation
// whose count comes once its session is no longer coming — running, or
// cancelled — does not change the council's proposal nor propose the
// Grüne Liste (forComingSession, the rule that refuses a recommendation
// once the session runs): here the AL-Runde's vote in its session, closed
// after the 48th opened, and a written procedure closed after the
// session it was for was cancelled.
func TestRecommendationAfterTheSessionBeganTakesNoEffect(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, model.Berlin)
	s.SetClock(func() time.Time { return now })
	// In the AL-Runde's session: proposed before, voted after the 48th opened.
	recA, draft := must2[int64, int64](t)(s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemA, Kind: model.RecommendAdoptChanged,
		GreenList: true, Points: []model.Point{{Label: "1.", Text: "Geänderter Text."}}}))
	now = time.Date(2026, 3, 12, 9, 0, 0, 0, model.Berlin)
	publishAgendaForTest(t, s, f.main)
	for _, next := range []model.SessionStatus{model.StatusConvened, model.StatusRunning} {
		check(t, s.SetSessionStatus(ctx, f.main, must[model.Session](t)(s.Session(ctx, f.main)).Version, next))
	}
	must[VoteOutcome](t)(s.RecordShowOfHands(ctx, f.al, draft, votesOf(model.VoteYes, voters...)))
	r := must[model.Recommendation](t)(s.Recommendation(ctx, recA))
	if r.Consent == model.ConsentProposed {
		t.Errorf("a recommendation given while the session runs proposes the Grüne Liste: %+v", r)
	}
	if p := must[model.Decision](t)(s.Decision(ctx, f.proposalA)); len(p.Points) != 1 || p.Points[0].Text != "Der IT-Planungsrat beschließt Föderales Datenportal." {
		t.Errorf("a recommendation given while the session runs changed the proposal: %+v", p.Points)
	}
	// It says why it took no effect, and the council's item does not show
	// it as its recommendation ("… ohne Aussprache (Grüne Liste)" under
	// the item while nothing had been proposed); the AL-Runde's item
	// carries it with the reason.
	if !strings.Contains(r.WithoutEffect, "hatte schon begonnen") {
		t.Errorf("the late recommendation does not say it took no effect: %q", r.WithoutEffect)
	}
	byTarget, _ := must2[map[int64]model.Recommendation, map[int64]model.Recommendation](t)(s.SessionRecommendations(ctx, f.main))
	if got, ok := byTarget[f.itemA]; ok {
		t.Errorf("the council's item shows the recommendation that took no effect: %+v", got)
	}
	_, byItem := must2[map[int64]model.Recommendation, map[int64]model.Recommendation](t)(s.SessionRecommendations(ctx, f.al))
	found := false
	for _, got := range byItem {
		found = found || got.ID == recA && got.WithoutEffect != ""
	}
	if !found {
		t.Errorf("the AL-Runde's item does not carry the recommendation with its reason: %+v", byItem)
	}
}

// TestRecommendationForACancelledSessionTakesNoEffect: a written
// procedure on a recommendation that closes after its session was
// cancelled proposes nothing for the cancelled agenda.
func TestRecommendationForACancelledSessionTakesNoEffect(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, model.Berlin)
	s.SetClock(func() time.Time { return now })
	rec, proc := must2[int64, int64](t)(s.ProposeRecommendationByProcedure(ctx, model.Recommendation{BodyID: f.prep, TargetItemID: f.itemB, Kind: model.RecommendAdopt, GreenList: true},
		now.Add(48*time.Hour)))
	check(t, s.CancelSession(ctx, f.main, must[model.Session](t)(s.Session(ctx, f.main)).Version, "Terminkollision"))
	for _, m := range voters {
		check(t, s.CastVote(ctx, proc, m, model.VoteYes))
	}
	must[model.WrittenProcedure](t)(s.EndProcedureEarly(ctx, proc))
	r := must[model.Recommendation](t)(s.Recommendation(ctx, rec))
	if r.Consent == model.ConsentProposed {
		t.Errorf("a recommendation for a cancelled session proposes the Grüne Liste: %+v", r)
	}
	if !strings.Contains(r.WithoutEffect, "abgesagt") {
		t.Errorf("the recommendation for the cancelled session does not say it took no effect: %q", r.WithoutEffect)
	}
	if got := must[map[int64]model.Recommendation](t)(s.GivenRecommendations(ctx, f.main)); len(got) != 0 {
		t.Errorf("the cancelled session's items show a recommendation that took no effect: %+v", got)
	}
}
