package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
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
// It moves the data version: a search answered from a cache before the
// change could miss the new documents.
func (s *Store) ReplaceSearchDocs(ctx context.Context, scope string, docs []SearchDoc) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return s.replaceSearchScope(ctx, tx, scope, docs)
	})
}

// SearchScope is the documents of one scope of the search index
// ("session:12", "decision:7").
type SearchScope struct {
	Scope string
	Docs  []SearchDoc
}

// RebuildSearchScopes replaces the documents of many scopes in one
// transaction, for search.Rebuild, if the data did not change since gen
// (the page generation, PageGeneration, read before the documents were
// built): a change committed in between (the server serves beside a
// rebuild) would be overwritten by documents of the data before it.
// Then it writes nothing and gives ErrConflict, and the caller builds
// the batch again. It leaves the data version alone (a search during a
// rebuild is kept by no cache, and the rebuild's end moves the version,
// MarkSearchRebuilt), so that the pages kept for the public are not thrown
// away at every batch of a rebuild.
func (s *Store) RebuildSearchScopes(ctx context.Context, gen int64, scopes []SearchScope) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		s.quiet(tx)
		var now int64
		if err := tx.QueryRowContext(ctx, `SELECT gen FROM page_generation WHERE id = 1`).Scan(&now); err != nil {
			return fmt.Errorf("store: search index: %w", err)
		}
		if now != gen {
			return ErrConflict
		}
		return s.replaceSearchScopes(ctx, tx, scopes)
	})
}

// replaceSearchScopes replaces the documents of each scope in tx (on
// PostgreSQL in one statement for all of them).
func (s *Store) replaceSearchScopes(ctx context.Context, tx *sql.Tx, scopes []SearchScope) error {
	if len(scopes) == 0 {
		return nil
	}
	if s.isPG() {
		return replaceSearchScopesPG(ctx, tx, scopes)
	}
	for _, sc := range scopes {
		if err := s.replaceSearchScope(ctx, tx, sc.Scope, sc.Docs); err != nil {
			return err
		}
	}
	return nil
}

