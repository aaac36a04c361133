package model

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestParseResult(t *testing.T) {
	tests := []struct {
		in     string
		want   Result
		phrase string
	}{
		{"Der Beschluss wird einstimmig beschlossen.", Result{Adopted: true, Unanimous: true}, "einstimmig"},
		{"einstimmig", Result{Adopted: true, Unanimous: true}, "einstimmig"},
		{"Der Beschluss wird einstimmig, bei Enthaltung von HE beschlossen.", Result{Adopted: true, Unanimous: true, Abstaining: []string{"HE"}}, "einstimmig, bei Enthaltung von HE"},
		{"Der Beschluss wird einstimmig, bei Enthaltung von ⟦[REDACTED]⟧ beschlossen.", Result{Adopted: true, Unanimous: true, Abstaining: []string{"⟦[REDACTED]⟧"}}, "einstimmig, bei Enthaltung von ⟦[REDACTED]⟧"},
		{"einstimmig, bei Enthaltung von BY, HE und SN", Result{Adopted: true, Unanimous: true, Abstaining: []string{"BY", "HE", "SN"}}, "einstimmig, bei Enthaltung von BY, HE und SN"},
		{"mehrheitlich bei Gegenstimmen von BY und SN", Result{Adopted: true, Against: []string{"BY", "SN"}}, "mehrheitlich bei Gegenstimmen von BY und SN"},
		// One member votes against: "Gegenstimme" (older minutes say
		// "Gegenstimmen" for one too, and still read).
		{"mehrheitlich bei Gegenstimmen von BY und Enthaltung von HE", Result{Adopted: true, Against: []string{"BY"}, Abstaining: []string{"HE"}}, "mehrheitlich bei Gegenstimme von BY und Enthaltung von HE"},
		{"mehrheitlich bei Gegenstimme von TH", Result{Adopted: true, Against: []string{"TH"}}, "mehrheitlich bei Gegenstimme von TH"},
		{"mehrheitlich bei Gegenstimmen von TH", Result{Adopted: true, Against: []string{"TH"}}, "mehrheitlich bei Gegenstimme von TH"},
		{"Der Beschluss wird bei Gegenstimme von TH und Enthaltung von BY und SN mehrheitlich angenommen.", Result{Adopted: true, Against: []string{"TH"}, Abstaining: []string{"BY", "SN"}}, "mehrheitlich bei Gegenstimme von TH und Enthaltung von BY und SN"},
		{"Der Beschluss wird gegen die Stimme von NW mehrheitlich angenommen.", Result{Adopted: true, Against: []string{"NW"}}, "mehrheitlich bei Gegenstimme von NW"},
		{"Der Beschluss wird gegen die Stimmen von NW mehrheitlich angenommen.", Result{Adopted: true, Against: []string{"NW"}}, "mehrheitlich bei Gegenstimme von NW"},
		// A confidential passage may hide several members: the plural
		// tells nothing.
		{"mehrheitlich bei Gegenstimmen von ⟦TH⟧", Result{Adopted: true, Against: []string{"⟦TH⟧"}}, "mehrheitlich bei Gegenstimmen von ⟦TH⟧"},
		{"einstimmig (Grüne Liste, en bloc)", Result{Adopted: true, Unanimous: true, Note: "Grüne Liste, en bloc"}, "einstimmig (Grüne Liste, en bloc)"},
		{"Einstimmiger Beschluss über den Vorschlag der Grünen Liste.", Result{Adopted: true, Unanimous: true}, "einstimmig"},
		{"Der Beschlussvorschlag wird abgelehnt.", Result{}, "abgelehnt"},
		{"abgelehnt bei Gegenstimmen von BY", Result{Against: []string{"BY"}}, "abgelehnt bei Gegenstimme von BY"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseResult(tt.in)
			if !ok || !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("ParseResult(%q) = %+v, %v; want %+v", tt.in, got, ok, tt.want)
			}
			if p := got.Phrase(); p != tt.phrase {
				t.Errorf("Phrase(%q) = %q, want %q", tt.in, p, tt.phrase)
			}
			// The phrase reads back to the same result.
			if again, ok := ParseResult(got.Phrase()); !ok || !reflect.DeepEqual(again, got) {
				t.Errorf("ParseResult(Phrase()) = %+v, want %+v", again, got)
			}
		})
	}
	for _, none := range []string{"", "Feststellung der Beschlussfähigkeit.", "Dank für Projektberücksichtigung."} {
		t.Run("no result "+none, func(t *testing.T) {
			if r, ok := ParseResult(none); ok {
				t.Errorf("ParseResult(%q) = %+v, want no result", none, r)
			}
		})
	}
}

