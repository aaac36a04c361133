package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// correctionProcedureFixture gives minutes of the 47th session approved by
// written procedure, with one contribution and one protocol note, and a
// proposed correction of the contribution; the clock stands after the
// approval.
func correctionProcedureFixture(t *testing.T, s *Store) (bodyID, sessionID, contribution, note, correction int64, now time.Time) {
	t.Helper()
	ctx := context.Background()
	bodyID, sessionID = lawFixture(t, s)
	itemID := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Title: "Registermodernisierung"}))
	contribution = must[int64](t)(s.CreateContribution(ctx, model.Contribution{ItemID: itemID, Speaker: "HE", Points: []string{"Wie besprochn."}}))
	note = must[int64](t)(s.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: itemID, Author: "Berlin", Text: "Berlin stimmt zu."}))
	toDraftMinutes(t, s, sessionID)
	now = time.Date(2025, 7, 1, 10, 0, 0, 0, model.Berlin)
	s.SetClock(func() time.Time { return now })
	pid := must[int64](t)(s.StartProcedure(ctx, ProcedureStart{Decision: model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Bestätigung des Protokolls der 47. Sitzung", Applicants: []string{"Bund"}}, Deadline: now.Add(48 * time.Hour),
		ApprovesSession: 47, MinutesText: "Protokoll der 47. Sitzung", MinutesStamp: stampOf(t, s, sessionID)}))
	for _, m := range voters {
		check(t, s.CastVote(ctx, pid, m, model.VoteYes))
	}
	must[model.WrittenProcedure](t)(s.EndProcedureEarly(ctx, pid))
	now = now.Add(24 * time.Hour)
	correction = must[int64](t)(s.ProposeMinutesCorrection(ctx, model.MinutesCorrection{RowKind: "ON", RowID: contribution, After: "Wie besprochen.", Reason: "Tippfehler"}))
	return bodyID, sessionID, contribution, note, correction, now
}

// startCorrectionProcedure starts the written procedure on the correction
// with the minutes as they are now.
func startCorrectionProcedure(t *testing.T, s *Store, bodyID, sessionID, correction int64, now time.Time, text string) (int64, error) {
	t.Helper()
	return s.StartCorrectionProcedure(context.Background(), correction, ProcedureStart{Decision: model.Decision{BodyID: bodyID, Kind: model.KindDecision,
		Status: model.DecisionDraft, Scope: model.ScopeAll, Title: "Genehmigung der Berichtigung des Protokolls der 47. Sitzung", Applicants: []string{"Bund"}},
		Deadline: now.Add(48 * time.Hour), MinutesText: text, MinutesStamp: stampOf(t, s, sessionID)})
}

// closeWith has every voting member vote choice and ends the procedure.
func closeWith(t *testing.T, s *Store, pid int64, choice model.VoteChoice) {
	t.Helper()
	for _, m := range voters {
		check(t, s.CastVote(context.Background(), pid, m, choice))
	}
	must[model.WrittenProcedure](t)(s.EndProcedureEarly(context.Background(), pid))
}

