package web

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"gremium/internal/model"
)

// The fuzz targets of the form decoders. Run one with
//
//	go test ./internal/web -run '^$' -fuzz FuzzParseTerms -fuzztime 20s

// FuzzParseTerms: accepted keywords have a name and a finite positive
// weight, can be stored (JSON), and read back from the form the conference
// page shows them in ("Begriff:Gewicht" per line).
func FuzzParseTerms(f *testing.F) {
	for _, seed := range []string{"", "Polizei:2\nFeuerwehr", "Schule: 0,5\n\n Kita :1.5", "a:b:3", "x:", "x:-1", "x:NaN", "x:+Inf", ":2", "x:1e308"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		terms, err := parseTerms(in)
		if err != nil {
			if model.ClassOf(err) != model.ErrInput || model.ReasonOf(err) == "" {
				t.Fatalf("parseTerms(%q): %v is no input error with a reason", in, err)
			}
			return
		}
		if _, err := json.Marshal(terms); err != nil {
			t.Fatalf("parseTerms(%q) = %v cannot be stored: %v", in, terms, err)
		}
		var form strings.Builder
		for _, tm := range terms {
			if tm.Term == "" || tm.Term != strings.TrimSpace(tm.Term) || strings.Contains(tm.Term, "\n") || !(tm.Weight > 0) {
				t.Fatalf("parseTerms(%q): keyword %+v", in, tm)
			}
			fmt.Fprintf(&form, "%s:%v\n", tm.Term, tm.Weight) // as conference.html writes it
		}
		again, err := parseTerms(form.String())
		if err != nil || !reflect.DeepEqual(again, terms) {
			t.Fatalf("parseTerms(%q) = %v, but the form %q reads as %v, %v", in, terms, form.String(), again, err)
		}
	})
}

// FuzzFormLines: the points typed into a text area come back non-empty,
// trimmed and with balanced marks, numbered points keep their number, and
// the form shows them as typed (editableMarks).
func FuzzFormLines(f *testing.F) {
	for _, seed := range []string{"", "Erster Punkt\n2. Zweiter [[vertraulich]]\n\n", "1. a\n1. b", "[[a\nb]]", "[[a [[b]] c]]", "99. x", "1.x", "1. ", " \r\n\t"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		lines, err := formLines(in)
		if err != nil {
			if model.ClassOf(err) != model.ErrInput || model.ReasonOf(err) == "" {
				t.Fatalf("formLines(%q): %v is no input error with a reason", in, err)
			}
			return
		}
		for _, l := range lines {
			if l == "" || l != strings.TrimSpace(l) || strings.Contains(l, "\n") {
				t.Fatalf("formLines(%q): line %q", in, l)
			}
			if p, _ := model.CheckMarks(l); p != model.MarksOK {
				t.Fatalf("formLines(%q): line %q: %v", in, l, p)
			}
			if again, err := formLines(editableMarks(l)); err != nil || len(again) != 1 || again[0] != l {
				t.Fatalf("line %q shown as %q reads back as %q, %v", l, editableMarks(l), again, err)
			}
		}
		points := model.NumberedPoints(lines)
		if len(points) != len(lines) {
			t.Fatalf("model.NumberedPoints(%q) = %d points for %d lines", lines, len(points), len(lines))
		}
		for i, p := range points {
			if p.Label != "" && (!strings.HasSuffix(p.Label, ".") || len(model.NumberedPoints([]string{p.Label + " x"})[0].Label) == 0) {
				t.Fatalf("point %d of %q: label %q", i, lines, p.Label)
			}
			if p, _ := model.CheckMarks(p.Text); p != model.MarksOK {
				t.Fatalf("point %d of %q: %v", i, lines, p)
			}
		}
		text, err := formText(in)
		if err != nil {
			t.Fatalf("formText(%q) refuses what formLines accepts: %v", in, err)
		}
		if p, _ := model.CheckMarks(text); p != model.MarksOK {
			t.Fatalf("formText(%q) = %q: %v", in, text, p)
		}
	})
}
