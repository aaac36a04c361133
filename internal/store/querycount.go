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
