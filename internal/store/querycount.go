package store

import (
	"context"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
)

// queries counts the statements run through queryList and queryOne, the
// helpers every read of the store goes through; rowsRead the rows they
// gave.
var queries, rowsRead atomic.Uint64

// QueryCount gives the number of read statements the store's read helpers
// have run in this process. It is for benchmarks and tests that hold the
// number of queries of an operation fixed (minutes.Load); take the
// difference around the operation, with no other reader running.
func QueryCount() uint64 { return queries.Load() }

// RowsRead gives the number of rows the store's read helpers have given in
// this process (see QueryCount): with it a test holds the rows an
// operation reads fixed, not only its statements.
func RowsRead() uint64 { return rowsRead.Load() }

// largest is the most rows one statement of the read helpers gave since
// ResetLargestRead.
var largest atomic.Uint64

// noteRows counts the rows a statement gave.
func noteRows(n int) {
	rowsRead.Add(uint64(n))
	for {
		old := largest.Load()
		if uint64(n) <= old || largest.CompareAndSwap(old, uint64(n)) {
			return
		}
	}
}

// LargestRead gives the most rows one statement of the store's read
// helpers has given since ResetLargestRead (or the start of the process):
// with it a test holds that an operation walking a whole table reads it in
// bounded batches. Like QueryCount, take it with no other reader running.
func LargestRead() uint64 { return largest.Load() }

// ResetLargestRead starts LargestRead again from 0.
func ResetLargestRead() { largest.Store(0) }

// pgCalls counts what the store's PostgreSQL connections sent the server
// (pgTracer): statements and prepares, each one round trip.
var pgStatements, pgPrepares atomic.Uint64

// PGCalls is what the store sent PostgreSQL since the process started.
type PGCalls struct {
	// Statements counts the statements run, each one round trip: queries,
	// executions, BEGIN, COMMIT and ROLLBACK, whether prepared or not.
	Statements uint64
	// Prepares counts the statements prepared (parsed and described by
	// the server), each one round trip more.
	Prepares uint64
}

// PGCallCount gives what the store has sent PostgreSQL in this process
// (zero on SQLite): take the difference around an operation, with no other
// work on the store running, to hold its round trips fixed.
func PGCallCount() PGCalls {
	return PGCalls{Statements: pgStatements.Load(), Prepares: pgPrepares.Load()}
}

// Sub gives the calls of c since before.
func (c PGCalls) Sub(before PGCalls) PGCalls {
	return PGCalls{Statements: c.Statements - before.Statements, Prepares: c.Prepares - before.Prepares}
}

// RoundTrips gives the round trips of the calls: one per statement and
// one per prepare.
func (c PGCalls) RoundTrips() uint64 { return c.Statements + c.Prepares }

// pgTracer counts the statements and prepares of the store's PostgreSQL
// connections (pgx calls it for every Query, Exec and Prepare; BEGIN and
// COMMIT are Execs).
type pgTracer struct{}

// pgStatementSeen, when set (by a test of this package), is given the
// text of every statement the store's PostgreSQL connections send.
var pgStatementSeen atomic.Pointer[func(sql string)]

// TraceQueryStart counts a statement.
func (pgTracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, data pgx.TraceQueryStartData) context.Context {
	pgStatements.Add(1)
	if f := pgStatementSeen.Load(); f != nil {
		(*f)(data.SQL)
	}
	return ctx
}

// TraceQueryEnd does nothing: the statement was counted at its start.
func (pgTracer) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// TracePrepareStart does nothing: a prepare that finds the statement
// prepared already sends nothing (TracePrepareEnd counts).
func (pgTracer) TracePrepareStart(ctx context.Context, _ *pgx.Conn, _ pgx.TracePrepareStartData) context.Context {
	return ctx
}

// TracePrepareEnd counts a prepare that went to the server.
func (pgTracer) TracePrepareEnd(_ context.Context, _ *pgx.Conn, data pgx.TracePrepareEndData) {
	if !data.AlreadyPrepared {
		pgPrepares.Add(1)
	}
}
