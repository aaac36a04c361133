package store

import (
	"context"
	"testing"
	"time"

	"gremium/internal/model"
)

// A correction read from the store names the written procedure on it
// (model.MinutesCorrection.Procedure): none while it only waits, none
// after a procedure that did not adopt it, the open one while one runs,
// and the one that approved it — so its stage says "im Umlaufverfahren",
// on every list the store gives (one correction, a session's, a body's
// proposed). Before, a correction approved by written procedure read
// "genehmigt am 03.07.2025 (Fassung 2)", as if approved nowhere.
func TestCorrectionNamesItsProcedure(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID, _, _, correction, now := correctionProcedureFixture(t, s)
	read := func(what string) []model.MinutesCorrection {
		t.Helper()
		one := must[model.MinutesCorrection](t)(s.MinutesCorrection(ctx, correction))
		all := must[[]model.MinutesCorrection](t)(s.MinutesCorrections(ctx, sessionID))
		out := []model.MinutesCorrection{one}
		out = append(out, all...)
		if one.Status == model.CorrectionProposed {
			proposed, _, err := s.ProposedCorrections(ctx, bodyID)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, proposed...)
		}
		if len(out) < 2 {
			t.Fatalf("%s: the session lists no correction", what)
		}
		return out
	}
	for _, c := range read("proposed") {
		if c.Procedure.ID != 0 || c.Stage() != "zur Genehmigung vorgeschlagen" {
			t.Errorf("proposed, no procedure: %+v, %q", c.Procedure, c.Stage())
		}
	}

	rejected := must[int64](t)(startCorrectionProcedure(t, s, bodyID, sessionID, correction, now, "berichtigt"))
	closeWith(t, s, rejected, model.VoteNo)
	for _, c := range read("after a rejection") {
		if c.Procedure.ID != 0 {
			t.Errorf("after a procedure that did not adopt it, the correction names %+v", c.Procedure)
		}
	}

	open := must[int64](t)(startCorrectionProcedure(t, s, bodyID, sessionID, correction, now, "berichtigt"))
	for _, c := range read("in procedure") {
		p := c.Procedure
		if p.ID != open || !p.Open || p.Title != "Genehmigung der Berichtigung des Protokolls der 47. Sitzung" || !p.Deadline.Equal(now.Add(48*time.Hour)) || !c.Running() {
			t.Errorf("in procedure: %+v", p)
		}
		if got, want := c.Stage(), "im Umlaufverfahren zur Genehmigung vorgelegt (Frist 04.07.2025, 10:00 Uhr)"; got != want {
			t.Errorf("stage in procedure: %q, want %q", got, want)
		}
	}

	closeWith(t, s, open, model.VoteYes)
	for _, c := range read("approved") {
		if c.Procedure.ID != open || c.Procedure.Open || c.Running() {
			t.Errorf("approved: %+v", c.Procedure)
		}
		if got, want := c.Stage(), "genehmigt im Umlaufverfahren am 02.07.2025 (Fassung 2)"; got != want {
			t.Errorf("stage: %q, want %q", got, want)
		}
		// The public learns how, not which procedure.
		if pub, ok := model.Public.MinutesCorrection(c); !ok || pub.Procedure.Title != "" || pub.Stage() != "genehmigt im Umlaufverfahren am 02.07.2025 (Fassung 2)" {
			t.Errorf("public: %+v %v, %q", pub.Procedure, ok, pub.Stage())
		}
	}
}

// A correction approved in a session names no procedure, even if one
// before did not adopt it: its stage names the session.
func TestCorrectionApprovedInSessionNamesNoProcedure(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID, _, _, correction, now := correctionProcedureFixture(t, s)
	pid := must[int64](t)(startCorrectionProcedure(t, s, bodyID, sessionID, correction, now, "berichtigt"))
	closeWith(t, s, pid, model.VoteNo)
	s48 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2025, 7, 2), Status: model.StatusRunning}))
	must2[bool, string](t)(s.SaveAttendance(ctx, s48, attending(voters...)))
	must[int](t)(s.ApproveMinutesCorrection(ctx, correction, 48, "berichtigt in der Sitzung", stampOf(t, s, sessionID)))
	c := must[model.MinutesCorrection](t)(s.MinutesCorrection(ctx, correction))
	if c.Procedure.ID != 0 || c.Stage() != "genehmigt in der 48. Sitzung am 02.07.2025 (Fassung 2)" {
		t.Errorf("approved in the 48th session: %+v, %q", c.Procedure, c.Stage())
	}
}
