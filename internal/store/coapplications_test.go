package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestCoApplicantsConfirmBeforeTheyCount: a member office that registers a
// proposal naming other Länder asks them (pending co-applications); the
// vote on the proposal is refused, naming them, until enough confirmed; a
// named member answers once, for itself only; the secretariat's entries
// ask nobody.
func TestCoApplicantsConfirmBeforeTheyCount(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "hessen")
	body, s47 := lawFixture(t, s)
	s48 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: body, Number: 48, Date: model.BerlinDate(s.now().AddDate(0, 2, 0)), Status: model.StatusPlanned}))
	proposal := func(title string) *model.Decision {
		return &model.Decision{BodyID: body, Kind: model.KindDecision, Scope: model.ScopeAll, Title: title,
			Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt " + title + "."}}, Applicants: []string{"HE", "BY", "HH"}}
	}
	item := model.AgendaItem{SessionID: s48, Title: "Register", Goal: model.GoalDecision, Status: model.ItemRegistered, RegisteredBy: "HE", Impact: model.Impact{Stated: true}}
	must[int64](t)(s.RegisterItem(ctx, item, proposal("Register"), ConfirmCoApplicants()))
	by := must[[]model.CoApplication](t)(s.PendingCoApplications(ctx, "BY"))
	hh := must[[]model.CoApplication](t)(s.PendingCoApplications(ctx, "HH"))
	if len(by) != 1 || len(hh) != 1 || by[0].NamedBy != "HE" || by[0].Title != "Register" || by[0].SessionNumber != 48 {
		t.Fatalf("pending: BY %+v, HH %+v", by, hh)
	}
	if he := must[[]model.CoApplication](t)(s.PendingCoApplications(ctx, "HE")); len(he) != 0 {
		t.Errorf("the registering member is asked itself: %+v", he)
	}
	// The secretariat's entry asks nobody.
	item.Title = "Vom Büro erfasst"
	must[int64](t)(s.RegisterItem(ctx, item, proposal("Vom Büro erfasst")))
	if n := len(must[[]model.CoApplication](t)(s.PendingCoApplications(ctx, "BY"))); n != 1 {
		t.Errorf("BY is asked %d times, want once", n)
	}
	if _, err := s.DecideCoApplication(ctx, by[0].ID, "HH", model.CoConfirm, by[0].Fingerprint()); model.ClassOf(err) != model.ErrNotFound {
		t.Errorf("HH answers for BY: %v", err)
	}
	must[model.CoApplication](t)(s.DecideCoApplication(ctx, by[0].ID, "BY", model.CoConfirm, by[0].Fingerprint()))
	if _, err := s.DecideCoApplication(ctx, by[0].ID, "BY", model.CoDecline, by[0].Fingerprint()); model.ClassOf(err) != model.ErrRule {
		t.Errorf("BY declines what it confirmed: %v", err)
	}
	if c, err := s.DecideCoApplication(ctx, by[0].ID, "BY", model.CoConfirm, by[0].Fingerprint()); err != nil || c.State != model.CoApplicationConfirmed {
		t.Errorf("BY confirms again (a double submit): %+v %v, want done", c, err)
	}

	// A proposal in the running session with HH still pending: the vote
	// is refused, naming HH; once HH confirms, it opens.
	d := proposal("Im Lauf")
	d.SessionID, d.Status = s47, model.DecisionDraft
	d.ItemID = must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Title: "Im Lauf", Position: 40}))
	d.ID = must[int64](t)(s.CreateDecision(ctx, *d))
	check(t, s.inTx(ctx, func(tx *sql.Tx) error { return s.nameCoApplicantsTx(ctx, tx, *d, "HE") }))
	_, err := s.OpenVote(ctx, s47, d.ID)
	if want := "Beschlussvorschlag – Im Lauf: Beantragt von HE; Mitantrag von BY, HH noch nicht bestätigt; nötig ist der Antrag des Bundes oder dreier Länder."; model.ClassOf(err) != model.ErrRule || model.ReasonOf(err) != want {
		t.Errorf("vote with BY and HH pending: %v, want %q", err, want)
	}
	if _, err := s.RecordShowOfHands(ctx, s47, d.ID, everyVoterYes()); model.ClassOf(err) != model.ErrRule {
		t.Errorf("show of hands with BY and HH pending: %v", err)
	}
	for _, m := range []string{"BY", "HH"} {
		for _, c := range must[[]model.CoApplication](t)(s.PendingCoApplications(ctx, m)) {
			if c.DecisionID == d.ID {
				must[model.CoApplication](t)(s.DecideCoApplication(ctx, c.ID, m, model.CoConfirm, c.Fingerprint()))
			}
		}
	}
	out, err := s.RecordShowOfHands(ctx, s47, d.ID, everyVoterYes())
	if err != nil || !out.Tally.Adopted {
		t.Errorf("show of hands with both confirmed: %+v %v", out, err)
	}
}

// everyVoterYes gives Ja for every voting member.
func everyVoterYes() map[string]model.VoteChoice {
	votes := map[string]model.VoteChoice{}
	for _, m := range voters {
		votes[m] = model.VoteYes
	}
	return votes
}

