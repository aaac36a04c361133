package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// approving48 is the scene of the approval tests: the IT-PLR with its
// full membership (lawFixture), the minutes of its 47th session (TOP 01
// "Dachmarke") a draft, and the 48th session running, whose TOP 00 has
// the point "Bestätigung des Protokolls der 47. Sitzung" and at which
// the members present are present (the quorum needs nine voters). It
// gives the 47th session, TOP 00 of the 48th and the stamp of the 47th
// minutes as shown, for ApproveMinutes.
func approving48(t *testing.T, s *Store, present ...string) (s47, top00 int64, stamp MinutesStamp) {
	t.Helper()
	ctx := context.Background()
	bodyID, s47 := lawFixture(t, s)
	must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Number: "01", Title: "Dachmarke"}))
	toDraftMinutes(t, s, s47)
	s48 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2025, 11, 20), Status: model.StatusRunning}))
	top00 = must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s48, Number: "00", Title: "Begrüßung", Position: 1,
		Points: []string{"Feststellung der Beschlussfähigkeit", "Bestätigung des Protokolls der 47. Sitzung"}}))
	if ok, reason, err := s.SaveAttendance(ctx, s48, attending(present...)); err != nil || !ok {
		t.Fatalf("quorum: %v %v %s", ok, err, reason)
	}
	return s47, top00, must[MinutesStamp](t)(s.MinutesStamp(ctx, s47))
}

// TestApprovalRecordsItsResult: the approval of the minutes of the 47th
// session in the 48th records how it was approved as a row of the 48th
// session's minutes at the item that carries the approval (TOP 00), in
// the published minutes' words ("Einstimmige Bestätigung des Protokolls
// der 46. Sitzung des IT-Planungsrats."), in the approval's transaction;
// the members it names are a marked passage the public version blacks
// out. A result that names a member both abstaining and against is
// refused, and nothing is approved. Before, the approval recorded no
// result: the minutes did not say how the minutes were approved.
func TestApprovalRecordsItsResult(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	s47, top00, stamp := approving48(t, s, voters[:9]...)

	both := ApprovalResult{Abstaining: []string{"HE"}, Against: []string{"HE"}}
	if err := s.ApproveMinutes(ctx, s47, 48, "Text", stamp, WithApprovalResult(both)); model.ClassOf(err) != model.ErrInput || model.FieldOf(err) != "gegen" {
		t.Errorf("HE abstaining and against: %v", err)
	}
	if got := must[model.Session](t)(s.Session(ctx, s47)); got.Status != model.StatusMinutesDraft {
		t.Errorf("approved with a refused result: %q", got.Status)
	}
	if rows := must[[]model.Remark](t)(s.Remarks(ctx, top00)); len(rows) != 0 {
		t.Errorf("a refused result left rows: %+v", rows)
	}

	res := ApprovalResult{Abstaining: []string{"HE"}, Changed: true, Changes: "Wortbeitrag BY zu TOP 01 ergänzt."}
	check(t, s.ApproveMinutes(ctx, s47, 48, "Text", stamp, WithApprovalResult(res)))
	if got := must[model.Session](t)(s.Session(ctx, s47)); got.Status != model.StatusMinutesApproved || got.ApprovedIn != 48 {
		t.Fatalf("not approved: %+v", got)
	}
	rows := must[[]model.Remark](t)(s.Remarks(ctx, top00))
	want := "Einstimmige Bestätigung des Protokolls der 47. Sitzung, bei Enthaltung ⟦von HE⟧ mit Änderungen: Wortbeitrag BY zu TOP 01 ergänzt."
	if len(rows) != 1 || rows[0].Text != want || rows[0].Kind != model.RemarkText {
		t.Fatalf("the 48th session's TOP 00 rows: %+v, want one reading %q", rows, want)
	}
	if got, want := model.Public.Text(rows[0].Text), "Einstimmige Bestätigung des Protokolls der 47. Sitzung, bei Enthaltung "+model.RedactedPlaceholder+" mit Änderungen: Wortbeitrag BY zu TOP 01 ergänzt."; got != want {
		t.Errorf("the public reads %q, want %q", got, want)
	}

	for _, c := range []struct {
		r    ApprovalResult
		want string
	}{
		{ApprovalResult{}, "Einstimmige Bestätigung des Protokolls der 46. Sitzung."},
		{ApprovalResult{Against: []string{"Bund"}}, "Bestätigung des Protokolls der 46. Sitzung mehrheitlich bei Gegenstimme ⟦des Bundes⟧."},
		{ApprovalResult{Against: []string{"BY", "SN"}, Abstaining: []string{"Bund", "HE"}}, "Bestätigung des Protokolls der 46. Sitzung mehrheitlich bei Gegenstimmen ⟦von BY und SN⟧ und Enthaltung ⟦des Bundes und von HE⟧."},
		{ApprovalResult{Changed: true}, "Einstimmige Bestätigung des Protokolls der 46. Sitzung mit Änderungen."},
	} {
		if got := c.r.Sentence("46. Sitzung"); got != c.want {
			t.Errorf("%+v: %q, want %q", c.r, got, c.want)
		}
	}
}

