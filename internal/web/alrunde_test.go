package web

import (
	"context"
	"testing"

	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/search"
	"gremium/internal/store"
)

// runPrepVote has all voting members present in a running preparatory
// session and adopts the draft by a show of hands of all in favour.
func runPrepVote(t *testing.T, st *store.Store, sessionID, draftID int64) store.VoteOutcome {
	t.Helper()
	ctx := store.WithActor(context.Background(), "test")
	var list []model.Attendance
	votes := map[string]model.VoteChoice{}
	for _, m := range itplr.Members() {
		if m.Kind.Votes() {
			list = append(list, model.Attendance{Member: m.Abbrev, Presence: model.Present})
			votes[m.Abbrev] = model.VoteYes
		}
	}
	if _, _, err := st.SaveAttendance(ctx, sessionID, list); err != nil {
		t.Fatal(err)
	}
	out, err := st.RecordShowOfHands(ctx, sessionID, draftID, votes)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// plantPreparatory puts AL-Runde content with markers into the store for
// the no-leak test: the 40th AL-Runde prepares the 50th session (the demo has the 39th) (whose
// agenda is public), its minutes are released as a draft (public for a
// council session), it gives an adopted recommendation with a changed text
// for an item of the 50th session, proposed for the Grüne Liste; its items,
// rows and decisions carry markers. The search index is built for it.
func plantPreparatory(t *testing.T, st *store.Store, p *planted, target int64) {
	t.Helper()
	ctx := store.WithActor(context.Background(), "leak-test")
	secret := p.secret
	prep, err := st.BodyByAbbrev(ctx, itplr.PrepAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	council, _ := st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	s50, err := st.SessionByNumber(ctx, council.ID, 50)
	if err != nil {
		t.Fatal(err)
	}
	al, err := st.CreateSession(ctx, model.Session{BodyID: prep.ID, Number: 40, Status: model.StatusRunning, AgendaPublished: true,
		Date: model.NewDate(2026, 2, 12), Place: carrier + " " + secret("PrepPlace")})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.LinkPreparedSession(ctx, al, s50.ID); err != nil {
		t.Fatal(err)
	}
	_, draft, err := st.ProposeRecommendation(ctx, model.Recommendation{SessionID: al, TargetItemID: target, Kind: model.RecommendAdoptChanged, GreenList: true,
		Points: []model.Point{{Label: "1.", Text: carrier + " " + secret("RecommendationChangedText")}}})
	if err != nil {
		t.Fatal(err)
	}
	item, err := st.CreateItem(ctx, model.AgendaItem{SessionID: al, Number: "02", Title: carrier + " " + secret("PrepItemTitle"), Points: []string{secret("PrepItemPoint")},
		Status: model.ItemAccepted, Position: 9})
	if err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{
		func() error {
			_, err := st.CreateContribution(ctx, model.Contribution{ItemID: item, Speaker: "HE", Points: []string{carrier + " " + secret("PrepContribution")}})
			return err
		}(),
		func() error {
			_, err := st.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: item, Author: "Hessen", Text: carrier + " " + secret("PrepNote")})
			return err
		}(),
		func() error {
			_, err := st.CreateDecision(ctx, model.Decision{BodyID: prep.ID, SessionID: al, ItemID: item, Kind: model.KindRecommendation, Status: model.DecisionDraft,
				Scope: model.ScopeAll, Title: carrier + " " + secret("PrepProposal"), Points: []model.Point{{Label: "1.", Text: secret("PrepProposalPoint")}}, Applicants: []string{"Bund"}})
			return err
		}(),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	// The recommendation's own decision is adopted (its text names the
	// item); its adopted decision must not become public either.
	d, err := st.Decision(ctx, draft)
	if err != nil {
		t.Fatal(err)
	}
	d.Title = carrier + " " + secret("PrepDecisionTitle")
	if err := st.UpdateDecision(ctx, d); err != nil {
		t.Fatal(err)
	}
	if out := runPrepVote(t, st, al, draft); !out.Tally.Adopted {
		t.Fatalf("the recommendation was not adopted: %+v", out.Tally)
	}
	for _, next := range []model.SessionStatus{model.StatusEnded, model.StatusMinutesDraft} {
		se, _ := st.Session(ctx, al)
		if err := st.SetSessionStatus(ctx, al, se.Version, next); err != nil {
			t.Fatal(err)
		}
	}
	// A change of the session reindexes it (web/search.go): the gate keeps
	// it out of the index.
	if err := search.IndexSession(ctx, st, al); err != nil {
		t.Fatal(err)
	}
}
