package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// RenderedPage is a public page as rendered once per change: its bytes and
// the headers its handler set (content type and the like), ready to send.
type RenderedPage struct {
	Key     string // what the page answers: host, scheme and path
	Gen     int64  // the generation of the data it was rendered from
	Epoch   string // the program build that rendered it
	Day     string // the day it was rendered for (pages speak of "today")
	Headers string // "Name: value" lines
	ETag    string
	Body    []byte
}

// StoredPage gives the page stored under key if it was rendered from the
// current data by the same build on the same day (ok true). Otherwise it
// gives the current generation of the data, read before the caller renders
// the page: a page stored under it is never served if a change commits
// while it is rendered. One statement: the generation's row and the page's row, each found by its row id on SQLite.
//
// Large pages are served from memory while the generation stays
// (pages_hot.go); their Body is shared and must not be changed. The one
// statement leaves out the bytes of a large page that memory holds for the
// generation it reads, and gives those of every other page: a large page
// not in memory costs no second statement (a second round trip on
// PostgreSQL). Only a page dropped from memory while the statement ran is
// read by a second one.
func (s *Store) StoredPage(ctx context.Context, key, epoch, day string) (p RenderedPage, gen int64, ok bool, err error) {
	return s.storedPage(ctx, key, "", epoch, day)
}

// StoredPageOr is StoredPage for the page stored under key or, if there is
// none, the one under orKey (p.Key says which): a client that asks for
// gzip gets the compressed companion of a page where one is stored and the
// page itself where compressing would not make it smaller, in the same one
// statement. The page under orKey is not read when the one under key is
// found.
func (s *Store) StoredPageOr(ctx context.Context, key, orKey, epoch, day string) (p RenderedPage, gen int64, ok bool, err error) {
	return s.storedPage(ctx, key, orKey, epoch, day)
}

// storedPageRow is what the statement of storedPage gives of one page.
type storedPageRow struct {
	k       hotKey
	headers sql.NullString
	etag    sql.NullString
	body    []byte
	size    sql.NullInt64
}

// The statements of storedPage: the current generation, and the page of
// that generation (and build and day) under a key, its bytes left out
// where memory holds them (pages_hot.go); storedPageOrQuery joins the page
// under the second key only where the first is missing, so that its row
// is not read then. Each page's row is found by its number (pageID).
const (
	storedPageQuery = `SELECT g.gen, p.headers, p.etag, CASE WHEN length(p.body) < ? OR g.gen <> ? THEN p.body END, length(p.body)
		FROM page_generation g
		LEFT JOIN rendered_pages p ON p.id = ? AND p.key = ? AND p.gen = g.gen AND p.epoch = ? AND p.day = ?
		WHERE g.id = 1`
	storedPageOrQuery = `SELECT g.gen, p.headers, p.etag, CASE WHEN length(p.body) < ? OR g.gen <> ? THEN p.body END, length(p.body),
		q.headers, q.etag, CASE WHEN length(q.body) < ? OR g.gen <> ? THEN q.body END, length(q.body)
		FROM page_generation g
		LEFT JOIN rendered_pages p ON p.id = ? AND p.key = ? AND p.gen = g.gen AND p.epoch = ? AND p.day = ?
		LEFT JOIN rendered_pages q ON p.key IS NULL AND q.id = ? AND q.key = ? AND q.gen = g.gen AND q.epoch = ? AND q.day = ?
		WHERE g.id = 1`
)

// storedPage is StoredPage and (orKey not "") StoredPageOr.
func (s *Store) storedPage(ctx context.Context, key, orKey, epoch, day string) (p RenderedPage, gen int64, ok bool, err error) {
	rows := []storedPageRow{{k: hotKey{key, epoch, day}}}
	a := &rows[0]
	held := s.pages.hot.holds(a.k) // 0: not held (generations start at 1)
	if orKey == "" {
		err = s.rd.QueryRowContext(ctx, storedPageQuery, hotPageMin, held, pageID(key), key, epoch, day).Scan(&gen, &a.headers, &a.etag, &a.body, &a.size)
	} else {
		rows = append(rows, storedPageRow{k: hotKey{orKey, epoch, day}})
		a, b := &rows[0], &rows[1]
		heldOr := s.pages.hot.holds(b.k)
		err = s.rd.QueryRowContext(ctx, storedPageOrQuery, hotPageMin, held, hotPageMin, heldOr, pageID(key), key, epoch, day, pageID(orKey), orKey, epoch, day).Scan(
			&gen, &a.headers, &a.etag, &a.body, &a.size, &b.headers, &b.etag, &b.body, &b.size)
	}
	if err != nil {
		return p, 0, false, fmt.Errorf("store: stored page: %w", err)
	}
	for _, row := range rows {
		// A page waiting to be written counts as stored: it goes before
		// the page under orKey.
		if !row.headers.Valid {
			if q, ok := s.pages.pendingPage(row.k, gen); ok {
				return q, gen, true, nil
			}
			continue
		}
		return s.readStoredPage(ctx, gen, row)
	}
	return p, gen, false, nil
}

