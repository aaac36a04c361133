package model

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		wantErr bool
	}{
		{"2025-06-26", NewDate(2025, time.June, 26), false},
		{"26.06.2025", NewDate(2025, time.June, 26), false},
		{"1.7.2025", NewDate(2025, time.July, 1), false},
		{"", Date{}, false},
		{"31.02.2025", Date{}, true},
		{"morgen", Date{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("ParseDate(%q) = %v, %v; want %v, err=%v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
	if s := NewDate(2025, time.December, 8).German(); s != "08.12.2025" {
		t.Errorf("German() = %q", s)
	}
	if (Date{}).Before(NewDate(2025, 1, 1)) || NewDate(2025, 1, 1).Before(Date{}) {
		t.Error("unknown dates must not compare as before")
	}
}

func TestRedaction(t *testing.T) {
	tests := []struct{ name, in, public, internal string }{
		{"no marks", "offen", "offen", "offen"},
		{"one passage", "bei Enthaltung von ⟦HE⟧ beschlossen", "bei Enthaltung von [geschwärzt] beschlossen", "bei Enthaltung von HE beschlossen"},
		{"two passages", "⟦a⟧ und ⟦b⟧", "[geschwärzt] und [geschwärzt]", "a und b"},
		{"open without close", "Anfang ⟦geheim ohne Ende", "Anfang [geschwärzt]", "Anfang geheim ohne Ende"},
		{"nested", "⟦a ⟦b⟧ SECRET⟧", "[geschwärzt]", "a b SECRET"},
		{"nested inside text", "Vor ⟦a ⟦b⟧ SECRET⟧ nach", "Vor [geschwärzt] nach", "Vor a b SECRET nach"},
		{"nested twice", "⟦⟦⟦x⟧ y⟧ SECRET⟧ offen", "[geschwärzt] offen", "x y SECRET offen"},
		{"nested without close", "⟦a ⟦b⟧ SECRET", "[geschwärzt]", "a b SECRET"},
		{"stray close", "SECRET⟧ offen", "[geschwärzt] offen", "SECRET offen"},
		{"stray close after a passage", "⟦a⟧ SECRET⟧ offen", "[geschwärzt] offen", "a SECRET offen"},
		{"stray close alone", "offen ⟦a⟧⟧", "offen [geschwärzt]", "offen a"},
		{"empty passage", "x ⟦⟧ y", "x [geschwärzt] y", "x  y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PublicText(tt.in); got != tt.public {
				t.Errorf("PublicText(%q) = %q, want %q", tt.in, got, tt.public)
			}
			if got := InternalText(tt.in); got != tt.internal {
				t.Errorf("InternalText(%q) = %q, want %q", tt.in, got, tt.internal)
			}
			if got := Internal.Text(tt.in); got != tt.in {
				t.Errorf("Internal.Text(%q) = %q: the internal audience keeps the marks", tt.in, got)
			}
			var zero Audience
			if zero.Text(tt.in) != PublicText(tt.in) {
				t.Errorf("the zero Audience must be public")
			}
			balanced, _ := BalanceMarks(tt.in)
			if p, _ := CheckMarks(balanced); p != MarksOK {
				t.Errorf("BalanceMarks(%q) = %q: %v", tt.in, balanced, p)
			}
			if PublicText(balanced) != tt.public {
				t.Errorf("BalanceMarks(%q) = %q changes the public text to %q", tt.in, balanced, PublicText(balanced))
			}
		})
	}
}

// TestCarryMarks: a marked text split into parts keeps every confidential
// word confidential in every part.
func TestCarryMarks(t *testing.T) {
	tests := []struct {
		name        string
		parts, want []string
	}{
		{"no marks", []string{"a", "b"}, []string{"a", "b"}},
		{"balanced parts", []string{"a ⟦b⟧", "⟦c⟧ d"}, []string{"a ⟦b⟧", "⟦c⟧ d"}},
		{"across three parts", []string{"a ⟦b", "c", "d⟧ e"}, []string{"a ⟦b⟧", "⟦c⟧", "⟦d⟧ e"}},
		{"nested across parts", []string{"⟦a ⟦b", "c⟧ d", "e⟧ f"}, []string{"⟦a b⟧", "⟦c d⟧", "⟦e⟧ f"}},
		{"never closed", []string{"a ⟦b", "c"}, []string{"a ⟦b⟧", "⟦c⟧"}},
		{"stray close", []string{"a", "b⟧ c"}, []string{"a", "⟦b⟧ c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CarryMarks(tt.parts)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("CarryMarks(%q) = %q, want %q", tt.parts, got, tt.want)
			}
		})
	}
}

