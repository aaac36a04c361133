package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// Copying a whole installation between engines (gremium migrate-data):
// every table row by row with its ids, in one transaction of the
// destination, then checked table by table against the source by row count
// and a checksum that does not depend on the engine or the row order.

// TableCheck is the row count and checksum of one table.
type TableCheck struct {
	Table string
	Rows  int64
	Sum   string // hex: the sum modulo 2²⁵⁶ of the SHA-256 of every row
}

// CopyReport says what CopyAll copied.
type CopyReport struct {
	Tables []TableCheck // the tables in the order copied, as checked in the destination
	Head   AuditHead    // the audit head of both
	// How long the phases took: writing the rows, the planner statistics
	// of the destination, the checks of both sides.
	Copy, Analyze, Check time.Duration
}

// triggerFilled are tables the destination's triggers write while other
// tables are copied: they are emptied and copied again at the end.
var triggerFilled = []string{"item_refs", "oparl_dirty", "follow_up_public_dirty"}

// seeded are tables whose rows the migrations write into an empty
// database: they are replaced by the source's.
var seeded = []string{"oparl_dirty", "page_generation", "search_state", "legal_pages"}

// rowsOf gives what the copy and its checks read of table: the table, or
// for oparl_dirty its marks with each row once (the first mark, as
// oparlDedupeMarks keeps it). A source not yet synced marks a row once
// per change — the 1M corpus 4.1 million marks of 2.2 million rows —, and
// copied as they were, the copy's first sync had to clean them up; both
// sides are checked by the same rows, so a copy checks equal to its
// source.
func rowsOf(table string) string {
	if table == "oparl_dirty" {
		return `(SELECT MIN(seq) AS seq, entity, id FROM oparl_dirty GROUP BY entity, id) oparl_dirty`
	}
	return table
}

// CopyAll copies every row of src into dst, which must be empty (freshly
// migrated), in one transaction of dst, and then compares every table of
// both by row count and checksum and the audit heads. Ids (with the
// largest id each table ever gave, so that deleted ids stay unused), the audit chain
// and the derived tables (OParl objects, search index) are copied as they
// are; the OParl marks each row once (rowsOf). Nothing may write to src
// meanwhile.
func CopyAll(ctx context.Context, dst, src *Store) (CopyReport, error) {
	var rep CopyReport
	v1, err1 := src.SchemaVersion(ctx)
	v2, err2 := dst.SchemaVersion(ctx)
	if err := errors.Join(err1, err2); err != nil {
		return rep, fmt.Errorf("store: copy: schema version: %w", err)
	}
	if v1 != v2 {
		return rep, fmt.Errorf("store: copy: schema versions differ (source %d, destination %d)", v1, v2)
	}
	tables, err := dst.copyOrder(ctx)
	if err != nil {
		return rep, err
	}
	for _, t := range tables {
		var n int64
		if err := dst.db.QueryRowContext(ctx, `SELECT count(*) FROM `+t).Scan(&n); err != nil {
			return rep, fmt.Errorf("store: copy: %s: %w", t, err)
		}
		if n > 0 && !slices.Contains(seeded, t) {
			return rep, fmt.Errorf("store: copy: the destination is not empty (table %s has %d rows)", t, n)
		}
	}
	t0 := time.Now()
	if dst.isPG() {
		err = copyIntoPostgres(ctx, dst, src, tables)
	} else {
		err = copyIntoSQLite(ctx, dst, src, tables)
	}
	if err != nil {
		return rep, err
	}
	// Ids deleted in src are not given again in dst either (kept_ids.go).
	marks, err := src.idMarks(ctx)
	if err != nil {
		return rep, err
	}
	if err := dst.setIDMarks(ctx, marks); err != nil {
		return rep, err
	}
	dst.version.Add(1)
	t1 := time.Now()
	rep.Copy = t1.Sub(t0)
	// Fresh tables have no statistics: without them the planner scans
	// where an index would do (a decision page took 0.2 s on PostgreSQL).
	// VACUUM also marks the pages all-visible, for index-only scans.
	analyze := `ANALYZE`
	if dst.isPG() {
		analyze = `VACUUM ANALYZE`
	}
	if _, err := dst.db.ExecContext(ctx, analyze); err != nil {
		return rep, fmt.Errorf("store: copy: analyze: %w", err)
	}
	t2 := time.Now()
	rep.Analyze = t2.Sub(t1)
	// Both sides are read at once: each is a reader of its own engine.
	type checks struct {
		list []TableCheck
		err  error
	}
	srcDone := make(chan checks, 1)
	go func() {
		list, err := src.checkTables(ctx, tables)
		srcDone <- checks{list, err}
	}()
	got, err := dst.checkTables(ctx, tables)
	want := <-srcDone
	if err := errors.Join(err, want.err); err != nil {
		return rep, err
	}
	for i, b := range got {
		if a := want.list[i]; a != b {
			return rep, fmt.Errorf("store: copy: table %s differs after the copy: source %d rows %s, destination %d rows %s", b.Table, a.Rows, a.Sum, b.Rows, b.Sum)
		}
	}
	rep.Tables = got
	copied, err := dst.idMarks(ctx)
	if err != nil {
		return rep, err
	}
	for t, m := range marks {
		if copied[t] < m {
			return rep, fmt.Errorf("store: copy: table %s would give ids from %d again (source gave up to %d)", t, copied[t]+1, m)
		}
	}
	rep.Check = time.Since(t2)
	h1, err := src.AuditHeadNow(ctx)
	if err != nil {
		return rep, err
	}
	if rep.Head, err = dst.AuditHeadNow(ctx); err != nil {
		return rep, err
	}
	if h1 != rep.Head {
		return rep, fmt.Errorf("store: copy: audit heads differ: source %s, destination %s", h1, rep.Head)
	}
	return rep, nil
}