// OptimizeSearch merges the segments of SQLite's FTS5 index into one, a
// step at a time, and gives the number of steps that merged anything. A
// rebuild writes the index in many transactions, each leaving segments
// that a query must all read: at 1M the search p95 was 28 ms after a
// rebuild and 11 ms after the merge (docs/performance.md). FTS5's
// 'optimize' would do it in one transaction that holds the write lock
// for the whole merge (37 s at 1M, with the server writing beside it);
// the 'merge' command with a negative page count does the same merge in
// steps of about that many pages, each its own short transaction, and
// reports no more work by changing fewer than two rows.
//
// On PostgreSQL it vacuums and analyses the index and its lexeme counts
// (one step): a rebuild leaves the old version of every document and of
// the counts behind, which a search reads past until autovacuum comes —
// at 100k the search p95 was 96.8 ms after a rebuild, 69.4 ms after
// VACUUM ANALYZE (docs/performance.md). VACUUM runs outside a
// transaction and lets reads and writes go on beside it.
func (s *Store) OptimizeSearch(ctx context.Context) (steps int, err error) {
	if s.isPG() {
		for _, table := range []string{"search_index_lexemes", "search_index"} {
			if _, err := s.db.ExecContext(ctx, `VACUUM (ANALYZE) `+table); err != nil {
				return 0, fmt.Errorf("store: search index vacuum: %w", err)
			}
		}
		return 1, nil
	}
	const pages, maxSteps = 1000, 100000
	for steps < maxSteps {
		merged := false
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			s.quiet(tx)
			var before, after int64
			if err := tx.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&before); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO search_index (search_index, rank) VALUES ('merge', ?)`, -pages); err != nil {
				return err
			}
			if err := tx.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&after); err != nil {
				return err
			}
			merged = after-before >= 2
			return nil
		})
		if err != nil {
			return steps, fmt.Errorf("store: search index merge: %w", err)
		}
		if !merged {
			break
		}
		steps++
	}
	return steps, nil
}

// sqliteScopeDeletes remove the documents of a scope on SQLite: found by
// their rowids in search_index_scopes, not by search_index's scope column,
// which FTS5 can only compare by reading every document.
var sqliteScopeDeletes = []string{
	`DELETE FROM search_index WHERE rowid IN (SELECT docid FROM search_index_scopes WHERE scope = ?)`,
	`DELETE FROM search_index_scopes WHERE scope = ?`,
}

// replaceSearchScope replaces the documents of scope in tx. On SQLite the
// scope's documents are found by search_index_scopes (migration 290): the
// FTS5 table cannot find them but by reading all of its documents.
func (s *Store) replaceSearchScope(ctx context.Context, tx *sql.Tx, scope string, docs []SearchDoc) error {
	if s.isPG() {
		return replaceSearchScopesPG(ctx, tx, []SearchScope{{Scope: scope, Docs: docs}})
	}
	for _, q := range sqliteScopeDeletes {
		if _, err := tx.ExecContext(ctx, q, scope); err != nil {
			return fmt.Errorf("store: search index: %w", err)
		}
	}
	if len(docs) == 0 {
		return nil
	}
	// The documents' rowids are given, so that search_index_scopes can
	// name them: after the highest (the transaction holds the write lock).
	var last int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE((SELECT rowid FROM search_index ORDER BY rowid DESC LIMIT 1), 0)`).Scan(&last); err != nil {
		return fmt.Errorf("store: search index: %w", err)
	}
	const one, oneScope = `(?, ?, ?, ?, ?, ?, ?, ?)`, `(?, ?)`
	for len(docs) > 0 {
		n := min(len(docs), searchInsertBatch)
		args := make([]any, 0, 8*n)
		ids := make([]any, 0, 2*n)
		for _, d := range docs[:n] {
			last++
			args = append(args, last, scope, d.Kind, d.URL, d.Title, d.Text, d.Date, d.Terms)
			ids = append(ids, last, scope)
		}
		q := `INSERT INTO search_index (rowid, scope, kind, url, title, text, date, terms) VALUES ` + one + strings.Repeat(`, `+one, n-1)
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("store: search index: %w", err)
		}
		q = `INSERT INTO search_index_scopes (docid, scope) VALUES ` + oneScope + strings.Repeat(`, `+oneScope, n-1)
		if _, err := tx.ExecContext(ctx, q, ids...); err != nil {
			return fmt.Errorf("store: search index: %w", err)
		}
		docs = docs[n:]
	}
	return nil
}

// searchInsertBatch is how many documents one INSERT of ReplaceSearchDocs
// writes on SQLite (8 parameters each). FTS5 writes what a statement
// added as a segment of its own when the next statement begins (its
// savepoint), and merges segments as they pile up: with 100 documents a
// statement an import's 2,000 documents were 20 segments, and the insert
// took 15–25 % more processor time than with 250–700 (with 4,000, one
// statement, as much as with 100: its hash of terms outgrows FTS5's
// buffer; docs/performance.md, "Import, 2026-12-06, second session").
const searchInsertBatch = 500

// replaceSearchScopesPG replaces the documents of the scopes with one
// statement, search_index_replace (migration 310): it deletes the old
// documents, inserts the new ones and changes each lexeme's count in
// search_index_lexemes once, by the difference of old and new. A rebuild
// batch of 200 sessions replaced one scope after the other at first, and
// each statement upserted most of the batch's lexemes again (20 min 28 s
// for a rebuild at 100k, two million dead rows in the counts); then one
// DELETE and one INSERT per batch, whose statement triggers still wrote
// every lexeme of a session indexed again twice, though it mostly holds
// the lexemes it held (docs/performance.md). A scope named twice keeps
// its last documents, as replacing it twice would.
//
// The documents go as one array per column; their tsvector is written
// here (appendTermsVector), without the text parser. Their ids are given
// by the function as the trigger gremium_rowid would give them (the
// highest plus one; the transaction holds the write lock).
func replaceSearchScopesPG(ctx context.Context, tx *sql.Tx, scopes []SearchScope) error {
	last := make(map[string]int, len(scopes))
	names := make([]string, 0, len(scopes))
	for i, sc := range scopes {
		if _, ok := last[sc.Scope]; !ok {
			names = append(names, sc.Scope)
		}
		last[sc.Scope] = i
	}
	cols := make([][]string, 8)
	var b []byte
	for i, sc := range scopes {
		if last[sc.Scope] != i {
			continue
		}
		for _, d := range sc.Docs {
			b = appendTermsVector(b[:0], d.Terms)
			for j, v := range []string{sc.Scope, d.Kind, d.URL, d.Title, d.Text, d.Date, d.Terms, string(b)} {
				cols[j] = append(cols[j], v)
			}
		}
	}
	for j := range cols {
		if cols[j] == nil {
			cols[j] = []string{} // an empty array, not NULL
		}
	}
	if _, err := tx.ExecContext(ctx, `SELECT search_index_replace(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])`,
		names, cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6], cols[7]); err != nil {
		return fmt.Errorf("store: search index: %w", err)
	}
	return nil
}

