package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Ids are never given twice ("Public ids last", docs/architecture.md).
// Without this, SQLite gave a new row the largest rowid plus one, and
// PostgreSQL's trigger gremium_rowid did the same: a deleted row's id went
// to the next row of its table. A form left open then acted on the wrong
// object — a stale "Anmeldung zurückziehen" withdrew a newer registration
// that had taken the same id (and version 1) — and a bookmarked or
// published URL named another object.
//
// Every table whose rows users name by id keeps its ids: on SQLite the
// table is declared AUTOINCREMENT (SQLite keeps the largest id ever given
// in sqlite_sequence); on PostgreSQL its ids come from a sequence
// <table>_id_seq through the trigger function gremium_rowid_kept
// (migration 00830), which also steps over ids given explicitly. Migration
// 00910 (keepIDs) turned this on for every table that did not have it yet,
// with the high-water mark taken from the largest id the audit log ever
// named for the table's kind, so ids deleted before the migration are not
// given again either.

// idsNotKept are the tables with an integer id that are exempt: logs whose
// rows are never deleted and whose ids the code gives itself (audit_log),
// and derived tables rebuilt from the others (search index, rendered
// pages, the public follow-up projection), legal_pages (one row per
// kind, made by its migration, never deleted) and installation (its one
// row has the id 1, store.CalendarDomain). Every other table with an
// integer id must keep its ids (TestEveryTableKeepsItsIDs).
var idsNotKept = map[string]bool{
	"audit_log":                true,
	"goose_db_version":         true,
	"search_index":             true,
	"search_index_scopes":      true,
	"search_state":             true,
	"rendered_pages":           true,
	"page_generation":          true,
	"follow_up_public":         true,
	"session_delegation_lists": true,
	"legal_pages":              true,
	"installation":             true,
}

// keptIDsVersion is the number of the migration that keeps the ids of
// every table (keepIDs).
const keptIDsVersion = 910

// sqliteRowidColumn finds a table's "id INTEGER PRIMARY KEY" column in its
// CREATE statement, with AUTOINCREMENT if it has it.
var sqliteRowidColumn = regexp.MustCompile(`(?i)(\bid\s+INTEGER\s+PRIMARY\s+KEY)(\s+AUTOINCREMENT)?\b`)

