package model

import (
	"encoding/csv"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// The fuzz targets of the model's parsers. Run one with
//
//	go test ./internal/model -run '^$' -fuzz FuzzPublicText -fuzztime 20s
//
// Inputs that failed once are kept in testdata/fuzz and run with every
// go test.

// secretWord stands for confidential text in FuzzPublicText; it is taken
// out of the fuzzer's strings, so any occurrence in the output leaked.
const secretWord = "\uE000GEHEIM\uE000"

// FuzzPublicText: a word placed inside a marked passage is never published,
// whatever marks surround it (nested, unclosed, stray), also when the text
// is split into parts (CarryMarks), and BalanceMarks keeps the public text.
func FuzzPublicText(f *testing.F) {
	for _, seed := range [][4]string{
		{"", "", "", ""},
		{"Vor ", "a ⟦b⟧ ", " ⟦c⟧", " nach"},
		{"⟦a", "", "", "⟧ offen"},
		{"x⟧", "⟦⟧", "", "⟦y"},
		{"⟦a ⟦b⟧ SECRET⟧", "[[", "]]", "⟧⟧⟦"},
		{"offen ⟦a⟧⟧", "⟦⟦x⟧⟧", "y⟧", ""},
	} {
		f.Add(seed[0], seed[1], seed[2], seed[3], uint(len(seed[0])))
	}
	f.Fuzz(func(t *testing.T, before, inner1, inner2, after string, split uint) {
		clean := func(s string) string { return strings.ReplaceAll(s, "\uE000", "") }
		before, after = clean(before), clean(after)
		// The passage's own content is balanced, so the marks around the
		// secret are its marks.
		b1, _ := BalanceMarks(clean(inner1))
		b2, _ := BalanceMarks(clean(inner2))
		text := before + RedactOpen + b1 + secretWord + b2 + RedactClose + after

		pub := PublicText(text)
		if strings.Contains(pub, "GEHEIM") {
			t.Fatalf("PublicText(%q) = %q publishes the marked word", text, pub)
		}
		if strings.Contains(pub, RedactOpen) || strings.Contains(pub, RedactClose) {
			t.Fatalf("PublicText(%q) = %q shows a mark", text, pub)
		}
		if !strings.Contains(InternalText(text), secretWord) {
			t.Fatalf("InternalText(%q) lost the marked word", text)
		}
		balanced, ok := BalanceMarks(text)
		if p, _ := CheckMarks(balanced); p != MarksOK {
			t.Fatalf("BalanceMarks(%q) = %q: %v", text, balanced, p)
		}
		if ok != (balanced == text) {
			t.Fatalf("BalanceMarks(%q) reports %v, but gives %q", text, ok, balanced)
		}
		if got := PublicText(balanced); got != pub {
			t.Fatalf("BalanceMarks(%q) = %q changes the public text %q to %q", text, balanced, pub, got)
		}
		if again, ok := BalanceMarks(balanced); !ok || again != balanced {
			t.Fatalf("BalanceMarks is not idempotent on %q: %q", balanced, again)
		}

		// Split anywhere (on a character boundary): no part publishes it.
		i := int(split % uint(len(text)+1))
		for i > 0 && !utf8.RuneStart(text[i%len(text)]) && i < len(text) {
			i--
		}
		parts := CarryMarks([]string{text[:i], text[i:]})
		for _, p := range parts {
			if strings.Contains(PublicText(p), "GEHEIM") {
				t.Fatalf("part %q of %q split at %d (carried: %q) publishes the marked word", p, text, i, parts)
			}
			if pr, _ := CheckMarks(p); pr != MarksOK {
				t.Fatalf("CarryMarks part %q is not balanced: %v", p, pr)
			}
		}
	})
}

// FuzzConfidentialMarks: the typed form either becomes balanced, unnested
// marks that read back as typed, or is refused with a German input error.
func FuzzConfidentialMarks(f *testing.F) {
	for _, seed := range []string{"", "offen", "Kosten [[12 Mio.]] EUR", "[[a [[b]] SECRET]]", "[[a", "a]]", "]][[", "[[[a]]]", "⟦a]]", " [[⟧ "} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, typed string) {
		got, err := ConfidentialMarks(typed)
		if err != nil {
			if ClassOf(err) != ErrInput || ReasonOf(err) == "" {
				t.Fatalf("ConfidentialMarks(%q): %v is no input error with a reason", typed, err)
			}
			if got != "" {
				t.Fatalf("ConfidentialMarks(%q) gave %q with an error", typed, got)
			}
			return
		}
		if p, _ := CheckMarks(got); p != MarksOK {
			t.Fatalf("ConfidentialMarks(%q) = %q: %v", typed, got, p)
		}
		toTyped := strings.NewReplacer(RedactOpen, TypedOpen, RedactClose, TypedClose)
		if toTyped.Replace(got) != toTyped.Replace(strings.TrimSpace(typed)) {
			t.Fatalf("ConfidentialMarks(%q) = %q does not read back as typed", typed, got)
		}
		// Every passage between a mark and the next close is confidential,
		// and nothing else.
		var want []string
		rest := got
		for {
			i := strings.Index(rest, RedactOpen)
			if i < 0 {
				break
			}
			j := strings.Index(rest[i:], RedactClose)
			want = append(want, rest[i+len(RedactOpen):i+j])
			rest = rest[i+j+len(RedactClose):]
		}
		var marked []string
		for _, p := range Passages(got) {
			if p.Confidential {
				marked = append(marked, p.Text)
			}
		}
		if !reflect.DeepEqual(marked, want) && len(marked)+len(want) > 0 {
			t.Fatalf("ConfidentialMarks(%q): passages %q, want %q", typed, marked, want)
		}
	})
}