// maxTermPositions and maxTermBytes are PostgreSQL's limits of a
// tsvector: the positions kept per lexeme (MAXNUMPOS) and the longest
// lexeme (MAXSTRLEN; to_tsvector drops longer words).
const (
	maxTermPositions = 256
	maxTermBytes     = 2047
)

// appendTermsVector appends the text form of the tsvector of index terms
// (words separated by spaces) to b: each word as a lexeme, quoted, with
// its places among the words — "'pruefung':1,4 'register':2". It is what the
// PostgreSQL function search_terms_vector (migration 201) gives for the
// same terms, without the text parser and stemmer of to_tsvector: the
// terms are stemmed already (package search), and a search matches them
// as they are, as SQLite's FTS5 does. Positions above 16383 are clamped
// by the tsvector's input, as by to_tsvector.
func appendTermsVector(b []byte, terms string) []byte {
	type lexeme struct {
		word string
		pos  []int
	}
	var order []*lexeme
	byWord := map[string]*lexeme{}
	p := 0
	for w := range strings.SplitSeq(terms, " ") {
		p++ // the place among the space-separated words, as search_terms_vector counts
		if w == "" || len(w) > maxTermBytes {
			continue
		}
		l := byWord[w]
		if l == nil {
			l = &lexeme{word: w}
			byWord[w] = l
			order = append(order, l)
		}
		if len(l.pos) < maxTermPositions {
			l.pos = append(l.pos, p)
		}
	}
	for i, l := range order {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, '\'')
		for j := 0; j < len(l.word); j++ {
			switch c := l.word[j]; c {
			case '\'', '\\':
				b = append(b, c, c)
			default:
				b = append(b, c)
			}
		}
		b = append(b, '\'', ':')
		for j, n := range l.pos {
			if j > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(n), 10)
		}
	}
	return b
}

// SearchCount gives the number of indexed documents.
func (s *Store) SearchCount(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM search_index`).Scan(&n)
	return n, err
}

// SearchNeedsRebuild tells whether the search index carries the mark
// "needs rebuild" (table search_state, migration 270): a fresh database
// and every migration that changes the terms set it, and the index must
// be rebuilt whole (search.Rebuild) before it is used.
func (s *Store) SearchNeedsRebuild(ctx context.Context) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT needs_rebuild FROM search_state WHERE id = 1`).Scan(&n); err != nil {
		return false, fmt.Errorf("store: search index mark: %w", err)
	}
	return n != 0, nil
}

// MarkSearchRebuilt clears the mark "needs rebuild" once the whole index
// was written again (search.Rebuild calls it last, so a rebuild that
// stops midway leaves the mark set). It is a change of what the public
// sees — the search page no longer says that hits may be missing — so
// the data version moves and no search answered during the rebuild is
// served from a cache afterwards.
func (s *Store) MarkSearchRebuilt(ctx context.Context) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE search_state SET needs_rebuild = 0 WHERE id = 1`); err != nil {
			return fmt.Errorf("store: search index mark: %w", err)
		}
		return nil
	})
}

// MarkSearchNeedsRebuild sets the mark "needs rebuild" as a migration
// that changes the terms does, so that the next `gremium serve` rebuilds
// the index whole (and the search page says, until then, that hits may be
// missing).
func (s *Store) MarkSearchNeedsRebuild(ctx context.Context) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE search_state SET needs_rebuild = 1 WHERE id = 1`); err != nil {
			return fmt.Errorf("store: search index mark: %w", err)
		}
		return nil
	})
}

