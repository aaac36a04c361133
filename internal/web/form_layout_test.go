package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"gremium/internal/demo"
)

// looseFieldProblems lists the labelled text fields, selects and text areas
// of a page that stand in no field (class "field"): the stylesheet lays a
// form out by its fields, one label above its control; a label and control
// outside one ran on in one line with the next pair ("Datum
// (TT.MM.JJJJ)[    ] Beginn (HH:MM)[    ] Ende …") and at 320 px wrapped
// mid-pair. Labels that are hidden (the header's search) and the controls
// of a one-line form (class "inline": label, select and button in a row)
// do not count.
func looseFieldProblems(page string) []string {
	type open struct {
		tag     string
		classes []string
	}
	labelled := map[string]bool{}
	z := html.NewTokenizer(strings.NewReader(page))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		if tok := z.Token(); tt == html.StartTagToken && tok.Data == "label" && !slices.Contains(strings.Fields(attr(tok, "class")), "visually-hidden") {
			labelled[attr(tok, "for")] = true
		}
	}
	var stack []open
	var problems []string
	z = html.NewTokenizer(strings.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				problems = append(problems, z.Err().Error())
			}
			return problems
		}
		tok := z.Token()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			switch tok.Data {
			case "input", "select", "textarea":
				switch attr(tok, "type") {
				case "hidden", "checkbox", "radio", "submit", "button":
					break
				default:
					if id := attr(tok, "id"); labelled[id] && !slices.ContainsFunc(stack, func(o open) bool {
						return slices.Contains(o.classes, "field") || o.tag == "form" && slices.Contains(o.classes, "inline")
					}) {
						problems = append(problems, fmt.Sprintf("%s#%s stands in no field", tok.Data, id))
					}
				}
			}
			if tt == html.StartTagToken && !voidElements[tok.Data] {
				stack = append(stack, open{tok.Data, strings.Fields(attr(tok, "class"))})
			}
		case html.EndTagToken:
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].tag == tok.Data {
					stack = stack[:i]
					break
				}
			}
		}
	}
}

// attr gives the value of a token's attribute, "" without it.
func attr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func TestLooseFieldChecker(t *testing.T) {
	good := `<form class="form"><div class="field"><label for="a">A</label><input id="a"></div>
		<div><input type="checkbox" id="c"><label for="c">C</label></div>
		<label for="q" class="visually-hidden">Suche</label><input id="q"></form>`
	if p := looseFieldProblems(good); len(p) != 0 {
		t.Errorf("good form: %v", p)
	}
	bad := `<form class="form"><label for="a">A</label><input id="a"><label for="b">B</label><select id="b"></select></form>`
	if p := looseFieldProblems(bad); len(p) != 2 {
		t.Errorf("loose fields found: %v, want 2", p)
	}
}

// TestFormFieldsStandInFields walks every page of every role in the
// screenshot walk and finds labelled controls outside a field. The
// AL-Runde's "Beide Sitzungen planen" and "Person benennen" and the
// recommendation's written procedure ("Frist", "Uhrzeit") ran on.
func TestFormFieldsStandInFields(t *testing.T) {
	ts, st, _ := cycleServerOf(t, func(s *Server) { s.SetResponseCache(-1); s.SetStoredPages(false) })
	if err := demo.LoadCalendar(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	fill := strings.NewReplacer(flatten(screenState(t, ts, st))...)
	clients := map[string]*http.Client{}
	for _, role := range screenRoles {
		clients[role] = client(t, ts, role)
	}
	for _, p := range screenPages {
		path := fill.Replace(p.path)
		code, page := do(t, clients[p.role], "GET", ts.URL+path, nil)
		if code != http.StatusOK {
			continue
		}
		for _, problem := range looseFieldProblems(page) {
			t.Errorf("%s (%s): %s", path, or(p.role, "öffentlich"), problem)
		}
	}
}
