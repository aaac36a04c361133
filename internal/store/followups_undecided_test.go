package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// undecidedFixture gives the running 47th session of lawFixture with an
// item and a proposal on it not voted on yet.
func undecidedFixture(t *testing.T, s *Store) (bodyID, sessionID, itemID, draft int64) {
	t.Helper()
	ctx := WithActor(context.Background(), "test")
	bodyID, sessionID = lawFixture(t, s)
	itemID = must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "05", Title: "Bericht", Position: 5}))
	draft = must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: itemID, Kind: model.KindDecision,
		Status: model.DecisionDraft, Scope: model.ScopeAll, Title: "Vorschlag",
		Points: []model.Point{{Label: "1.", Text: "Er bittet die FITKO um einen Bericht."}}, Applicants: []string{"Bund"}}))
	return bodyID, sessionID, itemID, draft
}

// TestUndecidedProposalDropsItsFollowUp: on the live page of the 47th
// session the secretariat recorded a follow-up as ordered by a proposal
// before its vote; the session ended with the proposal undecided (the
// secretariat confirmed that it stays undecided). Before, the follow-up
// stayed offen — listed, counted, reminded of and overdue for the FITKO,
// for an order nobody made. Now the end sets it to entfallen in its
// transaction, with the reason naming the proposal and the session, and
// audits it; one already done, and one the secretariat dropped by hand
// before, stay as they are.
func TestUndecidedProposalDropsItsFollowUp(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "test")
	_, sessionID, itemID, draft := undecidedFixture(t, s)
	open := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, DecisionID: draft, Text: "Vorab", Responsible: "FITKO", Status: model.FollowUpOpen}))
	working := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, DecisionID: draft, Text: "Begonnen", Responsible: "HE", Status: model.FollowUpInProgress}))
	done := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, DecisionID: draft, Text: "Schon erledigt", Responsible: "FITKO",
		Status: model.FollowUpDone, DoneOn: model.NewDate(2025, 6, 1), EvidenceText: "Bericht liegt vor"}))
	byHand := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, DecisionID: draft, Text: "Von Hand", Responsible: "FITKO", Status: model.FollowUpOpen}))
	h := must[model.FollowUp](t)(s.FollowUp(ctx, byHand))
	rep := FollowUpReport{ID: byHand, Version: h.Version, Status: model.FollowUpDropped, EvidenceText: "Wird anders geregelt.", Author: "Geschäftsstelle"}
	check(t, s.ReportFollowUp(ctx, rep))
	// From the discussion, without a proposal: owed whatever the votes.
	discussion := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, Text: "Aus der Diskussion", Responsible: "FITKO", Status: model.FollowUpOpen}))

	se := must[model.Session](t)(s.Session(ctx, sessionID))
	dropped := must[[]model.FollowUp](t)(s.EndSession(ctx, sessionID, se.Version, true))
	if len(dropped) != 2 || dropped[0].ID != open || dropped[1].ID != working {
		t.Errorf("EndSession gave as dropped %+v, want the open and the begun follow-up", dropped)
	}
	for _, id := range []int64{open, working} {
		f := must[model.FollowUp](t)(s.FollowUp(ctx, id))
		if f.Status != model.FollowUpDropped || f.DropReason() != "Der Beschlussvorschlag „Vorschlag“, der den Auftrag vorsah, blieb in der 47. Sitzung unentschieden." {
			t.Errorf("follow-up %q of the undecided proposal after the end: %s %q, want entfallen with the reason", f.Text, f.Status, f.DropReason())
		}
		if !auditHas(t, s, id, "entfallen: Beschlussvorschlag unentschieden") {
			t.Errorf("follow-up %q: no audit entry of the drop", f.Text)
		}
	}
	if f := must[model.FollowUp](t)(s.FollowUp(ctx, done)); f.Status != model.FollowUpDone || f.EvidenceText != "Bericht liegt vor" {
		t.Errorf("a follow-up done before the end became %s %q", f.Status, f.EvidenceText)
	}
	if f := must[model.FollowUp](t)(s.FollowUp(ctx, byHand)); f.DropReason() != "Wird anders geregelt." {
		t.Errorf("a follow-up dropped by hand got the reason %q", f.DropReason())
	}
	if f := must[model.FollowUp](t)(s.FollowUp(ctx, discussion)); f.Status != model.FollowUpOpen {
		t.Errorf("a follow-up from the discussion became %s", f.Status)
	}
}

