package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestApprovalRefusesMinutesChangedSinceRendered: the approving handler
// renders the minutes' text and then approves it; an edit committed in
// between was frozen with the minutes, different from the text kept as
// approved (or sent to the members in a written procedure, or kept with a
// correction). Now the handler reads the minutes' stamp before it renders
// and the store compares it inside the approval's transaction: a stale
// stamp is refused with a conflict and nothing is approved; the stamp read
// again approves.
func TestApprovalRefusesMinutesChangedSinceRendered(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, s47 := lawFixture(t, s)
	it47 := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Number: "01", Title: "Dachmarke"}))
	row := must[int64](t)(s.CreateContribution(ctx, model.Contribution{ItemID: it47, Speaker: "HE", Points: []string{"wie gelesen"}}))
	row2 := must[int64](t)(s.CreateContribution(ctx, model.Contribution{ItemID: it47, Speaker: "BY", Points: []string{"auch gelesen"}}))
	toDraftMinutes(t, s, s47)

	stamp := must[MinutesStamp](t)(s.MinutesStamp(ctx, s47))
	if again := must[MinutesStamp](t)(s.MinutesStamp(ctx, s47)); again != stamp || stamp == "" {
		t.Fatalf("the stamp of unchanged minutes moved: %q %q", stamp, again)
	}
	edit := func(text string) {
		t.Helper()
		c := must[model.Contribution](t)(s.Contribution(ctx, row))
		c.Points = []string{text}
		check(t, s.UpdateContribution(ctx, c))
	}
	// Rendered, then edited: the stamp the text was rendered from is stale.
	edit("nach dem Lesen geändert")
	if now := must[MinutesStamp](t)(s.MinutesStamp(ctx, s47)); now == stamp {
		t.Fatal("an edit did not move the stamp")
	}
	stale := func(what string, err error, tail string) {
		t.Helper()
		if model.ClassOf(err) != model.ErrConflict || !strings.Contains(model.ReasonOf(err), "Das Protokoll der 47. Sitzung wurde inzwischen geändert") ||
			!strings.Contains(model.ReasonOf(err), tail) {
			t.Errorf("%s with a stale stamp: %v", what, err)
		}
	}

	// A written procedure that approves the minutes: not started.
	now := time.Date(2025, 7, 1, 10, 0, 0, 0, model.Berlin)
	s.SetClock(func() time.Time { return now })
	start := ProcedureStart{Decision: model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Bestätigung des Protokolls der 47. Sitzung", Applicants: []string{"Bund"}}, Deadline: now.Add(48 * time.Hour),
		ApprovesSession: 47, MinutesText: "wie gelesen", MinutesStamp: stamp}
	_, err := s.StartProcedure(ctx, start)
	stale("the procedure", err, "leiten Sie das Verfahren erneut ein")
	if model.FieldOf(err) != "protokoll" {
		t.Errorf("the procedure's refusal is not at the minutes' field: %v", err)
	}
	if ps := must[[]model.WrittenProcedure](t)(s.Procedures(ctx)); len(ps) != 0 {
		t.Errorf("a procedure started on a stale text: %+v", ps)
	}
	s.SetClock(time.Now)

	// An approval in session: not approved.
	s48 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2025, 11, 20), Status: model.StatusRunning}))
	top00 := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s48, Number: "00", Title: "Begrüßung", Position: 1,
		Points: []string{"Feststellung der Beschlussfähigkeit", "Bestätigung des Protokolls der 47. Sitzung"}}))
	if ok, reason, err := s.SaveAttendance(ctx, s48, attending(voters[:9]...)); err != nil || !ok {
		t.Fatalf("quorum: %v %v %s", ok, err, reason)
	}
	stale("the approval", s.ApproveMinutes(ctx, s47, 48, "wie gelesen", stamp), "genehmigen Sie erneut")
	if got := must[model.Session](t)(s.Session(ctx, s47)); got.Status != model.StatusMinutesDraft {
		t.Errorf("approved on a stale text: %q", got.Status)
	}
	if vs := must[[]MinutesVersion](t)(s.MinutesVersions(ctx, s47)); len(vs) != 0 {
		t.Errorf("a version kept on a stale text: %+v", vs)
	}
	// Read again, the stamp approves.
	check(t, s.ApproveMinutes(ctx, s47, 48, "nach dem Lesen geändert", must[MinutesStamp](t)(s.MinutesStamp(ctx, s47))))

	// A correction, rendered before another correction was approved:
	// the version kept would lack the other one.
	first := must[int64](t)(s.ProposeMinutesCorrection(ctx, model.MinutesCorrection{RowKind: "ON", RowID: row, After: "berichtigt", Reason: "Tippfehler"}))
	second := must[int64](t)(s.ProposeMinutesCorrection(ctx, model.MinutesCorrection{RowKind: "ON", RowID: row2, After: "auch berichtigt", Reason: "Tippfehler"}))
	check(t, s.SetCurrentItem(ctx, s48, top00))
	read := must[MinutesStamp](t)(s.MinutesStamp(ctx, s47))
	must[int](t)(s.ApproveMinutesCorrection(ctx, first, 48, "mit der ersten", must[MinutesStamp](t)(s.MinutesStamp(ctx, s47))))
	_, err = s.ApproveMinutesCorrection(ctx, second, 48, "ohne die erste", read)
	stale("the correction", err, "die Berichtigung ist nicht genehmigt")
	if c := must[model.MinutesCorrection](t)(s.MinutesCorrection(ctx, second)); c.Status != model.CorrectionProposed {
		t.Errorf("the correction approved on a stale text: %q", c.Status)
	}
	if v := must[int](t)(s.ApproveMinutesCorrection(ctx, second, 48, "mit beiden", must[MinutesStamp](t)(s.MinutesStamp(ctx, s47)))); v != 3 {
		t.Errorf("version %d, want 3", v)
	}
}
