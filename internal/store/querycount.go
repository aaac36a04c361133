package store

import "sync/atomic"

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