// TestConfidentialMarks: the typed form [[…]] becomes marks; unbalanced or
// nested marks are an input error with a German reason.
func TestConfidentialMarks(t *testing.T) {
	tests := []struct {
		name, in, want string
		problem        MarkProblem
	}{
		{"plain", "  offen ", "offen", MarksOK},
		{"one passage", "Kosten [[12 Mio.]] EUR", "Kosten ⟦12 Mio.⟧ EUR", MarksOK},
		{"two passages", "[[a]] und [[b]]", "⟦a⟧ und ⟦b⟧", MarksOK},
		{"marks typed directly", "⟦a⟧", "⟦a⟧", MarksOK},
		{"single brackets", "[a] und ]b[", "[a] und ]b[", MarksOK},
		{"nested", "[[a [[b]] SECRET]]", "", MarksNested},
		{"open without close", "Anfang [[geheim", "", MarksUnclosed},
		{"close without open", "geheim]] offen", "", MarksUnopened},
		{"close before open", "]]a[[", "", MarksUnopened},
		{"typed and direct mixed", "[[a⟧ ⟦b]] c]]", "", MarksUnopened},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ConfidentialMarks(tt.in)
			if tt.problem == MarksOK {
				if err != nil || got != tt.want {
					t.Fatalf("ConfidentialMarks(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("ConfidentialMarks(%q) = %q, want an error", tt.in, got)
			}
			if ClassOf(err) != ErrInput || ReasonOf(err) == "" {
				t.Errorf("error %v: want an input error with a reason", err)
			}
			if got != "" {
				t.Errorf("ConfidentialMarks(%q) gave %q with its error", tt.in, got)
			}
			if p, _ := CheckMarks(strings.NewReplacer("[[", RedactOpen, "]]", RedactClose).Replace(tt.in)); p != tt.problem {
				t.Errorf("CheckMarks(%q) = %v, want %v", tt.in, p, tt.problem)
			}
		})
	}
	_, err := ConfidentialMarks("Anfang [[geheim")
	want := "Die Markierung vertraulicher Passagen ist unvollständig: zu „[[“ fehlt das schließende „]]“ (bei „Anfang [[geheim“)."
	if ReasonOf(err) != want {
		t.Errorf("reason = %q, want %q", ReasonOf(err), want)
	}
}

