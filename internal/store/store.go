// Package store owns gremium's persistence: one Store type over a SQL
// database, hand-written SQL, goose migrations embedded per dialect. Every
// change runs in a transaction and writes a line to the audit log in the same
// transaction; versioned rows refuse stale updates with ErrConflict; adopted
// decisions and approved minutes refuse changes with ErrImmutable.
package store

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pressly/goose/v3"
	"modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"

	"gremium/internal/jsontext"
	"gremium/internal/kept"
	"gremium/internal/model"
)

//go:embed migrations/sqlite/*.sql
var sqliteMigrations embed.FS

// Errors the store returns; test them with errors.Is. They are classed
// errors (model.Error) with a German reason, so front ends answer them
// without knowing the store: errors.Is(err, model.ErrNotFound) holds for
// ErrNotFound and for every other not-found error.
var (
	// ErrNotFound means the row does not exist.
	ErrNotFound error = &model.Error{Class: model.ErrNotFound, Reason: "Der Eintrag existiert nicht (mehr)."}
	// ErrConflict means the row was changed since it was read (its version
	// no longer matches): by someone else, or by the same user in another
	// window or tab, which the reason names too.
	ErrConflict error = &model.Error{Class: model.ErrConflict, Reason: "Dieser Eintrag wurde inzwischen geändert – von jemand anderem oder von Ihnen in einem anderen Fenster. Ihre Änderung wurde nicht gespeichert, die andere bleibt erhalten."}
	// ErrImmutable means the row may no longer change: an adopted decision or
	// the minutes of a session whose minutes are approved.
	ErrImmutable error = &model.Error{Class: model.ErrRule, Reason: "Das Protokoll dieser Sitzung ist genehmigt oder der Beschluss ist gefasst; beides ist unveränderlich. Korrekturen werden als neue Fassung angelegt."}
	// ErrFloorMoved means a speakers'-list form was read with another
	// speaker at the floor than the one who has it now (checkFloorSeen): a
	// second window, or the same button clicked twice. The error returned
	// names who has the floor and wraps it; front ends show the list as it
	// is with the reason as a note rather than an error page.
	ErrFloorMoved error = &model.Error{Class: model.ErrConflict, Reason: "Die Redeliste hat sich inzwischen geändert. Nichts ist geändert; bitte den jetzigen Stand prüfen."}
	// ErrVoteRunning means a vote was to be opened while one runs in the
	// session (one vote at a time): the button clicked twice, or a second
	// proposal. Front ends lead to the running vote.
	ErrVoteRunning error = &model.Error{Class: model.ErrConflict, Reason: "In dieser Sitzung läuft bereits eine Abstimmung; sie muss zuerst geschlossen oder abgebrochen werden."}
	// ErrOnTheList means a speaker asked for the floor who waits or speaks
	// at the item already: a second tap on "Wortmeldung", which the web
	// answers as done. The error returned names the member and wraps it.
	ErrOnTheList error = &model.Error{Class: model.ErrConflict, Reason: "Die Wortmeldung steht bereits auf der Redeliste dieses Tagesordnungspunkts."}
	// ErrDuplicate means a row with the same natural key exists.
	ErrDuplicate error = &model.Error{Class: model.ErrConflict, Reason: "Ein Eintrag mit dieser Nummer oder diesem Namen existiert bereits."}
)

// DBFileName is the name of the SQLite file inside the data directory.
const DBFileName = "gremium.db"