// A correction of minutes approved by written procedure is approved the
// same way: adopted, the procedure approves it as a session would — the
// row corrected, the text sent to the members kept as the new version,
// the correction approved — and while it is open the minutes are not
// corrected otherwise. Before, a correction could be approved only in a
// session.
func TestCorrectionApprovedByProcedure(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID, contribution, note, correction, now := correctionProcedureFixture(t, s)
	pid := must[int64](t)(startCorrectionProcedure(t, s, bodyID, sessionID, correction, now, "Protokoll der 47. Sitzung, berichtigt"))

	refused := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, ErrMinutesInProcedure) || model.ClassOf(err) != model.ErrRule {
			t.Errorf("%s during the procedure: %v", what, err)
			return
		}
		if r := model.ReasonOf(err); !strings.Contains(r, "„Genehmigung der Berichtigung des Protokolls der 47. Sitzung“") || !strings.Contains(r, "04.07.2025, 10:00 Uhr") {
			t.Errorf("%s: the reason names no procedure: %s", what, r)
		}
	}
	refused("another correction proposed", ignore(s.ProposeMinutesCorrection(ctx, model.MinutesCorrection{RowKind: "PN", RowID: note, After: "Berlin stimmt nicht zu.", Reason: "Versehen"})))
	refused("a second procedure", ignore(startCorrectionProcedure(t, s, bodyID, sessionID, correction, now, "anders")))
	s48 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2025, 7, 2), Status: model.StatusRunning}))
	must2[bool, string](t)(s.SaveAttendance(ctx, s48, attending(voters...)))
	refused("approval in the 48th session", ignore(s.ApproveMinutesCorrection(ctx, correction, 48, "anders", stampOf(t, s, sessionID))))
	if p, ok, err := s.ProcedureOfCorrection(ctx, pid); err != nil || !ok || p.CorrectionID != correction || !p.Open() || p.Outcome != "" {
		t.Fatalf("procedure of the correction: %+v %v %v", p, ok, err)
	}

	closeWith(t, s, pid, model.VoteYes)
	c := must[model.MinutesCorrection](t)(s.MinutesCorrection(ctx, correction))
	if c.Status != model.CorrectionApproved || c.ApprovedIn != 0 || c.ApprovedOn != model.NewDate(2025, 7, 2) || c.MinutesVersion != 2 {
		t.Errorf("correction after the procedure: %+v", c)
	}
	if got := must[model.Contribution](t)(s.Contribution(ctx, contribution)); strings.Join(got.Points, "") != "Wie besprochen." {
		t.Errorf("the row shows %q", got.Points)
	}
	vs := must[[]MinutesVersion](t)(s.MinutesVersions(ctx, sessionID))
	if len(vs) != 2 || vs[1].Text != "Protokoll der 47. Sitzung, berichtigt" || !strings.Contains(vs[1].Note, "Tippfehler; bestätigt im Umlaufverfahren (02.07.2025") {
		t.Errorf("versions: %+v", vs)
	}
	if p, _, _ := s.ProcedureOfCorrection(ctx, pid); p.Open() || p.Outcome != CorrectionProcedureApproved {
		t.Errorf("outcome: %+v", p)
	}
	// The minutes are corrected again as before.
	must[int64](t)(s.ProposeMinutesCorrection(ctx, model.MinutesCorrection{RowKind: "PN", RowID: note, After: "Berlin stimmt nicht zu.", Reason: "Versehen"}))
}

// A procedure that does not adopt the correction leaves it waiting, the
// minutes unchanged; it can be approved afterwards.
func TestCorrectionWaitsAfterRejectedProcedure(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID, contribution, _, correction, now := correctionProcedureFixture(t, s)
	pid := must[int64](t)(startCorrectionProcedure(t, s, bodyID, sessionID, correction, now, "berichtigt"))
	closeWith(t, s, pid, model.VoteNo)
	if c := must[model.MinutesCorrection](t)(s.MinutesCorrection(ctx, correction)); c.Status != model.CorrectionProposed {
		t.Errorf("correction after a rejection: %+v", c)
	}
	if got := must[model.Contribution](t)(s.Contribution(ctx, contribution)); strings.Join(got.Points, "") != "Wie besprochn." {
		t.Errorf("the row shows %q", got.Points)
	}
	if vs := must[[]MinutesVersion](t)(s.MinutesVersions(ctx, sessionID)); len(vs) != 1 {
		t.Errorf("versions: %d", len(vs))
	}
	if p, _, _ := s.ProcedureOfCorrection(ctx, pid); p.Outcome != CorrectionProcedureRejected {
		t.Errorf("outcome: %+v", p)
	}
	again := must[int64](t)(startCorrectionProcedure(t, s, bodyID, sessionID, correction, now, "berichtigt"))
	closeWith(t, s, again, model.VoteYes)
	if c := must[model.MinutesCorrection](t)(s.MinutesCorrection(ctx, correction)); c.Status != model.CorrectionApproved {
		t.Errorf("correction after the second procedure: %+v", c)
	}
	if ps := must[[]CorrectionProcedure](t)(s.CorrectionProcedures(ctx, correction)); len(ps) != 2 || ps[0].ProcedureID != again {
		t.Errorf("procedures of the correction: %+v", ps)
	}
}