// auditedTableMarks gives, per table, the largest id the audit log names
// for the kinds stored in it: the high-water mark of ids given before the
// migration, whose rows may have been deleted since.
func auditedTableMarks(ctx context.Context, tx *sql.Tx) (map[string]int64, error) {
	tableOf := map[string]string{"document_note": "document_notes"}
	for _, e := range auditEntities {
		if e.table != "" {
			tableOf[e.Name] = e.table
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT entity, MAX(entity_id) FROM audit_log GROUP BY entity`)
	if err != nil {
		return nil, fmt.Errorf("store: ids given before: %w", err)
	}
	defer rows.Close()
	marks := map[string]int64{}
	for rows.Next() {
		var entity string
		var id int64
		if err := rows.Scan(&entity, &id); err != nil {
			return nil, fmt.Errorf("store: ids given before: %w", err)
		}
		if t := tableOf[entity]; t != "" && id > marks[t] {
			marks[t] = id
		}
	}
	return marks, rows.Err()
}

// keepIDs is migration 00910 (see the comment at the top of this file).
func (s *Store) keepIDs(ctx context.Context, tx *sql.Tx) error {
	audited, err := auditedTableMarks(ctx, tx)
	if err != nil {
		return err
	}
	if s.isPG() {
		return keepIDsPostgres(ctx, tx, audited)
	}
	return keepIDsSQLite(ctx, tx, audited)
}

// keepIDsSQLite declares every table AUTOINCREMENT that is not yet. The
// declaration changes how SQLite picks a new rowid, not how the table is
// stored, so the CREATE statement is changed in place in sqlite_schema
// (SQLite's documented procedure for schema changes that leave the stored
// format as it is: writable_schema, then a new schema_version) instead of
// copying every table: instant at a million decisions. sqlite_sequence
// then starts at the larger of the table's largest id and the audit log's.
func keepIDsSQLite(ctx context.Context, tx *sql.Tx, audited map[string]int64) error {
	// sqlite_sequence exists once a table was created AUTOINCREMENT.
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS gremium_kept_ids_probe (id INTEGER PRIMARY KEY AUTOINCREMENT)`); err != nil {
		return fmt.Errorf("store: keep ids: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DROP TABLE gremium_kept_ids_probe`); err != nil {
		return fmt.Errorf("store: keep ids: %w", err)
	}
	type change struct{ table, sql string }
	var changes []change
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return fmt.Errorf("store: keep ids: %w", err)
	}
	for rows.Next() {
		var name, create string
		if err := rows.Scan(&name, &create); err != nil {
			rows.Close()
			return fmt.Errorf("store: keep ids: %w", err)
		}
		m := sqliteRowidColumn.FindStringSubmatchIndex(create)
		if !keepsIDs(name) || m == nil || m[4] >= 0 {
			continue // exempt, no integer id, or AUTOINCREMENT already
		}
		changes = append(changes, change{name, create[:m[3]] + " AUTOINCREMENT" + create[m[3]:]})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: keep ids: %w", err)
	}
	if err := rewriteSQLiteSchema(ctx, tx, func(exec func(string, ...any) error) error {
		for _, c := range changes {
			if err := exec(`UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?`, c.sql, c.table); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return err
	}
	for _, c := range changes {
		if err := setSQLiteMark(ctx, tx, c.table, audited[c.table]); err != nil {
			return err
		}
	}
	return nil
}

// rowidTrigger is a PostgreSQL table's trigger that gives its ids.
type rowidTrigger struct{ table, name string }

// rowidTriggers gives the triggers that call the function (gremium_rowid,
// gremium_rowid_kept), by table.
func rowidTriggers(ctx context.Context, q queryer, function string) ([]rowidTrigger, error) {
	return queryList(ctx, q, func(r scanner) (rowidTrigger, error) {
		var tr rowidTrigger
		return tr, r.Scan(&tr.table, &tr.name)
	}, "id triggers", `SELECT c.relname, t.tgname FROM pg_trigger t
		JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
		WHERE p.proname = ? AND NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace
		ORDER BY c.relname`, function)
}

// unkeepIDs is the down step of migration 00910.
func (s *Store) unkeepIDs(ctx context.Context, tx *sql.Tx) error {
	if s.isPG() {
		return unkeepIDsPostgres(ctx, tx)
	}
	return unkeepIDsSQLite(ctx, tx)
}

// unkeepIDsSQLite is the down step of keepIDsSQLite: it takes
// AUTOINCREMENT off every table but co_applications (migration 00830).
func unkeepIDsSQLite(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'co_applications'`)
	if err != nil {
		return fmt.Errorf("store: keep ids down: %w", err)
	}
	type change struct{ table, sql string }
	var changes []change
	for rows.Next() {
		var name, create string
		if err := rows.Scan(&name, &create); err != nil {
			rows.Close()
			return fmt.Errorf("store: keep ids down: %w", err)
		}
		if m := sqliteRowidColumn.FindStringSubmatchIndex(create); m != nil && m[4] >= 0 {
			changes = append(changes, change{name, create[:m[4]] + create[m[5]:]})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: keep ids down: %w", err)
	}
	return rewriteSQLiteSchema(ctx, tx, func(exec func(string, ...any) error) error {
		for _, c := range changes {
			if err := exec(`UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?`, c.sql, c.table); err != nil {
				return err
			}
			if err := exec(`DELETE FROM sqlite_sequence WHERE name = ?`, c.table); err != nil {
				return err
			}
		}
		return nil
	})
}

// rewriteSQLiteSchema runs edits of sqlite_schema with writable_schema on
// and then raises the schema version, so that every connection reads the
// changed schema again.
func rewriteSQLiteSchema(ctx context.Context, tx *sql.Tx, edit func(exec func(string, ...any) error) error) error {
	exec := func(q string, args ...any) error {
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("store: keep ids: %s: %w", q, err)
		}
		return nil
	}
	var version int64
	if err := tx.QueryRowContext(ctx, `PRAGMA schema_version`).Scan(&version); err != nil {
		return fmt.Errorf("store: keep ids: schema version: %w", err)
	}
	if err := exec(`PRAGMA writable_schema = ON`); err != nil {
		return err
	}
	err := edit(exec)
	if err == nil {
		err = exec(fmt.Sprintf(`PRAGMA schema_version = %d`, version+1))
	}
	if off := exec(`PRAGMA writable_schema = OFF`); err == nil {
		err = off
	}
	return err
}

// setSQLiteMark raises the table's sqlite_sequence entry to at least mark
// and to its largest id.
func setSQLiteMark(ctx context.Context, tx *sql.Tx, table string, mark int64) error {
	largest, err := maxID(ctx, tx, table)
	if err != nil {
		return err
	}
	var seq sql.NullInt64
	err = tx.QueryRowContext(ctx, `SELECT seq FROM sqlite_sequence WHERE name = ?`, table).Scan(&seq)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: id mark of %s: %w", table, err)
	}
	mark = max(mark, largest, seq.Int64)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = tx.ExecContext(ctx, `INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)`, table, mark)
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE sqlite_sequence SET seq = ? WHERE name = ?`, mark, table)
	}
	if err != nil {
		return fmt.Errorf("store: id mark of %s: %w", table, err)
	}
	return nil
}

