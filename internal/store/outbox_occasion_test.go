package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// procedureReminderWaiting starts a written procedure (title) with two
// members' accounts asking for "Umlaufverfahren endet morgen" (Hessen,
// Saarland), moves the clock to less than a day before its deadline and
// queues both reminders, which wait in the outbox: the store, the
// procedure and the moment.
func procedureReminderWaiting(t *testing.T, title string) (*Store, int64, time.Time) {
	t.Helper()
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := lawFixture(t, s)
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, model.Berlin)
	s.SetClock(func() time.Time { return now })
	account(t, s, model.User{Username: "hessen", Role: model.RoleMember, MemberAbbrev: "HE"}, model.ChannelEmail, "he@example.org", model.EventProcedureClosing)
	account(t, s, model.User{Username: "saarland", Role: model.RoleMember, MemberAbbrev: "SL"}, model.ChannelEmail, "sl@example.org", model.EventProcedureClosing)
	pid := must[int64](t)(s.StartProcedure(ctx, ProcedureStart{Decision: model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: title, Applicants: []string{"Bund"}}, Deadline: now.Add(48 * time.Hour)}))
	now = now.Add(25 * time.Hour) // the deadline less than a day away
	must[[]model.WrittenProcedure](t)(s.CloseDueProcedures(ctx, now))
	if got := strings.Join(queued(t, s, model.EventProcedureClosing), " "); got != "he@example.org sl@example.org" {
		t.Fatalf("reminders to %q", got)
	}
	return s, pid, now
}

// TestOutboxWithdrawsProcedureReminderOfAnEndedProcedure: "Umlaufverfahren
// endet morgen (ohne meine Stimme)" waits in the outbox (a server down, a
// channel not configured) while Saarland votes and then every member
// votes and the secretariat ends the procedure early. Neither reminder
// leaves: the claim withdraws them with the occasion's state. Before,
// stillToSend asked only the account, and both went out — one telling
// a member that had voted that its vote was missing, one of a procedure
// already closed.
func TestOutboxWithdrawsProcedureReminderOfAnEndedProcedure(t *testing.T) {
	s, pid, now := procedureReminderWaiting(t, "Früh beendet")
	ctx := context.Background()
	check(t, s.CastVote(ctx, pid, "SL", model.VoteYes))
	for _, m := range voters {
		if m != "SL" {
			check(t, s.CastVote(ctx, pid, m, model.VoteYes))
		}
	}
	must[model.WrittenProcedure](t)(s.EndProcedureEarly(ctx, pid))
	if got := claimAll(t, s, now); len(got) != 0 {
		t.Errorf("sent to %v, want nothing: the procedure ended early", got)
	}
	for _, n := range outboxOf(t, s, func(n model.Notification) bool { return n.Event == model.EventProcedureClosing }) {
		if n.State != model.DeliveryCancelled || !strings.Contains(n.LastError, "nicht mehr aktuell") {
			t.Errorf("reminder to %s: %s %q, want withdrawn", n.Recipient, n.State, n.LastError)
		}
	}
}

// TestOutboxWithdrawsProcedureReminderOfAMemberThatVoted: the reminder
// waits while its member votes; it is withdrawn, the other member's is
// sent.
func TestOutboxWithdrawsProcedureReminderOfAMemberThatVoted(t *testing.T) {
	s, pid, now := procedureReminderWaiting(t, "Noch offen")
	ctx := context.Background()
	check(t, s.CastVote(ctx, pid, "SL", model.VoteNo))
	if got := strings.Join(claimAll(t, s, now), " "); got != "he@example.org" {
		t.Errorf("sent to %q, want only he@example.org (Saarland voted meanwhile)", got)
	}
}