// TestApprovalResultNamesOnlyPresentMembers: a member recorded absent at
// the approving item was written into the minutes as abstaining or voting
// against ("… mehrheitlich bei Gegenstimme von HB" with Bremen absent;
// found by the secretariat's review of 2026-12-07). The approval is now
// refused, each absent member named at its field, and nothing is
// approved — for the live page and the Verwaltung alike, since the rule
// is the store's.
func TestApprovalResultNamesOnlyPresentMembers(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	s47, top00, stamp := approving48(t, s, voters[:9]...)
	absentA, absentB := voters[9], voters[10]
	res := ApprovalResult{Abstaining: []string{voters[0], absentA}, Against: []string{absentB}}
	err := s.ApproveMinutes(ctx, s47, 48, "Text", stamp, WithApprovalResult(res))
	refused := model.ErrorsOf(err)
	if model.ClassOf(err) != model.ErrRule || len(refused) != 2 ||
		model.FieldOf(refused[0]) != "enthaltung" || !strings.HasPrefix(model.ReasonOf(refused[0]), absentA+" ist laut Anwesenheitsliste") ||
		model.FieldOf(refused[1]) != "gegen" || !strings.HasPrefix(model.ReasonOf(refused[1]), absentB+" ist laut Anwesenheitsliste") {
		t.Fatalf("absent %s abstaining and %s against: %v", absentA, absentB, err)
	}
	if got := must[model.Session](t)(s.Session(ctx, s47)); got.Status != model.StatusMinutesDraft {
		t.Errorf("approved with absent members in the result: %q", got.Status)
	}
	if rows := must[[]model.Remark](t)(s.Remarks(ctx, top00)); len(rows) != 0 {
		t.Errorf("a refused result left rows: %+v", rows)
	}
	// Present members only: approved.
	check(t, s.ApproveMinutes(ctx, s47, 48, "Text", stamp, WithApprovalResult(ApprovalResult{Against: []string{voters[1]}})))
}

// TestApprovalResultNamesOnlyVotingMembers: a result that names a member
// the body does not let vote — the DLT (advisory) against, the FITKO
// (guest) abstaining, both present at TOP 00 — is refused by the store
// itself, each at its field with the reason the forms showed ("„DLT“ ist
// im Gremium IT-PLR nicht stimmberechtigt …"), an input error, and
// nothing is approved. Before, only the web handler checked this (the
// store checked presence alone): a caller of the store wrote an advisory
// member into the minutes as voting against, and the rule of who may be
// named stood in two layers.
func TestApprovalResultNamesOnlyVotingMembers(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	s47, top00, stamp := approving48(t, s, append(voters[:9:9], "DLT", "FITKO")...)
	res := ApprovalResult{Abstaining: []string{voters[0], "FITKO"}, Against: []string{"DLT"}}
	err := s.ApproveMinutes(ctx, s47, 48, "Text", stamp, WithApprovalResult(res))
	refused := model.ErrorsOf(err)
	if model.ClassOf(err) != model.ErrInput || len(refused) != 2 ||
		model.FieldOf(refused[0]) != "enthaltung" || model.ReasonOf(refused[0]) != "„FITKO“ ist im Gremium IT-PLR nicht stimmberechtigt; bitte stimmberechtigte Mitglieder eintragen, durch Komma getrennt (z. B. HE, BY)." ||
		model.FieldOf(refused[1]) != "gegen" || !strings.HasPrefix(model.ReasonOf(refused[1]), "„DLT“ ist im Gremium IT-PLR nicht stimmberechtigt") {
		t.Fatalf("FITKO abstaining and DLT against: %v", err)
	}
	if got := must[model.Session](t)(s.Session(ctx, s47)); got.Status != model.StatusMinutesDraft {
		t.Errorf("approved with members in the result who do not vote: %q", got.Status)
	}
	if rows := must[[]model.Remark](t)(s.Remarks(ctx, top00)); len(rows) != 0 {
		t.Errorf("a refused result left rows: %+v", rows)
	}
	// Voting members only: approved.
	check(t, s.ApproveMinutes(ctx, s47, 48, "Text", stamp, WithApprovalResult(ApprovalResult{Abstaining: []string{voters[0]}})))
}
