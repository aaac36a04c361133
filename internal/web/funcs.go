package web

import (
	"html/template"
	"strings"

	"gremium/internal/model"
)

// funcs are the template helpers shared by all pages.
var funcs = template.FuncMap{
	"date": func(d model.Date) string {
		if d.IsZero() {
			return "nicht erfasst"
		}
		return d.German()
	},
	"decisionURL": decisionURL,
	"memberName": func(members map[string]model.Member, abbrev string) string {
		if m, ok := members[abbrev]; ok {
			return m.Name
		}
		return ""
	},
	"join":  strings.Join,
	"lines": func(s string) []string { return strings.Split(s, "\n") },
	"add":   func(a, b int) int { return a + b },
	"flag":  func(on bool, label string) flagView { return flagView{on, label} },
}

// decisionURL gives the permanent address of a numbered decision:
// /beschluesse/B-2025/26-IT. Unnumbered decisions have none.
func decisionURL(label string) string {
	if label == "" {
		return ""
	}
	return "/beschluesse/" + label
}

// flagView is one checkbox of an item's outcome row.
type flagView struct {
	On    bool
	Label string
}
