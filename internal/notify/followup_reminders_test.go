package notify

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestFollowUpReminders: with the injectable clock moving day by day, a
// follow-up of Hessen due on a date gives "bald fällig" at the user's lead
// time (14 days) and 3 days before, then "überfällig" once a week; each
// reminder once, only to the responsible member and the secretariat; a
// follow-up due "zur 49. Sitzung" is overdue once that session starts; an
// erledigt follow-up gives no more reminders.
func TestFollowUpReminders(t *testing.T) {
	ctx := context.Background()
	st, clock := fixture(t) // 02.03.2026, 10:00 in Berlin
	events := []model.Event{model.EventFollowUpDue, model.EventFollowUpOverdue}
	subscribe(t, st, "hessen", model.RoleMember, "HE", model.ChannelEmail, "he@example.org", events...)
	subscribe(t, st, "bayern", model.RoleMember, "BY", model.ChannelEmail, "by@example.org", events...)
	subscribe(t, st, "gs", model.RoleSecretariat, "", model.ChannelMatrix, "!gs:matrix.example", events...)
	item := heldItemAndNext(t, st, model.Session{Number: 49, Date: model.NewDate(2026, 6, 18), StartTime: "10:00", Status: model.StatusPlanned})
	byDate, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: item, Text: "Bericht zur Evaluation", Responsible: "Hessen", DueDate: model.NewDate(2026, 3, 22), Status: model.FollowUpOpen})
	if err != nil {
		t.Fatal(err)
	}
	bySession, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: item, Text: "Audit vorlegen", Responsible: "FITKO", DueSession: 49, Status: model.FollowUpOpen})
	if err != nil {
		t.Fatal(err)
	}
	r := &Reminders{Store: st, Now: clock.Now}
	seen := 0
	step := func(days int, want ...string) {
		t.Helper()
		clock.Add(time.Duration(days) * 24 * time.Hour)
		for i := 0; i < 2; i++ { // the second run queues nothing more
			if _, err := r.RunOnce(ctx); err != nil {
				t.Fatal(err)
			}
		}
		all := outbox(t, st)
		var got []string
		for _, n := range all[seen:] {
			kind := strings.SplitN(n.Key, ":", 2)[0]
			parts := strings.Split(strings.SplitN(n.Key, "/", 2)[0], ":")
			got = append(got, kind+":"+parts[1]+":"+parts[len(parts)-1]+" "+n.Recipient)
		}
		seen = len(all)
		sort.Strings(got)
		sort.Strings(want)
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: queued\n  %s\nwant\n  %s", model.BerlinDate(clock.Now()).German(), strings.Join(got, "\n  "), strings.Join(want, "\n  "))
		}
	}
	d, s := strconv.FormatInt(byDate, 10), strconv.FormatInt(bySession, 10)
	step(0) // 20 days before
	step(6, "auftrag_faellig:"+d+":vorlauf he@example.org", "auftrag_faellig:"+d+":vorlauf !gs:matrix.example")
	step(5)
	step(6, "auftrag_faellig:"+d+":3t he@example.org", "auftrag_faellig:"+d+":3t !gs:matrix.example")
	step(3) // the day itself: not yet overdue
	step(1, "auftrag_ueberfaellig:"+d+":w0 he@example.org", "auftrag_ueberfaellig:"+d+":w0 !gs:matrix.example")
	step(6)
	step(1, "auftrag_ueberfaellig:"+d+":w1 he@example.org", "auftrag_ueberfaellig:"+d+":w1 !gs:matrix.example")
	// Hessen reports it done: no more reminders.
	f, _ := st.FollowUp(ctx, byDate)
	f.Status, f.DoneOn, f.EvidenceText = model.FollowUpDone, model.NewDate(2026, 3, 30), "Bericht versandt"
	if err := st.UpdateFollowUp(ctx, f); err != nil {
		t.Fatal(err)
	}
	step(7)
	// The 49th session on 18.06.2026: 14 days before, 3 days before, and
	// overdue once it has started (10:00 in Berlin); FITKO has no member
	// account here, so only the secretariat hears of it.
	clock.t = time.Date(2026, 6, 4, 7, 0, 0, 0, time.UTC)
	step(0, "auftrag_faellig:"+s+":vorlauf !gs:matrix.example")
	step(11, "auftrag_faellig:"+s+":3t !gs:matrix.example")
	clock.t = time.Date(2026, 6, 18, 7, 59, 0, 0, time.UTC)
	step(0)
	clock.t = time.Date(2026, 6, 18, 8, 0, 0, 0, time.UTC)
	step(0, "auftrag_ueberfaellig:"+s+":w0 !gs:matrix.example")
	for _, n := range outbox(t, st) {
		if n.Link != "/auftraege/"+d && n.Link != "/auftraege/"+s {
			t.Errorf("link %q", n.Link)
		}
	}
}

