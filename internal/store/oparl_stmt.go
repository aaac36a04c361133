package store

import (
	"context"
	"database/sql"
	"fmt"
)

// txStmts runs the queries of one OParl build on its transaction through
// statements prepared on it: each text is compiled once per build, not
// once per source row. (They are prepared on the transaction's connection,
// never through the pool: a transaction that waited for a free connection
// while holding the write lock would wait for the writers queued behind
// it.) It is a queryer, so the store's query helpers run on it.
type txStmts struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func newTxStmts(tx *sql.Tx) *txStmts {
	return &txStmts{tx: tx, stmts: map[string]*sql.Stmt{}}
}

// stmt gives the statement of query on the transaction (closed with it).
func (t *txStmts) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[query]; ok {
		return st, nil
	}
	st, err := t.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("store: oparl prepare: %w", err)
	}
	t.stmts[query] = st
	return st, nil
}

// ExecContext runs a statement.
func (t *txStmts) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// QueryContext runs a query.
func (t *txStmts) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext runs a single-row query; a failed prepare surfaces as
// the row's error.
func (t *txStmts) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := t.stmt(ctx, query)
	if err != nil {
		// The transaction reports the same error for the row.
		return t.tx.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}
