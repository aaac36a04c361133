package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
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
}

// triggerFilled are tables the destination's triggers write while other
// tables are copied: they are emptied and copied again at the end.
var triggerFilled = []string{"item_refs", "oparl_dirty"}

// seeded are tables whose rows the migrations write into an empty
// database: they are replaced by the source's.
var seeded = []string{"oparl_dirty", "page_generation"}

// CopyAll copies every row of src into dst, which must be empty (freshly
// migrated), in one transaction of dst, and then compares every table of
// both by row count and checksum and the audit heads. Ids, the audit chain
// and the derived tables (OParl objects, search index) are copied as they
// are. Nothing may write to src meanwhile.
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
	tx, err := dst.db.BeginTx(ctx, nil)
	if err != nil {
		return rep, fmt.Errorf("store: copy: %w", err)
	}
	defer tx.Rollback()
	if dst.isPG() {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, lockWrite); err != nil {
			return rep, fmt.Errorf("store: copy: %w", err)
		}
	}
	for _, t := range seeded {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t); err != nil {
			return rep, fmt.Errorf("store: copy: %s: %w", t, err)
		}
	}
	for _, t := range tables {
		if slices.Contains(triggerFilled, t) {
			continue // below
		}
		if err := copyTable(ctx, tx, dst, src, t); err != nil {
			return rep, err
		}
	}
	for _, t := range triggerFilled {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t); err != nil {
			return rep, fmt.Errorf("store: copy: %s: %w", t, err)
		}
		if err := copyTable(ctx, tx, dst, src, t); err != nil {
			return rep, err
		}
	}
	if err := tx.Commit(); err != nil {
		return rep, fmt.Errorf("store: copy: commit: %w", err)
	}
	dst.version.Add(1)
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
	for _, t := range tables {
		a, err := src.checkTable(ctx, t)
		if err != nil {
			return rep, err
		}
		b, err := dst.checkTable(ctx, t)
		if err != nil {
			return rep, err
		}
		if a != b {
			return rep, fmt.Errorf("store: copy: table %s differs after the copy: source %d rows %s, destination %d rows %s", t, a.Rows, a.Sum, b.Rows, b.Sum)
		}
		rep.Tables = append(rep.Tables, b)
	}
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
// copy order (for comparing two installations).
func (s *Store) Checks(ctx context.Context) ([]TableCheck, error) {
	tables, err := s.copyOrder(ctx)
	if err != nil {
		return nil, err
	}
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

// tables gives the store's tables (not goose's, not SQLite's FTS shadow
// tables).
func (s *Store) tables(ctx context.Context) ([]string, error) {
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index_%'
		AND name != 'goose_db_version' ORDER BY name`
	if s.isPG() {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
			AND table_name != 'goose_db_version' ORDER BY table_name`
	}
	return queryList(ctx, s.db, scanString, "tables", q)
}

// columns gives the stored columns of a table (not generated ones), the
// row id excluded when it is implicit.
func (s *Store) columns(ctx context.Context, table string) ([]string, error) {
	q := `SELECT name FROM pragma_table_info(?) ORDER BY cid`
	if s.isPG() {
		q = `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?
			AND is_generated = 'NEVER' ORDER BY ordinal_position`
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

// copyTable copies every row of table from src into tx of dst, in row id
// order (a body's parent comes before it).
func copyTable(ctx context.Context, tx *sql.Tx, dst, src *Store, table string) error {
	srcCols, err := src.columns(ctx, table)
	if err != nil {
		return err
	}
	dstCols, err := dst.columns(ctx, table)
	if err != nil {
		return err
	}
	srcKey, dstKey := src.keyCol(table, srcCols), dst.keyCol(table, dstCols)
	// The columns both have, the row id under its name on each side.
	var from, to []string
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
			return fmt.Errorf("store: copy: column %s.%s of the destination is missing in the source", table, c)
		}
	}
	order := ""
	if srcKey != "" {
		order = " ORDER BY " + srcKey
	}
	rows, err := src.db.QueryContext(ctx, `SELECT `+strings.Join(from, ", ")+` FROM `+table+order)
	if err != nil {
		return fmt.Errorf("store: copy: read %s: %w", table, err)
	}
	defer rows.Close()
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(to)), ", ")
	ins, err := tx.PrepareContext(ctx, `INSERT INTO `+table+` (`+strings.Join(to, ", ")+`) VALUES (`+marks+`)`)
	if err != nil {
		return fmt.Errorf("store: copy: %s: %w", table, err)
	}
	defer ins.Close()
	vals := make([]any, len(from))
	ptrs := make([]any, len(from))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("store: copy: read %s: %w", table, err)
		}
		if _, err := ins.ExecContext(ctx, vals...); err != nil {
			return fmt.Errorf("store: copy: write %s: %w", table, err)
		}
	}
	return rows.Err()
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
	rows, err := s.db.QueryContext(ctx, `SELECT `+strings.Join(sel, ", ")+` FROM `+table)
	if err != nil {
		return c, fmt.Errorf("store: check %s: %w", table, err)
	}
	defer rows.Close()
	vals := make([]any, len(sel))
	ptrs := make([]any, len(sel))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	sum := new(big.Int)
	mod := new(big.Int).Lsh(big.NewInt(1), 256)
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return c, fmt.Errorf("store: check %s: %w", table, err)
		}
		h := sha256.New()
		for _, v := range vals {
			var b []byte
			switch x := v.(type) {
			case nil:
				h.Write([]byte{0})
				continue
			case int64:
				b = strconv.AppendInt(nil, x, 10)
			case float64:
				b = strconv.AppendFloat(nil, x, 'g', -1, 64)
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
		sum.Add(sum, new(big.Int).SetBytes(h.Sum(nil)))
		sum.Mod(sum, mod)
		c.Rows++
	}
	if err := rows.Err(); err != nil {
		return c, fmt.Errorf("store: check %s: %w", table, err)
	}
	c.Sum = fmt.Sprintf("%064x", sum)
	return c, nil
}