// FuzzParseResult: a result read from any text reads back from its own
// phrase, and a text that names no result gives none.
func FuzzParseResult(f *testing.F) {
	for _, seed := range []string{"", "einstimmig", "Der Beschluss wird einstimmig, bei Enthaltung von HE beschlossen.",
		"mehrheitlich bei Gegenstimmen von BY und Enthaltung von HE", "einstimmig (Grüne Liste, en bloc)",
		"abgelehnt bei Gegenstimmen von BY", "mehrheitlich bei Gegenstimme von TH und Enthaltung von HE", "Der Beschluss wird gegen die Stimmen von NW mehrheitlich angenommen.",
		"einstimmig, bei Enthaltung von ⟦[REDACTED]⟧", "Feststellung der Beschlussfähigkeit."} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, ok := ParseResult(s)
		if !ok {
			if !reflect.DeepEqual(r, Result{}) {
				t.Fatalf("ParseResult(%q) = %+v without a result", s, r)
			}
			return
		}
		if r.Unanimous && (!r.Adopted || len(r.Against) > 0) {
			t.Fatalf("ParseResult(%q) = %+v: unanimous needs adopted and no votes against", s, r)
		}
		phrase := r.Phrase()
		again, ok := ParseResult(phrase)
		if !ok || !reflect.DeepEqual(again, r) {
			t.Fatalf("ParseResult(%q) = %+v, but its phrase %q reads as %+v, %v", s, r, phrase, again, ok)
		}
	})
}

