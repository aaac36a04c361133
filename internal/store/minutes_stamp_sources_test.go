package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// stampOf reads the stamp of a session's minutes (MinutesStamp), as an
// approving handler reads it before it renders the text: for tests that
// approve a text of their own.
func stampOf(t testing.TB, s *Store, sessionID int64) MinutesStamp {
	t.Helper()
	return must[MinutesStamp](t)(s.MinutesStamp(context.Background(), sessionID))
}

// approvalWorld is the 47th session with an item, a contribution and a
// follow-up, its minutes in draft, and the 48th running, its TOP 00 naming their
// approval, with nine voters present.
func approvalWorld(t *testing.T, s *Store) (bodyID, s47, item47, s48 int64) {
	return approvalWorldWith(t, s, nil)
}

// approvalWorldWith is approvalWorld with before run while the 47th
// session still runs.
func approvalWorldWith(t *testing.T, s *Store, before func(t *testing.T, s *Store, bodyID, s47 int64)) (bodyID, s47, item47, s48 int64) {
	t.Helper()
	ctx := context.Background()
	bodyID, s47 = lawFixture(t, s)
	if before != nil {
		before(t, s, bodyID, s47)
	}
	item47 = must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Number: "01", Title: "Dachmarke"}))
	must[int64](t)(s.CreateContribution(ctx, model.Contribution{ItemID: item47, Speaker: "HE", Points: []string{"wie gelesen"}}))
	must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: item47, Text: "Bericht zur Dachmarke",
		Responsible: "FITKO", Status: model.FollowUpOpen, Source: model.SourceItem}))
	toDraftMinutes(t, s, s47)
	s48 = runningApprover(t, s, bodyID, 48, model.NewDate(2025, 11, 20), 47)
	return bodyID, s47, item47, s48
}

// runningApprover creates the body's session number, running on date,
// whose TOP 00 names the approval of the minutes of session approves,
// with nine voters present.
func runningApprover(t *testing.T, s *Store, bodyID int64, number int, date model.Date, approves int) int64 {
	t.Helper()
	ctx := context.Background()
	id := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: number, Date: date, Status: model.StatusRunning}))
	must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: id, Number: "00", Title: "Begrüßung", Position: 1,
		Points: []string{"Feststellung der Beschlussfähigkeit", fmt.Sprintf("Bestätigung des Protokolls der %d. Sitzung", approves)}}))
	if ok, reason, err := s.SaveAttendance(ctx, id, attending(voters[:9]...)); err != nil || !ok {
		t.Fatalf("quorum in the %d. Sitzung: %v %v %s", number, ok, err, reason)
	}
	return id
}

// refusedAsStale checks that an approval with a stamp read before a change
// was refused with the conflict that says so, and that the minutes of
// session id are still a draft without a kept version.
func refusedAsStale(t *testing.T, s *Store, id int64, number int, err error) {
	t.Helper()
	if model.ClassOf(err) != model.ErrConflict || !strings.Contains(model.ReasonOf(err), fmt.Sprintf("Das Protokoll der %d. Sitzung wurde inzwischen geändert", number)) {
		t.Errorf("approved with a stamp read before the change: %v", err)
	}
	if got := must[model.Session](t)(s.Session(context.Background(), id)); got.Status != model.StatusMinutesDraft {
		t.Errorf("the minutes of the %d. Sitzung are %q", number, got.Status)
	}
	if vs := must[[]MinutesVersion](t)(s.MinutesVersions(context.Background(), id)); len(vs) != 0 {
		t.Errorf("a version kept on a stale read: %+v", vs)
	}
}