// Checks gives the row count and checksum of every table of the store, in
// copy order (for comparing two installations); oparl_dirty as CopyAll
// copies it, each marked row once (rowsOf).
func (s *Store) Checks(ctx context.Context) ([]TableCheck, error) {
	tables, err := s.copyOrder(ctx)
	if err != nil {
		return nil, err
	}
	return s.checkTables(ctx, tables)
}

// checkTables gives the row count and checksum of each of tables.
func (s *Store) checkTables(ctx context.Context, tables []string) ([]TableCheck, error) {
	var out []TableCheck
	for _, t := range tables {
		c, err := s.checkTable(ctx, t)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// keyCol is the column holding a table's row id: search_index's rowid is
// implicit on SQLite (FTS5) and the column id on PostgreSQL.
func (s *Store) keyCol(table string, cols []string) string {
	if table == "search_index" && !s.isPG() {
		return "rowid"
	}
	if slices.Contains(cols, "id") {
		return "id"
	}
	return ""
}

// tables gives the store's tables (not goose's, not the search index's
// shadow tables: SQLite's FTS5 tables, PostgreSQL's search_index_lexemes,
// which copyIntoPostgres rebuilds).
func (s *Store) tables(ctx context.Context) ([]string, error) {
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index_%'
		AND name != 'goose_db_version' ORDER BY name`
	if s.isPG() {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
			AND table_name != 'goose_db_version' AND table_name NOT LIKE 'search\_index\_%' ORDER BY table_name`
	}
	return queryList(ctx, s.db, scanString, "tables", q)
}

// columns gives the stored columns of a table (not generated ones), the
// row id excluded when it is implicit.
func (s *Store) columns(ctx context.Context, table string) ([]string, error) {
	q := `SELECT name FROM pragma_table_info(?) ORDER BY cid`
	if s.isPG() {
		q = `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?
			AND is_generated = 'NEVER' AND NOT (table_name = 'search_index' AND column_name = 'tsv') ORDER BY ordinal_position`
	}
	return queryList(ctx, s.db, scanString, "columns of "+table, q, table)
}

// references gives, per table, the tables its foreign keys point to.
func (s *Store) references(ctx context.Context, tables []string) (map[string][]string, error) {
	out := map[string][]string{}
	if s.isPG() {
		type ref struct{ from, to string }
		refs, err := queryList(ctx, s.db, func(r scanner) (ref, error) {
			var x ref
			return x, r.Scan(&x.from, &x.to)
		}, "foreign keys", `SELECT DISTINCT tc.table_name, ccu.table_name FROM information_schema.table_constraints tc
			JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
			WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`)
		if err != nil {
			return nil, err
		}
		for _, r := range refs {
			out[r.from] = append(out[r.from], r.to)
		}
		return out, nil
	}
	for _, t := range tables {
		to, err := queryList(ctx, s.db, scanString, "foreign keys", `SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)`, t)
		if err != nil {
			return nil, err
		}
		out[t] = to
	}
	return out, nil
}

// copyOrder gives the tables so that every table comes after the tables
// its foreign keys refer to.
func (s *Store) copyOrder(ctx context.Context) ([]string, error) {
	tables, err := s.tables(ctx)
	if err != nil {
		return nil, err
	}
	refs, err := s.references(ctx, tables)
	if err != nil {
		return nil, err
	}
	var out []string
	done := map[string]bool{}
	var visit func(t string, depth int)
	visit = func(t string, depth int) {
		if done[t] || depth > len(tables) {
			return
		}
		for _, r := range refs[t] {
			if r != t {
				visit(r, depth+1)
			}
		}
		if !done[t] {
			done[t] = true
			out = append(out, t)
		}
	}
	for _, t := range tables {
		visit(t, 0)
	}
	return out, nil
}

func scanString(r scanner) (string, error) {
	var v string
	return v, r.Scan(&v)
}

// tableRows reads every row of table from src in row id order (a body's
// parent comes before it), the columns the destination has: to names them
// in dst. The caller closes rows.
func tableRows(ctx context.Context, dst, src *Store, table string) (rows *sql.Rows, to []string, err error) {
	srcCols, err := src.columns(ctx, table)
	if err != nil {
		return nil, nil, err
	}
	dstCols, err := dst.columns(ctx, table)
	if err != nil {
		return nil, nil, err
	}
	srcKey, dstKey := src.keyCol(table, srcCols), dst.keyCol(table, dstCols)
	// The columns both have, the row id under its name on each side.
	var from []string
	if srcKey != "" && dstKey != "" && !slices.Contains(srcCols, srcKey) {
		from, to = append(from, srcKey), append(to, dstKey)
	}
	for _, c := range srcCols {
		if c == srcKey && !slices.Contains(dstCols, c) {
			from, to = append(from, c), append(to, dstKey)
			continue
		}
		if slices.Contains(dstCols, c) {
			from, to = append(from, c), append(to, c)
		}
	}
	for _, c := range dstCols {
		if !slices.Contains(to, c) && c != dstKey {
			return nil, nil, fmt.Errorf("store: copy: column %s.%s of the destination is missing in the source", table, c)
		}
	}
	order := ""
	if srcKey != "" {
		order = " ORDER BY " + srcKey
	}
	rows, err = src.db.QueryContext(ctx, `SELECT `+strings.Join(from, ", ")+` FROM `+rowsOf(table)+order)
	if err != nil {
		return nil, nil, fmt.Errorf("store: copy: read %s: %w", table, err)
	}
	return rows, to, nil
}

// copyIntoSQLite copies the tables into an SQLite destination in one
// transaction, many rows per INSERT.
func copyIntoSQLite(ctx context.Context, dst, src *Store, tables []string) error {
	tx, err := dst.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: copy: %w", err)
	}
	defer tx.Rollback()
	for _, t := range seeded {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t); err != nil {
			return fmt.Errorf("store: copy: %s: %w", t, err)
		}
	}
	copyOne := func(t string) error {
		rows, to, err := tableRows(ctx, dst, src, t)
		if err != nil {
			return err
		}
		defer rows.Close()
		return insertBatched(ctx, tx, t, to, rows)
	}
	for _, t := range tables {
		if slices.Contains(triggerFilled, t) {
			continue // below
		}
		if err := copyOne(t); err != nil {
			return err
		}
	}
	// The destination's triggers filled these while the others were
	// copied: they get the source's rows instead.
	for _, t := range triggerFilled {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t); err != nil {
			return fmt.Errorf("store: copy: %s: %w", t, err)
		}
		if err := copyOne(t); err != nil {
			return err
		}
	}
	// Which documents belong to which scope (migration 290), from the
	// copied documents' rowids.
	if slices.Contains(tables, "search_index") {
		for _, q := range []string{`DELETE FROM search_index_scopes`,
			`INSERT INTO search_index_scopes (docid, scope) SELECT rowid, scope FROM search_index`} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("store: copy: search_index_scopes: %w", err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: copy: commit: %w", err)
	}
	return nil
}

