package notify

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestKickoffReminder: 14 days before the kick-off talk of a term is due
// (the second regular IT-PLR session after its start) and while it is not
// held, the term's spokesperson accounts are reminded — once per term,
// with several reminder loops running at once, on later days, and after
// the due session moved; not a spokesperson who held the talk, not one
// whose due session is not planned yet, and not earlier than 14 days.
func TestKickoffReminder(t *testing.T) {
	ctx := context.Background()
	st, clock := fixture(t) // 02.03.2026
	council, gmk := gmkAndDecision(t, st)
	// The 9th named the spokespersons; the 10th and 11th follow.
	for n, on := range map[int]model.Date{9: model.NewDate(2026, 1, 15), 10: model.NewDate(2026, 2, 1)} {
		if _, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: n, Date: on, Status: model.StatusEnded}); err != nil {
			t.Fatal(err)
		}
	}
	due, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 11, Date: model.NewDate(2026, 3, 20), Status: model.StatusPlanned})
	if err != nil {
		t.Fatal(err)
	}
	start := model.NewDate(2026, 1, 15)
	for _, a := range []model.Assignment{
		{ConferenceID: gmk, Member: "HB", DecisionRef: "B-2022/43-IT", StartOn: start},
		{ConferenceID: gmk, Member: "BY", DecisionRef: "B-2022/43-IT", StartOn: start},
		{ConferenceID: gmk, Member: "HH", DecisionRef: "B-2022/43-IT", StartOn: model.NewDate(2026, 3, 1)}, // only the 11th after it
	} {
		if _, err := st.CreateAssignment(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.CreateSpokespersonContact(ctx, model.SpokespersonContact{ConferenceID: gmk, Member: "BY", Kind: model.ContactKickoff,
		HeldOn: model.NewDate(2026, 2, 10), With: "Vorsitz der GMK", Topics: "Auftakt", RecordedBy: "Sprecher BY"}, "BY"); err != nil {
		t.Fatal(err)
	}
	ev := model.EventKickoffDue
	subscribe(t, st, "sprecher-hb", model.RoleSpokesperson, "HB", model.ChannelEmail, "hb@example.org", ev)
	subscribe(t, st, "sprecher-hb-buero", model.RoleSpokesperson, "HB", model.ChannelMatrix, "!hb:example.org", ev)
	subscribe(t, st, "sprecher-by", model.RoleSpokesperson, "BY", model.ChannelEmail, "by@example.org", ev)
	subscribe(t, st, "sprecher-hh", model.RoleSpokesperson, "HH", model.ChannelEmail, "hh@example.org", ev)
	// Two reminder loops (two instances) run at once, each twice.
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
		return outbox(t, st)[before:]
	}
	if got := run(); len(got) != 0 { // 18 days before
		t.Fatalf("queued 18 days before: %+v", got)
	}
	clock.Add(3 * 24 * time.Hour) // 05.03.2026: 15 days before
	if got := run(); len(got) != 0 {
		t.Fatalf("queued 15 days before: %+v", got)
	}
	clock.Add(24 * time.Hour) // 06.03.2026: 14 days before
	got := run()
	to := map[string]bool{}
	for _, n := range got {
		to[n.Recipient] = true
		if n.Event != ev || n.Link != "/fachmk/GMK#gespraeche" || n.Subject != "Auftaktgespräch mit der Gesundheitsministerkonferenz fällig bis 20.03.2026" ||
			!strings.Contains(n.Body, "fällig bis zur 11. Sitzung des IT-Planungsrats am 20.03.2026") || !strings.Contains(n.Body, "Amtsantritt am 15.01.2026") {
			t.Errorf("message: %+v", n)
		}
	}
	if len(got) != 2 || !to["hb@example.org"] || !to["!hb:example.org"] {
		t.Errorf("recipients %v, want HB's two accounts once each (not BY: held; not HH: not scheduled)", to)
	}
	clock.Add(24 * time.Hour)
	if got := run(); len(got) != 0 {
		t.Errorf("queued again the next day: %+v", got)
	}
	// The due session moves: still the same term, no second reminder.
	se, err := st.Session(ctx, due)
	if err != nil {
		t.Fatal(err)
	}
	se.Date = model.NewDate(2026, 3, 18)
	if err := st.UpdateSession(ctx, se); err != nil {
		t.Fatal(err)
	}
	if got := run(); len(got) != 0 {
		t.Errorf("queued again after the session moved: %+v", got)
	}
}
