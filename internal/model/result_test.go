package model

import (
	"reflect"
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