// TestResultInBrackets: a result shown in brackets said "(einstimmig
// (Grüne Liste, en bloc))"; its remark follows after a semicolon.
func TestResultInBrackets(t *testing.T) {
	for in, want := range map[string]string{
		"einstimmig (Grüne Liste, en bloc)":              "einstimmig; Grüne Liste, en bloc",
		"einstimmig, bei Enthaltung von HE":              "einstimmig, bei Enthaltung von HE",
		"mehrheitlich bei Gegenstimme von TH (en bloc) ": "mehrheitlich bei Gegenstimme von TH; en bloc",
		"(nur eine Bemerkung)":                           "(nur eine Bemerkung)",
		"":                                               "",
	} {
		if got := ResultInBrackets(in); got != want {
			t.Errorf("ResultInBrackets(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPublicResult: the public phrase of a counted result names no member,
// one placeholder for however many; one vote against in the singular, as
// the public count beside it says (it read "Gegenstimmen" over "1
// Nein-Stimme").
func TestPublicResult(t *testing.T) {
	for in, want := range map[string]string{
		"einstimmig":                        "einstimmig",
		"einstimmig, bei Enthaltung von HE": "einstimmig, bei Enthaltung von [geschwärzt]",
		"mehrheitlich bei Gegenstimme von BY und Enthaltung von HE und SN": "mehrheitlich bei Gegenstimme von [geschwärzt] und Enthaltung von [geschwärzt]",
		"abgelehnt bei Gegenstimmen von BW, BY, NI und NW":                 "abgelehnt bei Gegenstimmen von [geschwärzt]",
		"einstimmig, ohne Stimmabgabe von SN (Grüne Liste, en bloc)":       "einstimmig, ohne Stimmabgabe von [geschwärzt] (Grüne Liste, en bloc)",
		"kein Ergebnis": "kein Ergebnis",
	} {
		if got := PublicResult(in); got != want {
			t.Errorf("PublicResult(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestResultNamesTheBund: the Bund abstaining read "bei Enthaltung von
// Bund", which is no German; the minutes say "des Bundes" (seed 000: "des
// Bundes" for the genitive, "bei Enthaltung von [REDACTED]" for the
// result). Mixed with Länder, each keeps its own word: "des Bundes und
// von HE".
func TestResultNamesTheBund(t *testing.T) {
	tests := []struct {
		r      Result
		phrase string
	}{
		{Result{Adopted: true, Unanimous: true, Abstaining: []string{"Bund"}}, "einstimmig, bei Enthaltung des Bundes"},
		{Result{Adopted: true, Unanimous: true, Abstaining: []string{"Bund", "HE"}}, "einstimmig, bei Enthaltung des Bundes und von HE"},
		{Result{Adopted: true, Unanimous: true, Abstaining: []string{"Bund", "BY", "HE"}}, "einstimmig, bei Enthaltung des Bundes und von BY und HE"},
		{Result{Adopted: true, Unanimous: true, Abstaining: []string{"HE", "Bund"}}, "einstimmig, bei Enthaltung von HE und des Bundes"},
		{Result{Adopted: true, Against: []string{"Bund"}}, "mehrheitlich bei Gegenstimme des Bundes"},
		{Result{Adopted: true, Against: []string{"Bund", "BY"}}, "mehrheitlich bei Gegenstimmen des Bundes und von BY"},
		{Result{Adopted: true, Against: []string{"BY", "NW"}, Abstaining: []string{"Bund", "BW"}}, "mehrheitlich bei Gegenstimmen von BY und NW und Enthaltung des Bundes und von BW"},
		{Result{Against: []string{"Bund"}, Abstaining: []string{"HE"}}, "abgelehnt bei Gegenstimme des Bundes und Enthaltung von HE"},
		{Result{Abstaining: []string{"Bund"}}, "abgelehnt bei Enthaltung des Bundes"},
		{Result{Adopted: true, Unanimous: true, Silent: []string{"Bund"}, Note: "Umlaufverfahren"}, "einstimmig, ohne Stimmabgabe des Bundes (Umlaufverfahren)"},
	}
	for _, tt := range tests {
		if got := tt.r.Phrase(); got != tt.phrase {
			t.Errorf("Phrase(%+v) = %q, want %q", tt.r, got, tt.phrase)
		}
		if got, ok := ParseResult(tt.phrase); !ok || !reflect.DeepEqual(got, tt.r) {
			t.Errorf("ParseResult(%q) = %+v, %v; want %+v", tt.phrase, got, ok, tt.r)
		}
	}
	if got := AgainstPhrase([]string{"Bund"}); got != "Gegenstimme des Bundes" {
		t.Errorf("AgainstPhrase(Bund) = %q", got)
	}
	// Older texts said "von Bund" and still read; so does a sentence of
	// the minutes.
	for in, want := range map[string]Result{
		"abgelehnt bei Enthaltung von Bund":                                      {Abstaining: []string{"Bund"}},
		"Der Beschluss wird einstimmig, bei Enthaltung des Bundes beschlossen.":  {Adopted: true, Unanimous: true, Abstaining: []string{"Bund"}},
		"Der Beschluss wird bei Gegenstimme des Bundes mehrheitlich angenommen.": {Adopted: true, Against: []string{"Bund"}},
	} {
		if got, ok := ParseResult(in); !ok || !reflect.DeepEqual(got, want) {
			t.Errorf("ParseResult(%q) = %+v, %v; want %+v", in, got, ok, want)
		}
	}
	// The public phrase names no member, the Bund neither.
	if got := PublicResult("einstimmig, bei Enthaltung des Bundes und von HE"); got != "einstimmig, bei Enthaltung von [geschwärzt]" {
		t.Errorf("PublicResult = %q", got)
	}
}

// TestResultRoundTrip: every result over small lists of members, the Bund
// among them in any place, reads back from its phrase as it was.
func TestResultRoundTrip(t *testing.T) {
	pool := []string{"Bund", "BY", "HE"}
	// Every ordered list of distinct members of the pool, the empty one
	// included.
	var lists [][]string
	var grow func(cur []string)
	grow = func(cur []string) {
		lists = append(lists, slices.Clone(cur))
		for _, m := range pool {
			if !slices.Contains(cur, m) {
				grow(append(cur, m))
			}
		}
	}
	grow(nil)
	norm := func(ms []string) []string {
		if len(ms) == 0 {
			return nil
		}
		return ms
	}
	n := 0
	for _, outcome := range []Result{{Adopted: true, Unanimous: true}, {Adopted: true}, {}} {
		for _, against := range lists {
			if outcome.Unanimous && len(against) > 0 {
				continue // a vote against is no unanimity
			}
			for _, abstaining := range lists {
				for _, silent := range lists {
					for _, note := range []string{"", "Umlaufverfahren"} {
						r := outcome
						r.Against, r.Abstaining, r.Silent, r.Note = norm(against), norm(abstaining), norm(silent), note
						phrase := r.Phrase()
						got, ok := ParseResult(phrase)
						if !ok || !reflect.DeepEqual(got, r) {
							t.Fatalf("ParseResult(%q) = %+v, %v; want %+v", phrase, got, ok, r)
						}
						if strings.Contains(phrase, "von Bund") {
							t.Fatalf("Phrase(%+v) = %q names the Bund without its article", r, phrase)
						}
						n++
					}
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no result tried")
	}
}

// TestSeedResultsRoundTrip: the result sentences of the seed minutes
// (000, the 47th session) read as a result whose phrase reads back the
// same.
func TestSeedResultsRoundTrip(t *testing.T) {
	for in, phrase := range map[string]string{
		"Einstimmige Bestätigung des Protokolls der 46. Sitzung des IT-Planungsrats.": "einstimmig",
		"Einstimmiger Beschluss über den Vorschlag der Grünen Liste.":                 "einstimmig",
		"Der Beschluss wird einstimmig beschlossen.":                                  "einstimmig",
		"Der Beschluss wird einstimmig, bei Enthaltung von [REDACTED] beschlossen.":   "einstimmig, bei Enthaltung von [REDACTED]",
	} {
		r, ok := ParseResult(in)
		if !ok || r.Phrase() != phrase {
			t.Errorf("ParseResult(%q) = %+v, %v: phrase %q, want %q", in, r, ok, r.Phrase(), phrase)
			continue
		}
		if again, ok := ParseResult(r.Phrase()); !ok || !reflect.DeepEqual(again, r) {
			t.Errorf("ParseResult(%q) = %+v, want %+v", r.Phrase(), again, r)
		}
	}
}
