package store

import (
	"container/list"
	"context"
	"database/sql"
	"database/sql/driver"
	"sync/atomic"

	"modernc.org/sqlite"
)

// MaxPrepared bounds the read statements kept prepared per store: the
// store's queries are fixed texts and filter combinations, a few hundred;
// texts beyond the bound (lists of placeholders of varying length) are
// compiled for each use as before.
const MaxPrepared = 2000

// reader is the queryer of the store's reads outside transactions: it runs
// every query through a statement prepared once per store and text
// (database/sql prepares it on each connection the first time it runs
// there and keeps it with the connection), so SQLite compiles a query
// once per connection instead of once per request. Compiling was about
// half the processor time of a rendered decision page.
type reader struct {
	s *Store
	n atomic.Int64 // statements prepared
}

// stmt gives the prepared statement of query, or nil when the bound is
// reached or the store is closing.
func (r *reader) stmt(ctx context.Context, query string) *sql.Stmt {
	if st, ok := r.s.stmts.Load(query); ok {
		return st.(*sql.Stmt)
	}
	if r.s.closed.Load() || r.n.Load() >= MaxPrepared {
		return nil
	}
	st, err := r.s.readStmt(ctx, query)
	if err != nil {
		// The query runs unprepared and reports its error there.
		return nil
	}
	r.n.Add(1)
	return st
}

// QueryContext runs a query through its prepared statement.
func (r *reader) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := r.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return r.s.db.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a single-row query through its prepared statement.
func (r *reader) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := r.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return r.s.db.QueryRowContext(ctx, query, args...)
}

// ExecContext runs a statement on the database (writes are not prepared
// here: they run in transactions).
func (r *reader) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return r.s.db.ExecContext(ctx, query, args...)
}

// ConnStmtCache bounds the statements each SQLite connection keeps
// compiled (stmtCachingConn): enough for every fixed query text the store
// runs in a transaction, few enough that 16 connections stay a few MB.
const ConnStmtCache = 256

// sqliteConnector gives the connector of the SQLite file at path: WAL,
// foreign keys, immediate transactions (they take the write lock at BEGIN,
// so concurrent writers queue on busy_timeout instead of failing on lock
// upgrade), and connections that keep their statements compiled.
func sqliteConnector(path string) (driver.Connector, error) {
	dsn := "file:" + path + "?_txlock=immediate" +
		"&_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)" +
		"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"
	c, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return stmtCachingConnector{c}, nil
}

// stmtCachingConnector opens SQLite connections that keep the statements
// they ran compiled, keyed by query text (see stmtCachingConn).
type stmtCachingConnector struct{ driver.Connector }

// Connect opens one connection with its statement cache.
func (c stmtCachingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	inner, ok := conn.(sqliteConn)
	if !ok {
		return conn, nil
	}
	return &stmtCachingConn{sqliteConn: inner, stmts: map[string]*cachedStmt{}}, nil
}

// sqliteConn is what the SQLite driver's connection offers and database/sql
// uses.
type sqliteConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// stmtCachingConn runs every ExecContext and QueryContext through a
// statement compiled once per connection and query text, kept in a
// least-recently-used cache of ConnStmtCache entries. The SQLite driver
// compiles every unprepared statement anew, and writes in a transaction run
// on *sql.Tx, where nothing else prepares them: compiling was a quarter of
// an import's processor time, more than running the statements. A
// statement whose rows are still being read is busy; the same text run
// meanwhile (a query inside the loop over another's rows) is compiled
// once more for that use, as without the cache. database/sql uses a
// connection from one goroutine at a time, so the cache needs no lock.
type stmtCachingConn struct {
	sqliteConn
	stmts map[string]*cachedStmt
	lru   list.List // of *cachedStmt, most recently used first
}

// cachedStmt is one compiled statement of a connection.
type cachedStmt struct {
	query string
	stmt  driver.Stmt
	busy  bool
	elem  *list.Element
}

// stmt gives the cached statement of query (compiling it if new), or nil
// if it is busy or cannot be compiled (the caller runs the query
// unprepared and reports its error).
func (c *stmtCachingConn) stmt(ctx context.Context, query string) *cachedStmt {
	if cs, ok := c.stmts[query]; ok {
		if cs.busy {
			return nil
		}
		c.lru.MoveToFront(cs.elem)
		return cs
	}
	st, err := c.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	if _, ok := st.(driver.StmtExecContext); !ok {
		st.Close()
		return nil
	}
	if _, ok := st.(driver.StmtQueryContext); !ok {
		st.Close()
		return nil
	}
	cs := &cachedStmt{query: query, stmt: st}
	cs.elem = c.lru.PushFront(cs)
	c.stmts[query] = cs
	for e := c.lru.Back(); len(c.stmts) > ConnStmtCache && e != nil; {
		old := e.Value.(*cachedStmt)
		e = e.Prev()
		if old.busy {
			continue
		}
		c.lru.Remove(old.elem)
		delete(c.stmts, old.query)
		old.stmt.Close()
	}
	return cs
}

// ExecContext runs a statement through its cached compiled form.
func (c *stmtCachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	cs := c.stmt(ctx, query)
	if cs == nil {
		return c.sqliteConn.ExecContext(ctx, query, args)
	}
	cs.busy = true
	defer func() { cs.busy = false }()
	return cs.stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

// QueryContext runs a query through its cached compiled form; the
// statement is busy until its rows are closed.
func (c *stmtCachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	cs := c.stmt(ctx, query)
	if cs == nil {
		return c.sqliteConn.QueryContext(ctx, query, args)
	}
	cs.busy = true
	rows, err := cs.stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		cs.busy = false
		return nil, err
	}
	return &cachedRows{Rows: rows, cs: cs}, nil
}

// Close finalizes the cached statements and closes the connection.
func (c *stmtCachingConn) Close() error {
	for _, cs := range c.stmts {
		cs.stmt.Close()
	}
	clear(c.stmts)
	return c.sqliteConn.Close()
}

// cachedRows are the rows of a cached statement: closing them frees the
// statement for its next use.
type cachedRows struct {
	driver.Rows
	cs *cachedStmt
}

// Close resets the statement (the driver keeps it compiled) and frees it.
func (r *cachedRows) Close() error {
	err := r.Rows.Close()
	r.cs.busy = false
	return err
}