// Store is gremium's database.
type Store struct {
	db   *sql.DB
	path string
	now  func() time.Time
	// version counts the changes of the stored data (see Version).
	version atomic.Uint64
	// knownGen is the page generation (page_generation.gen, moved by every
	// change of content in any process) this store's version has counted:
	// its own commits note theirs, the watch of other writers (SQLite)
	// moves the version only for a generation above it.
	knownGen atomic.Int64
	stopPoll func()
	// txChanges holds the audit changes of each open transaction (inTx).
	txMu      sync.Mutex
	txChanges map[*sql.Tx]*changeSet
	// auditStmts are the audit's statements, prepared at Open.
	auditStmts map[string]*sql.Stmt
	closed     atomic.Bool
	// stmts holds prepared read statements by query text (readStmt).
	stmts sync.Map
	// dialect is the engine ("" for SQLite); pgURL the PostgreSQL
	// database (postgres.go); hub the cross-instance messages (cluster.go).
	dialect Dialect
	pgURL   string
	hub     *clusterHub
	// rd runs reads outside transactions through prepared statements.
	rd *reader
	// pages writes rendered public pages in the background (pages.go).
	pages pageWriter
	// registerCounts keeps the register's numbers of matches per data
	// version (register_keyset.go).
	registerCounts kept.Map[RegisterFilter, int]
	// decisionStates keeps, per data version, how many decisions are in
	// each kept Stand der Umsetzung (registerWhereNow's choice of plan).
	decisionStates kept.Map[model.Implementation, int]
	// registerTexts keeps the candidates of the register's full-text
	// filters per data version (register.go).
	registerTexts kept.Map[registerTextKey, registerCandidates]
	// followUpDue and followUpCounts keep the follow-up lists' due
	// sessions per council and counts per query (followup_list.go).
	followUpDue    kept.Map[int64, map[int]model.Session]
	followUpCounts kept.Map[followUpCountKey, [2]int]
}

// Open opens (and creates, if needed) the SQLite database in the data
// directory dir and brings its schema up to date.
func Open(ctx context.Context, dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("store: create data directory: %w", err)
	}
	path := filepath.Join(dir, DBFileName)
	connector, err := sqliteConnector(path)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db := sql.OpenDB(connector)
	// Keep the connections open: opening one re-reads the schema and
	// applies the pragmas, which under load costs more than the queries.
	db.SetMaxOpenConns(MaxConns)
	db.SetMaxIdleConns(MaxConns)
	s := &Store{db: db, path: path, now: time.Now, txChanges: map[*sql.Tx]*changeSet{}}
	s.rd = &reader{s: s}
	s.pages.db = db
	if err := s.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.prepareAudit(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.watchOtherWriters(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Path gives the path of the database file.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil // closed already
	}
	s.stopPoll()
	s.pages.stop()
	for _, st := range s.auditStmts {
		st.Close()
	}
	s.stmts.Range(func(_, st any) bool {
		st.(*sql.Stmt).Close()
		return true
	})
	return s.db.Close()
}

