package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode"
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
		// PostgreSQL: the ids are given here as its trigger gremium_rowid
		// would (the highest plus one; the transaction holds the write
		// lock), without the trigger's query per document. SQLite's FTS5
		// table numbers its rows itself.
		var last int64
		cols, one := `scope, kind, url, title, text, date, terms`, `(?, ?, ?, ?, ?, ?, ?)`
		if s.isPG() && len(docs) > 0 {
			var err error
			if last, err = maxID(ctx, tx, "search_index"); err != nil {
				return err
			}
			cols, one = `id, `+cols, `(?, `+one[1:]
		}
		for len(docs) > 0 {
			n := min(len(docs), searchInsertBatch)
			args := make([]any, 0, 8*n)
			for _, d := range docs[:n] {
				if s.isPG() {
					last++
					args = append(args, last)
				}
				args = append(args, scope, d.Kind, d.URL, d.Title, d.Text, d.Date, d.Terms)
			}
			q := `INSERT INTO search_index (` + cols + `) VALUES ` + one + strings.Repeat(`, `+one, n-1)
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return fmt.Errorf("store: search index: %w", err)
			}
			docs = docs[n:]
		}
		return nil
	})
}

// searchInsertBatch is how many documents one INSERT of ReplaceSearchDocs
// writes (7 parameters each).
const searchInsertBatch = 100

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

// Search finds the documents whose terms contain every part: a part is
// one term, or the terms of a phrase in this order (index form, see package
// search: folded, stemmed words of letters and digits). It gives one page
// of hits and their number. Up to SearchCap matches are ranked (BM25 on
// SQLite, ts_rank_cd with the 'german' configuration on PostgreSQL); beyond
// that capped is true, total is SearchCap and the hits come newest first.
func (s *Store) Search(ctx context.Context, parts [][]string, limit, offset int) (hits []SearchDoc, total int, capped bool, err error) {
	match, ok := s.matchExpr(parts)
	if !ok {
		return nil, 0, false, nil
	}
	count := `SELECT count(*) FROM (
			SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ?)`
	if s.isPG() {
		count = `SELECT count(*) FROM (
			SELECT id FROM search_index WHERE tsv @@ to_tsquery('german', ?) LIMIT ?) x`
	}
	if err := s.db.QueryRowContext(ctx, count, match, SearchCap+1).Scan(&total); err != nil {
		return nil, 0, false, fmt.Errorf("store: search: %w", err)
	}
	query := `SELECT scope, kind, url, title, text, date FROM search_index WHERE search_index MATCH ? ORDER BY bm25(search_index) LIMIT ? OFFSET ?`
	if s.isPG() {
		query = `SELECT scope, kind, url, title, text, date FROM search_index, to_tsquery('german', ?) q WHERE tsv @@ q
			ORDER BY ts_rank_cd(tsv, q) DESC, id DESC LIMIT ? OFFSET ?`
	}
	if total > SearchCap {
		total, capped = SearchCap, true
		query = `SELECT scope, kind, url, title, text, date FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ? OFFSET ?`
		if s.isPG() {
			query = `SELECT scope, kind, url, title, text, date FROM search_index WHERE tsv @@ to_tsquery('german', ?) ORDER BY id DESC LIMIT ? OFFSET ?`
		}
		limit = max(0, min(limit, SearchCap-offset))
	}
	hits, err = queryList(ctx, s.rd, func(r scanner) (SearchDoc, error) {
		var d SearchDoc
		err := r.Scan(&d.Scope, &d.Kind, &d.URL, &d.Title, &d.Text, &d.Date)
		return d, err
	}, "search", query, match, limit, offset)
	return hits, total, capped, err
}

// matchExpr writes the parts of a search as the engine's match expression:
// FTS5's `terms : ("a" AND "b c")` or the tsquery `a & (b <-> c)`. Only
// letters and digits of the terms are kept, so no term can change the
// expression's syntax. It gives false when no term is left.
func (s *Store) matchExpr(parts [][]string) (string, bool) {
	var exprs []string
	for _, part := range parts {
		var ws []string
		for _, t := range part {
			t = strings.Map(func(r rune) rune {
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					return r
				}
				return -1
			}, t)
			if t != "" {
				ws = append(ws, t)
			}
		}
		switch {
		case len(ws) == 0:
		case s.isPG() && len(ws) == 1:
			exprs = append(exprs, ws[0])
		case s.isPG():
			exprs = append(exprs, "("+strings.Join(ws, " <-> ")+")")
		default:
			exprs = append(exprs, `"`+strings.Join(ws, " ")+`"`)
		}
	}
	if len(exprs) == 0 {
		return "", false
	}
	if s.isPG() {
		return strings.Join(exprs, " & "), true
	}
	return "terms : (" + strings.Join(exprs, " AND ") + ")", true
}