// TestConferenceReminder: seven days before a FachMK session its
// spokesperson in office (and the secretariat) get the reminder with the
// briefings' titles and the link; once; the spokesperson of another FachMK
// does not.
func TestConferenceReminder(t *testing.T) {
	ctx := context.Background()
	st, clock := fixture(t) // 02.03.2026
	_, gmk := gmkAndDecision(t, st)
	umk, err := st.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "UMK", Name: "Umweltministerkonferenz"})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []model.Assignment{{ConferenceID: gmk, Member: "HB", DecisionRef: "B-2022/43-IT"}, {ConferenceID: umk, Member: "BY", DecisionRef: "B-2022/43-IT"}} {
		if _, err := st.CreateAssignment(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.CreateBriefing(ctx, model.Briefing{ConferenceID: gmk, Title: "Briefing GMK Juni 2026"},
		model.BriefingVersion{Stand: model.NewDate(2026, 2, 1), Author: "FITKO", Content: "Inhalt"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: gmk, Title: "99. GMK", Starts: model.NewDate(2026, 3, 12), Place: "Bremen", UID: "gmk-99@test"}); err != nil {
		t.Fatal(err)
	}
	ev := model.EventConferenceSoon
	subscribe(t, st, "sprecher-hb", model.RoleSpokesperson, "HB", model.ChannelEmail, "hb@example.org", ev)
	subscribe(t, st, "sprecher-by", model.RoleSpokesperson, "BY", model.ChannelEmail, "by@example.org", ev)
	subscribe(t, st, "gs", model.RoleSecretariat, "", model.ChannelEmail, "gs@example.org", ev)
	r := &Reminders{Store: st, Now: clock.Now}
	run := func() []model.Notification { t.Helper(); return queuedByTwoRuns(t, r, st) }
	if got := run(); len(got) != 0 { // 10 days before
		t.Fatalf("queued 10 days before: %+v", got)
	}
	clock.Add(3 * 24 * time.Hour) // 05.03.2026: 7 days before
	got := run()
	to := map[string]bool{}
	for _, n := range got {
		to[n.Recipient] = true
		if n.Link != "/mein-bereich" || !strings.Contains(n.Body, "„Briefing GMK Juni 2026“") || !strings.Contains(n.Body, "tagt am 12.03.2026.\nOrt: Bremen\n") {
			t.Errorf("message: %+v", n)
		}
	}
	if len(got) != 2 || !to["hb@example.org"] || !to["gs@example.org"] {
		t.Errorf("recipients %v, want the GMK's spokesperson and the secretariat", to)
	}
	clock.Add(24 * time.Hour)
	if got := run(); len(got) != 0 {
		t.Errorf("queued again: %+v", got)
	}
}

// TestFollowUpRemindersReadBoundedRows: a reminder run (every 30 seconds)
// reads the same statements and rows however many follow-ups are done or
// overdue for longer than OverdueReminderWeeks weeks (it read every
// pending follow-up and each one's due session), and reminds of an overdue
// follow-up for OverdueReminderWeeks weeks: week 12 at 90 days overdue,
// none at 92 days.
func TestFollowUpRemindersReadBoundedRows(t *testing.T) {
	ctx := context.Background()
	st, clock := fixture(t) // 02.03.2026, 10:00 in Berlin
	events := []model.Event{model.EventFollowUpDue, model.EventFollowUpOverdue}
	subscribe(t, st, "gs", model.RoleSecretariat, "", model.ChannelEmail, "gs@example.org", events...)
	council, _ := st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	// The session lies before every deadline given in it, the oldest 513
	// days before the clock (a deadline before its session is refused).
	s47, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 47, Date: model.NewDate(2024, 6, 5), Status: model.StatusEnded})
	if err != nil {
		t.Fatal(err)
	}
	item, err := st.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: s47, Number: "12", Title: "EfA"})
	if err != nil {
		t.Fatal(err)
	}
	today := model.BerlinDate(clock.Now())
	add := func(text string, daysAgo int, status model.FollowUpStatus) int64 {
		t.Helper()
		f := model.FollowUp{ItemID: item, Text: text, Responsible: "Hessen", DueDate: model.BerlinDate(today.Time().AddDate(0, 0, -daysAgo)), Status: status}
		if status == model.FollowUpDone {
			f.DoneOn, f.EvidenceText = today, "erledigt"
		}
		id, err := st.CreateFollowUp(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	w12 := add("Seit 90 Tagen überfällig", 90, model.FollowUpOpen)
	w13 := add("Seit 92 Tagen überfällig", 92, model.FollowUpOpen)
	add("Bald fällig", -10, model.FollowUpOpen)
	r := &Reminders{Store: st, Now: clock.Now}
	run := func() (queries, rows uint64) {
		t.Helper()
		q0, r0 := store.QueryCount(), store.RowsRead()
		if _, err := r.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		return store.QueryCount() - q0, store.RowsRead() - r0
	}
	run()
	keys := map[string]bool{}
	for _, n := range outbox(t, st) {
		keys[strings.SplitN(n.Key, "/", 2)[0]] = true
	}
	if !keys[fmt.Sprintf("auftrag_ueberfaellig:%d:%s:w12", w12, model.BerlinDate(today.Time().AddDate(0, 0, -90)))] {
		t.Errorf("no reminder in the 13th week overdue: %v", keys)
	}
	for k := range keys {
		if strings.HasPrefix(k, fmt.Sprintf("auftrag_ueberfaellig:%d:", w13)) {
			t.Errorf("a reminder after 13 weeks overdue: %s", k)
		}
	}
	q1, r1 := run()
	for i := range 60 {
		add(fmt.Sprintf("Alt %d", i), 100+7*i, model.FollowUpOpen)
		add(fmt.Sprintf("Erledigt %d", i), 30+i, model.FollowUpDone)
	}
	if q2, r2 := run(); q2 != q1 || r2 != r1 {
		t.Errorf("a reminder run: %d statements, %d rows; with 60 follow-ups done and 60 overdue for long: %d statements, %d rows", q1, r1, q2, r2)
	}
}

// heldItemAndNext gives the council's 47th session, held on 26.02.2026,
// with its TOP 12 "EfA" (whose id it gives, for follow-ups to be given
// in), and creates the council's session next (a later one, the 49th,
// that follow-ups are due to).
func heldItemAndNext(t *testing.T, st *store.Store, next model.Session) int64 {
	t.Helper()
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	s47, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 47, Date: model.NewDate(2026, 2, 26), Status: model.StatusEnded})
	if err != nil {
		t.Fatal(err)
	}
	next.BodyID = council.ID
	if _, err := st.CreateSession(ctx, next); err != nil {
		t.Fatal(err)
	}
	item, err := st.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: s47, Number: "12", Title: "EfA"})
	if err != nil {
		t.Fatal(err)
	}
	return item
}
