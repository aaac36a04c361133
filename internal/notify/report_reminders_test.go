package notify

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestConferenceReminderSaysWhenAndWhere: the reminder of a FachMK date
// said "tagt am 10.12.2026 in Telefon": the first day only, no times, and
// "in " before any place. It gives the day or days with the times known,
// and the place on a line of its own ("Ort: Telefon"), which reads right
// for a city, a telephone or video conference alike.
func TestConferenceReminderSaysWhenAndWhere(t *testing.T) {
	ctx := context.Background()
	st, clock := fixture(t) // 02.03.2026
	_, gmk := gmkAndDecision(t, st)
	if _, err := st.CreateAssignment(ctx, model.Assignment{ConferenceID: gmk, Member: "HB", DecisionRef: "B-2022/43-IT"}); err != nil {
		t.Fatal(err)
	}
	for _, d := range []model.ConferenceDate{
		{BodyID: gmk, Title: "Telefonschalte", Starts: model.NewDate(2026, 3, 5), StartTime: "09:30", EndTime: "16:00", Place: "Telefon", UID: "gmk-tel@test"},
		{BodyID: gmk, Title: "99. GMK", Starts: model.NewDate(2026, 3, 6), Ends: model.NewDate(2026, 3, 7), StartTime: "10:00", EndTime: "13:00", Place: "Bremen", UID: "gmk-99@test"},
		{BodyID: gmk, Title: "Sonder-GMK", Starts: model.NewDate(2026, 3, 8), Place: "Videokonferenz", UID: "gmk-video@test"},
	} {
		if _, err := st.CreateConferenceDate(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	subscribe(t, st, "sprecher-hb", model.RoleSpokesperson, "HB", model.ChannelEmail, "hb@example.org", model.EventConferenceSoon)
	got := queuedByTwoRuns(t, &Reminders{Store: st, Now: clock.Now}, st)
	bodies := map[string]string{}
	for _, n := range got {
		bodies[n.Ref] = n.Subject + "\n" + n.Body
	}
	if len(got) != 3 {
		t.Fatalf("queued %d, want 3: %v", len(got), bodies)
	}
	for _, tc := range []struct{ title, want, ort string }{
		{"Telefonschalte", "tagt am 05.03.2026, 09:30 bis 16:00 Uhr.", "Ort: Telefon\n"},
		{"99. GMK", "tagt vom 06.03.2026, 10:00 Uhr, bis 07.03.2026, 13:00 Uhr.", "Ort: Bremen\n"},
		{"Sonder-GMK", "tagt am 08.03.2026.", "Ort: Videokonferenz\n"},
	} {
		found := false
		for _, text := range bodies {
			if !strings.Contains(text, "("+tc.title+")") {
				continue
			}
			found = true
			if !strings.Contains(text, tc.want) || !strings.Contains(text, tc.ort) || strings.Contains(text, " in Telefon") || strings.Contains(text, " in Videokonferenz") {
				t.Errorf("%s: the message reads\n%s\nwant %q and %q", tc.title, text, tc.want, tc.ort)
			}
		}
		if !found {
			t.Errorf("no message of %s: %v", tc.title, bodies)
		}
	}
}

// TestReportReminder: three days before the deadline of "Reporting
// FachMK" (seven days before the IT-PLR session), each spokesperson in
// office who has not saved a report for a conference it speaks for is
// reminded, once — two reminder loops running at once, each twice, and
// on the days after; one message names every conference still without a
// report. Not earlier, not a spokesperson whose report is saved, not one
// who switched it off. The session moved: its new deadline is reminded
// of again, naming only the conference still without a report.
func TestReportReminder(t *testing.T) {
	ctx := context.Background()
	st, clock := fixture(t) // 02.03.2026
	council, gmk := gmkAndDecision(t, st)
	umk, err := st.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "UMK", Name: "Umweltministerkonferenz"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 10, Date: model.NewDate(2026, 2, 1), Status: model.StatusEnded}); err != nil {
		t.Fatal(err)
	}
	s11, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 11, Date: model.NewDate(2026, 3, 20), StartTime: "10:00", Place: "Berlin", Status: model.StatusPlanned})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []model.Assignment{
		{ConferenceID: gmk, Member: "HB", DecisionRef: "B-2022/43-IT"},
		{ConferenceID: umk, Member: "HB", DecisionRef: "B-2022/43-IT"},
		{ConferenceID: gmk, Member: "BY", DecisionRef: "B-2022/43-IT"},
	} {
		if _, err := st.CreateAssignment(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	ev := model.EventReportDue
	subscribe(t, st, "sprecher-hb", model.RoleSpokesperson, "HB", model.ChannelEmail, "hb@example.org", ev)
	subscribe(t, st, "sprecher-hb-buero", model.RoleSpokesperson, "HB", model.ChannelMatrix, "!hb:example.org", ev)
	subscribe(t, st, "sprecher-by", model.RoleSpokesperson, "BY", model.ChannelEmail, "by@example.org", ev)
	subscribe(t, st, "sprecher-hb-aus", model.RoleSpokesperson, "HB", model.ChannelEmail, "hb-aus@example.org", model.EventKickoffDue)
	report := func(conf int64, member string) {
		t.Helper()
		if err := st.SaveReport(store.WithActor(ctx, "test"), model.FachMKReport{SessionID: s11, ConferenceID: conf, Member: member, Author: "Sprecher " + member, Text: "Bericht"}, false); err != nil {
			t.Fatal(err)
		}
	}
	report(gmk, "BY")
	loops := []*Reminders{{Store: st, Now: clock.Now}, {Store: st, Now: clock.Now}}
	run := func() []model.Notification {
		t.Helper()
		before := len(outbox(t, st))
		var wg sync.WaitGroup
		for _, r := range loops {
			wg.Go(func() {
				for range 2 {
					if _, err := r.RunOnce(ctx); err != nil {
						t.Error(err)
					}
				}
			})
		}
		wg.Wait()
		var got []model.Notification
		for _, n := range outbox(t, st)[before:] {
			if n.Event == ev {
				got = append(got, n)
			}
		}
		return got
	}
	clock.t = time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC) // 4 days before the deadline (13.03.)
	if got := run(); len(got) != 0 {
		t.Fatalf("queued 4 days before the deadline: %+v", got)
	}
	clock.Add(24 * time.Hour) // 10.03.2026: 3 days before
	got := run()
	to := map[string]bool{}
	for _, n := range got {
		to[n.Recipient] = true
		text := n.Subject + "\n" + n.Body
		for _, want := range []string{"13.03.2026", "11. Sitzung", "20.03.2026", "für die Gesundheitsministerkonferenz und die Umweltministerkonferenz"} {
			if !strings.Contains(text, want) {
				t.Errorf("the reminder lacks %q:\n%s", want, text)
			}
		}
		if n.Link != "/sitzungen/11/reporting-fachmk" {
			t.Errorf("link %q", n.Link)
		}
	}
	if len(got) != 2 || !to["hb@example.org"] || !to["!hb:example.org"] {
		t.Fatalf("recipients %v, want Bremen's spokesperson accounts (mail and Matrix)", to)
	}
	report(gmk, "HB")
	for range 3 {
		clock.Add(24 * time.Hour)
		if got := run(); len(got) != 0 {
			t.Fatalf("queued again on %s: %+v", model.BerlinDate(clock.Now()).German(), got)
		}
	}
	// The session moves a week on: the new deadline is reminded of, for
	// the UMK only.
	se, err := st.Session(ctx, s11)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.EditSession(store.WithActor(ctx, "test"), store.SessionChange{ID: s11, Version: se.Version, Date: model.NewDate(2026, 3, 27), StartTime: "10:00", Place: "Berlin", Reason: "Terminkollision"}); err != nil {
		t.Fatal(err)
	}
	clock.t = time.Date(2026, 3, 17, 9, 0, 0, 0, time.UTC) // 3 days before 20.03.
	got = run()
	if len(got) != 2 {
		t.Fatalf("after the move: %+v", got)
	}
	for _, n := range got {
		if !strings.Contains(n.Body, "für die Umweltministerkonferenz.") || strings.Contains(n.Body, "Gesundheitsministerkonferenz") || !strings.Contains(n.Body, "20.03.2026") {
			t.Errorf("after the move the reminder reads:\n%s", n.Body)
		}
	}
}