// sqliteMaxVars is the most parameters one SQLite statement may have.
const sqliteMaxVars = 32766

// insertBatched writes rows into table of tx, up to 500 rows per INSERT
// (one prepared statement for the full batches).
func insertBatched(ctx context.Context, tx *sql.Tx, table string, cols []string, rows *sql.Rows) error {
	per := max(1, min(500, sqliteMaxVars/len(cols)))
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	insert := func(n int) string {
		return `INSERT INTO ` + table + ` (` + strings.Join(cols, ", ") + `) VALUES ` + strings.TrimSuffix(strings.Repeat(tuple+", ", n), ", ")
	}
	full, err := tx.PrepareContext(ctx, insert(per))
	if err != nil {
		return fmt.Errorf("store: copy: %s: %w", table, err)
	}
	defer full.Close()
	vals := make([]any, 0, per*len(cols))
	flush := func() error {
		if len(vals) == 0 {
			return nil
		}
		var err error
		if len(vals) == cap(vals) {
			_, err = full.ExecContext(ctx, vals...)
		} else {
			_, err = tx.ExecContext(ctx, insert(len(vals)/len(cols)), vals...)
		}
		if err != nil {
			return fmt.Errorf("store: copy: write %s: %w", table, err)
		}
		vals = vals[:0]
		return nil
	}
	row := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range row {
		ptrs[i] = &row[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("store: copy: read %s: %w", table, err)
		}
		vals = append(vals, row...)
		if len(vals) == cap(vals) {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: copy: read %s: %w", table, err)
	}
	return flush()
}

// copyIntoPostgres copies the tables into a PostgreSQL destination in one
// transaction with COPY … FROM STDIN (pgx's CopyFrom), the tables' own
// triggers switched off meanwhile: every table they fill (item_refs,
// oparl_dirty …) is copied from the source as it is, and a row id given
// needs no trigger. Foreign keys are still checked. Columns filled from a
// sequence continue after the copied rows.
func copyIntoPostgres(ctx context.Context, dst, src *Store, tables []string) error {
	conn, err := dst.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: copy: %w", err)
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		pc, ok := dc.(*pgConn)
		if !ok {
			return fmt.Errorf("store: copy: not a pgx connection (%T)", dc)
		}
		tx, err := pc.c.Conn().Begin(ctx)
		if err != nil {
			return fmt.Errorf("store: copy: %w", err)
		}
		defer tx.Rollback(context.WithoutCancel(ctx))
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, lockWrite); err != nil {
			return fmt.Errorf("store: copy: %w", err)
		}
		for _, t := range tables {
			if _, err := tx.Exec(ctx, `ALTER TABLE `+pgx.Identifier{t}.Sanitize()+` DISABLE TRIGGER USER`); err != nil {
				return fmt.Errorf("store: copy: %s: %w", t, err)
			}
		}
		for _, t := range seeded {
			if _, err := tx.Exec(ctx, `DELETE FROM `+pgx.Identifier{t}.Sanitize()); err != nil {
				return fmt.Errorf("store: copy: %s: %w", t, err)
			}
		}
		rebuild, err := dropForBulk(ctx, tx, tables)
		if err != nil {
			return err
		}
		for _, t := range tables {
			if err := copyFromRows(ctx, tx, dst, src, t); err != nil {
				return err
			}
		}
		for _, q := range rebuild {
			if _, err := tx.Exec(ctx, q); err != nil {
				return fmt.Errorf("store: copy: %s: %w", q, err)
			}
		}
		// The lexeme counts of the search index, which its triggers
		// keep, are counted once over the copied documents.
		if _, err := tx.Exec(ctx, `SELECT search_index_lexemes_rebuild()`); err != nil {
			return fmt.Errorf("store: copy: search index lexemes: %w", err)
		}
		for _, t := range tables {
			if _, err := tx.Exec(ctx, `ALTER TABLE `+pgx.Identifier{t}.Sanitize()+` ENABLE TRIGGER USER`); err != nil {
				return fmt.Errorf("store: copy: %s: %w", t, err)
			}
		}
		if err := setSequences(ctx, tx); err != nil {
			return err
		}
		if err := tx.Commit(ctx); err != nil {
			return fmt.Errorf("store: copy: commit: %w", err)
		}
		return nil
	})
}

