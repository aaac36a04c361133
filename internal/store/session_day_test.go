package store

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestEndingWaitsForTheOpenVote: a session does not end while a vote is
// open, and a vote left open by a session that ended (as before this was
// refused) takes no vote — the member's own, a show of hands, the API's.
func TestEndingWaitsForTheOpenVote(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, s47 := lawFixture(t, s)
	it := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Number: "01", Title: "Digitale Dachmarke", Status: model.ItemAccepted}))
	d := must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: s47, ItemID: it, Kind: model.KindDecision,
		Status: model.DecisionDraft, Scope: model.ScopeAll, Applicants: []string{"Bund"}, Title: "Dachmarke"}))
	vote := must[int64](t)(s.OpenVote(ctx, s47, d))
	se := must[model.Session](t)(s.Session(ctx, s47))
	err := s.SetSessionStatus(ctx, s47, se.Version, model.StatusEnded)
	if model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "Abstimmung läuft") || model.FieldOf(err) != "abstimmung" {
		t.Fatalf("ending with an open vote: %v", err)
	}
	if got := must[model.Session](t)(s.Session(ctx, s47)); got.Status != model.StatusRunning {
		t.Errorf("after the refusal the session is %q", got.Status)
	}
	// A vote left open by an ended session (data from before the rule).
	check(t, s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.touch(ctx, tx, "session", s47); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE sessions SET status = ? WHERE id = ?`, model.StatusEnded, s47); err != nil {
			return err
		}
		return s.audit(ctx, tx, "status", "session", s47, string(model.StatusEnded))
	}))
	if err := s.CastSessionVote(ctx, vote, "HE", model.VoteYes, false); model.ClassOf(err) != model.ErrRule {
		t.Errorf("own vote after the end: %v", err)
	}
	if _, err := s.CastShowOfHands(ctx, vote, votesOf(model.VoteNo, "HH", "BY")); model.ClassOf(err) != model.ErrRule {
		t.Errorf("show of hands after the end: %v", err)
	}
	if v := must[model.SessionVote](t)(s.SessionVote(ctx, vote)); len(v.Votes) != 0 {
		t.Errorf("votes stored after the end: %+v", v.Votes)
	}
	// The left-over vote can still be cancelled.
	check(t, s.CancelVote(ctx, vote))
}

// TestApprovalNeedsTheQuorum: approving minutes or a correction of them
// is a decision of the council and needs the quorum a vote at the item
// needs.
func TestApprovalNeedsTheQuorum(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, s47 := lawFixture(t, s)
	it47 := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Number: "01", Title: "Dachmarke"}))
	row := must[int64](t)(s.CreateContribution(ctx, model.Contribution{ItemID: it47, Speaker: "HE", Points: []string{"alt"}}))
	for _, next := range []model.SessionStatus{model.StatusEnded, model.StatusMinutesDraft} {
		se := must[model.Session](t)(s.Session(ctx, s47))
		check(t, s.SetSessionStatus(ctx, s47, se.Version, next))
	}
	s48 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2025, 11, 20), Status: model.StatusRunning}))
	top00 := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s48, Number: "00", Title: "Begrüßung", Position: 1, Points: []string{"Feststellung der Beschlussfähigkeit"}}))
	top01 := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s48, Number: "01", Title: "Bestätigung des Protokolls der 47. Sitzung", Position: 2}))
	// No attendance, no quorum established.
	if err := s.ApproveMinutes(ctx, s47, 48, "Fassung", stampOf(t, s, s47)); model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "Beschlussfähigkeit") {
		t.Errorf("approval without a quorum: %v", err)
	}
	// Nine present at TOP 00 (the quorum is established there), two of
	// them leave after it: seven at the approval.
	list := attending(voters[:9]...)
	list[7].UntilItemID, list[8].UntilItemID = top00, top00
	if ok, reason, err := s.SaveAttendance(ctx, s48, list); err != nil || !ok {
		t.Fatalf("quorum at TOP 00: %v %v %s", ok, err, reason)
	}
	err := s.ApproveMinutes(ctx, s47, 48, "Fassung", stampOf(t, s, s47))
	if model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "nur 7 von 17") {
		t.Errorf("approval with seven present at its item: %v", err)
	}
	if got := must[model.Session](t)(s.Session(ctx, s47)); got.Status != model.StatusMinutesDraft {
		t.Errorf("refused approval left the minutes %q", got.Status)
	}
	if ok, _, err := s.SaveAttendance(ctx, s48, attending(voters[:9]...)); err != nil || !ok {
		t.Fatalf("nine present: %v %v", ok, err)
	}
	check(t, s.ApproveMinutes(ctx, s47, 48, "Fassung", stampOf(t, s, s47)))

	// A correction of the approved minutes, approved in the 48th session
	// while TOP 01 is called, where only seven are present.
	corr := must[int64](t)(s.ProposeMinutesCorrection(ctx, model.MinutesCorrection{RowKind: "ON", RowID: row, After: "neu", Reason: "Tippfehler"}))
	check(t, s.SetCurrentItem(ctx, s48, top01))
	if ok, _, err := s.SaveAttendance(ctx, s48, list); err != nil || ok {
		t.Fatalf("seven at TOP 01: %v %v", ok, err)
	}
	if _, err := s.ApproveMinutesCorrection(ctx, corr, 48, "Fassung 2", stampOf(t, s, s47)); model.ClassOf(err) != model.ErrRule {
		t.Errorf("correction approved without the quorum: %v", err)
	}
	// Established at TOP 00, but TOP 01 is called: seven there.
	check(t, s.SetCurrentItem(ctx, s48, top00))
	if ok, _, err := s.EstablishQuorum(ctx, s48); err != nil || !ok {
		t.Fatalf("quorum at TOP 00: %v %v", ok, err)
	}
	check(t, s.SetCurrentItem(ctx, s48, top01))
	if _, err := s.ApproveMinutesCorrection(ctx, corr, 48, "Fassung 2", stampOf(t, s, s47)); model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "nur 7 von 17") {
		t.Errorf("correction approved with seven present at the item called: %v", err)
	}
	check(t, s.SetCurrentItem(ctx, s48, top00))
	must[int](t)(s.ApproveMinutesCorrection(ctx, corr, 48, "Fassung 2", stampOf(t, s, s47)))
}

// TestHeldAgendaKeepsItsOrderAndNames: once a session has ended, its items
// keep their numbers, titles and order (the minutes and the decisions name
// them); what the minutes record stays editable until approval.
func TestHeldAgendaKeepsItsOrderAndNames(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	_, s47 := lawFixture(t, s)
	a := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Number: "01", Title: "Dachmarke", Position: 1}))
	must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Number: "02", Title: "Register", Position: 2}))
	se := must[model.Session](t)(s.Session(ctx, s47))
	check(t, s.SetSessionStatus(ctx, s47, se.Version, model.StatusEnded))
	if err := s.MoveItem(ctx, a, 1, itemVersion(t, s, a)); model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "hat stattgefunden") {
		t.Errorf("moving an item of an ended session: %v", err)
	}
	it := must[model.AgendaItem](t)(s.Item(ctx, a))
	for name, change := range map[string]func(*model.AgendaItem){
		"title":  func(i *model.AgendaItem) { i.Title = "Dachmarke (neu)" },
		"number": func(i *model.AgendaItem) { i.Number = "05" },
		"list":   func(i *model.AgendaItem) { i.Consent = true },
	} {
		changed := it
		change(&changed)
		if err := s.UpdateItem(ctx, changed); model.ClassOf(err) != model.ErrRule {
			t.Errorf("%s changed in an ended session: %v", name, err)
		}
	}
	if got := must[model.AgendaItem](t)(s.Item(ctx, a)); got.Title != "Dachmarke" || got.Number != "01" || got.Position != 1 {
		t.Errorf("the item changed: %+v", got)
	}
	// The FachMK concerned are no part of the agenda's order or names.
	it.Impact = model.Impact{Stated: true, Note: "keine"}
	check(t, s.UpdateItem(ctx, it))
	must[int64](t)(s.CreateContribution(ctx, model.Contribution{ItemID: a, Speaker: "HE", Points: []string{"nachgetragen"}}))
}

// TestEndSessionAsksAboutTheProposalsItTreats: the end waits for the
// proposals of the items on the agenda (or the confirmation that they
// stay undecided), never for a declined or pending registration's
// proposal, which the session does not treat; EndSession and the
// management page's list (OpenProposals) are one rule.
func TestEndSessionAsksAboutTheProposalsItTreats(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, s47 := lawFixture(t, s)
	draft := func(title string, status model.ItemStatus) int64 {
		it := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Title: title, Status: status, RegisteredBy: "HE", Goal: model.GoalDecision}))
		must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: s47, ItemID: it, Kind: model.KindDecision,
			Status: model.DecisionDraft, Scope: model.ScopeAll, Applicants: []string{"Bund"}, Title: title}))
		return it
	}
	draft("Doppelte Anmeldung", model.ItemDeclined)
	draft("Noch nicht entschieden", model.ItemRegistered)
	if open := must[[]model.OpenProposal](t)(s.OpenProposals(ctx, s47)); len(open) != 0 {
		t.Errorf("a registration's proposal counts as open: %+v", open)
	}
	onAgenda := draft("Digitale Dachmarke", model.ItemAccepted)
	open := must[[]model.OpenProposal](t)(s.OpenProposals(ctx, s47))
	if len(open) != 1 || open[0].Item.ID != onAgenda {
		t.Fatalf("open proposals: %+v", open)
	}
	se := must[model.Session](t)(s.Session(ctx, s47))
	_, err := s.EndSession(ctx, s47, se.Version, false)
	if model.ClassOf(err) != model.ErrRule || model.FieldOf(err) != "offene_vorschlaege" {
		t.Fatalf("ending with a proposal not voted on: %v", err)
	}
	if got := must[model.Session](t)(s.Session(ctx, s47)); got.Status != model.StatusRunning {
		t.Fatalf("after the refusal the session is %q", got.Status)
	}
	must[[]model.FollowUp](t)(s.EndSession(ctx, s47, se.Version, true))
	if got := must[model.Session](t)(s.Session(ctx, s47)); got.Status != model.StatusEnded {
		t.Errorf("after the confirmed end the session is %q", got.Status)
	}
}
