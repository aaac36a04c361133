package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestNoteSubmissionCycle: a member hands in a Protokollnotiz; it is in no
// minutes and in no other member's list until the Geschäftsstelle takes it
// over (one PN row of the item, author the member, text as submitted) or
// refuses it with a reason; the member withdraws a waiting one; stale
// versions and decided submissions are conflicts; the same form sent
// twice stores one.
func TestNoteSubmissionCycle(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "Büro Hessen")
	_, sessionID := fixture(t, s)
	id := must[int64](t)
	itemID := id(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Title: "Registermodernisierung"}))
	list := func(member string) []model.NoteSubmission {
		t.Helper()
		return must[[]model.NoteSubmission](t)(s.NoteSubmissionsOf(ctx, sessionID, member))
	}

	// Sent twice (the back button): one submission.
	var again bool
	he := id(s.SubmitNote(ctx, model.NoteSubmission{ItemID: itemID, Member: "HE", Text: "  Hessen trägt den Beschluss mit.  "}, SentOnce("k1", "he", &again)))
	if same := id(s.SubmitNote(ctx, model.NoteSubmission{ItemID: itemID, Member: "HE", Text: "Hessen trägt den Beschluss mit."}, SentOnce("k1", "he", &again))); same != he || !again {
		t.Errorf("sent again: %d (again %v), want %d", same, again, he)
	}
	if got := list("HE"); len(got) != 1 || got[0].Text != "Hessen trägt den Beschluss mit." || got[0].MemberName != "Hessen" || got[0].State != model.NoteSubmitted || got[0].SubmittedBy != "Büro Hessen" {
		t.Fatalf("Hessen's list: %+v", got)
	}
	if got := list("HH"); len(got) != 0 {
		t.Errorf("Hamburg sees %+v", got)
	}
	if notes := must[[]model.ProtocolNote](t)(s.ProtocolNotes(ctx, itemID)); len(notes) != 0 {
		t.Errorf("a waiting submission is in the minutes: %+v", notes)
	}

	// Withdrawn: only by its member, only at the version read.
	if err := s.WithdrawNoteSubmission(ctx, he, "HH", 1); model.ClassOf(err) != model.ErrForbidden {
		t.Errorf("Hamburg withdraws Hessen's: %v", err)
	}
	if err := s.WithdrawNoteSubmission(ctx, he, "HE", 7); !errors.Is(err, ErrConflict) && model.ClassOf(err) != model.ErrConflict {
		t.Errorf("stale withdrawal: %v", err)
	}
	check(t, s.WithdrawNoteSubmission(ctx, he, "HE", 1))
	if _, err := s.AcceptNoteSubmission(ctx, he, 2); model.ClassOf(err) != model.ErrConflict {
		t.Errorf("accepting a withdrawn one: %v", err)
	}
	if got := list("HE"); len(got) != 0 {
		t.Errorf("withdrawn still listed: %+v", got)
	}

	// Taken over: one PN row, author the member's name, marks kept.
	dlt := id(s.SubmitNote(ctx, model.NoteSubmission{ItemID: itemID, Member: "DLT", Text: "Der DLT bittet um [[vertrauliche]] Prüfung."}))
	if _, err := s.AcceptNoteSubmission(ctx, dlt, 2); model.ClassOf(err) != model.ErrConflict {
		t.Errorf("stale acceptance: %v", err)
	}
	noteID := id(s.AcceptNoteSubmission(ctx, dlt, 1))
	notes := must[[]model.ProtocolNote](t)(s.ProtocolNotes(ctx, itemID))
	if len(notes) != 1 || notes[0].ID != noteID || notes[0].Author != "Deutscher Landkreistag" || !model.HasRedaction(notes[0].Text) ||
		model.PublicText(notes[0].Text) == notes[0].Text {
		t.Fatalf("protocol notes: %+v", notes)
	}
	if it := must[model.AgendaItem](t)(s.Item(ctx, itemID)); !it.Flags.Note {
		t.Errorf("the item's box Protokollnotiz is not ticked: %+v", it.Flags)
	}
	got := must[model.NoteSubmission](t)(s.NoteSubmission(ctx, dlt))
	if got.State != model.NoteAccepted || got.NoteID != noteID || got.DecidedBy != "Büro Hessen" {
		t.Errorf("accepted: %+v", got)
	}
	if _, err := s.AcceptNoteSubmission(ctx, dlt, got.Version); model.ClassOf(err) != model.ErrConflict {
		t.Errorf("accepted twice: %v", err)
	}
	for _, kind := range []string{"note_submission", "protocol_note"} {
		page := must[AuditPage](t)(s.AuditEntries(ctx, AuditFilter{Entity: kind}))
		if len(page.Entries) == 0 {
			t.Errorf("no audit entry for %s", kind)
		}
	}

	// Refused: with a reason the member reads.
	he2 := id(s.SubmitNote(ctx, model.NoteSubmission{ItemID: itemID, Member: "HE", Text: "Hessen enthält sich."}))
	if err := s.RejectNoteSubmission(ctx, he2, 1, "  "); model.ClassOf(err) != model.ErrInput || model.FieldOf(err) != "grund" {
		t.Errorf("refused without a reason: %v", err)
	}
	check(t, s.RejectNoteSubmission(ctx, he2, 1, "Zu diesem TOP wurde nicht abgestimmt."))
	he2s := list("HE")
	if len(he2s) != 1 || he2s[0].StateLabel(model.Session{}) != "abgelehnt: Zu diesem TOP wurde nicht abgestimmt." {
		t.Errorf("refused: %+v", he2s)
	}
	if waiting := must[[]model.NoteSubmission](t)(s.WaitingNoteSubmissions(ctx, sessionID)); len(waiting) != 0 {
		t.Errorf("still waiting: %+v", waiting)
	}
	if n := len(must[[]model.ProtocolNote](t)(s.ProtocolNotes(ctx, itemID))); n != 1 {
		t.Errorf("%d protocol notes after the refusal, want 1", n)
	}
}