func TestDecisionNumbers(t *testing.T) {
	n := DecisionNumber{Year: 2025, Seq: 26}
	if got := FormatDecisionNumber(DefaultDecisionPattern, n); got != "B-2025/26-IT" {
		t.Errorf("format = %q", got)
	}
	if got := FormatDecisionNumber("DMK-{JJJJ}-{N}", DecisionNumber{2026, 3}); got != "DMK-2026-3" {
		t.Errorf("format with {N} = %q", got)
	}
	if got := FormatDecisionNumber("", DecisionNumber{2025, 7}); got != "B-2025/07-IT" {
		t.Errorf("default pattern = %q", got)
	}
	if FormatDecisionNumber(DefaultDecisionPattern, DecisionNumber{}) != "" {
		t.Error("zero number must format as empty")
	}
	refs := []struct {
		in   string
		want DecisionNumber
		ok   bool
	}{
		{"B-2025/26-IT", DecisionNumber{2025, 26}, true},
		{"siehe Beschluss 2024/25;", DecisionNumber{2024, 25}, true},
		{"2022/43", DecisionNumber{2022, 43}, true},
		{"TOP 10", DecisionNumber{}, false},
		{"12025/26", DecisionNumber{}, false},
		{"2025/0", DecisionNumber{}, false},
	}
	for _, tt := range refs {
		t.Run("ref "+tt.in, func(t *testing.T) {
			got, ok := ParseDecisionRef(tt.in)
			if ok != tt.ok || got != tt.want {
				t.Errorf("ParseDecisionRef(%q) = %v, %v", tt.in, got, ok)
			}
		})
	}
	for p, ok := range map[string]bool{"B-{JJJJ}/{NN}-IT": true, "{JJJJ}-{N}": true, "B-{NN}": false, "{JJJJ}/{NN}/{X}": false} {
		t.Run("pattern "+p, func(t *testing.T) {
			if err := ValidateDecisionPattern(p); (err == nil) != ok {
				t.Errorf("ValidateDecisionPattern(%q) = %v", p, err)
			}
		})
	}
}

func TestSessionCycle(t *testing.T) {
	for i := 0; i+1 < len(SessionStatuses); i++ {
		if !SessionStatuses[i].CanMoveTo(SessionStatuses[i+1]) {
			t.Errorf("%s → %s must be allowed", SessionStatuses[i], SessionStatuses[i+1])
		}
	}
	if StatusEnded.CanMoveTo(StatusRunning) || StatusPlanned.CanMoveTo(StatusRunning) || StatusMinutesApproved.CanMoveTo(StatusPlanned) {
		t.Error("the cycle must only move one step forward")
	}
	if !StatusMinutesApproved.MinutesFrozen() || StatusMinutesDraft.MinutesFrozen() {
		t.Error("only approved minutes are frozen")
	}
	s := Session{Number: 47, Status: StatusPlanned, StartTime: "09:00", EndTime: "12:15"}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	if s.TimeSpan() != "09:00 – 12:15 Uhr" {
		t.Errorf("TimeSpan = %q", s.TimeSpan())
	}
	for _, bad := range []Session{{Number: 0, Status: StatusPlanned}, {Number: 1, Status: "x"}, {Number: 1, Status: StatusPlanned, StartTime: "25:00"}} {
		if bad.Validate() == nil {
			t.Errorf("Validate(%+v) must fail", bad)
		}
	}
}

func TestFollowUpDeadline(t *testing.T) {
	today := NewDate(2025, time.September, 1)
	tests := []struct {
		name     string
		f        FollowUp
		deadline string
		overdue  bool
	}{
		{"date passed", FollowUp{Status: FollowUpOpen, DueDate: NewDate(2025, 8, 31)}, "31.08.2025", true},
		{"date today", FollowUp{Status: FollowUpOpen, DueDate: NewDate(2025, 9, 1)}, "01.09.2025", false},
		{"next session", FollowUp{Status: FollowUpOpen, DueSession: 49}, "zur 49. Sitzung", false},
		{"this session", FollowUp{Status: FollowUpOpen, DueSession: 47}, "zur 47. Sitzung", true},
		{"done", FollowUp{Status: FollowUpDone, DueSession: 47}, "zur 47. Sitzung", false},
		{"date and session", FollowUp{Status: FollowUpOpen, DueDate: NewDate(2025, 12, 1), DueSession: 48}, "01.12.2025, spätestens zur 48. Sitzung", false},
		{"no deadline", FollowUp{Status: FollowUpOpen}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f.Deadline(); got != tt.deadline {
				t.Errorf("Deadline() = %q, want %q", got, tt.deadline)
			}
			if got := tt.f.Overdue(today, 47); got != tt.overdue {
				t.Errorf("Overdue(%+v) = %v", tt.f, got)
			}
		})
	}
}

