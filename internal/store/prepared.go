package store

import (
	"context"
	"database/sql"
	"sync/atomic"
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
