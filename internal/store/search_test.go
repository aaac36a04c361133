package store

import (
	"context"
	"fmt"
	"testing"
)

// On PostgreSQL the documents per lexeme (search_index_lexemes), kept by
// the triggers of search_index, are what a count over the index gives,
// whatever was indexed, replaced, updated or emptied; and a search reads
// its totals from them.
func TestSearchLexemesFollowTheIndex(t *testing.T) {
	if !testPG.on {
		t.Skip("search_index_lexemes is PostgreSQL's")
	}
	ctx := context.Background()
	s, _ := newStore(t)
	same := func(when string) {
		t.Helper()
		var wrong int
		check(t, s.db.QueryRowContext(ctx, `SELECT count(*) FROM (
				SELECT lexeme, docs FROM search_index_lexemes WHERE docs <> 0
				EXCEPT ALL SELECT l, count(*) FROM search_index, unnest(tsvector_to_array(tsv)) l GROUP BY l) x`).Scan(&wrong))
		var missing int
		check(t, s.db.QueryRowContext(ctx, `SELECT count(*) FROM (
				SELECT l, count(*) FROM search_index, unnest(tsvector_to_array(tsv)) l GROUP BY l
				EXCEPT ALL SELECT lexeme, docs FROM search_index_lexemes) x`).Scan(&missing))
		if wrong != 0 || missing != 0 {
			t.Errorf("%s: %d lexeme counts wrong, %d missing", when, wrong, missing)
		}
	}
	docs := func(n int, word string) []SearchDoc {
		var out []SearchDoc
		for i := range n {
			out = append(out, SearchDoc{Kind: "beschluss", URL: fmt.Sprintf("/b/%s/%d", word, i), Title: word, Text: word,
				Terms: fmt.Sprintf("%s haushalt nummer%d", word, i%7)})
		}
		return out
	}
	check(t, s.ReplaceSearchDocs(ctx, "a", docs(250, "bericht")))
	check(t, s.ReplaceSearchDocs(ctx, "b", docs(30, "pruefung")))
	same("indexed")
	check(t, s.ReplaceSearchDocs(ctx, "a", docs(12, "konzept")))
	same("replaced")
	if _, total, _, err := s.Search(ctx, [][]string{{"haushalt"}}, 10, 0); err != nil || total != 42 {
		t.Errorf("haushalt: %d matches, %v; want 42", total, err)
	}
	if _, total, _, err := s.Search(ctx, [][]string{{"bericht"}}, 10, 0); err != nil || total != 0 {
		t.Errorf("bericht after re-indexing: %d matches, %v", total, err)
	}
	_, err := s.db.ExecContext(ctx, `UPDATE search_index SET terms = 'strategie' WHERE scope = 'b'`)
	check(t, err)
	same("updated")
	check(t, s.ReplaceSearchDocs(ctx, "a", nil))
	same("a scope emptied")
	_, err = s.db.ExecContext(ctx, `TRUNCATE search_index`)
	check(t, err)
	same("truncated")
}
