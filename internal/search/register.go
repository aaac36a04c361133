package search

import (
	"context"
	"html/template"
	"strings"

	"gremium/internal/model"
	"gremium/internal/store"
)

// RegisterFilter gives the store's filter of the public decision register
// of body bodyID for its address q: the one reading of the address for
// the register page, its feed and the JSON API. It adds to
// store.RegisterFilterOf what q names by word or by reference: the words
// of q's full-text filter (q.Text) in index form, read as the site search
// reads a query, and the id of the FachMK q names. A topic or FachMK that
// is none of the register's is a not-found error at its parameter
// ("thema", "fachmk"; model.RegisterQuery.Unmatched): an empty list would
// read as "no decision concerns it". The Query is q.Text parsed, for the
// snippets of the matches (zero without a text).
func RegisterFilter(ctx context.Context, st *store.Store, bodyID int64, q model.RegisterQuery) (store.RegisterFilter, Query, error) {
	f := store.RegisterFilterOf(bodyID, q)
	var query Query
	if q.Text != "" {
		var ok bool
		if query, ok = Parse(q.Text); !ok {
			// model.ParseRegisterQuery refuses a text without words.
			return f, query, model.AtField("q", model.InputError("Der Suchtext enthält kein Wort; gesucht wird nach Wörtern aus Buchstaben oder Ziffern."))
		}
		f.Terms = store.SearchTermsOf(query.Parts)
	}
	if q.Section == 0 && q.Conference == "" {
		return f, query, nil
	}
	// Only the council's topics, as the register offers them (the
	// opening and the Grüne Liste are steps of a session), and only a
	// FachMK.
	sections, err := st.Sections(ctx, bodyID)
	if err != nil {
		return f, query, err
	}
	conferences, err := st.Bodies(ctx, model.BodyFachMK)
	if err != nil {
		return f, query, err
	}
	f.ConferenceID, err = q.Unmatched(model.Topics(sections), conferences)
	return f, query, err
}

// DecisionText gives the text of a decision's document in the index, for
// its snippet: its points, each with its label, and its result. d is the
// decision as the public sees it, as last corrected
// (model.Audience.Register).
func DecisionText(d model.Decision) string {
	pts := make([]string, 0, len(d.Points))
	for _, p := range d.Points {
		pts = append(pts, strings.TrimSpace(p.Label+" "+p.Text))
	}
	return strings.Join(pts, " ") + " " + d.Result
}

// DecisionSnippet gives the words of the public decision d around the
// first that matches q, matches in <mark>, as a search hit shows them
// (Snippet), or "" when only its number or title matched.
func DecisionSnippet(d model.Decision, q Query) template.HTML {
	out, matched := snippet(DecisionText(d), q, 28)
	if !matched {
		return ""
	}
	return out
}
