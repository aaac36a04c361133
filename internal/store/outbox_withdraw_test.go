package store

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// claimAll claims and records as sent every notification due at now on
// e-mail and Matrix, as a sender does, and gives the recipients it got,
// sorted.
func claimAll(t *testing.T, s *Store, now time.Time) []string {
	t.Helper()
	ctx := context.Background()
	var got []string
	for range 100 {
		n, claim, ok, err := s.ClaimNotification(ctx, now, 2*time.Minute, model.Channels)
		check(t, err)
		if !ok {
			break
		}
		got = append(got, n.Recipient)
		check(t, s.NotificationSent(ctx, n.ID, claim, now))
	}
	sort.Strings(got)
	return got
}

// outboxOf gives the notifications to the address (queued for it, or
// for the account whose address it was), by id.
func outboxOf(t *testing.T, s *Store, match func(model.Notification) bool) []model.Notification {
	t.Helper()
	list, _, err := s.Notifications(context.Background(), OutboxFilter{Limit: 1000})
	check(t, err)
	var out []model.Notification
	for i := len(list) - 1; i >= 0; i-- {
		if match(list[i]) {
			out = append(out, list[i])
		}
	}
	return out
}

// TestOutboxWithdrawsWhatItsRecipientNoLongerWants: messages waiting in
// the outbox for an account that was disabled since, or whose user
// unsubscribed (saved the preferences with no address and no event
// ticked), are not sent: the sender's claim withdraws them ("abgebrochen",
// the reason in the last error, for /postausgang), and sending one again
// is refused while the reason stands. An account that changed its
// address gets the message at the new one. Before, only queueing asked
// (subscribers: u.disabled = 0); the claim took any waiting row, and
// bayern's and hessen's messages went out for up to 15 hours of retries.
func TestOutboxWithdrawsWhatItsRecipientNoLongerWants(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	council, _ := fixture(t, s)
	ev := model.EventAgendaPublished
	bayern := account(t, s, model.User{Username: "bayern", Role: model.RoleMember, MemberAbbrev: "Bund"}, model.ChannelEmail, "bayern@example.org", ev)
	hessen := account(t, s, model.User{Username: "hessen", Role: model.RoleMember, MemberAbbrev: "HE"}, model.ChannelEmail, "hessen@example.org", ev)
	account(t, s, model.User{Username: "hamburg", Role: model.RoleMember, MemberAbbrev: "HH"}, model.ChannelMatrix, "!hh:matrix.example", ev)
	berlin := account(t, s, model.User{Username: "berlin", Role: model.RoleSecretariat}, model.ChannelEmail, "alt@example.org", ev)
	publish := func(n int) {
		t.Helper()
		id := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: council, Number: n, Date: model.NewDate(2026, 6, 18), Place: "Berlin", Status: model.StatusPlanned}))
		se := must[model.Session](t)(s.Session(ctx, id))
		se.AgendaPublished = true
		check(t, s.UpdateSession(ctx, se))
	}
	publish(48)
	if got := queued(t, s, ev); len(got) != 4 {
		t.Fatalf("queued %v, want 4 messages", got)
	}
	check(t, s.SetUserDisabled(ctx, bayern, true))
	check(t, s.SaveNotificationSettings(ctx, model.NotificationSettings{UserID: hessen, DueDays: 14, Version: 1}))
	set := must[model.NotificationSettings](t)(s.NotificationSettings(ctx, berlin))
	set.Email = "neu@example.org"
	check(t, s.SaveNotificationSettings(ctx, set))

	if got, want := strings.Join(claimAll(t, s, now), " "), "!hh:matrix.example neu@example.org"; got != want {
		t.Errorf("sent to %q, want %q (not to the disabled bayern nor to hessen, who unsubscribed; berlin at its new address)", got, want)
	}
	for who, reason := range map[int64]string{bayern: "Konto ist deaktiviert", hessen: "abbestellt"} {
		rows := outboxOf(t, s, func(n model.Notification) bool { return n.UserID == who })
		if len(rows) != 1 || rows[0].State != model.DeliveryCancelled || !strings.HasPrefix(rows[0].LastError, "Zurückgezogen: ") ||
			!strings.Contains(rows[0].LastError, reason) || rows[0].Sent != (time.Time{}) {
			t.Errorf("message of user %d: %s, want abgebrochen, „Zurückgezogen: …%s…“", who, describe(rows), reason)
			continue
		}
		// Sent again by hand: refused while the reason stands.
		if err := s.RetryNotification(ctx, rows[0].ID); model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), reason) {
			t.Errorf("retry of user %d's withdrawn message: %v, want a rule error naming %q", who, err, reason)
		}
	}
	// bayern enabled again: its message may be sent again, and is.
	check(t, s.SetUserDisabled(ctx, bayern, false))
	withdrawn := outboxOf(t, s, func(n model.Notification) bool { return n.UserID == bayern })[0]
	check(t, s.RetryNotification(ctx, withdrawn.ID))
	if got := strings.Join(claimAll(t, s, now), " "); got != "bayern@example.org" {
		t.Errorf("after enabling bayern and sending again: sent to %q", got)
	}
	if n := must[model.Notification](t)(s.Notification(ctx, withdrawn.ID)); n.State != model.DeliverySent || n.LastError != "" {
		t.Errorf("bayern's message sent again: %s", describe([]model.Notification{n}))
	}
	// Messages queued after the change never reach those who left.
	publish(49)
	if got := queued(t, s, ev); len(got) != 4+3 || strings.Count(strings.Join(got, " "), "hessen@") != 1 {
		t.Errorf("the 49th's agenda queued for %v, want three more (hamburg, berlin, bayern enabled again; not hessen, who unsubscribed)", got)
	}
}

