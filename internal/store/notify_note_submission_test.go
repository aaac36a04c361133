package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestNoteSubmittedNotifiesSecretariat: a submitted Protokollnotiz queues
// "Protokollnotiz eingereicht" for the secretariat's subscribed accounts
// in the submission's own store call — the submission read back and its
// message are there together — naming member, item and session but not
// the waiting text; the same form sent twice queues one message; a
// refused submission (an item not on the agenda) queues none. The
// submission carries the display name of the account that sent it, ""
// for an actor without an account.
func TestNoteSubmittedNotifiesSecretariat(t *testing.T) {
	s, _ := newStore(t)
	_, sessionID := fixture(t, s)
	account(t, s, model.User{Username: "gs", Name: "Geschäftsstelle", Role: model.RoleSecretariat}, model.ChannelEmail, "gs@example.org", model.EventNoteSubmitted)
	must[int64](t)(s.CreateUser(context.Background(), model.User{Username: "buero-he", Name: "Büro Hessen", Role: model.RoleMember, MemberAbbrev: "HE"}, "x"))
	ctx := WithActor(context.Background(), "buero-he")
	itemID := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "3", Title: "Registermodernisierung"}))

	var again bool
	id := must[int64](t)(s.SubmitNote(ctx, model.NoteSubmission{ItemID: itemID, Member: "HE", Text: "Hessen prüft die Finanzierung (wartender Text)."}, SentOnce("k", "buero-he", &again)))
	must[int64](t)(s.SubmitNote(ctx, model.NoteSubmission{ItemID: itemID, Member: "HE", Text: "Hessen prüft die Finanzierung (wartender Text)."}, SentOnce("k", "buero-he", &again)))
	got := messagesOf(t, s, model.EventNoteSubmitted, "gs@example.org")
	if len(got) != 1 {
		t.Fatalf("messages to the secretariat: %q, want one", got)
	}
	if msg := got[0]; !strings.Contains(msg, "Hessen") || !strings.Contains(msg, "TOP 3") || !strings.Contains(msg, "47. Sitzung") || strings.Contains(msg, "wartender Text") {
		t.Errorf("message: %q", msg)
	}
	list, _, err := s.Notifications(ctx, OutboxFilter{Event: model.EventNoteSubmitted, Limit: 10})
	check(t, err)
	if len(list) != 1 || !strings.Contains(list[0].Link, "/live?top=") {
		t.Errorf("queued: %+v", list)
	}
	n := must[model.NoteSubmission](t)(s.NoteSubmission(ctx, id))
	if n.SubmittedBy != "buero-he" || n.SubmittedByName != "Büro Hessen" {
		t.Errorf("sent by %q (%q), want buero-he (Büro Hessen)", n.SubmittedBy, n.SubmittedByName)
	}

	// Refused: nothing stored, nothing queued.
	off := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Title: "Abgelehnt", Status: model.ItemDeclined}))
	if _, err := s.SubmitNote(ctx, model.NoteSubmission{ItemID: off, Member: "HE", Text: "Zu einem abgelehnten TOP."}); model.ClassOf(err) != model.ErrRule {
		t.Fatalf("submission to an item off the agenda: %v", err)
	}
	if got := messagesOf(t, s, model.EventNoteSubmitted, "gs@example.org"); len(got) != 1 {
		t.Errorf("a refused submission queued a message: %q", got)
	}

	// Without an account behind the actor: no display name.
	other := must[int64](t)(s.SubmitNote(context.Background(), model.NoteSubmission{ItemID: itemID, Member: "HH", Text: "Hamburg schließt sich an."}))
	if n := must[model.NoteSubmission](t)(s.NoteSubmission(ctx, other)); n.SubmittedByName != "" {
		t.Errorf("display name of the system actor: %q", n.SubmittedByName)
	}
}
