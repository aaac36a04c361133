package store

import (
	"context"
	"database/sql"
	"fmt"
)

// SearchDoc is one public document of the search index. Scope groups the
// documents that are replaced together ("session:12", "decision:7").
type SearchDoc struct {
	Scope string
	Kind  string // "beschluss", "top", "protokoll"
	URL   string
	Title string
	Text  string // the public original, for snippets
	Date  string // ISO date, for display
	Terms string // folded, stemmed words (package search)
}

// ReplaceSearchDocs replaces all documents of a scope in one transaction.
func (s *Store) ReplaceSearchDocs(ctx context.Context, scope string, docs []SearchDoc) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_index WHERE scope = ?`, scope); err != nil {
			return fmt.Errorf("store: search index: %w", err)
		}
		for _, d := range docs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO search_index (scope, kind, url, title, text, date, terms) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				scope, d.Kind, d.URL, d.Title, d.Text, d.Date, d.Terms); err != nil {
				return fmt.Errorf("store: search index: %w", err)
			}
		}
		return nil
	})
}

// SearchCount gives the number of indexed documents.
func (s *Store) SearchCount(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM search_index`).Scan(&n)
	return n, err
}

// SearchCap bounds relevance ranking: a query matching more documents is
// answered newest first (most recently indexed), because ranking by BM25
// needs the statistics of every matching document, which for a word in
// half a million decisions takes longer than a search may.
const SearchCap = 1000

// Search runs an FTS5 match expression over the index and gives one page of
// hits and their number. Up to SearchCap matches are ranked by BM25; beyond
// that capped is true, total is SearchCap and the hits come newest first.
func (s *Store) Search(ctx context.Context, match string, limit, offset int) (hits []SearchDoc, total int, capped bool, err error) {
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (
			SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ?)`,
		match, SearchCap+1).Scan(&total); err != nil {
		return nil, 0, false, fmt.Errorf("store: search: %w", err)
	}
	order := `bm25(search_index)`
	if total > SearchCap {
		total, capped = SearchCap, true
		order = `rowid DESC`
		limit = max(0, min(limit, SearchCap-offset))
	}
	hits, err = queryList(ctx, s.rd, func(r scanner) (SearchDoc, error) {
		var d SearchDoc
		err := r.Scan(&d.Scope, &d.Kind, &d.URL, &d.Title, &d.Text, &d.Date)
		return d, err
	}, "search", `SELECT scope, kind, url, title, text, date FROM search_index WHERE search_index MATCH ? ORDER BY `+order+` LIMIT ? OFFSET ?`,
		match, limit, offset)
	return hits, total, capped, err
}