// TestOutboxWithdrawsOutdatedReminders: reminders waiting in the outbox
// whose occasion changed are withdrawn when a sender claims them — the
// key the reminder loop would give now for the same follow-up or session
// is asked (followUpReminderKey, deadlineDue.key): a follow-up's deadline
// changed from a date to "bis zur 48. Sitzung", the session moved twice
// and then cancelled; the registration deadline of the cancelled session.
// Before, three "fällig" reminders of the one follow-up waited, the last
// naming the cancelled session, and the registration deadline of the
// cancelled session was announced. A reminder still current is sent.
func TestOutboxWithdrawsOutdatedReminders(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC) // 01.12.2026
	s.SetClock(func() time.Time { return now })
	council, s47 := fixture(t, s)
	subscribeByMail(t, s, model.User{Username: "gs", Name: "Geschäftsstelle", Role: model.RoleSecretariat},
		model.EventFollowUpDue, model.EventFollowUpOverdue, model.EventDeadlineSoon)
	item := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Number: "5", Title: "Bericht"}))
	s48 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: council, Number: 48, Date: model.NewDate(2026, 12, 10), StartTime: "10:00",
		RegistrationDeadline: model.NewDate(2026, 12, 3), Status: model.StatusPlanned}))
	moving := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: item, Text: "Konzept vorlegen", Responsible: "HE",
		DueDate: model.NewDate(2026, 12, 9), Status: model.FollowUpOpen}))
	current := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: item, Text: "Bericht vorlegen", Responsible: "HE",
		DueDate: model.NewDate(2026, 12, 5), Status: model.FollowUpOpen}))
	remind := func() {
		t.Helper()
		_, err := s.QueueFollowUpReminders(ctx, now)
		check(t, err)
		_, err = s.QueueDeadlineReminders(ctx, now)
		check(t, err)
	}
	move := func(day int) {
		t.Helper()
		se := must[model.Session](t)(s.Session(ctx, s48))
		check(t, s.EditSession(ctx, SessionChange{ID: s48, Version: se.Version, Date: model.NewDate(2026, 12, day), StartTime: se.StartTime,
			Place: se.Place, Chair: se.Chair, Kind: se.Kind, RegistrationDeadline: se.RegistrationDeadline, Reason: "Terminkollision"}))
		remind()
	}
	remind()
	f := must[model.FollowUp](t)(s.FollowUp(ctx, moving))
	f.DueDate, f.DueSession = model.Date{}, 48
	check(t, s.UpdateFollowUp(ctx, f))
	remind()
	move(11)
	move(14)
	se := must[model.Session](t)(s.Session(ctx, s48))
	check(t, s.CancelSession(ctx, s48, se.Version, "Terminkollision"))
	remind()

	keys := func(state model.DeliveryState) []string {
		var out []string
		for _, n := range outboxOf(t, s, func(n model.Notification) bool { return n.State == state }) {
			out = append(out, strings.SplitN(n.Key, "/", 2)[0])
		}
		return out
	}
	if w := keys(model.DeliveryWaiting); len(w) != 6 {
		t.Fatalf("waiting before the sender came: %v, want 6 (4 for the moving follow-up, 1 for the current, 1 registration deadline)", w)
	}
	claimAll(t, s, now)
	if got, want := strings.Join(keys(model.DeliverySent), " "), "auftrag_faellig:"+itoa(current)+":2026-12-05:vorlauf"; got != want {
		t.Errorf("sent %q, want only %q", got, want)
	}
	withdrawn := outboxOf(t, s, func(n model.Notification) bool { return n.State == model.DeliveryCancelled })
	if len(withdrawn) != 5 {
		t.Errorf("withdrawn: %s, want the 5 outdated reminders", describe(withdrawn))
	}
	for _, n := range withdrawn {
		if !strings.HasPrefix(n.LastError, "Zurückgezogen: nicht mehr aktuell") {
			t.Errorf("withdrawn %s with reason %q", n.Key, n.LastError)
		}
		if strings.HasPrefix(n.Key, "auftrag_faellig:") && !strings.Contains(n.LastError, "48. Sitzung – abgesagt") {
			t.Errorf("withdrawn %s: reason %q does not name the cancelled session", n.Key, n.LastError)
		}
	}
}

