package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
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
	gen := must[int64](t)(s.PageGeneration(ctx))
	check(t, s.RebuildSearchScopes(ctx, gen, []SearchScope{{"a", docs(40, "bericht")}, {"c", docs(5, "antrag")}, {"b", nil}, {"c", docs(3, "umlauf")}}))
	same("a rebuild's batch")
	if _, total, _, err := s.Search(ctx, [][]string{{"antrag"}}, 10, 0); err != nil || total != 0 {
		t.Errorf("a scope named twice in a batch kept its first documents: %d matches of them, %v", total, err)
	}
	if _, total, _, err := s.Search(ctx, [][]string{{"haushalt"}}, 10, 0); err != nil || total != 43 {
		t.Errorf("haushalt after the batch: %d matches, %v; want 43", total, err)
	}
	check(t, s.ReplaceSearchDocs(ctx, "a", nil))
	same("a scope emptied")
	_, err = s.db.ExecContext(ctx, `TRUNCATE search_index`)
	check(t, err)
	same("truncated")
}

// On PostgreSQL the vector the store writes for a document's terms
// (appendTermsVector) is the one search_terms_vector gives for rows
// written without it (a copy from SQLite, the migration), at PostgreSQL's
// limits too, and a document matches its own terms as they are: stop
// words of the 'german' configuration ("und", "der") and terms the German
// stemmer would stem again included, as on SQLite.
func TestSearchTermsVector(t *testing.T) {
	if !testPG.on {
		t.Skip("tsvector is PostgreSQL's")
	}
	ctx := context.Background()
	s, _ := newStore(t)
	many := strings.Repeat("der ", 300) + strings.Repeat("wort ", 17000) + "ende"
	for _, terms := range []string{
		"", "pruefung der registermodernisierung durch den bund", "und", "a  b   a",
		"caf\u00e9 \u03b1\u03b2 2025 b2025 2025b", "it's back\\slash", strings.Repeat("x", 2048) + " kurz",
		many,
	} {
		var same bool
		check(t, s.db.QueryRowContext(ctx, `SELECT ?::tsvector = search_terms_vector(?)`, string(appendTermsVector(nil, terms)), terms).Scan(&same))
		if !same {
			t.Errorf("terms %.60q: the store's vector differs from search_terms_vector", terms)
		}
	}
	docs := []SearchDoc{{Kind: "beschluss", URL: "/a", Title: "A", Text: "A", Terms: "bund und laender"},
		{Kind: "beschluss", URL: "/b", Title: "B", Text: "B", Terms: "die laender"}}
	check(t, s.ReplaceSearchDocs(ctx, "t", docs))
	for _, c := range []struct {
		parts [][]string
		want  int
	}{{[][]string{{"und"}}, 1}, {[][]string{{"laender"}}, 2}, {[][]string{{"bund", "und", "laender"}}, 1}, {[][]string{{"die"}, {"laender"}}, 1}} {
		if _, total, _, err := s.Search(ctx, c.parts, 10, 0); err != nil || total != c.want {
			t.Errorf("%v: %d matches, %v; want %d", c.parts, total, err, c.want)
		}
	}
	// Rows written without a vector (as a copy writes them) get the same.
	_, err := s.db.ExecContext(ctx, `INSERT INTO search_index (id, scope, kind, url, title, text, date, terms) VALUES (1000, 'u', 'top', '/u', 'U', 'U', '', 'und der und')`)
	check(t, err)
	var tsv string
	check(t, s.db.QueryRowContext(ctx, `SELECT tsv::text FROM search_index WHERE id = 1000`).Scan(&tsv))
	if tsv != `'der':2 'und':1,3` {
		t.Errorf("vector of a row written without it: %s", tsv)
	}
}