// readStoredPage completes a page the statement of storedPage found: a
// large page whose bytes it left out comes from memory, or (dropped from
// memory meanwhile) from a second statement.
func (s *Store) readStoredPage(ctx context.Context, gen int64, row storedPageRow) (RenderedPage, int64, bool, error) {
	body := row.body
	if row.size.Int64 >= hotPageMin && body == nil {
		if p, ok := s.pages.hot.get(gen, row.k); ok {
			return p, gen, true, nil
		}
		err := s.rd.QueryRowContext(ctx, `SELECT body FROM rendered_pages WHERE id = ? AND key = ? AND gen = ? AND epoch = ? AND day = ?`,
			pageID(row.k.key), row.k.key, gen, row.k.epoch, row.k.day).Scan(&body)
		if errors.Is(err, sql.ErrNoRows) {
			return RenderedPage{}, gen, false, nil // removed in between
		}
		if err != nil {
			return RenderedPage{}, 0, false, fmt.Errorf("store: stored page: %w", err)
		}
	}
	p := RenderedPage{Key: row.k.key, Gen: gen, Epoch: row.k.epoch, Day: row.k.day, Headers: row.headers.String, ETag: row.etag.String, Body: body}
	s.pages.hot.put(p)
	return p, gen, true, nil
}

// pageID gives the number a stored page is found by: FNV-1a (64 bits) of
// its key, the same in every process and on both engines. On SQLite it is
// the row id, so a lookup descends the table's b-tree alone instead of an
// index of the keys and then the table (one page read less where neither
// is in the page cache). Every statement compares the key too: two keys
// with the same number (at a million pages about one chance in 10^7) only
// take each other's place in the store, each rendered again when the
// other is stored.
func pageID(key string) int64 {
	// FNV-1a by hand: hash/fnv's hasher would be an allocation per lookup.
	h := uint64(14695981039346656037)
	for i := 0; i < len(key); i++ {
		h ^= uint64(key[i])
		h *= 1099511628211
	}
	return int64(h)
}

// bumpPageGeneration marks every stored page as rendered from old data and
// gives the new generation; it runs in the transaction of every change of
// content (inTx).
func bumpPageGeneration(ctx context.Context, tx *sql.Tx) (int64, error) {
	var gen int64
	if err := tx.QueryRowContext(ctx, `UPDATE page_generation SET gen = gen + 1 WHERE id = 1 RETURNING gen`).Scan(&gen); err != nil {
		return 0, fmt.Errorf("store: page generation: %w", err)
	}
	return gen, nil
}

// pageWriter writes rendered pages in the background, many in one
// transaction, so that a request never waits for the write lock.
type pageWriter struct {
	// mu guards queue against Close: senders hold it for reading.
	mu      sync.RWMutex
	stopped bool
	queue   chan pageJob
	done    chan struct{}
	db      *sql.DB
	// pruned is the generation below which stored pages were last removed.
	pruned    int64
	lastPrune time.Time
	// budget bounds the bytes of the stored bodies (SetPageBudget); used
	// counts them (read once, then kept by the writer).
	budget    atomic.Int64
	used      int64
	usedKnown bool
	// hot keeps the large pages most recently read (pages_hot.go).
	hot hotPages
	// pending holds the pages queued and not yet written, by address: a
	// request for one of them is answered from here instead of being
	// rendered again while the write waits (on PostgreSQL, or behind
	// SQLite's one writer), and the same page is queued once.
	pendingMu sync.Mutex
	pending   map[hotKey]RenderedPage
}

