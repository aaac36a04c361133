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