// dropForBulk drops the foreign keys of the tables and their indexes that
// back no primary key or unique constraint, and gives the statements that
// make them again: an index built once over all rows (the GIN index of
// the search above all) and a foreign key checked once by one join cost a
// fraction of keeping them row by row. Run in the copy's transaction, so
// a failed copy leaves them as they were.
func dropForBulk(ctx context.Context, tx pgx.Tx, tables []string) (rebuild []string, err error) {
	type def struct{ table, name, def string }
	collect := func(what, q string) ([]def, error) {
		rows, err := tx.Query(ctx, q, tables)
		if err != nil {
			return nil, fmt.Errorf("store: copy: %s: %w", what, err)
		}
		out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (def, error) {
			var d def
			return d, r.Scan(&d.table, &d.name, &d.def)
		})
		if err != nil {
			return nil, fmt.Errorf("store: copy: %s: %w", what, err)
		}
		return out, nil
	}
	fks, err := collect("foreign keys", `SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c
		JOIN pg_class t ON t.oid = c.conrelid WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1)
		ORDER BY 1, 2`)
	if err != nil {
		return nil, err
	}
	for _, fk := range fks {
		if _, err := tx.Exec(ctx, `ALTER TABLE `+fk.table+` DROP CONSTRAINT `+pgx.Identifier{fk.name}.Sanitize()); err != nil {
			return nil, fmt.Errorf("store: copy: drop %s: %w", fk.name, err)
		}
	}
	indexes, err := collect("indexes", `SELECT t.relname, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
		JOIN pg_class t ON t.oid = i.indrelid WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1)
		AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
		ORDER BY 1, 2`)
	if err != nil {
		return nil, err
	}
	for _, ix := range indexes {
		if _, err := tx.Exec(ctx, `DROP INDEX `+ix.name); err != nil {
			return nil, fmt.Errorf("store: copy: drop %s: %w", ix.name, err)
		}
		rebuild = append(rebuild, ix.def)
	}
	for _, fk := range fks {
		rebuild = append(rebuild, `ALTER TABLE `+fk.table+` ADD CONSTRAINT `+pgx.Identifier{fk.name}.Sanitize()+` `+fk.def)
	}
	// More memory for building the indexes, for this transaction only.
	if _, err := tx.Exec(ctx, `SET LOCAL maintenance_work_mem = '256MB'`); err != nil {
		return nil, fmt.Errorf("store: copy: %w", err)
	}
	return rebuild, nil
}

