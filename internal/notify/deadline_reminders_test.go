package notify

import (
	"context"
	"strings"
	"testing"
	"time"

	"gremium/internal/itplr"
	"gremium/internal/model"
)

// TestDeadlineReminders: nobody was reminded of a registration deadline
// (Anmeldeschluss) or of the AL-Runde's document deadline
// (Unterlagenfrist); the offices had them only in the calendar. Now the
// reminder loop tells the subscribed member offices and the secretariat 7
// days before each, once, again when the deadline moves, never for a
// cancelled session or a deadline passed; the link leads to the
// registration form or the AL-Runde's page.
func TestDeadlineReminders(t *testing.T) {
	ctx := context.Background()
	st, clock := fixture(t) // 02.03.2026
	council, _ := st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	prep, err := st.BodyByAbbrev(ctx, itplr.PrepAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	s48, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 48, Date: model.NewDate(2026, 4, 16), Place: "Berlin",
		RegistrationDeadline: model.NewDate(2026, 3, 12), Status: model.StatusPlanned})
	if err != nil {
		t.Fatal(err)
	}
	al40, err := st.CreateSession(ctx, model.Session{BodyID: prep.ID, Number: 40, Date: model.NewDate(2026, 3, 26), Status: model.StatusPlanned})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.LinkPreparedSession(ctx, al40, s48); err != nil {
		t.Fatal(err)
	}
	// A cancelled session and one whose deadline has passed remind of
	// nothing.
	s49, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 49, Date: model.NewDate(2026, 6, 18),
		RegistrationDeadline: model.NewDate(2026, 3, 9), Status: model.StatusPlanned})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CancelSession(ctx, s49, 1, "Terminkollision"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 50, Date: model.NewDate(2026, 9, 17),
		RegistrationDeadline: model.NewDate(2026, 3, 1), Status: model.StatusPlanned}); err != nil {
		t.Fatal(err)
	}
	ev := model.EventDeadlineSoon
	subscribe(t, st, "hessen", model.RoleMember, "HE", model.ChannelEmail, "he@example.org", ev)
	subscribe(t, st, "gs", model.RoleSecretariat, "", model.ChannelEmail, "gs@example.org", ev)
	r := &Reminders{Store: st, Now: clock.Now}
	run := func() []model.Notification { t.Helper(); return queuedByTwoRuns(t, r, st) }
	recipients := func(got []model.Notification) string {
		var to []string
		for _, n := range got {
			to = append(to, n.Recipient)
		}
		return strings.Join(to, " ")
	}
	if got := run(); len(got) != 0 { // 10 days before the Anmeldeschluss
		t.Fatalf("queued 10 days before: %+v", got)
	}
	clock.Add(3 * 24 * time.Hour) // 05.03.2026: 7 days before
	got := run()
	if recipients(got) != "he@example.org gs@example.org" && recipients(got) != "gs@example.org he@example.org" {
		t.Errorf("recipients %q, want Hessen's office and the secretariat", recipients(got))
	}
	for _, n := range got {
		if n.Subject != "Anmeldeschluss am 12.03.2026: 48. Sitzung (IT-Planungsrat)" || n.Link != "/sitzungen/48/anmeldung" ||
			!strings.Contains(n.Body, "zur 48. Sitzung (IT-Planungsrat) am 16.04.2026, in Berlin melden Sie bis zum 12.03.2026 an") {
			t.Errorf("message: %q %q %q", n.Subject, n.Link, n.Body)
		}
	}
	clock.Add(24 * time.Hour)
	if got := run(); len(got) != 0 {
		t.Errorf("queued again: %+v", got)
	}
	// The session moves; its new deadline is told again.
	se, _ := st.Session(ctx, s48)
	se.RegistrationDeadline = model.NewDate(2026, 3, 13)
	if err := st.UpdateSession(ctx, se); err != nil {
		t.Fatal(err)
	}
	if got := run(); len(got) != 2 || !strings.Contains(got[0].Subject, "13.03.2026") {
		t.Errorf("the moved deadline: %+v", got)
	}
	clock.Add(6 * 24 * time.Hour) // 12.03.2026: the AL-Runde's documents are due on 19.03.
	got = run()
	if len(got) != 2 {
		t.Fatalf("document deadline: %d messages, want 2: %+v", len(got), got)
	}
	for _, n := range got {
		if n.Subject != "Unterlagenfrist am 19.03.2026: 40. AL-Runde" || n.Link != "/sitzungen/48" ||
			!strings.Contains(n.Body, "Die Unterlagen zu Ihren Tagesordnungspunkten der 48. Sitzung (IT-Planungsrat) sind bis zum 19.03.2026 einzureichen; die 40. AL-Runde am 26.03.2026 berät sie vor.") {
			t.Errorf("message: %q %q %q", n.Subject, n.Link, n.Body)
		}
	}
}
