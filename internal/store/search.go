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

// SearchCap bounds the hits that are ranked: of a query matching more
// documents, the SearchCap most recently indexed are ranked by relevance
// (bm25), so that a query for a word in every second decision stays fast.
const SearchCap = 5000

// Search runs an FTS5 match expression over the index and gives one page of
// hits, best first (bm25), and their number. capped reports that more than
// SearchCap documents match; total is then SearchCap. One pass over the
// matches ranks and counts them; only the page's rows are read in full.
func (s *Store) Search(ctx context.Context, match string, limit, offset int) (hits []SearchDoc, total int, capped bool, err error) {
	total = -1
	hits, err = queryList(ctx, s.db, func(r scanner) (SearchDoc, error) {
		var d SearchDoc
		err := r.Scan(&d.Scope, &d.Kind, &d.URL, &d.Title, &d.Text, &d.Date, &total)
		return d, err
	}, "search", `WITH hits AS MATERIALIZED (
			SELECT rowid AS id, bm25(search_index) AS score FROM search_index WHERE search_index MATCH ?
			ORDER BY rowid DESC LIMIT ?),
		 page AS (SELECT id, score FROM hits ORDER BY score LIMIT ? OFFSET ?)
		 SELECT s.scope, s.kind, s.url, s.title, s.text, s.date, (SELECT count(*) FROM hits)
		 FROM page JOIN search_index s ON s.rowid = page.id ORDER BY page.score`,
		match, SearchCap+1, limit, offset)
	if err != nil {
		return nil, 0, false, err
	}
	if total < 0 {
		// A page past the end: count on its own.
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ?)`,
			match, SearchCap+1).Scan(&total); err != nil {
			return nil, 0, false, fmt.Errorf("store: search: %w", err)
		}
	}
	if total > SearchCap {
		total, capped = SearchCap, true
		if len(hits) > 0 && offset+len(hits) > SearchCap {
			hits = hits[:max(0, SearchCap-offset)]
		}
	}
	return hits, total, capped, nil
}
