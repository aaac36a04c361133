package notify

import (
	"context"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestWorkerSendsNothingToThoseWhoLeft: the mail server is down when an
// agenda is published; while the messages wait with their backoff, bayern's
// account is disabled and hessen saves its preferences with no address
// and no event ticked. Once the server is back, only bund gets the mail
// (a real SMTP server on loopback); bayern's and hessen's messages are
// withdrawn ("abgebrochen", the reason for /postausgang). Before, the
// worker sent every waiting message to its stored address, for up to 15
// hours of retries.
func TestWorkerSendsNothingToThoseWhoLeft(t *testing.T) {
	ctx := context.Background()
	st, clock := fixture(t)
	srv := startSMTP(t)
	ids := map[string]int64{}
	for _, u := range []struct{ name, member string }{{"hessen", "HE"}, {"bayern", "BY"}, {"bund", "Bund"}} {
		ids[u.name] = subscribe(t, st, u.name, model.RoleMember, u.member, model.ChannelEmail, u.name+"@example.org", model.EventAgendaPublished)
	}
	w := &Worker{Store: st, Senders: map[model.Channel]Sender{model.ChannelEmail: srv.sender()}, BaseURL: "https://gremium.example",
		Now: clock.Now, Log: quietLog(), SendTimeout: 5 * time.Second}
	srv.stop()
	publishAgenda(t, st, 48)
	if sent, err := w.RunOnce(ctx); err != nil || sent != 0 {
		t.Fatalf("with the server down: sent %d, %v", sent, err)
	}
	if err := st.SetUserDisabled(ctx, ids["bayern"], true); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveNotificationSettings(ctx, model.NotificationSettings{UserID: ids["hessen"], DueDays: 14, Version: 1}); err != nil {
		t.Fatal(err)
	}
	srv.restart()
	clock.Add(DefaultBaseDelay)
	if sent, err := w.RunOnce(ctx); err != nil || sent != 1 {
		t.Fatalf("after the restart: sent %d, %v; %s", sent, err, states(outbox(t, st)))
	}
	var to []string
	for _, m := range srv.Mails() {
		to = append(to, m.To)
	}
	if strings.Join(to, " ") != "bund@example.org" {
		t.Errorf("mails to %v, want only bund@example.org", to)
	}
	for _, n := range outbox(t, st) {
		want := map[int64]string{ids["bayern"]: "deaktiviert", ids["hessen"]: "abbestellt"}[n.UserID]
		if want != "" && (n.State != model.DeliveryCancelled || !strings.HasPrefix(n.LastError, "Zurückgezogen: ") || !strings.Contains(n.LastError, want)) {
			t.Errorf("message to %s: %s, want withdrawn (%s)", n.Recipient, states([]model.Notification{n}), want)
		}
	}
}

// TestWorkerSendsOnlyCurrentReminders: a follow-up reminder waits while
// the mail server is down; meanwhile the follow-up's deadline moves to
// "bis zur 49. Sitzung" (a new reminder is queued) and then Hessen reports
// it done. Once the server is back, neither is sent. And the reminder
// loop alone, with no sender for Matrix, withdraws the secretariat's
// reminders there, so that /postausgang does not show them as waiting.
func TestWorkerSendsOnlyCurrentReminders(t *testing.T) {
	ctx := context.Background()
	st, clock := fixture(t) // 02.03.2026
	srv := startSMTP(t)
	events := []model.Event{model.EventFollowUpDue, model.EventFollowUpOverdue}
	subscribe(t, st, "hessen", model.RoleMember, "HE", model.ChannelEmail, "he@example.org", events...)
	subscribe(t, st, "gs", model.RoleSecretariat, "", model.ChannelMatrix, "!gs:matrix.example", events...)
	item := heldItemAndNext(t, st, model.Session{Number: 49, Date: model.NewDate(2026, 3, 12), Status: model.StatusPlanned})
	id, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: item, Text: "Bericht zur Evaluation", Responsible: "Hessen", DueDate: model.NewDate(2026, 3, 10), Status: model.FollowUpOpen})
	if err != nil {
		t.Fatal(err)
	}
	w := &Worker{Store: st, Senders: map[model.Channel]Sender{model.ChannelEmail: srv.sender()}, Now: clock.Now, Log: quietLog(), SendTimeout: 5 * time.Second}
	r := &Reminders{Store: st, Now: clock.Now}
	srv.stop()
	if got := queuedByTwoRuns(t, r, st); len(got) != 2 {
		t.Fatalf("reminders: %s, want Hessen's and the secretariat's", states(got))
	}
	w.RunOnce(ctx) // fails: the server is down
	f, err := st.FollowUp(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	f.DueDate, f.DueSession = model.Date{}, 49
	if err := st.UpdateFollowUp(ctx, f); err != nil {
		t.Fatal(err)
	}
	if got := queuedByTwoRuns(t, r, st); len(got) != 2 || !strings.Contains(got[0].Key, ":2026-03-12:") {
		t.Fatalf("reminders of the new deadline: %s", states(got))
	}
	for _, n := range outbox(t, st) {
		if strings.Contains(n.Key, ":2026-03-10:") && (n.State != model.DeliveryCancelled || !strings.Contains(n.LastError, "nicht mehr aktuell")) {
			t.Errorf("the reminder of the former deadline after a loop run: %s", states([]model.Notification{n}))
		}
	}
	if f, err = st.FollowUp(ctx, id); err != nil {
		t.Fatal(err)
	}
	f.Status, f.DoneOn, f.EvidenceText = model.FollowUpDone, model.NewDate(2026, 3, 3), "Bericht versandt"
	if err := st.UpdateFollowUp(ctx, f); err != nil {
		t.Fatal(err)
	}
	srv.restart()
	clock.Add(time.Hour)
	if sent, err := w.RunOnce(ctx); err != nil || sent != 0 {
		t.Errorf("after the server is back: sent %d (%v), want none; %s", sent, err, states(outbox(t, st)))
	}
	if len(srv.Mails()) != 0 {
		t.Errorf("%d mails arrived, want none", len(srv.Mails()))
	}
	if _, err := r.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	list, _, err := st.Notifications(ctx, store.OutboxFilter{State: model.DeliveryWaiting})
	if err != nil || len(list) != 0 {
		t.Errorf("waiting after the loop ran: %s (%v), want none", states(list), err)
	}
}
