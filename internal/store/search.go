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

// Search runs an FTS5 match expression over the index, best first (bm25),
// and gives one page of hits and the total.
func (s *Store) Search(ctx context.Context, match string, limit, offset int) ([]SearchDoc, int, error) {
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM search_index WHERE search_index MATCH ?`, match).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: search: %w", err)
	}
	hits, err := queryList(ctx, s.db, func(r scanner) (SearchDoc, error) {
		var d SearchDoc
		err := r.Scan(&d.Scope, &d.Kind, &d.URL, &d.Title, &d.Text, &d.Date)
		return d, err
	}, "search", `SELECT scope, kind, url, title, text, date FROM search_index WHERE search_index MATCH ? ORDER BY bm25(search_index) LIMIT ? OFFSET ?`,
		match, limit, offset)
	return hits, total, err
}