// copyFromRows copies one table with COPY.
func copyFromRows(ctx context.Context, tx pgx.Tx, dst, src *Store, table string) error {
	rows, to, err := tableRows(ctx, dst, src, table)
	if err != nil {
		return err
	}
	defer rows.Close()
	in := &copySource{rows: rows, vals: make([]any, len(to)), ptrs: make([]any, len(to))}
	for i := range in.vals {
		in.ptrs[i] = &in.vals[i]
	}
	if table == "search_index" {
		// tsv is derived from terms (not copied, see columns); the copy
		// runs without the trigger that fills it, so it is given here as
		// the store writes it.
		terms := slices.Index(to, "terms")
		to = append(slices.Clone(to), "tsv")
		in.derived = func(vals []any) (any, error) {
			t, ok := vals[terms].(string)
			if b, isBytes := vals[terms].([]byte); isBytes {
				t, ok = string(b), true
			}
			if !ok {
				return nil, fmt.Errorf("search_index.terms is %T", vals[terms])
			}
			return pgtype.TSVectorCodec{}.DecodeValue(nil, pgtype.TSVectorOID, pgtype.TextFormatCode, appendTermsVector(nil, t))
		}
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{table}, to, in); err != nil {
		return fmt.Errorf("store: copy: write %s: %w", table, err)
	}
	return nil
}

// copySource feeds the rows of the source to pgx's CopyFrom.
type copySource struct {
	rows       *sql.Rows
	vals, ptrs []any
	err        error
	// derived, if set, gives the value of one more column, after the
	// source's, from a row's values.
	derived func([]any) (any, error)
	out     []any
}

func (c *copySource) Next() bool {
	if !c.rows.Next() {
		return false
	}
	if err := c.rows.Scan(c.ptrs...); err != nil {
		c.err = err
		return false
	}
	return true
}

