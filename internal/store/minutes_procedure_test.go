package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// toDraftMinutes moves a running session to "Protokoll im Entwurf".
func toDraftMinutes(t *testing.T, s *Store, sessionID int64) {
	t.Helper()
	ctx := context.Background()
	for _, next := range []model.SessionStatus{model.StatusEnded, model.StatusMinutesDraft} {
		se := must[model.Session](t)(s.Session(ctx, sessionID))
		check(t, s.SetSessionStatus(ctx, sessionID, se.Version, next))
	}
}

// While a written procedure approves draft minutes, nothing changes them:
// the members approve the text they were sent, and that text is what the
// minutes show afterwards. Before, every row could be edited meanwhile and
// the approved minutes showed the edit.
func TestMinutesInProcedureDoNotChange(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID := lawFixture(t, s)
	itemID := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Title: "Registermodernisierung"}))
	item := must[model.AgendaItem](t)(s.Item(ctx, itemID))
	cID := must[int64](t)(s.CreateContribution(ctx, model.Contribution{ItemID: itemID, Speaker: "HE", Points: []string{"Wie besprochen."}}))
	nID := must[int64](t)(s.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: itemID, Author: "Berlin", Text: "Berlin stimmt zu."}))
	rID := must[int64](t)(s.CreateRemark(ctx, model.Remark{ItemID: itemID, Kind: model.RemarkText, Text: "Vermerk."}))
	draftID := must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: itemID, Kind: model.KindDecision,
		Status: model.DecisionDraft, Scope: model.ScopeAll, Title: "Offen geblieben", Applicants: []string{"Bund"}}))
	toDraftMinutes(t, s, sessionID)

	now := time.Date(2025, 7, 1, 10, 0, 0, 0, model.Berlin)
	s.SetClock(func() time.Time { return now })
	pid := must[int64](t)(s.StartProcedure(ctx, ProcedureStart{Decision: model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Bestätigung des Protokolls der 47. Sitzung", Applicants: []string{"Bund"}}, Deadline: now.Add(48 * time.Hour),
		ApprovesSession: 47, MinutesText: "Protokoll der 47. Sitzung, wie versandt", MinutesStamp: stampOf(t, s, sessionID)}))

	refused := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, ErrMinutesInProcedure) || !errors.Is(err, ErrImmutable) || model.ClassOf(err) != model.ErrRule {
			t.Errorf("%s during the procedure: %v", what, err)
			return
		}
		if r := model.ReasonOf(err); !strings.Contains(r, "Umlaufverfahren „Bestätigung des Protokolls der 47. Sitzung“") || !strings.Contains(r, "03.07.2025, 10:00 Uhr") {
			t.Errorf("%s: the reason names no procedure: %s", what, r)
		}
	}
	c := must[model.Contribution](t)(s.Contribution(ctx, cID))
	c.Points = []string{"NACHTRÄGLICH GEÄNDERT WÄHREND DES UMLAUFS"}
	refused("edit of a contribution", s.UpdateContribution(ctx, c))
	refused("new contribution", ignore(s.CreateContribution(ctx, model.Contribution{ItemID: itemID, Speaker: "BY", Points: []string{"Neu."}})))
	n := must[model.ProtocolNote](t)(s.ProtocolNote(ctx, nID))
	n.Text = "geändert"
	refused("edit of a note", s.UpdateProtocolNote(ctx, n))
	refused("new note", ignore(s.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: itemID, Author: "HH", Text: "Neu."})))
	remarks := must[[]model.Remark](t)(s.Remarks(ctx, itemID))
	remarks[0].Text = "geändert"
	refused("edit of a remark", s.UpdateRemark(ctx, remarks[0]))
	refused("new remark", ignore(s.CreateRemark(ctx, model.Remark{ItemID: itemID, Kind: model.RemarkText, Text: "Neu."})))
	item.Title = "Anderer Titel"
	refused("item title", s.UpdateItem(ctx, item))
	d := must[model.Decision](t)(s.Decision(ctx, draftID))
	d.Title = "Anderer Vorschlag"
	refused("edit of the undecided proposal", s.UpdateDecision(ctx, d))
	refused("a decision recorded from the past", ignore(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: itemID, Kind: model.KindDecision,
		Status: model.DecisionAdopted, Scope: model.ScopeAll, Title: "Nachgetragen", Result: "einstimmig", AdoptedOn: model.NewDate(2025, 6, 26)})))
	refused("attendance", ignore2(s.SaveAttendance(ctx, sessionID, attending(voters...))))
	// Nor approved otherwise meanwhile (the procedure's close would find
	// them approved), nor put into a second procedure.
	s48 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2025, 7, 2), Status: model.StatusRunning}))
	must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s48, Title: "Begrüßung", Points: []string{"Bestätigung des Protokolls der 47. Sitzung"}}))
	must2[bool, string](t)(s.SaveAttendance(ctx, s48, attending(voters...)))
	refused("approval in the 48th session", s.ApproveMinutes(ctx, sessionID, 48, "Protokoll, anders", stampOf(t, s, sessionID)))
	if _, err := s.StartProcedure(ctx, ProcedureStart{Decision: model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Noch einmal", Applicants: []string{"Bund"}}, Deadline: now.Add(time.Hour),
		ApprovesSession: 47, MinutesText: "anders", MinutesStamp: stampOf(t, s, sessionID)}); model.ClassOf(err) != model.ErrConflict || model.FieldOf(err) != "protokoll" {
		t.Errorf("a second procedure on the same minutes: %v", err)
	}
	// A follow-up is still given, but the item's box, part of the text
	// sent, stays as it was.
	must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, Text: "Bericht", Responsible: "FITKO", Status: model.FollowUpOpen, Source: model.SourceItem}))
	if it := must[model.AgendaItem](t)(s.Item(ctx, itemID)); it.Flags.FollowUp {
		t.Error("confirming a follow-up ticked the box of minutes in a procedure")
	}

	for _, m := range voters {
		check(t, s.CastVote(ctx, pid, m, model.VoteYes))
	}
	must[model.WrittenProcedure](t)(s.EndProcedureEarly(ctx, pid))
	if got := must[model.Contribution](t)(s.Contribution(ctx, cID)); strings.Join(got.Points, "") != "Wie besprochen." {
		t.Errorf("the approved minutes show %q", got.Points)
	}
	vs := must[[]MinutesVersion](t)(s.MinutesVersions(ctx, sessionID))
	if len(vs) != 1 || vs[0].Text != "Protokoll der 47. Sitzung, wie versandt" {
		t.Errorf("approved version: %+v", vs)
	}
	_ = rID
}