// keepIDsPostgres gives every table whose ids come from gremium_rowid (the
// largest id plus one) a sequence <table>_id_seq starting above the larger
// of its largest id and the audit log's, and the trigger gremium_rowid_kept.
func keepIDsPostgres(ctx context.Context, tx *sql.Tx, audited map[string]int64) error {
	triggers, err := rowidTriggers(ctx, tx, "gremium_rowid")
	if err != nil {
		return err
	}
	for _, tr := range triggers {
		if !keepsIDs(tr.table) {
			continue
		}
		largest, err := maxID(ctx, tx, tr.table)
		if err != nil {
			return err
		}
		seq := tr.table + "_id_seq"
		for _, q := range []string{
			`CREATE SEQUENCE ` + quoteIdent(seq),
			fmt.Sprintf(`SELECT setval('%s', %d, false)`, seq, max(largest, audited[tr.table])+1),
			`DROP TRIGGER ` + quoteIdent(tr.name) + ` ON ` + quoteIdent(tr.table),
			`CREATE TRIGGER ` + quoteIdent(tr.name) + ` BEFORE INSERT ON ` + quoteIdent(tr.table) + ` FOR EACH ROW EXECUTE FUNCTION gremium_rowid_kept()`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("store: keep ids of %s: %w", tr.table, err)
			}
		}
	}
	return nil
}

// unkeepIDsPostgres is the down step of keepIDsPostgres: every table but
// co_applications (migration 00830) goes back to gremium_rowid.
func unkeepIDsPostgres(ctx context.Context, tx *sql.Tx) error {
	triggers, err := rowidTriggers(ctx, tx, "gremium_rowid_kept")
	if err != nil {
		return err
	}
	for _, tr := range triggers {
		if tr.table == "co_applications" {
			continue // kept since migration 00830
		}
		for _, q := range []string{
			`DROP TRIGGER ` + quoteIdent(tr.name) + ` ON ` + quoteIdent(tr.table),
			`CREATE TRIGGER ` + quoteIdent(tr.name) + ` BEFORE INSERT ON ` + quoteIdent(tr.table) + ` FOR EACH ROW EXECUTE FUNCTION gremium_rowid()`,
			`DROP SEQUENCE ` + quoteIdent(tr.table+"_id_seq"),
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("store: keep ids down of %s: %w", tr.table, err)
			}
		}
	}
	return nil
}

// quoteIdent quotes an SQL identifier (both engines).
func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// keepsIDs reports whether table keeps its ids: it is not exempt, and not
// one of the shadow tables of SQLite's full-text index (search_index_…),
// which belong to FTS5.
func keepsIDs(table string) bool {
	return !idsNotKept[table] && !strings.HasPrefix(table, "search_index")
}

// pgGiven gives the largest id the sequence of table gave (or was set to).
func pgGiven(ctx context.Context, q queryer, table string) (int64, error) {
	var given int64
	err := q.QueryRowContext(ctx, `SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM `+quoteIdent(table+"_id_seq")).Scan(&given)
	if err != nil {
		return 0, fmt.Errorf("store: ids given in %s: %w", table, err)
	}
	return given, nil
}