func TestSpokespersonRules(t *testing.T) {
	a := Assignment{ConferenceID: 1, Member: "HB", DecisionRef: "B-2022/43-IT", StartSession: 39}
	if err := a.Validate(MemberLand); err != nil {
		t.Fatalf("valid assignment rejected: %v", err)
	}
	if err := a.Validate(MemberAdvisory); err == nil {
		t.Error("an advisory member cannot be spokesperson")
	}
	noDecision := a
	noDecision.DecisionRef = "per Zuruf"
	if err := noDecision.Validate(MemberLand); err == nil {
		t.Error("assignment without decision must be refused")
	}
	if a.Status(47) != AssignmentActive || Vacant([]Assignment{a}, 47) {
		t.Error("fresh assignment must be active")
	}
	if err := a.AnnounceResignation(NewDate(2025, 7, 1), 48); err != nil {
		t.Fatal(err)
	}
	if a.Status(47) != AssignmentEnding || a.StatusLabel(47) != "endet mit der 48. Sitzung" {
		t.Errorf("before the next session: %s", a.StatusLabel(47))
	}
	if Vacant([]Assignment{a}, 47) {
		t.Error("post is not vacant until the resignation takes effect")
	}
	if a.Status(48) != AssignmentEnded || !Vacant([]Assignment{a}, 48) {
		t.Error("after the next session the post must be vacant")
	}
	if err := a.AnnounceResignation(NewDate(2025, 8, 1), 49); err == nil {
		t.Error("a second resignation must be refused")
	}
	b := Assignment{ConferenceID: 1, Member: "HB", DecisionRef: "B-2022/43-IT", StartSession: 39}
	if err := b.AnnounceResignation(NewDate(2020, 1, 1), 39); err == nil {
		t.Error("resignation cannot take effect before the assignment")
	}
	if !Vacant(nil, 47) {
		t.Error("no assignment means vacant")
	}
}

func TestValidate(t *testing.T) {
	d := Decision{BodyID: 1, Kind: KindDecision, Status: DecisionDraft, Scope: ScopeAll,
		Votes: []Vote{{"HE", VoteAbstain}, {"HE", VoteYes}}}
	if d.Validate() == nil {
		t.Error("double vote must be refused")
	}
	d.Votes = d.Votes[:1]
	if err := d.Validate(); err != nil {
		t.Error(err)
	}
	if (Member{Abbrev: "X", Name: "X", Kind: "foo"}).Validate() == nil {
		t.Error("unknown member kind accepted")
	}
	if (EvaluationAnswer{QuestionID: 1, Year: 2025, Respondent: "HB", Score: 6}).Validate() == nil {
		t.Error("score 6 accepted")
	}
	if (Body{Kind: BodyFachMK, Abbrev: "X", Name: "X", DecisionPattern: "B-{NN}"}).Validate() == nil {
		t.Error("bad pattern accepted")
	}
}

func TestBerlinDateIsGermanDate(t *testing.T) {
	for _, c := range []struct {
		at   time.Time
		want Date
	}{
		{time.Date(2025, 6, 25, 22, 30, 0, 0, time.UTC), NewDate(2025, 6, 26)}, // 00:30 MESZ
		{time.Date(2025, 12, 31, 23, 30, 0, 0, time.UTC), NewDate(2026, 1, 1)}, // 00:30 MEZ
		{time.Date(2025, 6, 25, 21, 59, 0, 0, time.UTC), NewDate(2025, 6, 25)}, // 23:59 MESZ
		{NewDate(2025, 3, 30).Time(), NewDate(2025, 3, 30)},                    // a Date round-trips
	} {
		t.Run(c.at.Format(time.RFC3339), func(t *testing.T) {
			if got := BerlinDate(c.at); got != c.want {
				t.Errorf("BerlinDate(%v) = %v, want %v", c.at, got, c.want)
			}
		})
	}
}