// A procedure that does not approve the minutes leaves them a draft that
// can be edited again.
func TestMinutesEditableAfterRejectedProcedure(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID := lawFixture(t, s)
	itemID := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Title: "Registermodernisierung"}))
	cID := must[int64](t)(s.CreateContribution(ctx, model.Contribution{ItemID: itemID, Speaker: "HE", Points: []string{"Wie besprochen."}}))
	toDraftMinutes(t, s, sessionID)
	now := time.Date(2025, 7, 1, 10, 0, 0, 0, model.Berlin)
	s.SetClock(func() time.Time { return now })
	pid := must[int64](t)(s.StartProcedure(ctx, ProcedureStart{Decision: model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Bestätigung des Protokolls der 47. Sitzung", Applicants: []string{"Bund"}}, Deadline: now.Add(48 * time.Hour),
		ApprovesSession: 47, MinutesText: "Protokoll", MinutesStamp: stampOf(t, s, sessionID)}))
	for _, m := range voters {
		check(t, s.CastVote(ctx, pid, m, model.VoteNo))
	}
	must[model.WrittenProcedure](t)(s.EndProcedureEarly(ctx, pid))
	c := must[model.Contribution](t)(s.Contribution(ctx, cID))
	c.Points = []string{"Berichtigt vor dem nächsten Verfahren."}
	check(t, s.UpdateContribution(ctx, c))
}