// TestFollowUpReminderWording: "noch 1 Tag", the day itself "heute
// fällig" (before, "noch 1 Tage" and "noch 0 Tage"); a subject cut short
// never ends inside the placeholder of a blacked-out passage (before:
// "… unterbrochen wurden [g…").
func TestFollowUpReminderWording(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	now := time.Date(2026, 12, 8, 9, 0, 0, 0, time.UTC) // 08.12.2026
	s.SetClock(func() time.Time { return now })
	_, s47 := fixture(t, s)
	subscribeByMail(t, s, model.User{Username: "gs", Name: "Geschäftsstelle", Role: model.RoleSecretariat}, model.EventFollowUpDue)
	item := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Number: "5", Title: "Bericht"}))
	long := "Bericht über die Störungen, durch die die Verbindungen der Länder im Herbst unterbrochen wurden ⟦vom Betreiber verschuldet⟧ mit Ursachen"
	tomorrow := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: item, Text: long, Responsible: "HE", DueDate: model.NewDate(2026, 12, 9), Status: model.FollowUpOpen}))
	today := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: item, Text: "Audit vorlegen", Responsible: "HE", DueDate: model.NewDate(2026, 12, 8), Status: model.FollowUpOpen}))
	_, err := s.QueueFollowUpReminders(ctx, now)
	check(t, err)
	for id, want := range map[int64]string{tomorrow: "ist fällig: 09.12.2026, noch 1 Tag.", today: "ist heute fällig: 08.12.2026."} {
		rows := outboxOf(t, s, func(n model.Notification) bool { return n.Ref == "auftrag:"+itoa(id) })
		if len(rows) != 1 || !strings.Contains(rows[0].Body, want) {
			t.Errorf("follow-up %d: %s, want the body to say %q", id, describe(rows), want)
			continue
		}
		subject := rows[0].Subject
		if strings.Contains(subject, "verschuldet") || strings.Count(subject, "[") != strings.Count(subject, "]") || len([]rune(subject)) > 120 {
			t.Errorf("subject %q: a placeholder cut, or the passage shown", subject)
		}
	}
}