// TestSearchNeedsRebuildMark: a freshly migrated database carries the
// search index's mark "needs rebuild" (migration 270), MarkSearchRebuilt
// clears it without changing the data version (nothing the public sees
// changed), and a migration that changes the terms sets it again as the
// migrations are told to (docs/architecture.md).
func TestSearchNeedsRebuildMark(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	if !must[bool](t)(s.SearchNeedsRebuild(ctx)) {
		t.Fatal("a freshly migrated database does not need its search index rebuilt")
	}
	v := s.Version()
	check(t, s.MarkSearchRebuilt(ctx))
	if must[bool](t)(s.SearchNeedsRebuild(ctx)) {
		t.Error("the mark is still set after MarkSearchRebuilt")
	}
	// The search page says while the mark is set that hits may be
	// missing: clearing it changes a public page, and cached searches
	// must go.
	if s.Version() == v {
		t.Error("clearing the mark left the data version, so cached search pages stay")
	}
	check(t, s.MarkSearchNeedsRebuild(ctx))
	if !must[bool](t)(s.SearchNeedsRebuild(ctx)) {
		t.Error("MarkSearchNeedsRebuild did not set the mark")
	}
	check(t, s.MarkSearchRebuilt(ctx))
	if _, err := s.db.ExecContext(ctx, `UPDATE search_state SET needs_rebuild = 1`); err != nil {
		t.Fatal(err)
	}
	if !must[bool](t)(s.SearchNeedsRebuild(ctx)) {
		t.Error("the mark set as a migration sets it is not read")
	}
}

// On PostgreSQL a rebuild's batch replaces its scopes with one DELETE and
// one INSERT, so the statement triggers that keep search_index_lexemes
// fire once per batch, not twice per scope. Before, each frequent
// lexeme's row was updated about 400 times in a batch of 200 sessions: a
// rebuild at 100k took 20 min 28 s (SQLite 1 min 4.5 s) and left two
// million dead rows behind (docs/performance.md).
func TestRebuildBatchFiresLexemeTriggersOnce(t *testing.T) {
	if !testPG.on {
		t.Skip("search_index_lexemes is PostgreSQL's")
	}
	ctx := context.Background()
	s, _ := newStore(t)
	for _, q := range []string{
		`CREATE TABLE test_statement_count (n int NOT NULL)`,
		`INSERT INTO test_statement_count VALUES (0)`,
		`CREATE FUNCTION test_count_statement() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN UPDATE test_statement_count SET n = n + 1; RETURN NULL; END; $$`,
		`CREATE TRIGGER test_count_statement AFTER INSERT OR DELETE ON search_index
			FOR EACH STATEMENT EXECUTE FUNCTION test_count_statement()`,
	} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	var scopes []SearchScope
	for i := range 20 {
		scopes = append(scopes, SearchScope{Scope: fmt.Sprintf("session:%d", i), Docs: []SearchDoc{
			{Kind: "top", URL: fmt.Sprintf("/s/%d", i), Title: "t", Text: "x", Date: "2025-01-01", Terms: fmt.Sprintf("gemeinsam wort%d", i)}}})
	}
	gen := must[int64](t)(s.PageGeneration(ctx))
	check(t, s.RebuildSearchScopes(ctx, gen, scopes))
	var n int
	check(t, s.db.QueryRowContext(ctx, `SELECT n FROM test_statement_count`).Scan(&n))
	if n > 2 {
		t.Errorf("a batch of 20 scopes fired the index's statement triggers %d times, want 2 (one DELETE, one INSERT)", n)
	}
	if _, total, _, err := s.Search(ctx, [][]string{{"gemeinsam"}}, 10, 0); err != nil || total != 20 {
		t.Errorf("after the batch the common word is in %d documents (%v), want 20", total, err)
	}
}

// On PostgreSQL OptimizeSearch (the end of a rebuild) vacuums and
// analyses the index and its lexeme counts, whose old versions a rebuild
// leaves behind. Before, it did nothing there.
func TestOptimizeSearchVacuumsOnPostgres(t *testing.T) {
	if !testPG.on {
		t.Skip("VACUUM is PostgreSQL's")
	}
	ctx := context.Background()
	s, _ := newStore(t)
	check(t, s.ReplaceSearchDocs(ctx, "session:1", []SearchDoc{{Kind: "top", URL: "/s/1", Title: "t", Text: "x", Date: "2025-01-01", Terms: "wort"}}))
	steps, err := s.OptimizeSearch(ctx)
	check(t, err)
	if steps != 1 {
		t.Errorf("OptimizeSearch on PostgreSQL: %d steps, want 1", steps)
	}
	for _, table := range []string{"search_index", "search_index_lexemes"} {
		var vacuumed, analysed bool
		check(t, s.db.QueryRowContext(ctx, `SELECT last_vacuum IS NOT NULL, last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = ?`, table).Scan(&vacuumed, &analysed))
		if !vacuumed || !analysed {
			t.Errorf("%s: vacuumed %v, analysed %v after OptimizeSearch", table, vacuumed, analysed)
		}
	}
}