// TestNoteSubmissionRefusals: bad marks and an empty text are refused at
// the field; a member without a seat in the body, an item not on the
// agenda and a session whose agenda is not published are refused with
// the reason; an accepted note needs the session begun.
func TestNoteSubmissionRefusals(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID := fixture(t, s)
	id := must[int64](t)
	itemID := id(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Title: "Registermodernisierung"}))
	for _, text := range []string{"Hessen [[stimmt zu.", "   ", strings.Repeat("x", model.TextMax+1)} {
		if _, err := s.SubmitNote(ctx, model.NoteSubmission{ItemID: itemID, Member: "HE", Text: text}); model.ClassOf(err) != model.ErrInput || model.FieldOf(err) != "text" {
			t.Errorf("text %.20q: %v (field %q)", text, err, model.FieldOf(err))
		}
	}
	if _, err := s.SubmitNote(ctx, model.NoteSubmission{ItemID: itemID, Member: "XX", Text: "x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown member: %v", err)
	}
	planned := id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2025, 11, 20), Status: model.StatusPlanned}))
	later := id(s.CreateItem(ctx, model.AgendaItem{SessionID: planned, Title: "Später"}))
	_, err := s.SubmitNote(ctx, model.NoteSubmission{ItemID: later, Member: "HE", Text: "Zu früh."})
	if model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "Tagesordnung") {
		t.Errorf("agenda not published: %v", err)
	}
	se := must[model.Session](t)(s.Session(ctx, planned))
	se.AgendaPublished = true
	check(t, s.UpdateSession(ctx, se))
	early := id(s.SubmitNote(ctx, model.NoteSubmission{ItemID: later, Member: "HE", Text: "Vorab eingereicht."}))
	if _, err := s.AcceptNoteSubmission(ctx, early, 1); model.ClassOf(err) != model.ErrRule {
		t.Errorf("accepted before the session: %v", err)
	}
	if got := must[model.NoteSubmission](t)(s.NoteSubmission(ctx, early)); got.State != model.NoteSubmitted || got.Version != 1 {
		t.Errorf("refused acceptance changed it: %+v", got)
	}
}

// TestNoteSubmissionsOpen: from the agenda's publication (or the
// session's start) until the approval, never for a cancelled session.
func TestNoteSubmissionsOpen(t *testing.T) {
	for _, c := range []struct {
		se   model.Session
		open bool
	}{
		{model.Session{Number: 48, Status: model.StatusPlanned}, false},
		{model.Session{Number: 48, Status: model.StatusConvened, AgendaPublished: true}, true},
		{model.Session{Number: 48, Status: model.StatusRunning}, true},
		{model.Session{Number: 48, Status: model.StatusMinutesDraft}, true},
		{model.Session{Number: 48, Status: model.StatusMinutesApproved, AgendaPublished: true}, false},
		{model.Session{Number: 48, Status: model.StatusConvened, AgendaPublished: true, Schedule: model.SessionSchedule{CancelledReason: "Terminkonflikt"}}, false},
	} {
		err := model.NoteSubmissionsOpen(c.se)
		if (err == nil) != c.open || err != nil && model.ReasonOf(err) == "" {
			t.Errorf("%s (published %v): %v, want open %v", c.se.Status, c.se.AgendaPublished, err, c.open)
		}
	}
}
