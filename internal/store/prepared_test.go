package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
)

// openCached opens a bare SQLite database through the statement-caching
// connector, on one connection, as Open does.
func openCached(t *testing.T) (*sql.DB, *stmtCachingConn) {
	t.Helper()
	c, err := sqliteConnector(filepath.Join(t.TempDir(), "x.db"))
	check(t, err)
	db := sql.OpenDB(c)
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	var cc *stmtCachingConn
	conn, err := db.Conn(context.Background())
	check(t, err)
	check(t, conn.Raw(func(dc any) error {
		cc, _ = dc.(*stmtCachingConn)
		return nil
	}))
	conn.Close()
	if cc == nil {
		t.Fatal("the connection does not cache statements")
	}
	return db, cc
}

// TestStmtCacheReusesAndNests runs the same query inside the loop over its
// own rows (the statement is busy: the inner use compiles its own), a
// failing insert followed by a good one through the same cached statement,
// and a schema change after which the cached statement still sees the new
// column.
func TestStmtCacheReusesAndNests(t *testing.T) {
	ctx := context.Background()
	db, cc := openCached(t)
	_, err := db.ExecContext(ctx, `CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)`)
	check(t, err)
	ins := `INSERT INTO t (v) VALUES (?)`
	for _, v := range []string{"a", "b", "c"} {
		_, err := db.ExecContext(ctx, ins, v)
		check(t, err)
	}
	if _, err := db.ExecContext(ctx, ins, "a"); !isUniqueViolation(err) {
		t.Fatalf("duplicate through the cached statement: %v, want a unique violation", err)
	}
	_, err = db.ExecContext(ctx, ins, "d")
	check(t, err)
	if cs := cc.stmts[ins]; cs == nil || cs.busy {
		t.Fatalf("insert not cached or left busy: %+v", cs)
	}

	q := `SELECT v FROM t WHERE id >= ? ORDER BY id`
	tx, err := db.BeginTx(ctx, nil)
	check(t, err)
	outer, err := tx.QueryContext(ctx, q, 1)
	check(t, err)
	var got []string
	for outer.Next() {
		var v string
		check(t, outer.Scan(&v))
		var n int
		inner, err := tx.QueryContext(ctx, `SELECT count(*) FROM (`+q+`)`, 1)
		check(t, err)
		inner.Close()
		check(t, tx.QueryRowContext(ctx, `SELECT count(*) FROM t WHERE id >= ?`, 1).Scan(&n))
		nested, err := tx.QueryContext(ctx, q, 3) // the same text while the outer rows are open
		check(t, err)
		var k int
		for nested.Next() {
			k++
		}
		check(t, nested.Err())
		nested.Close()
		got = append(got, fmt.Sprintf("%s%d/%d", v, k, n))
	}
	check(t, outer.Err())
	outer.Close()
	check(t, tx.Commit())
	if want := "[a2/4 b2/4 c2/4 d2/4]"; fmt.Sprint(got) != want {
		t.Fatalf("nested reads: %v, want %s", got, want)
	}
	if cs := cc.stmts[q]; cs == nil || cs.busy {
		t.Fatalf("query not cached or left busy after its rows closed: %+v", cs)
	}

	all := `SELECT * FROM t WHERE id = ?`
	cols := func() []string {
		rows, err := db.QueryContext(ctx, all, 1)
		check(t, err)
		defer rows.Close()
		c, err := rows.Columns()
		check(t, err)
		return c
	}
	before := cols()
	_, err = db.ExecContext(ctx, `ALTER TABLE t ADD COLUMN w TEXT`)
	check(t, err)
	if after := cols(); len(after) != len(before)+1 {
		t.Fatalf("columns after ALTER TABLE through the cached statement: %v, before %v", after, before)
	}
}

// TestStmtCacheBounded fills a connection's cache beyond ConnStmtCache:
// the least recently used statements go, the others stay usable.
func TestStmtCacheBounded(t *testing.T) {
	ctx := context.Background()
	db, cc := openCached(t)
	for i := range ConnStmtCache + 50 {
		var n int
		check(t, db.QueryRowContext(ctx, fmt.Sprintf(`SELECT %d`, i)).Scan(&n))
		if n != i {
			t.Fatalf("SELECT %d gave %d", i, n)
		}
	}
	if len(cc.stmts) != ConnStmtCache || cc.lru.Len() != ConnStmtCache {
		t.Fatalf("%d statements cached (%d in the list), want %d", len(cc.stmts), cc.lru.Len(), ConnStmtCache)
	}
	if _, ok := cc.stmts[`SELECT 0`]; ok {
		t.Fatal("the least recently used statement is still cached")
	}
	if _, ok := cc.stmts[fmt.Sprintf(`SELECT %d`, ConnStmtCache+49)]; !ok {
		t.Fatal("the newest statement is not cached")
	}
}
