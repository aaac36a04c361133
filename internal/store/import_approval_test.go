package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestImportedApprovalIsCheckedInItsTransaction: imported minutes whose
// TOP 00 approves the draft minutes of an earlier session approved them
// with a text rendered outside the import's transaction; a row edited
// between the rendering and the import was frozen with the minutes but
// missing from the text kept as approved. Now the import compares the
// stamp read before the rendering inside its transaction: a change in
// between refuses the import with a conflict, nothing stored; an approval
// without a stamp is an error, never an approval unchecked; with the
// stamp of the current state the earlier minutes are approved.
func TestImportedApprovalIsCheckedInItsTransaction(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "import")
	bodyID, s47 := lawFixture(t, s)
	item := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Number: "01", Title: "Dachmarke"}))
	row := must[int64](t)(s.CreateContribution(ctx, model.Contribution{ItemID: item, Speaker: "HE", Points: []string{"wie gelesen"}}))
	toDraftMinutes(t, s, s47)
	read := stampOf(t, s, s47)
	c := must[model.Contribution](t)(s.Contribution(ctx, row))
	c.Points = []string{"zwischen Lesen und Import geändert"}
	check(t, s.UpdateContribution(ctx, c))
	se48 := model.Session{Number: 48, Date: model.NewDate(2025, 11, 20), Place: "Berlin", Chair: "Bund"}
	items := []MinutesItem{{Item: model.AgendaItem{Number: "00", Title: "Begrüßung", Position: 1, Status: model.ItemAccepted,
		Points: []string{"Bestätigung des Protokolls der 47. Sitzung"}}}}
	still := func(what string) {
		t.Helper()
		if _, err := s.SessionByNumber(ctx, bodyID, 48); !errors.Is(err, ErrNotFound) {
			t.Errorf("%s: the refused import left its session: %v", what, err)
		}
		if got := must[model.Session](t)(s.Session(ctx, s47)); got.Status != model.StatusMinutesDraft {
			t.Errorf("%s: the 47th's minutes are %q", what, got.Status)
		}
	}
	_, err := s.SaveMinutes(ctx, bodyID, se48, items, &MinutesApproval{Session: 47, Text: "wie gelesen", Stamp: read}, ImportSource{})
	if model.ClassOf(err) != model.ErrConflict || !strings.Contains(model.ReasonOf(err), "Das Protokoll der 47. Sitzung wurde inzwischen geändert") ||
		!strings.Contains(model.ReasonOf(err), "ist nicht importiert") {
		t.Errorf("import approving minutes changed meanwhile: %v", err)
	}
	still("changed meanwhile")
	if _, err := s.SaveMinutes(ctx, bodyID, se48, items, &MinutesApproval{Session: 47, Text: "ohne Stempel"}, ImportSource{}); err == nil || model.ClassOf(err) == model.ErrConflict {
		t.Errorf("import approving without a stamp: %v", err)
	}
	still("without a stamp")
	must[int64](t)(s.SaveMinutes(ctx, bodyID, se48, items, &MinutesApproval{Session: 47, Text: "zwischen Lesen und Import geändert", Stamp: stampOf(t, s, s47)}, ImportSource{}))
	if got := must[model.Session](t)(s.Session(ctx, s47)); got.Status != model.StatusMinutesApproved || got.ApprovedIn != 48 {
		t.Errorf("the 47th's minutes after the import: %q in %d", got.Status, got.ApprovedIn)
	}
}

