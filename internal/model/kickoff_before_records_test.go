package model

import "testing"

// TestKickoffOverdueBeforeTheRecords: a term that started before the
// recorded sessions begin has no countable due session, but once two
// recorded regular sessions after its start have passed the talk is
// overdue all the same — the due session, the second after the start, is
// one of them or an earlier one. The label says so plainly, with the day
// of the start and the latest the due session can have been, and names
// no day it fell overdue on (that session is not known). Before, sprecher-hb
// read "fällig bis zur 2. Sitzung nach dem Amtsantritt am 10.11.2022;
// welche das ist, lässt sich aus den erfassten Sitzungen nicht bestimmen"
// four years into the term: neither overdue nor a day.
func TestKickoffOverdueBeforeTheRecords(t *testing.T) {
	se := func(n int, on Date) Session { return Session{Number: n, Date: on, Status: StatusPlanned} }
	special := se(46, NewDate(2025, 1, 20))
	special.Kind = SessionSpecial
	council := []Session{se(45, NewDate(2024, 11, 14)), special, se(47, NewDate(2025, 3, 27)), se(48, NewDate(2025, 6, 26))}
	early := Assignment{StartOn: NewDate(2022, 11, 10)}
	k := KickoffOf(early, nil, council)
	if k.Countable || k.Scheduled() {
		t.Fatalf("countable %v, scheduled %v: the records begin after the start", k.Countable, k.Scheduled())
	}
	// The label names no session nor day as the deadline: the 47th is
	// only the second recorded one, the due one lay before the records
	// or was one of them (before: "…, spätestens zur 47. Sitzung am
	// 27.03.2025)", as if the deadline had been that late).
	overdue := "überfällig (fällig war es zur 2. Sitzung nach dem Amtsantritt am 10.11.2022)"
	unknown := "fällig bis zur 2. Sitzung nach dem Amtsantritt am 10.11.2022; " + KickoffNotCountable
	for _, c := range []struct {
		k            KickoffState
		today        Date
		label, short string
		overdue      bool
	}{
		// The second recorded regular session (not the special 46th)
		// has not passed: the rule, as before.
		{k, NewDate(2025, 3, 27), unknown, "fällig bis zur 2. Sitzung nach Amtsantritt", false},
		{k, NewDate(2025, 3, 28), overdue, "überfällig, offen seit 10.11.2022", true},
		{k, NewDate(2026, 12, 2), overdue, "überfällig, offen seit 10.11.2022", true},
		// One recorded session after the start only: not known.
		{KickoffOf(early, nil, council[:2]), NewDate(2026, 12, 2), unknown, "fällig bis zur 2. Sitzung nach Amtsantritt", false},
	} {
		if got := c.k.DueLabel(c.today); got != c.label {
			t.Errorf("%s: label %q, want %q", c.today, got, c.label)
		}
		if got := c.k.ShortLabel(c.today); got != c.short {
			t.Errorf("%s: short label %q, want %q", c.today, got, c.short)
		}
		if c.k.Overdue(c.today) != c.overdue || c.k.DueWithin(c.today, 14) {
			t.Errorf("%s: overdue %v, due within 14 days %v; want %v, false", c.today, c.k.Overdue(c.today), c.k.DueWithin(c.today, 14), c.overdue)
		}
	}
	// Held: nothing is due.
	held := KickoffOf(Assignment{ConferenceID: 3, Member: "HB", StartOn: early.StartOn},
		[]SpokespersonContact{{ConferenceID: 3, Member: "HB", Kind: ContactKickoff, HeldOn: NewDate(2023, 2, 1)}}, council)
	if held.Overdue(NewDate(2026, 12, 2)) || held.DueLabel(NewDate(2026, 12, 2)) != "" || held.ShortLabel(NewDate(2026, 12, 2)) != "" {
		t.Errorf("a held talk: %+v", held)
	}
}