// TestShortenKeepsPlaceholdersWhole: shorten cuts a public text before a
// placeholder it would cut into, and keeps one that fits whole.
func TestShortenKeepsPlaceholdersWhole(t *testing.T) {
	ph := model.RedactedPlaceholder
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"kurz", 10, "kurz"},
		{"abcdefghij", 5, "abcd…"},
		{"abc " + ph + " xyz", 8, "abc …"},
		{"abc " + ph + " xyz", 18, "abc " + ph + " …"},
		{"abc " + ph + " xyz", 17, "abc " + ph + "…"},
		{"abc " + ph + " xyz", 16, "abc …"},
		{ph + ph + ph, 20, ph + "…"},
		{"äöü " + ph + " ß", 6, "äöü …"},
	} {
		if got := shorten(tc.in, tc.n); got != tc.want || len([]rune(got)) > tc.n {
			t.Errorf("shorten(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

func describe(list []model.Notification) string {
	var b strings.Builder
	for _, n := range list {
		b.WriteString("[" + n.Key + " " + n.Recipient + " " + string(n.State) + " " + n.LastError + "] ")
	}
	return b.String()
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestOutboxWithdrawsMovedDates: a FachMK date's reminder waiting when
// the date moves out of the week, and a kick-off reminder waiting when
// its due session is cancelled (the talk now due months later), are
// withdrawn by the sender's claim, as the reminder loop would not give
// them now (conferenceReminderKey, kickoffNotice).
func TestOutboxWithdrawsMovedDates(t *testing.T) {
	s, council, now := rereadFixture(t) // 01.07.2025; the 47th on 26.06.2025
	ctx := context.Background()
	id := must[int64](t)
	subscribeByMail(t, s, model.User{Username: "gs", Name: "Geschäftsstelle", Role: model.RoleSecretariat}, model.EventConferenceSoon)
	subscribeByMail(t, s, model.User{Username: "sprecher-he", Name: "Sprecher HE", Role: model.RoleSpokesperson, MemberAbbrev: "HE"}, model.EventKickoffDue)
	gmk := fachMKNamedIn(t, s, council, "GMK", "Gesundheitsministerkonferenz")
	moved := model.ConferenceDate{BodyID: gmk, Title: "Sommerkonferenz", Starts: model.NewDate(2025, 7, 5), Place: "Kiel"}
	moved.ID = id(s.CreateConferenceDate(ctx, moved))
	id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: gmk, Member: "HE", DecisionRef: "B-2022/43-IT", StartOn: model.NewDate(2025, 6, 26)}))
	id(s.CreateSession(ctx, model.Session{BodyID: council, Number: 48, Date: model.NewDate(2025, 7, 3), Status: model.StatusPlanned}))
	due := id(s.CreateSession(ctx, model.Session{BodyID: council, Number: 49, Date: model.NewDate(2025, 7, 10), Status: model.StatusPlanned}))
	id(s.CreateSession(ctx, model.Session{BodyID: council, Number: 50, Date: model.NewDate(2025, 11, 20), Status: model.StatusPlanned}))
	if n, err := s.QueueConferenceReminders(ctx, now); err != nil || n != 1 {
		t.Fatalf("FachMK reminder: %d (%v)", n, err)
	}
	if n, err := s.QueueKickoffReminders(ctx, now); err != nil || n != 1 {
		t.Fatalf("kick-off reminder: %d (%v)", n, err)
	}
	moved.Starts = model.NewDate(2025, 9, 1)
	check(t, s.UpdateConferenceDate(ctx, moved))
	se := must[model.Session](t)(s.Session(ctx, due))
	check(t, s.CancelSession(ctx, due, se.Version, "Terminkonflikt"))
	if got := claimAll(t, s, now); len(got) != 0 {
		t.Errorf("sent to %v, want nothing", got)
	}
	rows := outboxOf(t, s, func(n model.Notification) bool {
		return n.Event == model.EventConferenceSoon || n.Event == model.EventKickoffDue
	})
	for _, n := range rows {
		if n.State != model.DeliveryCancelled || !strings.HasPrefix(n.LastError, "Zurückgezogen: nicht mehr aktuell") {
			t.Errorf("%s", describe([]model.Notification{n}))
		}
	}
	if len(rows) != 2 {
		t.Errorf("reminders: %s, want the FachMK date's and the kick-off talk's", describe(rows))
	}
}