// TestImportedDecisionIsTheEarlierDecision: a FachMK's spokesperson is
// appointed by a decision cited by number and day, recorded as an earlier
// decision (B-2025/03-IT of 27.03.2025) while the minutes of the session
// that took it were not in gremium. Importing those minutes later was
// refused ("Die Nummer B-2025/03-IT ist bereits vergeben"), though the
// imported decision is that decision. Now the earlier decision's record
// gives way in the import's transaction (audited), the register holds the
// imported decision, and the citation names it with its session. Not
// adopted, or adopted on another day, the number is refused as before,
// nothing stored; so is a number the register holds.
func TestImportedDecisionIsTheEarlierDecision(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "import")
	bodyID, _ := lawFixture(t, s)
	s.SetClock(func() time.Time { return time.Date(2025, 6, 26, 8, 0, 0, 0, model.Berlin) })
	earlier := must[int64](t)(s.SaveEarlierDecision(ctx, earlier2025(bodyID, 3, model.NewDate(2025, 3, 27))))
	fmk := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	must[int64](t)(s.CreateAssignment(ctx, model.Assignment{ConferenceID: fmk, Member: "HB", DecisionRef: "B-2025/03-IT"}))
	minutesOf := func(status model.DecisionStatus, result string) []MinutesItem {
		it := importItem(1, 3)
		it.Decisions[0].Number.Year = 2025
		it.Decisions[0].Status, it.Decisions[0].Result = status, result
		return []MinutesItem{it}
	}
	se46 := model.Session{Number: 46, Date: model.NewDate(2025, 3, 27), Place: "Berlin", Chair: "Bund"}
	for _, tc := range []struct {
		name   string
		se     model.Session
		status model.DecisionStatus
		result string
	}{
		{"rejected", se46, model.DecisionRejected, "abgelehnt"},
		{"adopted on another day", model.Session{Number: 46, Date: model.NewDate(2025, 3, 28), Place: "Berlin", Chair: "Bund"}, model.DecisionAdopted, "einstimmig"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.SaveMinutes(ctx, bodyID, tc.se, minutesOf(tc.status, tc.result), nil, ImportSource{})
			if !errors.Is(err, ErrDuplicate) || !strings.Contains(model.ReasonOf(err), "ist als früherer Beschluss vom 27.03.2025 erfasst") {
				t.Errorf("got %v, want the number refused", err)
			}
			if _, err := s.SessionByNumber(ctx, bodyID, 46); !errors.Is(err, ErrNotFound) {
				t.Errorf("the refused import left its session: %v", err)
			}
			if es := must[[]model.EarlierDecision](t)(s.EarlierDecisions(ctx, bodyID)); len(es) != 1 {
				t.Errorf("the earlier decision went: %+v", es)
			}
		})
	}
	s46 := must[int64](t)(s.SaveMinutes(ctx, bodyID, se46, minutesOf(model.DecisionAdopted, "einstimmig"), nil, ImportSource{}))
	if es := must[[]model.EarlierDecision](t)(s.EarlierDecisions(ctx, bodyID)); len(es) != 0 {
		t.Errorf("the earlier decision's record stays beside the imported decision: %+v", es)
	}
	ds := must[[]model.Decision](t)(s.Decisions(ctx, DecisionFilter{BodyID: bodyID, Year: 2025, Numbered: true}))
	if len(ds) != 1 || ds[0].Label != "B-2025/03-IT" || ds[0].SessionID != s46 {
		t.Fatalf("the register: %+v", ds)
	}
	check(t, s.inTx(ctx, func(tx *sql.Tx) error {
		on, session, err := citedDecision(ctx, tx, bodyID, "B-2025/03-IT")
		if err == nil && (session != 46 || on != model.NewDate(2025, 3, 27)) {
			t.Errorf("the citation names the decision of session %d of %s, want the 46th's of 27.03.2025", session, on)
		}
		return err
	}))
	log := must[[]model.AuditEntry](t)(s.AuditLog(ctx, "earlier_decision", earlier))
	if len(log) != 2 || log[1].Action != "remove" || !strings.Contains(log[1].Detail, "46. Sitzung") {
		t.Errorf("the earlier decision's giving way is not audited: %+v", log)
	}
	// Imported again, unchanged: the number is the session's own.
	must[int64](t)(s.SaveMinutes(ctx, bodyID, se46, minutesOf(model.DecisionAdopted, "einstimmig"), nil, ImportSource{}))
	// A number the register holds is refused as before.
	se45 := model.Session{Number: 45, Date: model.NewDate(2025, 3, 27), Place: "Berlin", Chair: "Bund"}
	if _, err := s.SaveMinutes(ctx, bodyID, se45, minutesOf(model.DecisionAdopted, "einstimmig"), nil, ImportSource{}); !errors.Is(err, ErrDuplicate) ||
		!strings.Contains(model.ReasonOf(err), "steht im Beschlussregister (46. Sitzung)") {
		t.Errorf("a number of the register: %v", err)
	}
}

// TestCommentOnDraftMovesTheStamp: the approval's form lists the members'
// comments on the draft; a comment made after the form was shown is part
// of what the approval did not see, so it refuses the approval read
// before it.
func TestCommentOnDraftMovesTheStamp(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	_, s47, _, _ := approvalWorld(t, s)
	shown := stampOf(t, s, s47)
	must[int64](t)(s.CreateComment(ctx, Comment{SessionID: s47, Author: "Hessen", Member: "HE", Text: "Bitte TOP 01 ergänzen."}))
	err := s.ApproveMinutes(ctx, s47, 48, "wie gezeigt", shown)
	if model.ClassOf(err) != model.ErrConflict || !strings.Contains(model.ReasonOf(err), "inzwischen geändert") {
		t.Errorf("approval of minutes commented on after they were shown: %v", err)
	}
	check(t, s.ApproveMinutes(ctx, s47, 48, "mit Kommentar gesehen", stampOf(t, s, s47)))
}
