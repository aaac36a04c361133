package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	neturl "net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

//go:embed migrations/postgres/*.sql
var postgresMigrations embed.FS

// Dialect names the SQL engine under a Store.
type Dialect string

// The engines gremium runs on.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// IsPostgresURL tells whether database names a PostgreSQL database
// (postgres://… or postgresql://…) rather than an SQLite data directory.
func IsPostgresURL(database string) bool {
	return strings.HasPrefix(database, "postgres://") || strings.HasPrefix(database, "postgresql://")
}

// OpenDatabase opens the store on database: a PostgreSQL URL
// (postgres://user@host/db), or "" for the SQLite file in the data directory
// dir. It brings the schema up to date either way.
func OpenDatabase(ctx context.Context, database, dir string) (*Store, error) {
	if database == "" {
		return Open(ctx, dir)
	}
	if !IsPostgresURL(database) {
		return nil, fmt.Errorf("store: database %q: give a postgres:// URL, or none for SQLite in the data directory", database)
	}
	return openPostgres(ctx, database)
}

// openPostgres opens a PostgreSQL database through pgx's database/sql
// driver, wrapped so that the store's SQL (written with ? placeholders, as
// SQLite takes it) runs unchanged.
func openPostgres(ctx context.Context, url string) (*Store, error) {
	url, conns, err := poolSize(url)
	if err != nil {
		return nil, err
	}
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("store: postgres URL: %w", err)
	}
	cfg.Tracer = pgTracer{}
	db := sql.OpenDB(pgConnector{stdlib.GetConnector(*cfg)})
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: connect to postgres: %w", err)
	}
	s := &Store{db: db, dialect: Postgres, pgURL: url, now: time.Now, txChanges: map[*sql.Tx]*changeSet{}}
	s.rd = &reader{s: s}
	s.pages.db = db
	// Two instances starting at once on an empty database must not both
	// create the schema.
	if err := s.withSessionLock(ctx, lockMigrate, s.Migrate); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.prepareAudit(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.listenForChanges(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// PGMaxConns is the default number of connections a store keeps open to
// PostgreSQL (docs/postgres.md, "Connections"); the URL's parameter
// pool_max_conns sets another.
const PGMaxConns = MaxConns

// poolSize takes the parameter pool_max_conns (the name pgxpool gives it)
// out of a PostgreSQL URL: the number of connections the store keeps open,
// PGMaxConns without it. The server would refuse it as an unknown setting.
func poolSize(raw string) (string, int, error) {
	u, err := neturl.Parse(raw)
	if err != nil {
		return "", 0, fmt.Errorf("store: postgres URL: %w", err)
	}
	q := u.Query()
	v := q.Get("pool_max_conns")
	if !q.Has("pool_max_conns") {
		return raw, PGMaxConns, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return "", 0, fmt.Errorf("store: postgres URL: pool_max_conns %q: give a number of connections, at least 1", v)
	}
	q.Del("pool_max_conns")
	u.RawQuery = q.Encode()
	return u.String(), n, nil
}

// Dialect gives the engine of the store.
func (s *Store) Dialect() Dialect {
	if s.dialect == "" {
		return SQLite
	}
	return s.dialect
}

// isPG tells whether the store runs on PostgreSQL.
func (s *Store) isPG() bool { return s.dialect == Postgres }

// Advisory lock keys (pg_advisory_lock): one number per purpose, the same
// on every instance.
const (
	// lockWrite serialises the store's write transactions across instances,
	// as SQLite's write lock does within one file: the audit chain and the
	// gapless numbers are computed from the last committed row.
	lockWrite int64 = 0x6772656d01
	// lockMigrate lets one instance at a time apply migrations.
	lockMigrate int64 = 0x6772656d02
	// lockSearchRebuild lets one instance at a time rebuild the search
	// index (WithSearchRebuild).
	lockSearchRebuild int64 = 0x6772656d03
)

// withSessionLock runs fn holding the session-level advisory lock key on
// one connection (PostgreSQL only).
func (s *Store) withSessionLock(ctx context.Context, key int64, fn func(context.Context) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: lock: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(?)`, key); err != nil {
		return fmt.Errorf("store: lock: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(?)`, key)
	return fn(ctx)
}

// isPGUniqueViolation recognises a violated unique constraint by its
// SQLSTATE (23505), never by the message text.
func isPGUniqueViolation(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == "23505"
}

// insertID runs an INSERT in tx and gives the id of the new row: SQLite
// reports it as the last insert id, PostgreSQL gives it by RETURNING.
func (s *Store) insertID(ctx context.Context, tx *sql.Tx, query string, args ...any) (id int64, affected bool, err error) {
	if s.isPG() {
		err := tx.QueryRowContext(ctx, query+" RETURNING id", args...).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) { // ON CONFLICT DO NOTHING skipped it
			return 0, false, nil
		}
		return id, err == nil, err
	}
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, false, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return 0, false, nil
	}
	id, err = res.LastInsertId()
	return id, err == nil, err
}

// pgConnector opens pgx connections whose statements are rebound from ?
// placeholders to PostgreSQL's $1, $2 … (see rebind).
type pgConnector struct{ inner driver.Connector }

// Connect opens one connection.
func (c pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &pgConn{conn.(*stdlib.Conn)}, nil
}

// Driver gives pgx's driver.
func (c pgConnector) Driver() driver.Driver { return c.inner.Driver() }

// pgConn is a pgx connection that rebinds every statement.
type pgConn struct{ c *stdlib.Conn }