// pgSetGiven sets the sequence of table so that its next id is mark+1.
func pgSetGiven(ctx context.Context, tx *sql.Tx, table string, mark int64) error {
	if _, err := tx.ExecContext(ctx, `SELECT setval(?, ?, false)`, table+"_id_seq", mark+1); err != nil {
		return fmt.Errorf("store: id mark of %s: %w", table, err)
	}
	return nil
}

// reserveIDs takes n new ids of table for rows that the caller inserts
// with their id given (insertRows, SaveDocumentNote) and gives the first;
// the ids are first … first+n-1, above every id the table ever gave. The
// caller holds the write lock (the transaction of a store write), so no
// other writer takes ids meanwhile.
func (s *Store) reserveIDs(ctx context.Context, tx *sql.Tx, table string, n int) (int64, error) {
	largest, err := maxID(ctx, tx, table)
	if err != nil {
		return 0, err
	}
	if !keepsIDs(table) {
		return largest + 1, nil
	}
	if s.isPG() {
		given, err := pgGiven(ctx, tx, table)
		if err != nil {
			return 0, err
		}
		last := max(largest, given)
		return last + 1, pgSetGiven(ctx, tx, table, last+int64(n))
	}
	var seq sql.NullInt64
	err = tx.QueryRowContext(ctx, `SELECT seq FROM sqlite_sequence WHERE name = ?`, table).Scan(&seq)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("store: reserve ids of %s: %w", table, err)
	}
	last := max(largest, seq.Int64)
	if err := setSQLiteMark(ctx, tx, table, last+int64(n)); err != nil {
		return 0, err
	}
	return last + 1, nil
}

// keptTables gives the tables that keep their ids: on SQLite those with an
// entry in sqlite_sequence or declared AUTOINCREMENT, on PostgreSQL those
// whose trigger is gremium_rowid_kept.
func (s *Store) keptTables(ctx context.Context) ([]string, error) {
	var out []string
	if s.isPG() {
		triggers, err := rowidTriggers(ctx, s.db, "gremium_rowid_kept")
		for _, tr := range triggers {
			if keepsIDs(tr.table) {
				out = append(out, tr.table)
			}
		}
		return out, err
	}
	type table struct{ name, create string }
	tables, err := queryList(ctx, s.db, func(r scanner) (table, error) {
		var t table
		return t, r.Scan(&t.name, &t.create)
	}, "tables that keep their ids", `SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	for _, t := range tables {
		if m := sqliteRowidColumn.FindStringSubmatchIndex(t.create); keepsIDs(t.name) && m != nil && m[4] >= 0 {
			out = append(out, t.name)
		}
	}
	return out, err
}

// idMarks gives, per table that keeps its ids, the largest id it ever
// gave (for gremium migrate-data, which carries them to the copy).
func (s *Store) idMarks(ctx context.Context) (map[string]int64, error) {
	tables, err := s.keptTables(ctx)
	if err != nil {
		return nil, err
	}
	marks := map[string]int64{}
	for _, t := range tables {
		var given int64
		if s.isPG() {
			if given, err = pgGiven(ctx, s.db, t); err != nil {
				return nil, err
			}
		} else if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = ?`, t).Scan(&given); err != nil {
			return nil, fmt.Errorf("store: id marks: %w", err)
		}
		marks[t] = given
	}
	return marks, nil
}

// setIDMarks raises the id marks of the tables that keep their ids to at
// least the given ones (gremium migrate-data: the copy gives no id that the
// original had given, even where the row was deleted).
func (s *Store) setIDMarks(ctx context.Context, marks map[string]int64) error {
	tables, err := s.keptTables(ctx)
	if err != nil {
		return err
	}
	// Not a store write (inTx): nothing of the copied data changes, so
	// neither the audit log nor the page generation may.
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: id marks: %w", err)
	}
	defer tx.Rollback()
	if err := func() error {
		for _, table := range tables {
			mark := marks[table]
			if !s.isPG() {
				if err := setSQLiteMark(ctx, tx, table, mark); err != nil {
					return err
				}
				continue
			}
			largest, err := maxID(ctx, tx, table)
			if err != nil {
				return err
			}
			given, err := pgGiven(ctx, tx, table)
			if err != nil {
				return err
			}
			if err := pgSetGiven(ctx, tx, table, max(mark, largest, given)); err != nil {
				return err
			}
		}
		return nil
	}(); err != nil {
		return err
	}
	return tx.Commit()
}