// CloseAtExit ends the store of a process that exits right after it (the
// command `gremium import minutes`): it stops the background work as Close
// does, writes what the store has queued, and on SQLite checkpoints the
// write-ahead log into the database file (PRAGMA wal_checkpoint, which
// syncs the log and the file), but leaves the connections open for the
// process's end to drop. Closing them frees every connection's page cache
// page by page, each page given back to the system by the allocator of
// modernc.org/libc: a profile of six imports in one process put it at
// 53–68 ms an import, but in the command itself it was 6.5–9.8 ms, within
// the spread of the command's processor time (docs/performance.md,
// "PostgreSQL leftovers"). What was committed
// is in the database file as after Close, unless another process holds
// the database open (a server beside the import): then the rest of the
// log is checkpointed by that process, as after Close too. On PostgreSQL
// it is Close. The store is closed afterwards either way; only a process
// that ends soon may call it, as the connections' memory stays.
func (s *Store) CloseAtExit(ctx context.Context) error {
	if s.isPG() {
		return s.Close()
	}
	if s.closed.Swap(true) {
		return nil // closed already
	}
	s.stopPoll()
	s.pages.stop()
	if _, err := s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`); err != nil {
		return fmt.Errorf("store: checkpoint: %w", err)
	}
	return nil
}

// MaxConns bounds the open database connections (readers run in parallel
// in WAL mode; writers queue on the write lock anyway).
const MaxConns = 16

// PollInterval is how often the store looks for changes made by other
// processes (a "gremium import" next to the running server).
const PollInterval = time.Second

// Version gives a number that changes whenever the stored data changes:
// at once for changes through this Store, within PollInterval for changes
// by other processes. Caches of rendered pages key on it.
func (s *Store) Version() uint64 { return s.version.Load() }

// watchOtherWriters watches, on a connection of its own, the page
// generation that every change of content moves in its transaction, by any
// process (a "gremium import" next to the server): a generation this store
// has not counted moves the version. (SQLite's data_version, watched
// before, also moved with this store's own background writes — stored
// pages, the login touch — and made everything kept per version be read
// again up to once a second.) The generation at Open is read on a pooled
// connection; the watch takes its own connection at its first look, a
// PollInterval later, so that a short command (`gremium import minutes`,
// done in less than a second) does not open a connection — and read the
// whole schema into it — only to hold it unused, and its first query
// finds the connection Open used still open.
func (s *Store) watchOtherWriters() error {
	ctx, cancel := context.WithCancel(context.Background())
	var g int64
	if err := s.db.QueryRowContext(ctx, watchQuery).Scan(&g); err != nil {
		cancel()
		return fmt.Errorf("store: data version: %w", err)
	}
	s.noteGeneration(g)
	done := make(chan struct{})
	go func() {
		defer close(done)
		var conn *sql.Conn
		defer func() {
			if conn != nil {
				conn.Close()
			}
		}()
		tick := time.NewTicker(PollInterval)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				if conn == nil {
					c, err := s.db.Conn(ctx)
					if err != nil {
						continue // tried again at the next look
					}
					conn = c
				}
				var g int64
				if err := conn.QueryRowContext(ctx, watchQuery).Scan(&g); err == nil && s.noteGeneration(g) {
					s.version.Add(1)
				}
			}
		}
	}()
	s.stopPoll = func() { cancel(); <-done }
	return nil
}

// watchQuery reads the page generation (watchOtherWriters).
const watchQuery = `SELECT gen FROM page_generation WHERE id = 1`

// SetClock replaces the clock used for audit timestamps (for tests).
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// Now gives the store's current time (its clock, SetClock), so that the
// pages that show "today" agree with the writes that check it.
func (s *Store) Now() time.Time { return s.now() }

func (s *Store) provider() (*goose.Provider, error) {
	migrations, dir, dialect := fs.FS(sqliteMigrations), "migrations/sqlite", goose.DialectSQLite3
	if s.isPG() {
		migrations, dir, dialect = postgresMigrations, "migrations/postgres", goose.DialectPostgres
	}
	sub, err := fs.Sub(migrations, dir)
	if err != nil {
		return nil, err
	}
	// Migrations are numbered in ranges by the feature that brought them,
	// so a database may have a higher number applied than one added later:
	// apply such missing migrations instead of refusing to start.
	return goose.NewProvider(dialect, s.db, sub, goose.WithAllowOutofOrder(true),
		goose.WithGoMigrations(goose.NewGoMigration(31, &goose.GoFunc{RunTx: sealAuditLog}, nil),
			goose.NewGoMigration(177, &goose.GoFunc{RunTx: fillResponsibleKeys}, nil),
			goose.NewGoMigration(221, &goose.GoFunc{RunTx: rebuildFollowUpPublicRows}, nil),
			goose.NewGoMigration(730, &goose.GoFunc{RunTx: fixBodyCases}, nil),
			goose.NewGoMigration(981, &goose.GoFunc{RunTx: fillResponsiblePublicKeys}, &goose.GoFunc{RunTx: emptyResponsiblePublicKeys}),
			goose.NewGoMigration(982, &goose.GoFunc{RunTx: fillResponsibleKeys}, nil),
			goose.NewGoMigration(988, &goose.GoFunc{RunTx: rebuildFollowUpPublic}, nil),
			goose.NewGoMigration(keptIDsVersion, &goose.GoFunc{RunTx: s.keepIDs}, &goose.GoFunc{RunTx: s.unkeepIDs})))
}

// Migrate applies all pending schema migrations.
func (s *Store) Migrate(ctx context.Context) error {
	p, err := s.provider()
	if err != nil {
		return fmt.Errorf("store: migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	return nil
}

// SchemaVersion gives the version of the newest applied migration.
func (s *Store) SchemaVersion(ctx context.Context) (int64, error) {
	p, err := s.provider()
	if err != nil {
		return 0, err
	}
	return p.GetDBVersion(ctx)
}

type actorKey struct{}

// WithActor returns a context whose changes are logged under the given actor
// (a user name, "demo", "import").
func WithActor(ctx context.Context, actor string) context.Context {
	return context.WithValue(ctx, actorKey{}, actor)
}

func actorFrom(ctx context.Context) string {
	if a, ok := ctx.Value(actorKey{}).(string); ok && a != "" {
		return a
	}
	return "system"
}

// queryer is what both *sql.DB and *sql.Tx offer.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// inTx runs fn in one transaction: all or nothing. The audit entries of
// the changes fn made are written at its end, in the same transaction.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if s.isPG() {
		// One writer at a time across all instances, as SQLite's write
		// lock: the audit chain and the gapless numbers build on the last
		// committed row. The lock ends with the transaction.
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, lockWrite); err != nil {
			tx.Rollback()
			return fmt.Errorf("store: write lock: %w", err)
		}
	}
	cs := newChangeSet()
	s.txMu.Lock()
	s.txChanges[tx] = cs
	s.txMu.Unlock()
	defer func() {
		s.txMu.Lock()
		delete(s.txChanges, tx)
		s.txMu.Unlock()
	}()
	mark, err := dirtyMark(ctx, tx)
	if err != nil {
		tx.Rollback()
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := s.flushChanges(ctx, tx); err != nil {
		tx.Rollback()
		return err
	}
	var gen int64
	if cs.content || !cs.quiet {
		// Stored public pages were rendered from the data before.
		if gen, err = bumpPageGeneration(ctx, tx); err != nil {
			tx.Rollback()
			return err
		}
	}
	// The public follow-up counts the change moved (followup_public.go).
	if err := s.syncFollowUpPublic(ctx, tx); err != nil {
		tx.Rollback()
		return err
	}
	// The OParl objects the change touched, in the same transaction, at
	// the time the audit log gives the change (OParl's tables are derived
	// data, not audited) — unless the operation leaves them marked for
	// the backlog sync after its commit (OParlAfterCommit).
	if !cs.oparlAfterCommit {
		if _, err := s.syncOParl(ctx, tx, mark, 0, false, cs.at); err != nil {
			tx.Rollback()
			return err
		}
	}
	if s.isPG() && (cs.content || !cs.quiet) {
		// The other instances bump their data version when this commits.
		if err := s.notifyChanged(ctx, tx); err != nil {
			tx.Rollback()
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	if cs.content || !cs.quiet {
		// Logins change no page: they leave cached pages valid.
		s.noteGeneration(gen)
		s.version.Add(1)
	}
	return nil
}

// noteGeneration counts page generation g as seen by this store's
// version; it gives whether g was new.
func (s *Store) noteGeneration(g int64) bool {
	for {
		k := s.knownGen.Load()
		if g <= k {
			return false
		}
		if s.knownGen.CompareAndSwap(k, g) {
			return true
		}
	}
}

// auditTime is the audit log's time format: fixed width, so that times sort
// as text.
const auditTime = "2006-01-02T15:04:05.000000000Z"

// insert runs an INSERT inside tx, audits it and gives the new row's id.
func (s *Store) insert(ctx context.Context, tx *sql.Tx, entity, detail, query string, args ...any) (int64, error) {
	id, _, err := s.insertID(ctx, tx, query, args...)
	if err != nil {
		if isUniqueViolation(err) {
			return 0, fmt.Errorf("store: create %s %s: %w", entity, detail, ErrDuplicate)
		}
		return 0, fmt.Errorf("store: create %s: %w", entity, err)
	}
	if err := s.created(ctx, tx, entity, id); err != nil {
		return 0, err
	}
	return id, s.audit(ctx, tx, "create", entity, id, detail)
}

// updateVersioned runs "UPDATE table SET <set>, version = version + 1 WHERE
// id = ? AND version = ?" inside tx and audits it. A stale version gives
// ErrConflict, a missing row ErrNotFound.
func (s *Store) updateVersioned(ctx context.Context, tx *sql.Tx, table, entity string, id int64, version int, set string, args ...any) error {
	if err := s.touch(ctx, tx, entity, id); err != nil {
		return err
	}
	args = append(args, id, version)
	res, err := tx.ExecContext(ctx, "UPDATE "+table+" SET "+set+", version = version + 1 WHERE id = ? AND version = ?", args...)
	if err != nil {
		if isUniqueViolation(err) {
			return fmt.Errorf("store: update %s %d: %w", entity, id, ErrDuplicate)
		}
		return fmt.Errorf("store: update %s %d: %w", entity, id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		var exists int
		if err := tx.QueryRowContext(ctx, "SELECT 1 FROM "+table+" WHERE id = ?", id).Scan(&exists); errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: update %s %d: %w", entity, id, ErrNotFound)
		}
		return fmt.Errorf("store: update %s %d (version %d): %w", entity, id, version, ErrConflict)
	}
	return s.audit(ctx, tx, "update", entity, id, "")
}

// updatePlain runs an unversioned UPDATE by id and audits it.
func (s *Store) updatePlain(ctx context.Context, tx *sql.Tx, table, entity string, id int64, set string, args ...any) error {
	if err := s.touch(ctx, tx, entity, id); err != nil {
		return err
	}
	args = append(args, id)
	res, err := tx.ExecContext(ctx, "UPDATE "+table+" SET "+set+" WHERE id = ?", args...)
	if err != nil {
		if isUniqueViolation(err) {
			return fmt.Errorf("store: update %s %d: %w", entity, id, ErrDuplicate)
		}
		return fmt.Errorf("store: update %s %d: %w", entity, id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: update %s %d: %w", entity, id, ErrNotFound)
	}
	return s.audit(ctx, tx, "update", entity, id, "")
}

// isUniqueViolation recognises a violated UNIQUE or PRIMARY KEY constraint
// by SQLite's extended result code or PostgreSQL's SQLSTATE, never by the
// message text.
func isUniqueViolation(err error) bool {
	if isPGUniqueViolation(err) {
		return true
	}
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	return e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
}

// joinRefusals gives the refusals among errs joined (errors.Join of input
// and rule errors: every reason a write breaks at once, each at its
// field), nil when there are none; an error of another class alone, as a
// failure that is no reason for the user must not hide behind one.
func joinRefusals(errs ...error) error {
	var refusals []error
	for _, err := range errs {
		for _, e := range model.ErrorsOf(err) {
			switch model.ClassOf(e) {
			case model.ErrInput, model.ErrRule:
				refusals = append(refusals, e)
			default:
				return err
			}
		}
	}
	return errors.Join(refusals...)
}

func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: %s: %w", what, ErrNotFound)
	}
	return fmt.Errorf("store: %s: %w", what, err)
}

// nullID stores 0 as NULL for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func toJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		// Only slices of strings, ints, model.Point/Term and plain structs
		// of them (a briefing version's kept key messages) are stored:
		// they always marshal.
		panic(err)
	}
	return string(b)
}

func fromJSON[T any](s string) ([]T, error) {
	var v []T
	if s == "" {
		return nil, nil
	}
	// Lists of strings (points, sources, …), read with every loaded row,
	// mostly need no escapes: read without reflection.
	if p, ok := any(&v).(*[]string); ok {
		if list, ok := jsontext.Strings(s); ok {
			*p = list
			return v, nil
		}
	}
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return nil, fmt.Errorf("store: decode list: %w", err)
	}
	return v, nil
}

func parseDate(s string) model.Date {
	d, err := model.ParseDate(s)
	if err != nil {
		return model.Date{}
	}
	return d
}

// AuditLog gives the audit entries for one entity, oldest first, with the
// import that created it (an entry of its session) if an import did.
func (s *Store) AuditLog(ctx context.Context, entity string, id int64) ([]model.AuditEntry, error) {
	imported, args := importedBy(entity, id)
	rows, err := s.db.QueryContext(ctx,
		`SELECT `+auditCols+` FROM audit_log WHERE (entity = ? AND entity_id = ?) OR `+imported+` ORDER BY id`, append([]any{entity, id}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("store: audit log: %w", err)
	}
	defer rows.Close()
	var out []model.AuditEntry
	for rows.Next() {
		e, err := scanAuditEntry(rows)
		if err != nil {
			return nil, fmt.Errorf("store: audit log: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(...any) error }

// queryList runs query and scans every row with scan.
func queryList[T any](ctx context.Context, q queryer, scan func(scanner) (T, error), what, query string, args ...any) ([]T, error) {
	queries.Add(1)
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("store: %s: %w", what, err)
		}
		out = append(out, v)
	}
	noteRows(len(out))
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	if afterRead != nil {
		afterRead(what)
	}
	return out, nil
}

// afterRead, when set (by a test), runs after queryList has read the rows
// of a statement, with its what: a test changes the data there to see that
// an operation's read is one view.
var afterRead func(what string)

// queryOne runs query and scans its single row; no row gives ErrNotFound.
func queryOne[T any](ctx context.Context, q queryer, scan func(scanner) (T, error), what, query string, args ...any) (T, error) {
	queries.Add(1)
	v, err := scan(q.QueryRowContext(ctx, query, args...))
	if err != nil {
		return v, notFound(err, what)
	}
	rowsRead.Add(1)
	return v, nil
}

func timeParse(s string) (time.Time, error) { return time.Parse("2006-01-02T15:04:05Z", s) }

// Times are when a row was created and last changed, from the audit log.
type Times struct {
	Created  time.Time
	Modified time.Time
	Removed  bool // the last action was a removal
}

// EntityTimes gives the created/modified times of every row of an entity
// type that the audit log knows.
func (s *Store) EntityTimes(ctx context.Context, entity string) (map[int64]Times, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT entity_id, MIN(at), MAX(at), MAX(CASE WHEN action = 'remove' THEN id ELSE 0 END) = MAX(id)
		FROM audit_log WHERE entity = ? GROUP BY entity_id`, entity)
	if err != nil {
		return nil, fmt.Errorf("store: entity times: %w", err)
	}
	defer rows.Close()
	out := map[int64]Times{}
	for rows.Next() {
		var id int64
		var created, modified string
		var removed bool
		if err := rows.Scan(&id, &created, &modified, &removed); err != nil {
			return nil, fmt.Errorf("store: entity times: %w", err)
		}
		t := Times{Removed: removed}
		t.Created, _ = time.Parse(time.RFC3339Nano, created)
		t.Modified, _ = time.Parse(time.RFC3339Nano, modified)
		out[id] = t
	}
	return out, rows.Err()
}

// where collects the conditions of a query filter; building the condition
// from the fields that are set (rather than "? = 0 OR col = ?") lets SQLite
// use the indexes.
type where struct {
	conds []string
	args  []any
}

// add appends a condition with its arguments.
func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// sql gives " WHERE a AND b", or "" without conditions.
func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}
