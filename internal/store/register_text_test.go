package store

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"gremium/internal/model"
)

// TestRegisterTextFilter: the register's full-text filter (Terms) keeps
// the decisions whose document in the search index holds the words — a
// word, a phrase in order — combined with the other filters, in the
// page, its count and its keyset pages, on both engines. A decision the
// register does not show (rejected, though numbered) is not listed even
// when the index holds a document for it: the register's own conditions
// still apply. Beyond RegisterTextCap matching documents the candidates
// are the most recently indexed, and RegisterCapped says so.
func TestRegisterTextFilter(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := fixture(t, s)
	sessionID := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 46, Status: model.StatusMinutesDraft}))
	labels := map[string]string{} // "2025/3" → label
	decide := func(year, seq int, status model.DecisionStatus, terms string) {
		t.Helper()
		id := must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, Kind: model.KindDecision,
			Status: status, Scope: model.ScopeAll, Number: model.DecisionNumber{Year: year, Seq: seq}, Title: terms}))
		d, err := s.Decision(ctx, id)
		if err != nil || d.Label == "" {
			t.Fatalf("decision %d/%d: %q %v", year, seq, d.Label, err)
		}
		key := fmt.Sprintf("%d/%d", year, seq)
		labels[key] = d.Label
		if err := s.ReplaceSearchDocs(ctx, "decision:"+key, []SearchDoc{{Kind: "beschluss", URL: "/beschluesse/" + d.Label, Title: terms, Text: terms, Terms: terms}}); err != nil {
			t.Fatal(err)
		}
	}
	decide(2024, 7, model.DecisionAdopted, "registermodernisier lenkungskreis")
	decide(2025, 1, model.DecisionAdopted, "registermodernisier steuerung")
	decide(2025, 2, model.DecisionAdopted, "steuerung registermodernisier")
	decide(2025, 3, model.DecisionAdopted, "haushalt")
	decide(2025, 4, model.DecisionAdopted, "registermodernisier haushalt")
	decide(2025, 5, model.DecisionRejected, "registermodernisier geheim")
	// An agenda item's document with the word is no decision of the register.
	if err := s.ReplaceSearchDocs(ctx, "session:46", []SearchDoc{{Kind: "top", URL: "/sitzungen/46#top-1", Title: "TOP", Terms: "registermodernisier"}}); err != nil {
		t.Fatal(err)
	}
	// A decision indexed in two scopes (in its session and on its own) is
	// listed once.
	if err := s.ReplaceSearchDocs(ctx, "session:46:again", []SearchDoc{{Kind: "beschluss", URL: "/beschluesse/" + labels["2025/1"], Terms: "registermodernisier steuerung"}}); err != nil {
		t.Fatal(err)
	}
	terms := func(parts ...[]string) SearchTerms { return SearchTermsOf(parts) }
	numbers := func(ds []model.Decision) []string {
		var out []string
		for _, d := range ds {
			out = append(out, d.Number.Short())
		}
		return out
	}
	short := func(keys ...string) []string {
		var out []string
		for _, k := range keys {
			var y, n int
			fmt.Sscanf(k, "%d/%d", &y, &n)
			out = append(out, model.DecisionNumber{Year: y, Seq: n}.Short())
		}
		return out
	}
	for _, c := range []struct {
		name string
		f    RegisterFilter
		want []string
	}{
		{"word", RegisterFilter{Terms: terms([]string{"registermodernisier"})}, short("2025/4", "2025/2", "2025/1", "2024/7")},
		{"word and year", RegisterFilter{Year: 2024, Terms: terms([]string{"registermodernisier"})}, short("2024/7")},
		{"two words", RegisterFilter{Terms: terms([]string{"registermodernisier"}, []string{"haushalt"})}, short("2025/4")},
		{"phrase", RegisterFilter{Terms: terms([]string{"registermodernisier", "steuerung"})}, short("2025/1")},
		{"no match", RegisterFilter{Terms: terms([]string{"geheim"})}, nil},
		{"unknown word", RegisterFilter{Terms: terms([]string{"xylophon"})}, nil},
		{"nothing but punctuation", RegisterFilter{Terms: terms([]string{"!"})}, short("2025/4", "2025/3", "2025/2", "2025/1", "2024/7")},
	} {
		f := c.f
		f.BodyID = bodyID
		p, err := s.Register(ctx, f)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := numbers(p.Decisions); !slices.Equal(got, c.want) || p.Total != len(c.want) || p.Capped {
			t.Errorf("%s: %v (total %d, capped %v), want %v", c.name, got, p.Total, p.Capped, c.want)
		}
		// Keyset pages of two give the same decisions.
		var paged []model.Decision
		var cur RegisterCursor
		for range 5 {
			ds, err := s.RegisterKeyset(ctx, f, cur, 2)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			paged = append(paged, ds...)
			if len(ds) < 2 {
				break
			}
			cur = RegisterCursor{Before: ds[len(ds)-1].Number}
		}
		if got := numbers(paged); !slices.Equal(got, c.want) {
			t.Errorf("%s by keyset: %v, want %v", c.name, got, c.want)
		}
		if len(c.want) > 2 {
			// Back from the second page.
			ds, err := s.RegisterKeyset(ctx, f, RegisterCursor{After: paged[2].Number}, 2)
			if err != nil || !slices.Equal(numbers(ds), c.want[:2]) {
				t.Errorf("%s: the page before the second: %v %v", c.name, numbers(ds), err)
			}
		}
	}

	// More than RegisterTextCap documents with a word: the candidates are
	// the most recently indexed; 2025/3, indexed before them, is not
	// among them, and the register says that it is capped.
	decide(2025, 6, model.DecisionAdopted, "vielfach")
	bulk := make([]SearchDoc, RegisterTextCap)
	for i := range bulk {
		bulk[i] = SearchDoc{Kind: "beschluss", URL: fmt.Sprintf("/beschluesse/X-%d", i), Terms: "vielfach"}
	}
	if err := s.ReplaceSearchDocs(ctx, "bulk", bulk); err != nil {
		t.Fatal(err)
	}
	decide(2025, 8, model.DecisionAdopted, "vielfach")
	f := RegisterFilter{BodyID: bodyID, Terms: terms([]string{"vielfach"})}
	p, err := s.Register(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if got := numbers(p.Decisions); !slices.Equal(got, short("2025/8")) || p.Total != 1 || !p.Capped {
		t.Errorf("capped: %v (total %d, capped %v), want only 2025/8, capped", got, p.Total, p.Capped)
	}
	if capped, err := s.RegisterCapped(ctx, RegisterFilter{BodyID: bodyID, Terms: terms([]string{"haushalt"})}); err != nil || capped {
		t.Errorf("a rare word is capped: %v %v", capped, err)
	}
}
