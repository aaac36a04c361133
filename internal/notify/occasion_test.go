package notify

import (
	"context"
	"strings"
	"testing"
	"time"

	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestWorkerSendsNoReminderOfAnEndedProcedure: "Umlaufverfahren endet
// morgen (ohne meine Stimme)" is queued for Hessen and Bremen while the
// mail server is down. Meanwhile Bremen votes; then every member votes
// and the secretariat ends the procedure early. Once the server is back
// (a real SMTP server on loopback), nothing is sent: both reminders are
// withdrawn with the reason. Before, the outbox asked only whether the
// accounts still wanted the event, and both mails went out — of a
// procedure already closed, one to a member that had voted.
func TestWorkerSendsNoReminderOfAnEndedProcedure(t *testing.T) {
	ctx := context.Background()
	st, clock := fixture(t) // 02.03.2026, 10:00
	srv := startSMTP(t)
	subscribe(t, st, "hessen", model.RoleMember, "HE", model.ChannelEmail, "he@example.org", model.EventProcedureClosing)
	subscribe(t, st, "bremen", model.RoleMember, "HB", model.ChannelEmail, "hb@example.org", model.EventProcedureClosing)
	council, _ := st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: council.ID, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
		Title: "Früh beendet", Applicants: []string{"Bund"}}, Deadline: clock.Now().Add(48 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	w := &Worker{Store: st, Senders: map[model.Channel]Sender{model.ChannelEmail: srv.sender()}, BaseURL: "https://gremium.example",
		Now: clock.Now, Log: quietLog(), SendTimeout: 5 * time.Second}
	srv.stop()
	clock.Add(25 * time.Hour) // the deadline less than a day away
	if _, err := (&Reminders{Store: st, Now: clock.Now}).RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if sent, err := w.RunOnce(ctx); err != nil || sent != 0 {
		t.Fatalf("with the server down: sent %d, %v", sent, err)
	}
	if err := st.CastVote(ctx, pid, "HB", model.VoteYes); err != nil {
		t.Fatal(err)
	}
	for _, m := range itplr.Members() {
		if m.Kind.Votes() && m.Abbrev != "HB" {
			if err := st.CastVote(ctx, pid, m.Abbrev, model.VoteYes); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := st.EndProcedureEarly(ctx, pid); err != nil {
		t.Fatal(err)
	}
	srv.restart()
	clock.Add(DefaultBaseDelay)
	if sent, err := w.RunOnce(ctx); err != nil || sent != 0 {
		t.Errorf("after the restart: sent %d, %v; %s", sent, err, states(outbox(t, st)))
	}
	if len(srv.Mails()) != 0 {
		t.Errorf("%d mails arrived, want none", len(srv.Mails()))
	}
	for _, n := range outbox(t, st) {
		if n.Event == model.EventProcedureClosing && (n.State != model.DeliveryCancelled || !strings.Contains(n.LastError, "nicht mehr aktuell")) {
			t.Errorf("reminder to %s: %s, want withdrawn", n.Recipient, states([]model.Notification{n}))
		}
	}
}