// On PostgreSQL one session indexed again changes each of its lexemes'
// counts (search_index_lexemes) once, by the difference of its old and
// new documents: a lexeme in both is not touched. Before, the DELETE's
// statement trigger lowered every old lexeme's count and the INSERT's
// raised every new one's again — two updates of each row for a session
// whose text did not change (docs/performance.md, "PostgreSQL leftovers").
func TestReplaceSearchDocsTouchesLexemesOnce(t *testing.T) {
	if !testPG.on {
		t.Skip("search_index_lexemes is PostgreSQL's")
	}
	ctx := context.Background()
	s, _ := newStore(t)
	docs := func(last string) []SearchDoc {
		return []SearchDoc{
			{Kind: "top", URL: "/s/1#1", Title: "t", Text: "x", Date: "2025-01-01", Terms: "gemeinsam beschluss register"},
			{Kind: "top", URL: "/s/1#2", Title: "t", Text: "x", Date: "2025-01-01", Terms: "gemeinsam " + last},
		}
	}
	check(t, s.ReplaceSearchDocs(ctx, "session:1", docs("alt")))
	check(t, s.ReplaceSearchDocs(ctx, "session:2", []SearchDoc{{Kind: "top", URL: "/s/2", Title: "t", Text: "x", Date: "2025-01-01", Terms: "gemeinsam alt"}}))
	for _, q := range []string{
		`CREATE TABLE test_lexeme_writes (lexeme text NOT NULL)`,
		`CREATE FUNCTION test_count_lexeme_write() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN INSERT INTO test_lexeme_writes VALUES (COALESCE(NEW.lexeme, OLD.lexeme)); RETURN NULL; END; $$`,
		`CREATE TRIGGER test_count_lexeme_write AFTER INSERT OR UPDATE OR DELETE ON search_index_lexemes
			FOR EACH ROW EXECUTE FUNCTION test_count_lexeme_write()`,
	} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	// The same documents again, then one word changed.
	check(t, s.ReplaceSearchDocs(ctx, "session:1", docs("alt")))
	check(t, s.ReplaceSearchDocs(ctx, "session:1", docs("neu")))
	var writes []string
	rows, err := s.db.QueryContext(ctx, `SELECT lexeme FROM test_lexeme_writes ORDER BY lexeme`)
	check(t, err)
	for rows.Next() {
		var l string
		check(t, rows.Scan(&l))
		writes = append(writes, l)
	}
	check(t, rows.Err())
	if want := []string{"alt", "neu"}; !slices.Equal(writes, want) {
		t.Errorf("the lexeme counts written: %q, want %q (each changed lexeme once, the unchanged ones not)", writes, want)
	}
	// The counts are those a rebuild from the documents gives.
	var wrong int
	check(t, s.db.QueryRowContext(ctx, `SELECT count(*) FROM (
		SELECT lexeme, docs FROM search_index_lexemes WHERE docs <> 0
		EXCEPT SELECT l, count(*) FROM search_index, unnest(tsvector_to_array(tsv)) l GROUP BY l) x`).Scan(&wrong))
	var n int
	check(t, s.db.QueryRowContext(ctx, `SELECT docs FROM search_index_lexemes WHERE lexeme = 'gemeinsam'`).Scan(&n))
	if wrong != 0 || n != 3 {
		t.Errorf("%d lexeme counts differ from the documents; 'gemeinsam' in %d, want 3", wrong, n)
	}
	// Other writers of search_index (a migration's DELETE) are still
	// counted by the triggers.
	if _, err := s.db.ExecContext(ctx, `DELETE FROM search_index WHERE scope = 'session:2'`); err != nil {
		t.Fatal(err)
	}
	check(t, s.db.QueryRowContext(ctx, `SELECT docs FROM search_index_lexemes WHERE lexeme = 'gemeinsam'`).Scan(&n))
	if n != 2 {
		t.Errorf("after a DELETE outside the store 'gemeinsam' is in %d documents, want 2", n)
	}
}