// TestDeferralLine: the minutes' line of a Vertagung reads back, and a line
// that is no deferral is not taken for one.
func TestDeferralLine(t *testing.T) {
	for _, d := range []Deferral{{To: 49}, {From: 47}, {From: 47, To: 49, Reason: "Unterlagen – fehlen; ⟦intern⟧"}, {To: 5, Reason: "x"}} {
		got, ok := ParseDeferralLine(d.Line())
		if !ok || got != d {
			t.Errorf("%q reads back as %+v %v, want %+v", d.Line(), got, ok, d)
		}
	}
	for _, s := range []string{"", "Vertagt", "Vertagt auf die 0. Sitzung", "Vertagt auf die 49. Sitzung; vertagt aus der 47. Sitzung", "vertagt auf die 49. Sitzung", "Vertagt auf die 49. Sitzungen"} {
		if d, ok := ParseDeferralLine(s); ok {
			t.Errorf("%q taken as %+v", s, d)
		}
	}
}

// TestDeferralTarget: "nächste Sitzung" is the next later planned or
// convened session that is not cancelled; a named one must be such a
// session.
func TestDeferralTarget(t *testing.T) {
	from := Session{Number: 47, Status: StatusRunning}
	sessions := []Session{{Number: 46, Status: StatusPlanned}, {Number: 50, Status: StatusConvened},
		{Number: 48, Status: StatusPlanned, Schedule: SessionSchedule{CancelledReason: "Absage"}}, {Number: 49, Status: StatusPlanned}, {Number: 51, Status: StatusRunning}}
	if s, err := DeferralTarget(from, sessions, 0); err != nil || s.Number != 49 {
		t.Errorf("next: %d %v", s.Number, err)
	}
	if s, err := DeferralTarget(from, sessions, 50); err != nil || s.Number != 50 {
		t.Errorf("50th: %d %v", s.Number, err)
	}
	for _, n := range []int{46, 47, 48, 51, 99} {
		if _, err := DeferralTarget(from, sessions, n); ClassOf(err) != ErrRule {
			t.Errorf("%dth: %v", n, err)
		}
	}
	if _, err := DeferralTarget(from, nil, 0); ClassOf(err) != ErrRule {
		t.Errorf("none planned: %v", err)
	}
}