// WithSearchRebuild runs fn as the only rebuild of the search index: on
// PostgreSQL it holds an advisory lock, so that instances started at once
// rebuild one after the other (the later one finds the mark cleared); on
// SQLite one process serves a database file, and fn simply runs.
func (s *Store) WithSearchRebuild(ctx context.Context, fn func(context.Context) error) error {
	if !s.isPG() {
		return fn(ctx)
	}
	return s.withSessionLock(ctx, lockSearchRebuild, fn)
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
// SQLite, ts_rank_cd on PostgreSQL); beyond
// that capped is true, total is SearchCap and the hits come newest first.
func (s *Store) Search(ctx context.Context, parts [][]string, limit, offset int) (hits []SearchDoc, total int, capped bool, err error) {
	match, ok := s.matchExpr(parts)
	if !ok {
		return nil, 0, false, nil
	}
	count := `SELECT count(*) FROM (
			SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ?)`
	query := `SELECT scope, kind, url, title, text, date FROM search_index WHERE search_index MATCH ? ORDER BY bm25(search_index) LIMIT ? OFFSET ?`
	newest := `SELECT scope, kind, url, title, text, date FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ? OFFSET ?`
	if s.isPG() {
		plan, err := s.pgSearchPlan(ctx, parts)
		switch {
		case err != nil:
			return nil, 0, false, err
		case plan.ranked:
			hits, total, err := s.pgRanked(ctx, match, limit, offset)
			return hits, total, false, err
		}
		count, total = plan.count, plan.total
		newest = `SELECT scope, kind, url, title, text, date FROM search_index WHERE tsv @@ ?::tsquery ORDER BY id DESC LIMIT ? OFFSET ?`
		query = ""
	}
	if count != "" {
		if err := s.db.QueryRowContext(ctx, count, match, SearchCap+1).Scan(&total); err != nil {
			return nil, 0, false, fmt.Errorf("store: search: %w", err)
		}
	}
	switch {
	case total == 0:
		return nil, 0, false, nil
	case total > SearchCap:
		total, capped, query = SearchCap, true, newest
		limit = max(0, min(limit, SearchCap-offset))
	case query == "":
		// PostgreSQL, counted and not more than SearchCap after all.
		hits, total, err := s.pgRanked(ctx, match, limit, offset)
		return hits, total, false, err
	}
	hits, err = queryList(ctx, s.rd, func(r scanner) (SearchDoc, error) {
		var d SearchDoc
		err := r.Scan(&d.Scope, &d.Kind, &d.URL, &d.Title, &d.Text, &d.Date)
		return d, err
	}, "search", query, match, limit, offset)
	return hits, total, capped, err
}

// pgRanked gives a page of the matches of a tsquery ranked by ts_rank_cd
// and their number, which the same statement counts (there are at most
// SearchCap). Only past the last page is the number counted on its own.
func (s *Store) pgRanked(ctx context.Context, match string, limit, offset int) ([]SearchDoc, int, error) {
	total := 0
	hits, err := queryList(ctx, s.rd, func(r scanner) (SearchDoc, error) {
		var d SearchDoc
		err := r.Scan(&d.Scope, &d.Kind, &d.URL, &d.Title, &d.Text, &d.Date, &total)
		return d, err
	}, "search", `SELECT scope, kind, url, title, text, date, count(*) OVER () FROM search_index, CAST(? AS tsquery) q WHERE tsv @@ q
			ORDER BY ts_rank_cd(tsv, q) DESC, id DESC LIMIT ? OFFSET ?`, match, limit, offset)
	if err == nil && len(hits) == 0 && offset > 0 {
		err = s.db.QueryRowContext(ctx, pgCountIndexed, match, SearchCap+1).Scan(&total)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("store: search: %w", err)
	}
	return hits, total, nil
}

// pgSearch is how a search finds its number of matches on PostgreSQL.
type pgSearch struct {
	ranked bool   // at most SearchCap matches: counted while ranked (pgRanked)
	count  string // else the statement counting up to SearchCap+1 matches, "" when total is known
	total  int    // the number of matches when count is ""
}

// Counting statements of pgSearchPlan. Both count up to SearchCap+1
// matches. The indexed one lets the planner use the GIN index, whose
// bitmap holds every document of every word of the query before the first
// match is counted; the scanning one (ts_match_vq is the function of @@,
// which no index serves) reads the documents newest first, the ones a
// capped search shows, and stops at the last match it needs.
const (
	pgCountIndexed = `SELECT count(*) FROM (SELECT FROM search_index WHERE tsv @@ ?::tsquery LIMIT ?) x`
	pgCountScan    = `SELECT count(*) FROM (SELECT FROM search_index WHERE ts_match_vq(tsv, ?::tsquery) ORDER BY id DESC LIMIT ?) x`
)

// pgSearchPlan decides from the number of documents of each lexeme of the
// query (search_index_lexemes, kept by triggers) how to count its
// matches, or gives their number. A word missing from the index means no
// match. A single word's matches are its documents: no counting. Several
// words (or a phrase) match at most as often as the rarest: up to SearchCap
// the GIN index finds them cheaply, counted while ranked. Beyond, the
// expected matches (words taken as independent) say which reads less: the
// index, at least all the rarest word's documents, or a scan, about
// (SearchCap+1)·N/expected documents until it has counted SearchCap+1.
func (s *Store) pgSearchPlan(ctx context.Context, parts [][]string) (pgSearch, error) {
	parts = searchWords(parts)
	var words []string
	for _, p := range parts {
		words = append(words, p...)
	}
	type lexeme struct {
		docs, all float64
	}
	lexemes, err := queryList(ctx, s.rd, func(r scanner) (lexeme, error) {
		var l lexeme
		return l, r.Scan(&l.docs, &l.all)
	}, "search lexemes", `SELECT coalesce(x.docs, 0), (SELECT reltuples FROM pg_class WHERE oid = 'search_index'::regclass)
		FROM (SELECT DISTINCT unnest(?::text[]) AS l) w LEFT JOIN search_index_lexemes x ON x.lexeme = w.l`, words)
	if err != nil || len(lexemes) == 0 {
		return pgSearch{}, err
	}
	least, n := lexemes[0].docs, lexemes[0].all
	for _, l := range lexemes {
		least, n = min(least, l.docs), max(n, l.docs)
	}
	switch {
	case least == 0:
		return pgSearch{}, nil
	case len(parts) == 1 && len(parts[0]) == 1 && len(lexemes) == 1:
		return pgSearch{total: int(least)}, nil
	case least <= SearchCap:
		return pgSearch{ranked: true}, nil
	}
	expected := n
	for _, l := range lexemes {
		expected *= l.docs / n
	}
	if (SearchCap+1)*n/expected < least {
		return pgSearch{count: pgCountScan}, nil
	}
	return pgSearch{count: pgCountIndexed}, nil
}

// searchWords keeps the letters and digits of the terms of each part,
// leaving out terms and parts with none: nothing of a term can change the
// syntax of a match expression.
func searchWords(parts [][]string) [][]string {
	var out [][]string
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
		if len(ws) > 0 {
			out = append(out, ws)
		}
	}
	return out
}

// matchExpr writes the parts of a search as the engine's match expression:
// FTS5's `terms : ("a" AND "b c")` or the tsquery `'a' & ('b' <-> 'c')`. Only
// letters and digits of the terms are kept (searchWords). It gives false
// when no term is left.
func (s *Store) matchExpr(parts [][]string) (string, bool) {
	var exprs []string
	for _, ws := range searchWords(parts) {
		if s.isPG() {
			// Quoted lexemes: the tsquery holds the terms as they are
			// (the letters and digits searchWords keeps need no escape).
			for i, w := range ws {
				ws[i] = "'" + w + "'"
			}
		}
		switch {
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