// DefaultPageBudget bounds the bytes of stored pages: addresses with a
// query (a register page after any decision, an OParl page after any
// object) are not bounded by the data, so the table is. A page that would
// exceed it is not stored (it is rendered on each request until older
// pages are removed after the next change).
const DefaultPageBudget = 512 << 20

// SetPageBudget sets the bytes the stored pages may take (0: the default).
func (s *Store) SetPageBudget(bytes int64) {
	if bytes <= 0 {
		bytes = DefaultPageBudget
	}
	s.pages.budget.Store(bytes)
}

// pageJob is a page to write, or (flush not nil) a request to report when
// everything queued before it is written.
type pageJob struct {
	page  RenderedPage
	flush chan struct{}
}

// PageQueue bounds the pages waiting to be written; a page that finds the
// queue full is not stored (it is rendered again on its next request).
const PageQueue = 4096

// StorePage keeps a rendered page for later requests; it is written in the
// background (see FlushPages).
func (s *Store) StorePage(p RenderedPage) {
	w := &s.pages
	k := hotKey{p.Key, p.Epoch, p.Day}
	w.pendingMu.Lock()
	if q, ok := w.pending[k]; ok && (q.Gen > p.Gen || q.Gen == p.Gen && q.ETag == p.ETag) {
		w.pendingMu.Unlock()
		return // queued already: the same page, or one of newer data
	}
	if w.pending == nil {
		w.pending = map[hotKey]RenderedPage{}
	}
	w.pending[k] = p
	w.pendingMu.Unlock()
	if !w.send(pageJob{page: p}, false) {
		w.written(p) // not queued: nothing to wait for
	}
}

// pendingPage gives the page queued for k if it was rendered from data of
// generation gen (the current one, read by the caller).
func (w *pageWriter) pendingPage(k hotKey, gen int64) (RenderedPage, bool) {
	w.pendingMu.Lock()
	defer w.pendingMu.Unlock()
	p, ok := w.pending[k]
	return p, ok && p.Gen == gen
}

// written forgets a queued page once its write ended (stored, refused by
// the budget, or failed: then it is rendered again on its next request).
// A page queued for the same address meanwhile (newer data, or other
// bytes) stays.
func (w *pageWriter) written(p RenderedPage) {
	k := hotKey{p.Key, p.Epoch, p.Day}
	w.pendingMu.Lock()
	if q, ok := w.pending[k]; ok && q.Gen == p.Gen && q.ETag == p.ETag {
		delete(w.pending, k)
	}
	w.pendingMu.Unlock()
}