func (c *pgConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}
func (c *pgConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	st, err := c.c.PrepareContext(ctx, rebind(query))
	if err != nil {
		return nil, err
	}
	return &pgStmt{st.(*stdlib.Stmt), ownTables(query)}, nil
}
func (c *pgConn) Close() error { return c.c.Close() }
func (c *pgConn) Begin() (driver.Tx, error) {
	return c.c.BeginTx(context.Background(), driver.TxOptions{})
}
func (c *pgConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.c.BeginTx(ctx, opts)
}
func (c *pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	return c.c.ExecContext(ctx, rebind(query), convertArgs(ownTables(query), args))
}
func (c *pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return c.c.QueryContext(ctx, rebind(query), convertArgs(ownTables(query), args))
}
func (c *pgConn) Ping(ctx context.Context) error         { return c.c.Ping(ctx) }
func (c *pgConn) ResetSession(ctx context.Context) error { return c.c.ResetSession(ctx) }

// CheckNamedValue passes every value to pgx (see convertArgs).
func (c *pgConn) CheckNamedValue(*driver.NamedValue) error { return nil }

// pgStmt is a prepared statement whose arguments convertArgs converts.
type pgStmt struct {
	*stdlib.Stmt
	own bool
}

func (s *pgStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	return s.Stmt.ExecContext(ctx, convertArgs(s.own, args))
}
func (s *pgStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	return s.Stmt.QueryContext(ctx, convertArgs(s.own, args))
}

// ownTables tells whether a statement is the store's own (not goose's
// bookkeeping, whose table has a real boolean column).
func ownTables(query string) bool { return !strings.Contains(query, "goose_db_version") }

// convertArgs stores Go booleans as 0 and 1, as SQLite does: the schema
// keeps flags in integer columns on both engines. Times become the text
// SQLite's driver writes.
func convertArgs(own bool, args []driver.NamedValue) []driver.NamedValue {
	if !own {
		return args
	}
	for i := range args {
		switch v := args[i].Value.(type) {
		case bool:
			if v {
				args[i].Value = int64(1)
			} else {
				args[i].Value = int64(0)
			}
		case time.Time:
			args[i].Value = v.Format(sqliteTime)
		}
	}
	return args
}

// sqliteTime is the layout in which SQLite's driver writes a time.
const sqliteTime = "2006-01-02 15:04:05.999999999-07:00"

// rebound caches rebind's results: the store's statements are constants.
var rebound sync.Map

// rebind turns the ? (and ?NNN) placeholders of a statement into $1, $2 … outside
// string literals, quoted names and comments, and SQLite's "INSERT OR
// IGNORE" into PostgreSQL's "ON CONFLICT DO NOTHING".
func rebind(query string) string {
	if q, ok := rebound.Load(query); ok {
		return q.(string)
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		ch := query[i]
		switch {
		case ch == '\'' || ch == '"':
			j := strings.IndexByte(query[i+1:], ch)
			if j < 0 {
				b.WriteString(query[i:])
				i = len(query)
				continue
			}
			b.WriteString(query[i : i+j+2])
			i += j + 1
		case ch == '-' && i+1 < len(query) && query[i+1] == '-':
			j := strings.IndexByte(query[i:], '\n')
			if j < 0 {
				j = len(query) - i
			}
			b.WriteString(query[i : i+j])
			i += j - 1
		case ch == '?':
			j := i + 1
			for j < len(query) && query[j] >= '0' && query[j] <= '9' {
				j++
			}
			b.WriteByte('$')
			if j > i+1 { // SQLite's ?NNN: the NNN-th argument
				b.WriteString(query[i+1 : j])
				i = j - 1
				continue
			}
			n++
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(ch)
		}
	}
	q := b.String()
	if rest, ok := cutFoldPrefix(strings.TrimSpace(q), "INSERT OR IGNORE INTO"); ok {
		q = "INSERT INTO" + rest + " ON CONFLICT DO NOTHING"
	}
	rebound.Store(query, q)
	return q
}

// cutFoldPrefix is strings.CutPrefix ignoring ASCII case.
func cutFoldPrefix(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// noLimit is a LIMIT that takes every row on both engines (SQLite's
// LIMIT -1 is an error in PostgreSQL).
const noLimit = 1 << 62

// jsonInts gives a table expression over the JSON array of integers in the
// column col, with the integers in its column "value".
func (s *Store) jsonInts(col string) string {
	if s.isPG() {
		return "LATERAL (SELECT CAST(e AS BIGINT) AS value FROM json_array_elements_text(CAST(" + col + " AS json)) e)"
	}
	return "json_each(" + col + ")"
}

// foreignKeysTo gives a query for the foreign keys that refer to the
// tables named (constants of the store, not input): rows of the referring
// table, its column and the table referred to, ordered by table.
func (s *Store) foreignKeysTo(tables ...string) string {
	in := "'" + strings.Join(tables, "', '") + "'"
	if s.isPG() {
		return `SELECT kcu.table_name, kcu.column_name, ccu.table_name FROM information_schema.table_constraints tc
			JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
			JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
			WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema() AND ccu.table_name IN (` + in + `)
			ORDER BY kcu.table_name, kcu.column_name`
	}
	return `SELECT m.name, p."from", p."table" FROM sqlite_master m, pragma_foreign_key_list(m.name) p
		WHERE m.type = 'table' AND p."table" IN (` + in + `) ORDER BY m.name`
}