// The procedure approves the text it sent, or nothing: a correction or
// minutes changed after it started (by a way the store does not refuse
// meanwhile) are not approved by its result, and the correction waits.
func TestCorrectionProcedureApprovesNoOtherText(t *testing.T) {
	for _, change := range []struct {
		name   string
		change func(t *testing.T, s *Store, correction int64)
	}{
		// No way of the store changes a proposed correction; a direct
		// write stands for one (the audit guard is told so).
		{"correction", func(t *testing.T, s *Store, correction int64) {
			t.Cleanup(func() { s.db.Exec(`DELETE FROM test_changes`) })
			if _, err := s.db.ExecContext(context.Background(), `UPDATE minutes_corrections SET after_text = 'Ganz anders.', version = version + 1 WHERE id = ?`, correction); err != nil {
				t.Fatal(err)
			}
		}},
		// The name the minutes give a speaker.
		{"minutes", func(t *testing.T, s *Store, _ int64) {
			he := must[model.Member](t)(s.Member(context.Background(), "HE"))
			he.Name = "Land Hessen"
			check(t, s.UpdateMember(context.Background(), he))
		}},
	} {
		t.Run(change.name, func(t *testing.T) {
			s, _ := newStore(t)
			ctx := context.Background()
			bodyID, sessionID, contribution, _, correction, now := correctionProcedureFixture(t, s)
			pid := must[int64](t)(startCorrectionProcedure(t, s, bodyID, sessionID, correction, now, "berichtigt"))
			change.change(t, s, correction)
			closeWith(t, s, pid, model.VoteYes)
			if c := must[model.MinutesCorrection](t)(s.MinutesCorrection(ctx, correction)); c.Status != model.CorrectionProposed {
				t.Errorf("correction approved after the %s changed: %+v", change.name, c)
			}
			if got := must[model.Contribution](t)(s.Contribution(ctx, contribution)); strings.Join(got.Points, "") != "Wie besprochn." {
				t.Errorf("the row shows %q", got.Points)
			}
			if vs := must[[]MinutesVersion](t)(s.MinutesVersions(ctx, sessionID)); len(vs) != 1 {
				t.Errorf("versions: %d", len(vs))
			}
			if p, _, _ := s.ProcedureOfCorrection(ctx, pid); p.Outcome != CorrectionProcedureStale {
				t.Errorf("outcome: %+v", p)
			}
		})
	}
}

// The procedure sends the minutes as the form showed them: a stamp read
// before a change starts nothing.
func TestCorrectionProcedureStartChecksTheStamp(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID, _, note, correction, now := correctionProcedureFixture(t, s)
	shown := stampOf(t, s, sessionID)
	must[int64](t)(s.ProposeMinutesCorrection(ctx, model.MinutesCorrection{RowKind: "PN", RowID: note, After: "Berlin stimmt nicht zu.", Reason: "Versehen"}))
	_, err := s.StartCorrectionProcedure(ctx, correction, ProcedureStart{Decision: model.Decision{BodyID: bodyID, Kind: model.KindDecision,
		Status: model.DecisionDraft, Scope: model.ScopeAll, Title: "Genehmigung", Applicants: []string{"Bund"}},
		Deadline: now.Add(48 * time.Hour), MinutesText: "berichtigt", MinutesStamp: shown})
	if model.ClassOf(err) != model.ErrConflict || model.FieldOf(err) != "berichtigung" {
		t.Errorf("start with a stale stamp: %v", err)
	}
	if ps := must[[]model.WrittenProcedure](t)(s.Procedures(ctx)); len(ps) != 1 {
		t.Errorf("procedures: %d", len(ps))
	}
}