// FuzzParseDecisionRef: a number found reads back from its short form and
// from its formatted label.
func FuzzParseDecisionRef(f *testing.F) {
	for _, seed := range []string{"", "B-2025/26-IT", "siehe Beschluss 2024/25;", "2022/43", "TOP 10", "12025/26", "2025/0", "1999/123456"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := ParseDecisionRef(s)
		if !ok {
			if !n.IsZero() {
				t.Fatalf("ParseDecisionRef(%q) = %v without a number", s, n)
			}
			return
		}
		if n.Year < 1900 || n.Year > 2099 || n.Seq < 1 {
			t.Fatalf("ParseDecisionRef(%q) = %v: out of range", s, n)
		}
		for _, form := range []string{n.Short(), FormatDecisionNumber(DefaultDecisionPattern, n), FormatDecisionNumber("FMK {JJJJ}/{N}", n)} {
			if again, ok := ParseDecisionRef(form); !ok || again != n {
				t.Fatalf("ParseDecisionRef(%q) = %v, but %q reads as %v, %v", s, n, form, again, ok)
			}
		}
	})
}

// FuzzParseDate: a date read from any text is a real date and reads back
// from its ISO and its German form.
func FuzzParseDate(f *testing.F) {
	for _, seed := range []string{"", "2025-06-26", "26.06.2025", "1.7.2025", "31.02.2025", "morgen", " 0001-01-01 "} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if !d.IsZero() {
				t.Fatalf("ParseDate(%q) = %v with error %v", s, d, err)
			}
			return
		}
		if d.IsZero() {
			if strings.TrimSpace(s) != "" {
				t.Fatalf("ParseDate(%q) gives the unknown date", s)
			}
			return
		}
		if BerlinDate(d.Time()) != d {
			t.Fatalf("ParseDate(%q) = %+v is no calendar date", s, d)
		}
		for _, form := range []string{d.String(), d.German()} {
			if again, err := ParseDate(form); err != nil || again != d {
				t.Fatalf("ParseDate(%q) = %v, but %q reads as %v, %v", s, d, form, again, err)
			}
		}
	})
}

// FuzzParseShares: accepted tables have 16 distinct Länder with a finite
// positive share per year, and read back from their own CSV.
func FuzzParseShares(f *testing.F) {
	valid := "# Quelle: Test\nland,kuerzel,2015,2016\n"
	for _, l := range laender {
		valid += "Land " + l + "," + l + ",6.25,6.0\n"
	}
	for _, seed := range []string{valid, "land,kuerzel,2016\nBayern,BY,15.5\n", "land,kuerzel,zwanzig\n", "name,abk,2016\n", "",
		strings.Replace(valid, "6.25", "NaN", 1), strings.Replace(valid, "6.0", "+Inf", 1)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		tables, err := ParseShares(strings.NewReader(in))
		if err != nil {
			if tables != nil {
				t.Fatalf("ParseShares gave tables with error %v", err)
			}
			return
		}
		if len(tables) == 0 {
			t.Fatalf("ParseShares(%q) accepted no year", in)
		}
		var b strings.Builder
		w := csv.NewWriter(&b)
		header := []string{"land", "kuerzel"}
		var years []int
		for y := range tables {
			years = append(years, y)
			header = append(header, strconv.Itoa(y))
		}
		w.Write(header)
		var abbrevs []string
		for a := range tables[years[0]] {
			abbrevs = append(abbrevs, a)
		}
		for _, y := range years {
			s := tables[y]
			if len(s) != 16 {
				t.Fatalf("ParseShares(%q): %d has %d Länder", in, y, len(s))
			}
			for a, v := range s {
				if v <= 0 || math.IsNaN(v) || math.IsInf(v, 0) || v > 100 {
					t.Fatalf("ParseShares(%q): %d %s has share %v", in, y, a, v)
				}
			}
		}
		for _, a := range abbrevs {
			row := []string{"Land", a}
			for _, y := range years {
				row = append(row, strconv.FormatFloat(tables[y][a], 'g', -1, 64))
			}
			w.Write(row)
		}
		w.Flush()
		again, err := ParseShares(strings.NewReader(b.String()))
		if err != nil || !reflect.DeepEqual(again, tables) {
			t.Fatalf("ParseShares(%q) = %v, but its CSV\n%s\nreads as %v, %v", in, tables, b.String(), again, err)
		}
	})
}
