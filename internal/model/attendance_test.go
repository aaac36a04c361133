package model

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

func keys(m map[string]bool) []string {
	var out []string
	for k, v := range m {
		if v {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func TestPresentAt(t *testing.T) {
	// Items 10, 20, 30, 40 in agenda order; 30 was moved before 20.
	order := []int64{10, 30, 20, 40}
	list := []Attendance{
		{Member: "Bund", Presence: Present, Person: "Markus Richter"},
		{Member: "HE", Presence: Represented, Person: "Vertretung HE"},
		{Member: "SL", Presence: Absent},
		{Member: "BY", Presence: Present, FromItemID: 30},  // arrives for the moved item
		{Member: "NW", Presence: Present, UntilItemID: 30}, // leaves after it
	}
	for _, tt := range []struct {
		item int64
		want []string
	}{
		{10, []string{"Bund", "HE", "NW"}},
		{30, []string{"BY", "Bund", "HE", "NW"}},
		{20, []string{"BY", "Bund", "HE"}},
		{40, []string{"BY", "Bund", "HE"}},
		// 0 is the start, before any item is called: BY arrives later.
		{0, []string{"Bund", "HE", "NW"}},
		// An item not on the agenda: everyone not absent.
		{99, []string{"BY", "Bund", "HE", "NW"}},
	} {
		if got := keys(PresentAt(list, order, tt.item)); !slices.Equal(got, tt.want) {
			t.Errorf("item %d: present %v, want %v", tt.item, got, tt.want)
		}
	}
	if got := keys(PresentAt(list, nil, 0)); !slices.Equal(got, []string{"BY", "Bund", "HE", "NW"}) {
		t.Errorf("a session without items: present %v", got)
	}
	if a := AttendanceFor(list, "TH"); a.Presence != Absent {
		t.Errorf("a member not listed is %s", a.Presence)
	}
}

func TestAttendanceValidate(t *testing.T) {
	for _, tt := range []struct {
		name         string
		a            Attendance
		personMember string
		class        Class
		ok           bool
	}{
		{"present", Attendance{Member: "HE", Presence: Present}, "", 0, true},
		{"represented by a person of the member", Attendance{Member: "HE", Presence: Represented, Person: "Frau X"}, "HE", 0, true},
		{"represented by a new person", Attendance{Member: "HE", Presence: Represented, Person: "Frau X"}, "", 0, true},
		{"represented without a person", Attendance{Member: "HE", Presence: Represented}, "", ErrInput, false},
		{"represented by a person of another member", Attendance{Member: "HE", Presence: Represented, Person: "Herr Y"}, "BY", ErrRule, false},
		{"absent with arrival", Attendance{Member: "HE", Presence: Absent, FromItemID: 3}, "", ErrInput, false},
		{"unknown presence", Attendance{Member: "HE", Presence: "halb"}, "", ErrInput, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.a.Validate(tt.personMember, nil)
			if (err == nil) != tt.ok || (err != nil && ClassOf(err) != tt.class) {
				t.Errorf("err = %v", err)
			}
		})
	}
}

func TestNextRegularSession(t *testing.T) {
	held := func(n int) Session { return Session{Number: n, Status: StatusMinutesApproved} }
	planned := func(n int, k SessionKind) Session { return Session{Number: n, Status: StatusPlanned, Kind: k} }
	for _, tt := range []struct {
		name     string
		sessions []Session
		want     int
	}{
		{"the planned next one", []Session{held(46), held(47), planned(48, SessionRegular)}, 48},
		{"a special session does not count", []Session{held(47), planned(48, SessionSpecial), planned(49, "")}, 49},
		{"none planned", []Session{held(46), held(47)}, 0},
		{"only a special one planned", []Session{held(47), planned(48, SessionSpecial)}, 0},
		{"running session", []Session{held(47), {Number: 48, Status: StatusRunning}, planned(49, SessionRegular)}, 48},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NextRegularSession(tt.sessions)
			if tt.want == 0 {
				if ClassOf(err) != ErrRule {
					t.Errorf("got %d, %v; want a rule error", got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %d, %v; want %d", got, err, tt.want)
			}
		})
	}
}

func TestChairAndApprovalRef(t *testing.T) {
	terms := []ChairTerm{{2024, "Bund"}, {2025, "MV"}}
	if ChairOf(terms, nil, 2025) != "MV" || ChairOf(terms, nil, 2023) != "" {
		t.Error("chair rotation")
	}
	for _, tt := range []struct {
		text string
		n    int
	}{
		{"Bestätigung des Protokolls der 46. Sitzung", 46},
		{"Einstimmige Bestätigung des Protokolls der 46. Sitzung des IT-Planungsrats.", 46},
		{"Genehmigung des Protokolls der 12.Sitzung", 12},
		{"Feststellung der Beschlussfähigkeit", 0},
		// Case folded as the regular expression folds it, the Kelvin
		// sign (U+212A) and the long s (U+017F) included.
		{"GENEHMIGUNG DES PROTOKOLLS DER 7. SITZUNG", 7},
		{"Genehmigung des Proto\u212Aollſ der 8. Sitzung", 8},
	} {
		if n, ok := MinutesApprovalRef(tt.text); n != tt.n || ok != (tt.n > 0) {
			t.Errorf("%q: %d %v", tt.text, n, ok)
		}
	}
}

func TestBerlinTime(t *testing.T) {
	// 17:00 German time is 16:00 UTC in winter and 15:00 UTC in summer,
	// whatever the process's zone.
	old := time.Local
	time.Local = time.UTC
	defer func() { time.Local = old }()
	for _, tt := range []struct {
		date, clock string
		utc         string
	}{
		{"15.01.2026", "17:00", "2026-01-15T16:00:00Z"},
		{"2025-06-26", "17:00", "2025-06-26T15:00:00Z"},
	} {
		got, err := ParseBerlinTime(tt.date, tt.clock)
		if err != nil || got.UTC().Format(time.RFC3339) != tt.utc {
			t.Errorf("%s %s: %v %v", tt.date, tt.clock, got.UTC(), err)
		}
		if BerlinClock(got) != tt.clock {
			t.Errorf("shown as %s", BerlinClock(got))
		}
	}
	if _, err := ParseBerlinTime("2025-06-26", "25:00"); ClassOf(err) != ErrInput {
		t.Errorf("bad clock: %v", err)
	}
	if s := BerlinDateTime(time.Date(2026, 1, 15, 16, 0, 0, 0, time.UTC)); s != "15.01.2026, 17:00 Uhr" {
		t.Errorf("shown as %q", s)
	}
}

func TestProcedureEndsEarly(t *testing.T) {
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, Berlin)
	p := WrittenProcedure{Status: ProcedureOpen, Deadline: now.Add(time.Hour)}
	for _, m := range all17[:16] {
		p.Votes = append(p.Votes, Vote{m, VoteYes})
	}
	if err := p.CanEndEarly(voters(), now); ClassOf(err) != ErrRule {
		t.Errorf("16 of 17 voted: %v", err)
	}
	p.Votes = append(p.Votes, Vote{"TH", VoteAbstain})
	if err := p.CanEndEarly(voters(), now); err != nil {
		t.Errorf("all voted: %v", err)
	}
	// At its deadline it ends at the deadline, not early.
	if err := p.CanEndEarly(voters(), p.Deadline); ClassOf(err) != ErrRule || !p.Due(p.Deadline) || p.Due(p.Deadline.Add(-time.Second)) {
		t.Errorf("all voted, at the deadline: %v", err)
	}
}

func TestEarlierDecisionAndCorrection(t *testing.T) {
	ok := EarlierDecision{Number: DecisionNumber{2022, 43}, AdoptedOn: NewDate(2022, 11, 10)}
	if err := ok.Validate(); err != nil {
		t.Error(err)
	}
	for _, bad := range []EarlierDecision{{AdoptedOn: NewDate(2022, 11, 10)}, {Number: DecisionNumber{2022, 43}}, {Number: DecisionNumber{2022, 43}, AdoptedOn: NewDate(2023, 1, 1)}} {
		if err := bad.Validate(); ClassOf(err) != ErrInput {
			t.Errorf("%+v: %v", bad, err)
		}
	}
	if err := (DecisionCorrection{Title: "x"}).Validate(); ClassOf(err) != ErrInput {
		t.Errorf("correction without reason: %v", err)
	}
	d := Decision{Title: "alt", Scope: ScopeConsenting, Votes: []Vote{{"Bund", VoteYes}, {"HE", VoteNo}, {"BY", VoteYes}},
		Corrections: []DecisionCorrection{{Title: "neu", Reason: "Schreibfehler"}}}
	if title, _ := d.Current(); title != "neu" {
		t.Errorf("current title %q", title)
	}
	if b := d.Bound(); !slices.Equal(b, []string{"Bund", "BY"}) {
		t.Errorf("bound = %v", b)
	}
}

func TestProcedureVotesSeenBy(t *testing.T) {
	p := WrittenProcedure{Status: ProcedureOpen, Votes: []Vote{{"HE", VoteNo}, {"Bund", VoteYes}, {"BY", VoteNone}}}
	show := func(vs []Vote) string {
		var out []string
		for _, v := range vs {
			out = append(out, v.Member+"="+string(v.Choice))
		}
		return strings.Join(out, " ")
	}
	for _, c := range []struct {
		secretariat bool
		member      string
		status      ProcedureStatus
		want        string
	}{
		{false, "HE", ProcedureOpen, "HE=nein Bund="},
		{false, "", ProcedureOpen, "HE= Bund="},
		{true, "", ProcedureOpen, "HE=nein Bund=ja"},
		{false, "HE", ProcedureClosed, "HE=nein Bund=ja"},
	} {
		p.Status = c.status
		if got := show(p.VotesSeenBy(c.secretariat, c.member)); got != c.want {
			t.Errorf("secretariat %v, member %q, %s: %q, want %q", c.secretariat, c.member, c.status, got, c.want)
		}
	}
}

// TestAttendanceReasonsNameMembers: the reasons of an attendance line
// name the members as the pages do ("Hessen"); before, they named them by
// abbreviation ("Für die Vertretung von HE …"). An abbreviation the
// names do not know stays as it is.
func TestAttendanceReasonsNameMembers(t *testing.T) {
	names := NamesOf([]Member{{Abbrev: "HE", Name: "Hessen"}, {Abbrev: "BY", Name: "Bayern"}, {Abbrev: "NI", Name: "Niedersachsen"}})
	for _, tc := range []struct {
		err  error
		want string
	}{
		{Attendance{Member: "HE", Presence: Represented}.Validate("", names), "Für die Vertretung von Hessen bitte die vertretende Person angeben."},
		{Attendance{Member: "HE", Presence: Represented, Person: "Herr Y"}.Validate("BY", names), "Herr Y handelt für Bayern und kann Hessen nicht vertreten; vertreten kann nur eine Person desselben Mitglieds."},
		{Attendance{Member: "HE", Presence: Absent, FromItemID: 3}.Validate("", names), "Hessen ist abwesend; Ankunft und Weggang gibt es nur für Anwesende."},
		{Attendance{Member: "HE", Presence: "halb"}.Validate("", names), "Unbekannte Anwesenheit „halb“ für Hessen."},
		{Attendance{Member: "NI", Presence: Present, FromItemID: 2, UntilItemID: 1}.CheckSpan([]int64{1, 2}, func(id int64) string { return fmt.Sprintf("TOP %02d", id) }, names),
			"Niedersachsen kann nicht ab TOP 02 anwesend sein und schon nach TOP 01 gehen: der letzte TOP liegt vor dem ersten. Bitte „ab TOP“ und „bis TOP“ prüfen."},
		{CheckFloor([]Attendance{{Member: "HE", Presence: Absent}, {Member: "BY", Presence: Present}}, []int64{1}, 1, "HE", "TOP 01", names),
			"Hessen ist laut Anwesenheitsliste bei TOP 01 nicht anwesend und kann nicht auf die Redeliste; bitte zuerst die Anwesenheit ändern."},
		{Attendance{Member: "XY", Presence: Represented}.Validate("", names), "Für die Vertretung von XY bitte die vertretende Person angeben."},
	} {
		if got := ReasonOf(tc.err); got != tc.want {
			t.Errorf("reason = %q, want %q", got, tc.want)
		}
	}
}
