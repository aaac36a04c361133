package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestReportFollowUp: a report changes status and evidence and adds the
// comment in one transaction; erledigt needs evidence; a stale version is a
// conflict; a status other than erledigt clears the evidence.
func TestReportFollowUp(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	_, sessionID := fixture(t, s)
	itemID := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "17", Title: "Projektplanung"}))
	noteID := must[int64](t)(s.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: itemID, Author: "Hessen", Text: "Projektplanung spätestens zur 48. Sitzung"}))
	fid := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, Text: "Projektplanung vorlegen", Responsible: "HE, BY",
		DueSession: 48, Status: model.FollowUpOpen, Source: model.SourceNote, SourceID: noteID}))
	f := must[model.FollowUp](t)(s.FollowUp(ctx, fid))
	if f.Source != model.SourceNote || f.SourceID != noteID {
		t.Fatalf("source = %q %d", f.Source, f.SourceID)
	}
	if _, err := s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, Text: "x", Status: model.FollowUpOpen, Source: model.SourceContribution, SourceID: 999}); !errors.Is(err, model.ErrInput) {
		t.Errorf("unknown source row: %v", err)
	}

	rep := FollowUpReport{ID: fid, Version: f.Version, Status: model.FollowUpDone, DoneOn: model.NewDate(2025, 11, 3), Comment: "fertig", Author: "hessen", Member: "HE"}
	if err := s.ReportFollowUp(ctx, rep); !errors.Is(err, model.ErrInput) {
		t.Errorf("done without evidence: %v", err)
	}
	if cs := must[[]model.FollowUpComment](t)(s.FollowUpComments(ctx, fid)); len(cs) != 0 {
		t.Errorf("a refused report left its comment: %+v", cs)
	}
	rep.EvidenceText = "Projektplan an die Geschäftsstelle gesandt"
	check(t, s.ReportFollowUp(ctx, rep))
	if err := s.ReportFollowUp(ctx, rep); !errors.Is(err, ErrConflict) {
		t.Errorf("stale report: %v", err)
	}
	f = must[model.FollowUp](t)(s.FollowUp(ctx, fid))
	if f.Status != model.FollowUpDone || f.DoneOn != model.NewDate(2025, 11, 3) || f.EvidenceText != rep.EvidenceText {
		t.Errorf("after report: %+v", f)
	}
	if cs := must[[]model.FollowUpComment](t)(s.FollowUpComments(ctx, fid)); len(cs) != 1 || cs[0].Member != "HE" || cs[0].Text != "fertig" {
		t.Errorf("comments = %+v", cs)
	}
	check(t, s.ReportFollowUp(ctx, FollowUpReport{ID: fid, Version: f.Version, Status: model.FollowUpInProgress, EvidenceText: "ignored"}))
	f = must[model.FollowUp](t)(s.FollowUp(ctx, fid))
	if f.Status != model.FollowUpInProgress || f.HasEvidence() {
		t.Errorf("reopened: %+v", f)
	}
	// "entfallen" needs a reason (Begründung), kept as the evidence text;
	// before, it was stored with nothing.
	err := s.ReportFollowUp(ctx, FollowUpReport{ID: fid, Version: f.Version, Status: model.FollowUpDropped, EvidenceText: "  "})
	if !errors.Is(err, model.ErrInput) || model.FieldOf(err) != "begruendung" {
		t.Errorf("dropped without a reason: %v", err)
	}
	check(t, s.ReportFollowUp(ctx, FollowUpReport{ID: fid, Version: f.Version, Status: model.FollowUpDropped, EvidenceText: " Durch B-2025/30-IT überholt. "}))
	f = must[model.FollowUp](t)(s.FollowUp(ctx, fid))
	if f.Status != model.FollowUpDropped || f.DropReason() != "Durch B-2025/30-IT überholt." || !f.DoneOn.IsZero() {
		t.Errorf("dropped: %+v", f)
	}
	check(t, s.ReportFollowUp(ctx, FollowUpReport{ID: fid, Version: f.Version, Status: model.FollowUpInProgress}))
	f = must[model.FollowUp](t)(s.FollowUp(ctx, fid))

	// Filters: by member (exactly, not by substring), session, pending.
	check(t, ignore(s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, Text: "Bericht", Responsible: "HEX", Status: model.FollowUpOpen})))
	if fs := must[[]model.FollowUp](t)(s.FollowUps(ctx, FollowUpFilter{Member: "HE"})); len(fs) != 1 || fs[0].ID != fid {
		t.Errorf("member HE: %+v", fs)
	}
	es := must[[]FollowUpEntry](t)(s.FollowUpEntries(ctx, FollowUpFilter{SessionID: sessionID, Pending: true}))
	if len(es) != 2 || es[0].SessionID != sessionID || es[0].ItemNumber != "17" {
		t.Errorf("entries = %+v", es)
	}

	// A confirmed or dismissed proposal is handled and cannot be confirmed twice.
	check(t, ignore(s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, Text: "Audit", Status: model.FollowUpOpen, ProposalKey: "k1"})))
	if _, err := s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, Text: "Audit", Status: model.FollowUpOpen, ProposalKey: "k1"}); !errors.Is(err, ErrDuplicate) {
		t.Errorf("confirmed twice: %v", err)
	}
	check(t, s.DismissFollowUpProposal(ctx, sessionID, "k2", "Bitte an den Bund", "gs"))
	if _, err := s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, Text: "x", Status: model.FollowUpOpen, ProposalKey: "k2"}); !errors.Is(err, ErrDuplicate) {
		t.Errorf("dismissed proposal confirmed: %v", err)
	}
	if h := must[map[string]bool](t)(s.HandledFollowUpProposals(ctx, sessionID)); !h["k1"] || !h["k2"] || len(h) != 2 {
		t.Errorf("handled = %v", h)
	}
}

// TestCalendarToken: one address per account, replaced by a new one,
// revoked; every change is in the account's audit record (the guard of
// newStore checks it).
func TestCalendarToken(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	uid := must[int64](t)(s.CreateUser(ctx, model.User{Username: "gs", Name: "Geschäftsstelle", Role: model.RoleSecretariat}, "x"))
	check(t, s.SetCalendarToken(ctx, uid, "h1"))
	if u, err := s.CalendarTokenUser(ctx, "h1"); err != nil || u.ID != uid {
		t.Fatalf("token user: %+v %v", u, err)
	}
	check(t, s.SetCalendarToken(ctx, uid, "h2"))
	if _, err := s.CalendarTokenUser(ctx, "h1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("replaced token still works: %v", err)
	}
	if since := must[time.Time](t)(s.CalendarTokenSince(ctx, uid)); since.IsZero() {
		t.Error("no time of the address")
	}
	check(t, s.RevokeCalendarToken(ctx, uid))
	if _, err := s.CalendarTokenUser(ctx, "h2"); !errors.Is(err, ErrNotFound) {
		t.Errorf("revoked token still works: %v", err)
	}
	if err := s.RevokeCalendarToken(ctx, uid); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("revoking nothing: %v", err)
	}
}