// TestRecommendationNeedsConfirmedApplicants: the AL-Runde recommends on a
// proposal under its application — a co-applicant that has not confirmed
// does not count there either; the refusal names it, and once it
// confirmed the recommendation is proposed with it as applicant.
func TestRecommendationNeedsConfirmedApplicants(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "gs")
	f := newPrepFixture(t, s)
	d := must[model.Decision](t)(s.Decision(ctx, f.proposalA))
	check(t, s.inTx(ctx, func(tx *sql.Tx) error { return s.nameCoApplicantsTx(ctx, tx, d, "HE") }))
	_, _, err := s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemA, Kind: model.RecommendAdopt})
	if model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "Mitantrag von Bund noch nicht bestätigt") {
		t.Errorf("recommendation with the Bund pending: %v", err)
	}
	co := must[[]model.CoApplication](t)(s.PendingCoApplications(ctx, "Bund"))
	must[model.CoApplication](t)(s.DecideCoApplication(ctx, co[0].ID, "Bund", model.CoConfirm, co[0].Fingerprint()))
	_, draft := must2[int64, int64](t)(s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemA, Kind: model.RecommendAdopt}))
	if got := must[model.Decision](t)(s.Decision(ctx, draft)); len(got.Applicants) != 1 || got.Applicants[0] != "Bund" {
		t.Errorf("the recommendation's applicants: %v", got.Applicants)
	}
}

// TestCoApplicantNamedTwiceIsAskedOnce: a proposal naming a co-applicant
// twice ("HE, BE, HH, BE") asks it once. Before, nameCoApplicantsTx inserted
// a co-application for each mention: the second broke the unique index and
// the registration failed.
func TestCoApplicantNamedTwiceIsAskedOnce(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "hessen")
	body, _ := lawFixture(t, s)
	s48 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: body, Number: 48, Date: model.BerlinDate(s.now().AddDate(0, 2, 0)), Status: model.StatusPlanned}))
	d := &model.Decision{BodyID: body, Kind: model.KindDecision, Scope: model.ScopeAll, Title: "Doppelt",
		Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt."}}, Applicants: []string{"HE", "BE", "HH", "BE"}}
	item := model.AgendaItem{SessionID: s48, Title: "Doppelt", Goal: model.GoalDecision, Status: model.ItemRegistered, RegisteredBy: "HE", Impact: model.Impact{Stated: true}}
	id := must[int64](t)(s.RegisterItem(ctx, item, d, ConfirmCoApplicants()))
	if ds := must[[]model.Decision](t)(s.Decisions(ctx, DecisionFilter{ItemID: id})); len(ds) != 1 || fmt.Sprint(ds[0].Applicants) != "[HE BE HH]" {
		t.Errorf("the proposal's applicants: %+v", ds)
	}
	if be := must[[]model.CoApplication](t)(s.PendingCoApplications(ctx, "BE")); len(be) != 1 {
		t.Errorf("BE named twice is asked %d times, want once: %+v", len(be), be)
	}
}

// TestApplicantTakenOutIsNoLongerAsked: the secretariat takes Hamburg out
// of a proposal's applicants on the live page ("HE, BY, HH" becomes "HE,
// BY, NI"); Hamburg's co-application stayed pending, "Mein Bereich" went
// on asking it about a registration that was a 404 to it, and the vote
// was refused for its missing answer. Now it is gone with the change.
func TestApplicantTakenOutIsNoLongerAsked(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "hessen")
	body, s47 := lawFixture(t, s)
	d := &model.Decision{BodyID: body, SessionID: s47, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll, Title: "Im Lauf",
		Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt."}}, Applicants: []string{"HE", "BY", "HH"}}
	d.ItemID = must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Title: "Im Lauf", Position: 40}))
	d.ID = must[int64](t)(s.CreateDecision(ctx, *d))
	check(t, s.inTx(ctx, func(tx *sql.Tx) error { return s.nameCoApplicantsTx(ctx, tx, *d, "HE") }))
	for _, c := range must[[]model.CoApplication](t)(s.PendingCoApplications(ctx, "BY")) {
		must[model.CoApplication](t)(s.DecideCoApplication(ctx, c.ID, "BY", model.CoConfirm, c.Fingerprint()))
	}
	cur := must[model.Decision](t)(s.Decision(ctx, d.ID))
	cur.Applicants = []string{"HE", "BY", "NI"}
	check(t, s.UpdateDecision(ctx, cur))
	if hh := must[[]model.CoApplication](t)(s.PendingCoApplications(ctx, "HH")); len(hh) != 0 {
		t.Errorf("HH is still asked: %+v", hh)
	}
	co := must[[]model.CoApplication](t)(s.CoApplications(ctx, d.ID))
	if len(co) != 1 || co[0].Member != "BY" || co[0].State != model.CoApplicationConfirmed {
		t.Errorf("co-applications after the change: %+v", co)
	}
	if out, err := s.RecordShowOfHands(ctx, s47, d.ID, everyVoterYes()); err != nil || !out.Tally.Adopted {
		t.Errorf("vote after HH was taken out: %+v %v", out, err)
	}
}