// TestOutboxWithdrawsFulfilledReportReminder: the reminder of a missing
// report under "Reporting FachMK" waits while Hessen's spokesperson saves
// the report; it is withdrawn, Hamburg's (still without a report) is sent.
// And a reminder waiting while the session is cancelled is withdrawn.
// Before, both went out.
func TestOutboxWithdrawsFulfilledReportReminder(t *testing.T) {
	s, council, now := rereadFixture(t) // 01.07.2025
	ctx := context.Background()
	id := must[int64](t)
	gmk := fachMKNamedIn(t, s, council, "GMK", "Gesundheitsministerkonferenz")
	id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: gmk, Member: "HE", DecisionRef: "B-2022/43-IT"}))
	id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: gmk, Member: "HH", DecisionRef: "B-2022/43-IT"}))
	subscribeByMail(t, s, model.User{Username: "sprecher-he", Name: "Sprecher HE", Role: model.RoleSpokesperson, MemberAbbrev: "HE"}, model.EventReportDue)
	subscribeByMail(t, s, model.User{Username: "sprecher-hh", Name: "Sprecher HH", Role: model.RoleSpokesperson, MemberAbbrev: "HH"}, model.EventReportDue)
	se := id(s.CreateSession(ctx, model.Session{BodyID: council, Number: 48, Date: model.NewDate(2025, 7, 10), Status: model.StatusPlanned}))
	if n, err := s.QueueReportReminders(ctx, now); err != nil || n != 2 {
		t.Fatalf("queued %d (%v), want 2", n, err)
	}
	check(t, s.SaveReport(ctx, model.FachMKReport{SessionID: se, ConferenceID: gmk, Member: "HE", Author: "Sprecher HE", Text: "Bericht"}, false))
	if got := strings.Join(claimAll(t, s, now), " "); got != "sprecher-hh@example.org" {
		t.Errorf("sent to %q, want only sprecher-hh@example.org (Hessen reported meanwhile)", got)
	}
	for _, n := range outboxOf(t, s, func(n model.Notification) bool { return n.Recipient == "sprecher-he@example.org" }) {
		if n.State != model.DeliveryCancelled || !strings.Contains(n.LastError, "nicht mehr aktuell") {
			t.Errorf("Hessen's reminder: %s %q, want withdrawn", n.State, n.LastError)
		}
	}

	// A session cancelled while its reminder waits.
	other := id(s.CreateSession(ctx, model.Session{BodyID: council, Number: 49, Date: model.NewDate(2025, 7, 11), Status: model.StatusPlanned}))
	if n, err := s.QueueReportReminders(ctx, now); err != nil || n != 2 {
		t.Fatalf("the 49th: queued %d (%v), want 2", n, err)
	}
	cur := must[model.Session](t)(s.Session(ctx, other))
	check(t, s.CancelSession(ctx, other, cur.Version, "Terminkonflikt"))
	if n, err := s.WithdrawStaleNotifications(ctx, now); err != nil || n != 2 {
		t.Errorf("the sweep withdrew %d (%v), want both reminders of the cancelled session", n, err)
	}
	if got := claimAll(t, s, now); len(got) != 0 {
		t.Errorf("sent to %v after the cancellation", got)
	}
}

// TestReachOfAWrittenProcedure: who "Umlaufverfahren gestartet" reaches,
// for the secretariat to phone the others. Hessen's office subscribed by
// mail, Hamburg's by Matrix; Saarland's office never saved (the defaults
// hold the event, but there is no address); Bremen's saved an address and
// chose nothing; Bayern's only account is disabled; Berlin has none. A
// saved choice replaces the defaults, also a choice of nothing.
func TestReachOfAWrittenProcedure(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	lawFixture(t, s)
	account(t, s, model.User{Username: "hessen", Role: model.RoleMember, MemberAbbrev: "HE"}, model.ChannelEmail, "he@example.org", model.EventProcedureStarted)
	account(t, s, model.User{Username: "hamburg", Role: model.RoleMember, MemberAbbrev: "HH"}, model.ChannelMatrix, "!hh:matrix.example", model.EventProcedureStarted)
	account(t, s, model.User{Username: "bremen", Role: model.RoleMember, MemberAbbrev: "HB"}, model.ChannelEmail, "hb@example.org")
	must[int64](t)(s.CreateUser(ctx, model.User{Username: "saarland", Name: "Saarland", Role: model.RoleMember, MemberAbbrev: "SL"}, "x"))
	by := account(t, s, model.User{Username: "bayern", Role: model.RoleMember, MemberAbbrev: "BY"}, model.ChannelEmail, "by@example.org", model.EventProcedureStarted)
	check(t, s.SetUserDisabled(ctx, by, true))
	var members []model.Member
	for _, m := range []string{"HE", "HH", "HB", "SL", "BY", "BE"} {
		members = append(members, model.Member{Abbrev: m, Name: m})
	}
	r := must[model.Reach](t)(s.Reach(ctx, model.EventProcedureStarted, members))
	if got, want := r.Phrase(), "benachrichtigt werden: 2 von 6 Mitgliedern; ohne Adresse: SL; abbestellt: HB; kein Konto: BY, BE"; got != want {
		t.Errorf("reach = %q, want %q", got, want)
	}
}
