package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestSearchScopeFoundByIndex: replacing the documents of one scope (every
// change of a session indexes it again) found them on SQLite by
// search_index's scope column, which FTS5 cannot search: the plan was a
// scan of every document ("VIRTUAL TABLE INDEX 0:"), at a million
// decisions a read of the whole index per change, and a rebuild of the
// index read it once per session (over 16 minutes at 1M were not enough).
// Now the rowids come from search_index_scopes (migration 290).
func TestSearchScopeFoundByIndex(t *testing.T) {
	onlySQLite(t, "SQLite's query plans of its FTS5 table")
	s, _ := newStore(t)
	plan := planOf(t, s, sqliteScopeDeletes[0], "session:1")
	if !strings.Contains(plan, "VIRTUAL TABLE INDEX 0:=") || !strings.Contains(plan, "search_index_scopes_scope") {
		t.Errorf("a scope's documents are not found by their rowids:\n%s", plan)
	}
}

// TestReplaceSearchScopes replaces the documents of one scope, alone and
// in a rebuild's batch, and leaves every other scope's as they were;
// documents indexed before migration 290 (the table filled by it) are
// replaced as well. Both engines.
func TestReplaceSearchScopes(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	docs := func(scope string, n int) []SearchDoc {
		var out []SearchDoc
		for i := range n {
			out = append(out, SearchDoc{Kind: "top", URL: fmt.Sprintf("/%s/%d", scope, i), Title: scope, Text: "text", Date: "2025-01-01",
				Terms: fmt.Sprintf("wort%s %d", strings.ReplaceAll(scope, ":", ""), i)})
		}
		return out
	}
	check(t, s.ReplaceSearchDocs(ctx, "session:1", docs("session:1", 3)))
	check(t, s.ReplaceSearchDocs(ctx, "session:2", docs("session:2", 2)))
	check(t, s.ReplaceSearchDocs(ctx, "decision:1", docs("decision:1", 1)))
	if !s.isPG() {
		// As migration 290 found an index written before it.
		for _, q := range []string{`DELETE FROM search_index_scopes`,
			`INSERT INTO search_index_scopes (docid, scope) SELECT rowid, scope FROM search_index`} {
			if _, err := s.db.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
	}
	scopeCounts := func() map[string]int {
		t.Helper()
		rows, err := s.db.QueryContext(ctx, `SELECT scope, count(*) FROM search_index GROUP BY scope`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		m := map[string]int{}
		for rows.Next() {
			var sc string
			var n int
			if err := rows.Scan(&sc, &n); err != nil {
				t.Fatal(err)
			}
			m[sc] = n
		}
		return m
	}
	want := func(step string, w map[string]int) {
		t.Helper()
		got := scopeCounts()
		if fmt.Sprint(got) != fmt.Sprint(w) {
			t.Errorf("%s: documents per scope %v, want %v", step, got, w)
		}
		hits, _, _, err := s.Search(ctx, [][]string{{"wortsession1"}}, 10, 0)
		check(t, err)
		if len(hits) != w["session:1"] {
			t.Errorf("%s: %d hits of session 1's word, want %d", step, len(hits), w["session:1"])
		}
	}
	want("written", map[string]int{"session:1": 3, "session:2": 2, "decision:1": 1})
	check(t, s.ReplaceSearchDocs(ctx, "session:1", docs("session:1", 1)))
	want("one scope replaced", map[string]int{"session:1": 1, "session:2": 2, "decision:1": 1})
	gen, err := s.PageGeneration(ctx)
	check(t, err)
	// A change committed after the batch was read: nothing written.
	if _, err := s.CreateMember(ctx, model.Member{Abbrev: "BE", Name: "Berlin", Kind: model.MemberLand, Position: 9}); err != nil {
		t.Fatal(err)
	}
	if err := s.RebuildSearchScopes(ctx, gen, []SearchScope{{"session:1", nil}}); !errors.Is(err, ErrConflict) {
		t.Errorf("a rebuild's batch read before a change: %v, want ErrConflict", err)
	}
	want("a stale batch refused", map[string]int{"session:1": 1, "session:2": 2, "decision:1": 1})
	v, gen := s.Version(), must[int64](t)(s.PageGeneration(ctx))
	check(t, s.RebuildSearchScopes(ctx, gen, []SearchScope{{"session:1", docs("session:1", 4)}, {"session:2", nil}}))
	want("a rebuild's batch", map[string]int{"session:1": 4, "decision:1": 1})
	if s.Version() != v {
		t.Error("a rebuild's batch moved the data version (every kept page thrown away at each batch)")
	}
	check(t, s.ReplaceSearchDocs(ctx, "decision:1", nil))
	want("a scope emptied", map[string]int{"session:1": 4})
}

// TestOptimizeSearch: after many small writes (a rebuild's transactions)
// the index's segments are merged step by step until no work is left, and
// the index finds what it found before. SQLite only (FTS5's segments).
func TestOptimizeSearch(t *testing.T) {
	onlySQLite(t, "FTS5's segments")
	s, _ := newStore(t)
	ctx := context.Background()
	for i := range 60 {
		check(t, s.ReplaceSearchDocs(ctx, fmt.Sprintf("session:%d", i), []SearchDoc{
			{Kind: "top", URL: fmt.Sprintf("/s/%d", i), Title: "t", Text: "x", Date: "2025-01-01", Terms: fmt.Sprintf("gemeinsam wort%d", i)}}))
	}
	steps, err := s.OptimizeSearch(ctx)
	check(t, err)
	if steps == 0 {
		t.Error("60 transactions' segments: no merge step did any work")
	}
	if steps, err = s.OptimizeSearch(ctx); err != nil || steps != 0 {
		t.Errorf("a merged index: %d more steps (%v), want none", steps, err)
	}
	if _, total, _, err := s.Search(ctx, [][]string{{"gemeinsam"}}, 10, 0); err != nil || total != 60 {
		t.Errorf("after the merge the common word is in %d documents (%v), want 60", total, err)
	}
}