// auditHas tells whether the audit log holds a status entry of the
// follow-up with the detail.
func auditHas(t *testing.T, s *Store, id int64, detail string) bool {
	t.Helper()
	var n int
	check(t, s.rd.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM audit_log WHERE entity = 'follow_up' AND entity_id = ? AND action = 'status' AND detail = ?`,
		id, detail).Scan(&n))
	return n > 0
}

// TestUndecidedFollowUpOwedOnceAdopted: a proposal left undecided in the
// 47th session is adopted later — moved to an item of the 48th session
// and counted there, by a vote and by a show of hands. The follow-ups the
// end dropped because it stayed undecided are owed again, set back to
// offen in the count's transaction and audited; a follow-up the
// secretariat dropped by hand — before the end, or after it with its own
// reason — stays dropped.
func TestUndecidedFollowUpOwedOnceAdopted(t *testing.T) {
	for _, way := range []string{"Abstimmung", "Handzeichen"} {
		t.Run(way, func(t *testing.T) {
			s, _ := newStore(t)
			ctx := WithActor(context.Background(), "test")
			bodyID, s47, itemID, draft := undecidedFixture(t, s)
			owed := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, DecisionID: draft, Text: "Vorab", Responsible: "FITKO", Status: model.FollowUpOpen}))
			before := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, DecisionID: draft, Text: "Vorher von Hand", Responsible: "FITKO", Status: model.FollowUpOpen}))
			after := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, DecisionID: draft, Text: "Nachher von Hand", Responsible: "FITKO", Status: model.FollowUpOpen}))
			dropByHand := func(id int64, reason string) {
				t.Helper()
				f := must[model.FollowUp](t)(s.FollowUp(ctx, id))
				check(t, s.ReportFollowUp(ctx, FollowUpReport{ID: id, Version: f.Version, Status: model.FollowUpDropped, EvidenceText: reason, Author: "Geschäftsstelle"}))
			}
			dropByHand(before, "Erledigt sich mit dem Bericht.")
			se := must[model.Session](t)(s.Session(ctx, s47))
			must[[]model.FollowUp](t)(s.EndSession(ctx, s47, se.Version, true))
			dropByHand(after, "Wird nicht mehr gebraucht.")

			// The 48th session takes the proposal up and adopts it.
			s48 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2025, 11, 6), StartTime: "09:00", Place: "Berlin", Chair: "BE", Status: model.StatusRunning}))
			if ok, reason, err := s.SaveAttendance(ctx, s48, attending(append(voters, "DLT")...)); err != nil || !ok {
				t.Fatalf("quorum: %v %s", err, reason)
			}
			item48 := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s48, Number: "03", Title: "Bericht", Position: 3}))
			d := must[model.Decision](t)(s.Decision(ctx, draft))
			d.SessionID, d.ItemID = s48, item48
			check(t, s.UpdateDecision(ctx, d))
			var out VoteOutcome
			switch way {
			case "Abstimmung":
				vid := must[int64](t)(s.OpenVote(ctx, s48, draft))
				for m, c := range everyVoterYes() {
					check(t, s.CastSessionVote(ctx, vid, m, c, false))
				}
				out = must[VoteOutcome](t)(s.CloseVote(ctx, vid))
			case "Handzeichen":
				out = must[VoteOutcome](t)(s.RecordShowOfHands(ctx, s48, draft, everyVoterYes()))
			}
			if out.Decisions[0].Status != model.DecisionAdopted {
				t.Fatalf("count: %s", out.Decisions[0].Status)
			}
			f := must[model.FollowUp](t)(s.FollowUp(ctx, owed))
			if f.Status != model.FollowUpOpen || f.EvidenceText != "" {
				t.Errorf("the follow-up of the adopted proposal: %s %q, want offen again without the reason", f.Status, f.EvidenceText)
			}
			if !auditHas(t, s, owed, "offen: Beschlussvorschlag angenommen ("+out.Decisions[0].Label+")") {
				t.Errorf("no audit entry of the follow-up owed again")
			}
			for id, reason := range map[int64]string{before: "Erledigt sich mit dem Bericht.", after: "Wird nicht mehr gebraucht."} {
				if g := must[model.FollowUp](t)(s.FollowUp(ctx, id)); g.Status != model.FollowUpDropped || g.DropReason() != reason {
					t.Errorf("a follow-up dropped by hand after the adoption: %s %q, want entfallen %q", g.Status, g.DropReason(), reason)
				}
			}
		})
	}
}

// TestRejectedLaterKeepsTheUndecidedDrop: a proposal left undecided and
// rejected later orders nothing either: its follow-up stays entfallen,
// and no later count sets it back.
func TestRejectedLaterKeepsTheUndecidedDrop(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "test")
	bodyID, s47, itemID, draft := undecidedFixture(t, s)
	id := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, DecisionID: draft, Text: "Vorab", Responsible: "FITKO", Status: model.FollowUpOpen}))
	se := must[model.Session](t)(s.Session(ctx, s47))
	must[[]model.FollowUp](t)(s.EndSession(ctx, s47, se.Version, true))
	s48 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2025, 11, 6), StartTime: "09:00", Place: "Berlin", Chair: "BE", Status: model.StatusRunning}))
	if ok, reason, err := s.SaveAttendance(ctx, s48, attending(append(voters, "DLT")...)); err != nil || !ok {
		t.Fatalf("quorum: %v %s", err, reason)
	}
	item48 := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s48, Number: "03", Title: "Bericht", Position: 3}))
	d := must[model.Decision](t)(s.Decision(ctx, draft))
	d.SessionID, d.ItemID = s48, item48
	check(t, s.UpdateDecision(ctx, d))
	votes := everyVoterYes()
	votes["Bund"] = model.VoteNo
	must[VoteOutcome](t)(s.RecordShowOfHands(ctx, s48, draft, votes))
	if f := must[model.FollowUp](t)(s.FollowUp(ctx, id)); f.Status != model.FollowUpDropped || !strings.Contains(f.DropReason(), "unentschieden") {
		t.Errorf("the follow-up of the proposal rejected later: %s %q, want entfallen as it was", f.Status, f.DropReason())
	}
}

// TestUndecidedMigration: the migration 989 (follow_ups.undecided_in)
// goes down and up again on both engines, and the end of a session
// drops and marks as before.
func TestUndecidedMigration(t *testing.T) {
	dir := t.TempDir()
	s, err := testOpen(t, context.Background(), dir)
	check(t, err)
	t.Cleanup(func() { s.Close() })
	ctx := WithActor(context.Background(), "test")
	_, sessionID, itemID, draft := undecidedFixture(t, s)
	id := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, DecisionID: draft, Text: "Vorab", Responsible: "FITKO", Status: model.FollowUpOpen}))
	reapplyMigration(t, s, 989)
	se := must[model.Session](t)(s.Session(ctx, sessionID))
	if dropped := must[[]model.FollowUp](t)(s.EndSession(ctx, sessionID, se.Version, true)); len(dropped) != 1 || dropped[0].ID != id {
		t.Fatalf("dropped after the migration: %+v", dropped)
	}
	var in int64
	check(t, s.rd.QueryRowContext(ctx, `SELECT undecided_in FROM follow_ups WHERE id = ?`, id).Scan(&in))
	if in != sessionID {
		t.Errorf("undecided_in = %d, want the session %d", in, sessionID)
	}
}