// TestApprovalRefusesWrittenProcedureClosedSinceRead: the minutes list the
// decisions taken by written procedure since the previous session
// (minutes.Document.WrittenProcedures, "Umlaufverfahren seit der letzten
// Sitzung"). A procedure whose deadline fell within the session's period
// and that the closing loop counts only later (the server was down) joins
// that list when it closes. Before, the stamp covered the session's own
// rows only: a close between the reading and the approval was approved
// unseen. Now it is refused like any other change.
func TestApprovalRefusesWrittenProcedureClosedSinceRead(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, s47 := lawFixture(t, s) // 26.06.2025, 09:00 – 12:15
	at := func(month time.Month, day, hour int) time.Time {
		return time.Date(2025, month, day, hour, 0, 0, 0, model.Berlin)
	}
	now := at(6, 20, 10)
	s.SetClock(func() time.Time { return now })
	pid := must[int64](t)(s.StartProcedure(ctx, ProcedureStart{Decision: model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Registermodernisierung", Applicants: []string{"Bund"}}, Deadline: at(6, 25, 10)}))
	for _, m := range voters {
		check(t, s.CastVote(ctx, pid, m, model.VoteYes))
	}
	now = at(6, 26, 13)
	toDraftMinutes(t, s, s47)
	runningApprover(t, s, bodyID, 48, model.NewDate(2025, 11, 20), 47)
	listed := func() []model.Decision {
		se := must[model.Session](t)(s.Session(ctx, s47))
		after, until, err := s.ProcedurePeriod(ctx, se)
		check(t, err)
		return must[[]model.Decision](t)(s.ProcedureDecisions(ctx, bodyID, after, until))
	}
	if got := listed(); len(got) != 0 {
		t.Fatalf("the 47th's minutes list an open procedure: %+v", got)
	}

	read := stampOf(t, s, s47)
	now = at(7, 1, 10)
	if closed := must[[]model.WrittenProcedure](t)(s.CloseDueProcedures(ctx, now)); len(closed) != 1 {
		t.Fatalf("closed %d procedures", len(closed))
	}
	if got := listed(); len(got) != 1 || got[0].Status != model.DecisionAdopted {
		t.Fatalf("the procedure closed late is not in the 47th's minutes: %+v", got)
	}
	refusedAsStale(t, s, s47, 47, s.ApproveMinutes(ctx, s47, 48, "ohne das Umlaufverfahren", read))
	check(t, s.ApproveMinutes(ctx, s47, 48, "mit dem Umlaufverfahren", stampOf(t, s, s47)))
}

// TestApprovalRefusesApprovedMinutesChangedSinceRead: the minutes of the
// 48th session say under TOP 00 which earlier minutes it approved ("Das
// Protokoll der 47. Sitzung vom 26.06.2025 wurde genehmigt",
// minutes.Item.ApprovalLines), read from the 47th session's row. Before,
// the stamp of the 48th's minutes did not cover it: the 47th's date
// corrected between the reading and the approval was approved unseen.
// Since, the record of a session with approved minutes does not change at
// all (UpdateSession refuses it), so the 48th's reading stands.
func TestApprovalRefusesApprovedMinutesChangedSinceRead(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, s47, _, s48 := approvalWorld(t, s)
	check(t, s.ApproveMinutes(ctx, s47, 48, "Protokoll der 47. Sitzung", stampOf(t, s, s47)))
	toDraftMinutes(t, s, s48)
	runningApprover(t, s, bodyID, 49, model.NewDate(2026, 3, 19), 48)

	read := stampOf(t, s, s48)
	// The 47th's minutes are approved: its date no longer changes
	// (UpdateSession refuses it, ErrImmutable), so what the 48th's
	// minutes read of it stands.
	se := must[model.Session](t)(s.Session(ctx, s47))
	se.Date = model.NewDate(2025, 6, 25)
	if err := s.UpdateSession(ctx, se); !errors.Is(err, ErrImmutable) {
		t.Fatalf("date of the approved 47th changed: %v", err)
	}
	check(t, s.ApproveMinutes(ctx, s48, 49, "mit dem 26.06.2025", read))
}

// TestApprovalRefusesOtherSourcesChangedSinceRead: the rest of what the
// minutes are rendered from outside the rows of their items — the
// delegations in the attendance list, the members' order (of the votes
// and the attendance), the body's name in the title, the follow-ups that
// set an item's checkbox "Follow-Up" — moves the stamp too. Before, a
// change of one of them between the reading and the approval was
// approved unseen.
func TestApprovalRefusesOtherSourcesChangedSinceRead(t *testing.T) {
	for _, tt := range []struct {
		name   string
		before func(t *testing.T, s *Store, bodyID, s47 int64)
		change func(t *testing.T, s *Store, bodyID, s47, item47 int64)
	}{
		{"delegation", nil, func(t *testing.T, s *Store, _, s47, _ int64) {
			// The secretariat corrects the delegations until the
			// minutes are approved.
			check(t, s.SaveDelegation(context.Background(), model.Delegation{SessionID: s47, Member: "HE",
				Delegates: []model.Delegate{{Name: "Dr. Anna Beispiel", Function: "CIO des Landes"}}}, true))
		}},
		{"members' order", nil, func(t *testing.T, s *Store, _, _, _ int64) {
			ms := must[[]model.Member](t)(s.Members(context.Background()))
			m := ms[len(ms)-1]
			m.Position = -1
			check(t, s.UpdateMember(context.Background(), m))
		}},
		{"body's name", nil, func(t *testing.T, s *Store, bodyID, _, _ int64) {
			b := must[model.Body](t)(s.Body(context.Background(), bodyID))
			b.Name = "IT-Planungsrat (Bund und Länder)"
			check(t, s.UpdateBody(context.Background(), b))
		}},
		{"follow-up", nil, func(t *testing.T, s *Store, _, _, item47 int64) {
			// Given before the reading (approvalWorld), its text
			// corrected after it: the session page shows it with the
			// minutes.
			f := must[[]model.FollowUp](t)(s.FollowUps(context.Background(), FollowUpFilter{ItemID: item47}))[0]
			f.Text = "Bericht zur Dachmarke bis zur 49. Sitzung"
			check(t, s.UpdateFollowUp(context.Background(), f))
		}},
		{"FachMK's name in a report", func(t *testing.T, s *Store, bodyID, s47 int64) {
			// Reported under "Reporting FachMK" while the session ran.
			gmk := fachMKNamedIn(t, s, bodyID, "GMK", "Gesundheitsministerkonferenz")
			must[int64](t)(s.CreateAssignment(context.Background(), model.Assignment{ConferenceID: gmk, Member: "HE", DecisionRef: "B-2022/43-IT"}))
			check(t, s.SaveReport(context.Background(), model.FachMKReport{SessionID: s47, ConferenceID: gmk, Member: "HE", Author: "Sprecher HE", Text: "Bericht"}, true))
		}, func(t *testing.T, s *Store, _, _, _ int64) {
			b := must[model.Body](t)(s.BodyByAbbrev(context.Background(), "GMK"))
			b.Name = "Gesundheitsministerkonferenz der Länder"
			check(t, s.UpdateBody(context.Background(), b))
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newStore(t)
			ctx := context.Background()
			bodyID, s47, item47, _ := approvalWorldWith(t, s, tt.before)
			read := stampOf(t, s, s47)
			tt.change(t, s, bodyID, s47, item47)
			refusedAsStale(t, s, s47, 47, s.ApproveMinutes(ctx, s47, 48, "wie gelesen", read))
			check(t, s.ApproveMinutes(ctx, s47, 48, "wie jetzt", stampOf(t, s, s47)))
		})
	}
}

// TestApprovalWithoutStampIsAnError: the stamp is required. An approval,
// a correction's approval or a written procedure on the minutes given
// none is an internal error (a caller's mistake), never an approval
// unchecked — before, leaving it out skipped the check.
func TestApprovalWithoutStampIsAnError(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, s47, _, _ := approvalWorld(t, s)
	if err := s.ApproveMinutes(ctx, s47, 48, "ungeprüft", ""); err == nil || model.ClassOf(err) != model.ErrInternal {
		t.Errorf("an approval without a stamp: %v", err)
	}
	now := time.Date(2025, 12, 1, 10, 0, 0, 0, model.Berlin)
	s.SetClock(func() time.Time { return now })
	if _, err := s.StartProcedure(ctx, ProcedureStart{Decision: model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Bestätigung des Protokolls der 47. Sitzung", Applicants: []string{"Bund"}}, Deadline: now.Add(48 * time.Hour),
		ApprovesSession: 47, MinutesText: "ungeprüft"}); err == nil || model.ClassOf(err) != model.ErrInternal {
		t.Errorf("a written procedure on the minutes without a stamp: %v", err)
	}
	s.SetClock(time.Now)
	check(t, s.ApproveMinutes(ctx, s47, 48, "geprüft", stampOf(t, s, s47)))
	corr := must[int64](t)(s.ProposeMinutesCorrection(ctx, model.MinutesCorrection{RowKind: "ON",
		RowID: must[[]model.Contribution](t)(s.Contributions(ctx, must[[]model.AgendaItem](t)(s.Items(ctx, s47))[0].ID))[0].ID, After: "berichtigt", Reason: "Tippfehler"}))
	if _, err := s.ApproveMinutesCorrection(ctx, corr, 48, "ungeprüft", ""); err == nil || model.ClassOf(err) != model.ErrInternal {
		t.Errorf("a correction's approval without a stamp: %v", err)
	}
	if vs := must[[]MinutesVersion](t)(s.MinutesVersions(ctx, s47)); len(vs) != 1 {
		t.Errorf("versions kept: %d, want the approval's only", len(vs))
	}
}