// TestCheckDeferrable: an item of a planned, cancelled or running session
// may be deferred; not one of a session held, nor one decided or voted on.
func TestCheckDeferrable(t *testing.T) {
	it := AgendaItem{Number: "03", Status: ItemAccepted}
	cancelled := Session{Number: 48, Status: StatusPlanned, Schedule: SessionSchedule{CancelledReason: "Absage"}}
	for _, se := range []Session{{Number: 48, Status: StatusPlanned}, cancelled, {Number: 48, Status: StatusRunning}} {
		if err := it.CheckDeferrable(se, false, false); err != nil {
			t.Errorf("%s: %v", se.Status, err)
		}
	}
	for name, err := range map[string]error{
		"held":     it.CheckDeferrable(Session{Number: 48, Status: StatusEnded}, false, false),
		"adopted":  it.CheckDeferrable(Session{Number: 48, Status: StatusRunning}, true, false),
		"voting":   it.CheckDeferrable(Session{Number: 48, Status: StatusRunning}, false, true),
		"deferred": AgendaItem{Status: ItemAccepted, Deferral: Deferral{To: 49}}.CheckDeferrable(Session{Number: 48, Status: StatusRunning}, false, false),
		"pending":  AgendaItem{Status: ItemRegistered}.CheckDeferrable(Session{Number: 48, Status: StatusPlanned}, false, false),
		// The standard items every agenda carries (itplr.StandardItems):
		// the next agenda has its own.
		"opening":   AgendaItem{Number: "00", Title: "Begrüßung", Status: ItemAccepted}.CheckDeferrable(Session{Number: 48, Status: StatusPlanned}, false, false),
		"reporting": AgendaItem{Title: ReportingFachMKTitle, Goal: GoalReport, Status: ItemAccepted}.CheckDeferrable(Session{Number: 48, Status: StatusPlanned}, false, false),
	} {
		if ClassOf(err) != ErrRule || ReasonOf(err) == "" {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestChairRotationContinues: the IT-PLR's chair rotation recorded up to
// 2026 names the chair of later years by its rule — the Bund after a
// Land, after the Bund the next Land in alphabetical order (before, a
// session of 2027 had no chair: "Vorsitz: –").
func TestChairRotationContinues(t *testing.T) {
	terms := []ChairTerm{{2019, "HB"}, {2020, "Bund"}, {2021, "HH"}, {2022, "Bund"}, {2023, "HE"}, {2024, "Bund"}, {2025, "MV"}, {2026, "Bund"}}
	lands := []string{"BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH"}
	for year, want := range map[int]string{2018: "", 2019: "HB", 2025: "MV", 2026: "Bund", 2027: "NI", 2028: "Bund", 2029: "NW",
		2041: "TH", 2042: "Bund", 2043: "BW", 2045: "BY"} {
		if got := ChairOf(terms, lands, year); got != want {
			t.Errorf("%d: %q, want %q", year, got, want)
		}
	}
	// A rotation with a gap continues from the last term before the year.
	gap := []ChairTerm{{2023, "HE"}, {2024, "Bund"}, {2030, "SL"}}
	for year, want := range map[int]string{2025: "MV", 2026: "Bund", 2031: "Bund", 2032: "SN"} {
		if got := ChairOf(gap, lands, year); got != want {
			t.Errorf("with a gap, %d: %q, want %q", year, got, want)
		}
	}
	// Without the Bund or a Land recorded, the rule has nothing to go on.
	for _, few := range [][]ChairTerm{nil, {{2025, "MV"}}, {{2026, "Bund"}}} {
		if got := ChairOf(few, lands, 2027); got != "" {
			t.Errorf("%v: %q", few, got)
		}
	}
}

// TestBodyGenitive: titles name a body in the genitive by its head noun
// (before, the AL-Runde's minutes were headed "39. Sitzung des
// Abteilungsleiterrunde des IT-Planungsratss").
func TestBodyGenitive(t *testing.T) {
	for name, want := range map[string]string{
		"IT-Planungsrat": "des IT-Planungsrats",
		"Abteilungsleiterrunde des IT-Planungsrats": "der Abteilungsleiterrunde des IT-Planungsrats",
		"Finanzministerkonferenz":                   "der Finanzministerkonferenz",
		"Jugend- und Familienministerkonferenz":     "der Jugend- und Familienministerkonferenz",
		"E-Justice-Rat":                             "des E-Justice-Rats",
		"Lenkungskreis Digitalisierung":             "des Lenkungskreises Digitalisierung",
		"Kooperationsgremium":                       "des Kooperationsgremiums",
		"":                                          "",
	} {
		if got := (Body{Name: name}).Of(); got != want {
			t.Errorf("%q: %q, want %q", name, got, want)
		}
	}
}

// TestDecisionRefFits: a number with a body's prefix or suffix names a
// decision of that body only; BE-2026/02-AL is no decision of the IT-PLR.
func TestDecisionRefFits(t *testing.T) {
	for _, tt := range []struct {
		pattern, ref string
		fits         bool
	}{
		{DefaultDecisionPattern, "B-2026/02-IT", true},
		{DefaultDecisionPattern, "b-2026/02-it", true},
		{DefaultDecisionPattern, "2026/02", true},
		{DefaultDecisionPattern, "Beschluss 2026/02;", true},
		{DefaultDecisionPattern, "Beschluss B-2026/02-IT.", true},
		{DefaultDecisionPattern, "BE-2026/02-AL", false},
		{DefaultDecisionPattern, "Empfehlung BE-2026/02-AL", false},
		{DefaultDecisionPattern, "B-2026/02", false},
		{"BE-{JJJJ}/{NN}-AL", "BE-2026/02-AL", true},
		{"BE-{JJJJ}/{NN}-AL", "B-2026/02-IT", false},
		{DefaultDecisionPattern, "TOP 10", false},
	} {
		if got := DecisionRefFits(tt.pattern, tt.ref); got != tt.fits {
			t.Errorf("DecisionRefFits(%q, %q) = %v, want %v", tt.pattern, tt.ref, got, tt.fits)
		}
	}
}

// TestBodyCases: texts composed from a body's name take its article and
// case from the body (they said "der E-Justice-Rat" where "des
// E-Justice-Rats" or "dem E-Justice-Rat" was needed, and "mit der" before
// any name).
func TestBodyCases(t *testing.T) {
	for _, tt := range []struct {
		name                     string
		the, of, dative, acc, zu string
	}{
		{"IT-Planungsrat", "der IT-Planungsrat", "des IT-Planungsrats", "dem IT-Planungsrat", "den IT-Planungsrat", "zum IT-Planungsrat"},
		{"E-Justice-Rat", "der E-Justice-Rat", "des E-Justice-Rats", "dem E-Justice-Rat", "den E-Justice-Rat", "zum E-Justice-Rat"},
		{"Innenministerkonferenz", "die Innenministerkonferenz", "der Innenministerkonferenz", "der Innenministerkonferenz", "die Innenministerkonferenz", "zur Innenministerkonferenz"},
		{"Steuerungsgruppe NOOTS", "die Steuerungsgruppe NOOTS", "der Steuerungsgruppe NOOTS", "der Steuerungsgruppe NOOTS", "die Steuerungsgruppe NOOTS", "zur Steuerungsgruppe NOOTS"},
		{"Kooperationsgremium", "das Kooperationsgremium", "des Kooperationsgremiums", "dem Kooperationsgremium", "das Kooperationsgremium", "zum Kooperationsgremium"},
		{"Lenkungskreis Digitalisierung", "der Lenkungskreis Digitalisierung", "des Lenkungskreises Digitalisierung", "dem Lenkungskreis Digitalisierung", "den Lenkungskreis Digitalisierung", "zum Lenkungskreis Digitalisierung"},
		{"Lenkungskomitee", "das Lenkungskomitee", "des Lenkungskomitees", "dem Lenkungskomitee", "das Lenkungskomitee", "zum Lenkungskomitee"},
		{"", "", "", "", "", ""},
	} {
		b := Body{Name: tt.name}
		got := []string{b.The(), b.Of(), b.Dative(), b.Accusative(), b.Zu()}
		want := []string{tt.the, tt.of, tt.dative, tt.acc, tt.zu}
		if !slices.Equal(got, want) {
			t.Errorf("%q: %q, want %q", tt.name, got, want)
		}
	}
}

// TestBodyShortCases: a body named by its abbreviation takes the article
// of its full name ("die AL-Runde", not "der/die" by guess), and an
// acronym no genitive ending ("des IT-PLR"), a word its own ("des
// E-Justice-Rats").
func TestBodyShortCases(t *testing.T) {
	al := Body{Abbrev: "AL-Runde", Name: "Abteilungsleiterrunde des IT-Planungsrats"}.Short()
	itplr := Body{Abbrev: "IT-PLR", Name: "IT-Planungsrat"}.Short()
	ej := Body{Abbrev: "E-Justice-Rat", Name: "E-Justice-Rat"}.Short()
	kg := Body{Abbrev: "KoopG", Name: "Kooperationsgremium"}.Short()
	for _, c := range []struct{ got, want string }{
		{al.TheUpper(), "Die AL-Runde"}, {al.Of(), "der AL-Runde"}, {al.Dative(), "der AL-Runde"}, {al.Accusative(), "die AL-Runde"},
		{itplr.The(), "der IT-PLR"}, {itplr.Of(), "des IT-PLR"}, {itplr.Dative(), "dem IT-PLR"},
		{ej.Of(), "des E-Justice-Rats"}, {kg.The(), "das KoopG"}, {kg.Of(), "des KoopG"},
		{al.Short().Of(), "der AL-Runde"},
	} {
		if c.got != c.want {
			t.Errorf("%q, want %q", c.got, c.want)
		}
	}
}
