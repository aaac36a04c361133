package model

import (
	"strings"
	"testing"
)

func TestGermanNumber(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1.000", 20000: "20.000", 100000: "100.000", 1234567: "1.234.567", -1234: "-1.234"} {
		if got := GermanNumber(n); got != want {
			t.Errorf("GermanNumber(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestLongTextsAreBounded: the points of a proposal, a registration and a
// recommendation's changed text are bounded by TextMax together, with a
// reason at the form's field naming the length in German digits. Before,
// 70,000 characters of changed text were taken.
func TestLongTextsAreBounded(t *testing.T) {
	long := ""
	for range TextMax/10 + 1 {
		long += "Zehn Zeich"
	}
	half := long[:len(long)/2+1]
	rec := Recommendation{TargetItemID: 1, Kind: RecommendAdoptChanged, Points: []Point{{Text: half}, {Text: half}}}
	if err := rec.Validate(); FieldOf(err) != "text" || !strings.Contains(ReasonOf(err), "höchstens 20.000 sind möglich") {
		t.Errorf("a recommendation's changed text of %d characters: %v", len(half)*2, err)
	}
	d := Decision{BodyID: 1, Kind: KindDecision, Status: DecisionDraft, Scope: ScopeAll, Points: []Point{{Text: long}}}
	if err := d.Validate(); ClassOf(err) != ErrInput || FieldOf(err) != "punkte" {
		t.Errorf("a proposal of %d characters: %v", len(long), err)
	}
	it := AgendaItem{SessionID: 1, Title: "TOP", Goal: GoalDiscussion, Points: []string{half, half}}
	if err := it.Validate(); ClassOf(err) != ErrInput || FieldOf(err) != "punkte" {
		t.Errorf("an item's points of %d characters: %v", len(half)*2, err)
	}
	d.Points = []Point{{Text: "kurz"}}
	it.Points = []string{"kurz"}
	if d.Validate() != nil || it.Validate() != nil {
		t.Error("short texts refused")
	}
}

// TestLongTextsBoundAtTextMax: the points of an item, a proposal and a
// recommendation's changed text are counted once, joined, in characters
// (not bytes: "ä" is two): TextMax of them split over two points are
// taken, one more is refused at the form's field with the length and the
// bound in German digits.
func TestLongTextsBoundAtTextMax(t *testing.T) {
	split := func(n int) (string, string) {
		return strings.Repeat("ä", n/2), strings.Repeat("ä", n-n/2)
	}
	for _, c := range []struct {
		name, field, what string
		validate          func(a, b string) error
	}{
		{"item", "punkte", "Der Text des Tagesordnungspunkts", func(a, b string) error {
			return AgendaItem{SessionID: 1, Title: "TOP", Goal: GoalDiscussion, Points: []string{a, b}}.Validate()
		}},
		{"proposal", "punkte", "Der Beschlusstext", func(a, b string) error {
			return Decision{BodyID: 1, Kind: KindDecision, Status: DecisionDraft, Scope: ScopeAll, Points: []Point{{Text: a}, {Text: b}}}.Validate()
		}},
		{"recommendation", "text", "Der geänderte Beschlusstext", func(a, b string) error {
			return Recommendation{TargetItemID: 1, Kind: RecommendAdoptChanged, Points: []Point{{Text: a}, {Text: b}}}.Validate()
		}},
	} {
		if err := c.validate(split(TextMax)); err != nil {
			t.Errorf("%s of %d characters: %v", c.name, TextMax, err)
		}
		err := c.validate(split(TextMax + 1))
		want := c.what + " ist mit 20.001 Zeichen zu lang; höchstens 20.000 sind möglich."
		if ClassOf(err) != ErrInput || FieldOf(err) != c.field || ReasonOf(err) != want {
			t.Errorf("%s of %d characters: %v at %q, want %q at %q", c.name, TextMax+1, err, FieldOf(err), want, c.field)
		}
	}
}

// TestParseDateSaysWhatIsWrong: a date in the right form that the
// calendar does not have is named as such, not as a wrong format (the
// format was right: "„31.02.2026“ ist kein gültiges Datum; bitte im Format
// TT.MM.JJJJ angeben").
func TestParseDateSaysWhatIsWrong(t *testing.T) {
	for in, want := range map[string]string{
		"31.02.2026": "Den 31.02.2026 gibt es nicht",
		"2026-02-30": "Den 2026-02-30 gibt es nicht",
		"morgen":     "bitte im Format TT.MM.JJJJ angeben",
		"31/02/2026": "bitte im Format TT.MM.JJJJ angeben",
	} {
		if _, err := ParseDate(in); !strings.Contains(ReasonOf(err), want) {
			t.Errorf("ParseDate(%q): %v, want %q", in, err, want)
		}
	}
}

// TestPublicTextsTakeNoMarks: a text that is always public refuses the
// marks of a confidential passage, typed or stored — a session's place,
// a FachMK's profile, a conference date — at its field: nothing there is
// blacked out, so the passage would be published as typed.
func TestPublicTextsTakeNoMarks(t *testing.T) {
	se := Session{Number: 48, Status: StatusPlanned, Place: "Berlin [[Kanzleramt]]"}
	if err := se.Validate(); FieldOf(err) != "ort" || !strings.Contains(ReasonOf(err), "Der Ort ist öffentlich") {
		t.Errorf("a session's place: %v", err)
	}
	b := Body{Kind: BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz", TopicProfile: "Steuern ⟦intern⟧"}
	if err := b.Validate(); FieldOf(err) != "profil" {
		t.Errorf("a profile with stored marks: %v", err)
	}
	d := ConferenceDate{BodyID: 1, Title: "Sitzung", Starts: NewDate(2027, 1, 1), Place: "Bonn ]]"}
	if err := d.Validate(); FieldOf(err) != "ort" {
		t.Errorf("a date's place with a closing mark: %v", err)
	}
	se.Place, b.TopicProfile, d.Place = "Berlin", "Steuern", "Bonn"
	if se.Validate() != nil || b.Validate() != nil || d.Validate() != nil {
		t.Error("plain public texts refused")
	}
}