func (c *copySource) Values() ([]any, error) {
	for i, v := range c.vals {
		switch x := v.(type) {
		case bool: // flags are integers on both engines
			c.vals[i] = int64(0)
			if x {
				c.vals[i] = int64(1)
			}
		case time.Time: // as SQLite's driver writes it (convertArgs)
			c.vals[i] = x.Format(sqliteTime)
		}
	}
	if c.derived == nil {
		return c.vals, nil
	}
	v, err := c.derived(c.vals)
	if err != nil {
		return nil, err
	}
	c.out = append(append(c.out[:0], c.vals...), v)
	return c.out, nil
}

func (c *copySource) Err() error {
	if c.err != nil {
		return c.err
	}
	return c.rows.Err()
}

// setSequences lets every column filled from a sequence (identity or
// serial) continue after the largest value copied.
func setSequences(ctx context.Context, tx pgx.Tx) error {
	rows, err := tx.Query(ctx, `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')`)
	if err != nil {
		return fmt.Errorf("store: copy: sequences: %w", err)
	}
	type col struct{ table, name string }
	cols, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (col, error) {
		var c col
		return c, r.Scan(&c.table, &c.name)
	})
	if err != nil {
		return fmt.Errorf("store: copy: sequences: %w", err)
	}
	for _, c := range cols {
		t, n := pgx.Identifier{c.table}.Sanitize(), pgx.Identifier{c.name}.Sanitize()
		if _, err := tx.Exec(ctx, `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX(`+n+`), 0) + 1, false) FROM `+t, t, c.name); err != nil {
			return fmt.Errorf("store: copy: sequence of %s.%s: %w", c.table, c.name, err)
		}
	}
	return nil
}

// checkTable counts a table's rows and sums their hashes. A row's hash is
// over its values in column order (row id first), each written the same
// on both engines: integers in decimal, reals by strconv 'g', text and
// blobs as their bytes, NULL apart from an empty text.
func (s *Store) checkTable(ctx context.Context, table string) (TableCheck, error) {
	c := TableCheck{Table: table}
	cols, err := s.columns(ctx, table)
	if err != nil {
		return c, err
	}
	key := s.keyCol(table, cols)
	sel := slices.Clone(cols)
	if key != "" {
		sel = slices.DeleteFunc(sel, func(x string) bool { return x == key })
		sel = append([]string{key}, sel...)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+strings.Join(sel, ", ")+` FROM `+rowsOf(table))
	if err != nil {
		return c, fmt.Errorf("store: check %s: %w", table, err)
	}
	defer rows.Close()
	vals := make([]any, len(sel))
	ptrs := make([]any, len(sel))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var sum [4]uint64 // modulo 2²⁵⁶, the most significant word first
	h := sha256.New()
	var d [sha256.Size]byte
	var buf []byte
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return c, fmt.Errorf("store: check %s: %w", table, err)
		}
		h.Reset()
		for _, v := range vals {
			var b []byte
			switch x := v.(type) {
			case nil:
				h.Write([]byte{0})
				continue
			case int64:
				buf = strconv.AppendInt(buf[:0], x, 10)
				b = buf
			case float64:
				buf = strconv.AppendFloat(buf[:0], x, 'g', -1, 64)
				b = buf
			case string:
				b = []byte(x)
			case []byte:
				b = x
			case bool: // not stored by gremium; counted as SQLite would
				b = []byte("0")
				if x {
					b = []byte("1")
				}
			default:
				b = fmt.Append(nil, x)
			}
			var n [9]byte
			n[0] = 1
			binary.BigEndian.PutUint64(n[1:], uint64(len(b)))
			h.Write(n[:])
			h.Write(b)
		}
		h.Sum(d[:0])
		var carry uint64
		for i := 3; i >= 0; i-- {
			sum[i], carry = bits.Add64(sum[i], binary.BigEndian.Uint64(d[8*i:]), carry)
		}
		c.Rows++
	}
	if err := rows.Err(); err != nil {
		return c, fmt.Errorf("store: check %s: %w", table, err)
	}
	c.Sum = fmt.Sprintf("%016x%016x%016x%016x", sum[0], sum[1], sum[2], sum[3])
	return c, nil
}