// FlushPages waits until the pages given to StorePage before are written
// (for tests and benchmarks).
func (s *Store) FlushPages(ctx context.Context) error {
	done := make(chan struct{})
	if !s.pages.send(pageJob{flush: done}, true) {
		return nil
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// send queues a job, starting the writer first if needed; wait says whether
// to wait for room in the queue (else a job that finds it full is dropped).
// It reports whether the job was queued.
func (w *pageWriter) send(j pageJob, wait bool) bool {
	w.mu.RLock()
	if w.queue == nil && !w.stopped {
		w.mu.RUnlock()
		w.mu.Lock()
		if w.queue == nil && !w.stopped {
			w.start()
		}
		w.mu.Unlock()
		w.mu.RLock()
	}
	defer w.mu.RUnlock()
	if w.stopped {
		return false
	}
	if wait {
		w.queue <- j
		return true
	}
	select {
	case w.queue <- j:
		return true
	default:
		return false
	}
}

// start runs the writer; w.mu is held.
func (w *pageWriter) start() {
	w.queue = make(chan pageJob, PageQueue)
	w.done = make(chan struct{})
	go func() {
		defer close(w.done)
		for job := range w.queue {
			batch := []pageJob{job}
		more:
			for len(batch) < 256 {
				select {
				case j, ok := <-w.queue:
					if !ok {
						break more
					}
					batch = append(batch, j)
				default:
					break more
				}
			}
			if beforePageWrite != nil {
				beforePageWrite()
			}
			// An error leaves the pages unstored: they are rendered
			// again on their next request.
			_ = w.write(batch)
			if afterPageWrite != nil {
				afterPageWrite()
			}
			for _, j := range batch {
				if j.flush == nil {
					w.written(j.page)
				}
			}
			// A flush is done once the pages before it are written and
			// forgotten by the queue's memory: closed before, a flush
			// returned while they were still in it (TestQueuedPageIsServed
			// failed now and then under load).
			for _, j := range batch {
				if j.flush != nil {
					close(j.flush)
				}
			}
		}
	}()
}

// afterPageWrite, when set (by a test), runs after each batch is written
// and before it is forgotten by the queue's memory.
var afterPageWrite func()

// beforePageWrite, when set (by a test), runs when the writer has taken a
// batch from the queue and before it writes it: what is queued from then
// on waits for the next batch.
var beforePageWrite func()

// stop ends the writer after the queued pages (Store.Close).
func (w *pageWriter) stop() {
	w.mu.Lock()
	w.stopped = true
	q := w.queue
	w.mu.Unlock()
	if q != nil {
		close(q)
		<-w.done
	}
}

// PagePruneInterval is how often pages of older generations are removed
// (at most PagePruneBatch at a time): the table holds about the pages
// requested since the last change.
const (
	PagePruneInterval = 10 * time.Second
	PagePruneBatch    = 5000
)

// write stores the pages of a batch in one transaction (the flushes in
// it are the caller's to report).
func (w *pageWriter) write(batch []pageJob) error {
	if !slices.ContainsFunc(batch, func(j pageJob) bool { return j.flush == nil }) {
		return nil
	}
	ctx := context.Background()
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	used := w.used
	if !w.usedKnown {
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(SUM(length(body)), 0) FROM rendered_pages`).Scan(&used); err != nil {
			return err
		}
	}
	budget := w.budget.Load()
	if budget <= 0 {
		budget = DefaultPageBudget
	}
	var gen int64
	for _, j := range batch {
		if j.flush == nil {
			gen = max(gen, j.page.Gen)
		}
	}
	if gen > w.pruned && (time.Since(w.lastPrune) > PagePruneInterval || used > budget*9/10) {
		freed, err := prunePages(ctx, tx, gen)
		if err != nil {
			return err
		}
		used -= freed
		w.pruned, w.lastPrune = gen, time.Now()
	}
	for _, j := range batch {
		if j.flush != nil {
			continue
		}
		p := j.page
		var old int64
		if err := tx.QueryRowContext(ctx, `SELECT length(body) FROM rendered_pages WHERE id = ?`, pageID(p.Key)).Scan(&old); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if used-old+int64(len(p.Body)) > budget {
			continue // over budget: rendered again next time
		}
		// A page of an older generation never replaces a newer one.
		// The row of another key with the same number is replaced too
		// (pageID).
		res, err := tx.ExecContext(ctx, `INSERT INTO rendered_pages (id, key, gen, epoch, day, headers, etag, body)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET key = excluded.key, gen = excluded.gen, epoch = excluded.epoch, day = excluded.day,
				headers = excluded.headers, etag = excluded.etag, body = excluded.body
			WHERE excluded.gen >= rendered_pages.gen`,
			pageID(p.Key), p.Key, p.Gen, p.Epoch, p.Day, p.Headers, p.ETag, p.Body)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			used += int64(len(p.Body)) - old
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	w.used, w.usedKnown = used, true
	return nil
}

// prunePages removes up to PagePruneBatch pages of generations before gen
// and gives the bytes freed.
func prunePages(ctx context.Context, tx *sql.Tx, gen int64) (int64, error) {
	rows, err := tx.QueryContext(ctx, `DELETE FROM rendered_pages WHERE id IN
		(SELECT id FROM rendered_pages WHERE gen < ? LIMIT ?) RETURNING length(body)`, gen, PagePruneBatch)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var freed int64
	for rows.Next() {
		var n int64
		if err := rows.Scan(&n); err != nil {
			return 0, err
		}
		freed += n
	}
	return freed, rows.Err()
}

// StoredPageBytes gives the bytes of the stored pages' bodies (for tests).
func (s *Store) StoredPageBytes(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(SUM(length(body)), 0) FROM rendered_pages`).Scan(&n)
	return n, err
}

// PageGeneration gives the generation of the stored data: it grows with
// every committed change of content (in any process), so that validators
// can be keyed on it instead of hashing the bytes of an answer.
func (s *Store) PageGeneration(ctx context.Context) (int64, error) {
	var gen int64
	if err := s.rd.QueryRowContext(ctx, `SELECT gen FROM page_generation WHERE id = 1`).Scan(&gen); err != nil {
		return 0, fmt.Errorf("store: page generation: %w", err)
	}
	return gen, nil
}
