package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

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

// TestLargeFormRefused: a multipart body over 1 MB sent to an ordinary
// form read as empty fields — the Teilnahme was saved as "nobody attends"
// — and a urlencoded one gave 400; both are refused with 413 and a German
// message, and nothing is stored. A small multipart form is read as
// before, and an upload keeps its own bound.
func TestLargeFormRefused(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	se := planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 1, 0)))
	he := client(t, ts, "hessen")
	post := func(ctype, body string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("POST", ts.URL+"/sitzungen/48/teilnahme", strings.NewReader(body))
		req.Header.Set("Content-Type", ctype)
		res, err := he.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	fields := map[string]string{"version": "0", "zeilen": "1", "name_0": "Dr. Anna Beispiel", "funktion_0": "CIO"}
	var big strings.Builder
	ctype := multipartWriter(&big, fields, "anlage", "gross.pdf", strings.Repeat("x", 1<<20+1000))
	code, page := post(ctype, big.String())
	if code != http.StatusRequestEntityTooLarge || !strings.Contains(page, "Das Formular ist zu groß") {
		t.Errorf("multipart over 1 MB: %d %.200s", code, between(page, "<main", "</main>"))
	}
	large := url.Values{}
	for k, v := range fields {
		large.Set(k, v)
	}
	large.Set("funktion_0", strings.Repeat("x", 1<<20))
	code, page = post("application/x-www-form-urlencoded", large.Encode())
	if code != http.StatusRequestEntityTooLarge || !strings.Contains(page, "Das Formular ist zu groß") {
		t.Errorf("urlencoded over 1 MB: %d", code)
	}
	if list, _, _ := st.Delegations(ctx, se.ID); len(list) != 0 {
		t.Fatalf("a refused form stored %+v", list)
	}
	var small strings.Builder
	ctype = multipartWriter(&small, fields, "anlage", "klein.txt", "x")
	if code, _ := post(ctype, small.String()); code != http.StatusSeeOther {
		t.Errorf("small multipart form: %d", code)
	}
	if list, _, _ := st.Delegations(ctx, se.ID); len(list) != 1 || len(list[0].Delegates) != 1 || list[0].Delegates[0].Name != "Dr. Anna Beispiel" {
		t.Errorf("small multipart form stored %+v", list)
	}
	pdf := append([]byte("%PDF-1.4\n"), []byte(strings.Repeat("%", 3<<20))...)
	if code, body := upload(t, he, ts.URL+"/sitzungen/48/dokumente", "Gross.pdf", pdf); code != http.StatusSeeOther {
		t.Errorf("an upload of 3 MB: %d %.200s", code, body)
	}
}
