package store

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"gremium/internal/model"
)

// guardedTable is a table whose changes must show in the audit log: a
// change of row key in table must be followed by an entry of entity with
// entity_id key.
type guardedTable struct{ table, keyCol, entity string }

// guardedTables derives from auditEntities which table belongs to which
// entity: an entity's own table by id, its parts by the parent column their
// query filters on. Login sessions are logged as login events of the
// account.
func guardedTables() []guardedTable {
	part := regexp.MustCompile(`FROM (\w+) WHERE (\w+) = \?`)
	out := []guardedTable{{"login_sessions", "user_id", LoginEntity}}
	for _, e := range auditEntities {
		if e.table != "" {
			out = append(out, guardedTable{e.table, "id", e.Name})
		}
		for _, p := range e.parts {
			m := part.FindStringSubmatch(p.query)
			out = append(out, guardedTable{m[1], m[2], e.Name})
		}
	}
	return out
}

// guardAudit installs triggers that note every row change of the audited
// tables with the newest audit entry at that moment; when the test ends it
// fails for every change that no later audit entry of the object records.
// Every store test runs with it (newStore), so a write path that bypasses
// the audit log fails the suite.
func guardAudit(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	stmts := []string{`CREATE TABLE test_changes (tbl TEXT NOT NULL, entity TEXT NOT NULL, key INTEGER NOT NULL, after_entry INTEGER NOT NULL)`}
	if s.isPG() {
		stmts = pgAuditGuard()
	}
	for _, g := range guardedTables() {
		if s.isPG() {
			break
		}
		for _, op := range []string{"INSERT", "UPDATE", "DELETE"} {
			row := "NEW"
			if op == "DELETE" {
				row = "OLD"
			}
			stmts = append(stmts, fmt.Sprintf(`CREATE TRIGGER test_guard_%s_%s AFTER %s ON %s BEGIN
				INSERT INTO test_changes VALUES ('%s', '%s', %s.%s, (SELECT COALESCE(MAX(id), 0) FROM audit_log)); END`,
				g.table, op, op, g.table, g.table, g.entity, row, g.keyCol))
		}
	}
	for _, q := range stmts {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatalf("audit guard: %v\n%s", err, q)
		}
	}
	t.Cleanup(func() {
		if s.closed.Load() {
			return // the test closed the store itself (and may have reopened the file)
		}
		missing, err := unauditedChanges(ctx, s)
		if err != nil {
			t.Errorf("audit guard: %v", err)
		}
		for _, m := range missing {
			t.Errorf("audit guard: %s", m)
		}
		if rep, err := s.VerifyAudit(ctx, AuditHead{}); err != nil || rep.Problem != nil {
			t.Errorf("audit chain at the end of the test: %+v %v", rep.Problem, err)
		}
	})
}

// unauditedChanges lists the row changes noted by guardAudit's triggers
// that no later audit entry of their object records.
func unauditedChanges(ctx context.Context, s *Store) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT c.tbl, c.entity, c.key, MIN(c.after_entry) FROM test_changes c
		WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = c.entity AND a.entity_id = c.key AND a.id > c.after_entry)
		AND NOT EXISTS (SELECT 1 FROM audit_import_rows r WHERE r.entity = c.entity AND c.key BETWEEN r.first_id AND r.last_id AND r.entry_id > c.after_entry)
		GROUP BY c.tbl, c.entity, c.key ORDER BY 4`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var tbl, entity string
		var key, after int64
		if err := rows.Scan(&tbl, &entity, &key, &after); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprintf("a change of %s (%s %d) after audit entry %d has no audit entry", tbl, entity, key, after))
	}
	return out, rows.Err()
}

// TestAuditGuardCatchesUnloggedWrites proves the guard: a write that
// bypasses the store's audit is reported.
func TestAuditGuardCatchesUnloggedWrites(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	fixture(t, s)
	if m, err := unauditedChanges(ctx, s); err != nil || len(m) != 0 {
		t.Fatalf("fixture: %v %v", m, err)
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE members SET name = 'Freie und Hansestadt Hamburg' WHERE abbrev = 'HH'`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO ks_shares (year, abbrev, share) VALUES (2099, 'HE', 0.07)`); err != nil {
		t.Fatal(err)
	}
	m, err := unauditedChanges(ctx, s)
	if err != nil || len(m) != 2 {
		t.Fatalf("unaudited = %v, %v", m, err)
	}
	// Logged through the store, the same change passes.
	hh := must[model.Member](t)(s.Member(ctx, "HH"))
	hh.Name = "Hamburg"
	check(t, s.UpdateMember(ctx, hh))
	if m, _ := unauditedChanges(ctx, s); len(m) != 1 || !strings.Contains(m[0], "ks_shares (ks_shares 2099)") {
		t.Errorf("after the logged update: %v", m)
	}
	// Leave the suite's own end-of-test check clean.
	if _, err := s.db.ExecContext(ctx, `DELETE FROM test_changes`); err != nil {
		t.Fatal(err)
	}
}

// unaudited are the tables whose rows are not recorded in the audit log,
// each with the reason (docs/architecture.md, "The audit log").
var unaudited = map[string]string{
	"audit_log":                "the log itself",
	"audit_import_rows":        "index of the id ranges that import entries of audit_log name (store/audit_import.go)",
	"goose_db_version":         "the schema version, written by migrations",
	"decision_counters":        "the number a counter gives is recorded in the decision's entry",
	"item_refs":                "lookup rows kept by triggers from agenda_items",
	"search_index":             "derived from the recorded data, rebuilt at any time",
	"search_index_lexemes":     "documents per lexeme of search_index (PostgreSQL), kept by its triggers",
	"login_seen":               "the last use of a login session (idle timeout): activity, not content; logins and logouts are login events",
	"server_keys":              "random keys of the server for signed cookies, made once; no content",
	"oparl_objects":            "the OParl JSON built from the recorded data in the same transaction (store/oparl.go)",
	"oparl_counts":             "counts of oparl_objects",
	"oparl_dirty":              "work list of the OParl build, kept by triggers and emptied in the same transaction",
	"rendered_pages":           "public pages rendered from the recorded data, served until the next change (store/pages.go)",
	"search_state":             "the search index's mark \"needs rebuild\" (derived data), set by migrations and cleared by search.Rebuild",
	"search_pending":           "sessions whose search documents (derived data) gremium serve still writes, marked by an import (store.SearchAfterCommit) and removed by search.IndexPending",
	"page_generation":          "counts the changes of content, bumped in the transaction of each change (store/pages.go)",
	"follow_up_public":         "what the public sees of each follow-up, derived from the recorded data in the same transaction (store/followup_public.go)",
	"follow_up_public_counts":  "sums of follow_up_public",
	"follow_up_public_dirty":   "work list of follow_up_public, kept by triggers and emptied in the same transaction",
	"follow_up_numbers":        "the public numbers of follow-ups, given in the transaction of the change that made each public, whose audit entry records that change (store/followup_numbers.go)",
	"follow_up_decision_state": "each decision's Stand der Umsetzung from follow_up_public, derived in the same transaction (store/followup_public.go)",
	"sent_forms":               "the one-time keys of forms that made something, written in the transaction whose audit entry records what they made (store/sent_forms.go)",
	"installation":             "the installation's calendar domain, made once at the first feed (store.CalendarDomain); no content",
}

// TestEveryTableAudited fails for a table that is neither recorded by an
// audited entity nor listed in unaudited with a reason: a new table must
// choose.
func TestEveryTableAudited(t *testing.T) {
	s, _ := newStore(t)
	guarded := map[string]bool{}
	for _, g := range guardedTables() {
		guarded[g.table] = true
	}
	query := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'test_changes'
		AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name NOT LIKE 'search_index_%' ORDER BY name`
	if s.isPG() {
		// search_index is the counterpart of SQLite's virtual table.
		query = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
			AND table_type = 'BASE TABLE' AND table_name NOT IN ('test_changes', 'search_index') ORDER BY table_name`
	}
	tables, err := queryList(context.Background(), s.db, func(r scanner) (string, error) {
		var n string
		return n, r.Scan(&n)
	}, "tables", query)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range tables {
		if !guarded[name] && unaudited[name] == "" {
			t.Errorf("table %s is neither audited (auditEntities in audit.go) nor listed in unaudited with a reason", name)
		}
	}
}

// bypassStore runs a statement directly on the database, as a test's
// shortcut for a change the store has no operation for yet (disabling an
// account); the audit guard does not count it.
func bypassStore(t *testing.T, s *Store, query string, args ...any) {
	t.Helper()
	bypassAudit(t, s, func() error {
		_, err := s.db.ExecContext(context.Background(), query, args...)
		return err
	})
}

// bypassAudit runs write, which changes rows without audit entries on
// purpose (a data migration, a test's set-up), and keeps the audit guard
// from reporting its changes.
func bypassAudit(t *testing.T, s *Store, write func() error) {
	t.Helper()
	ctx := context.Background()
	var before int64
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(rowid), 0) FROM test_changes`).Scan(&before); err != nil {
		t.Fatal(err)
	}
	if err := write(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM test_changes WHERE rowid > ?`, before); err != nil {
		t.Fatal(err)
	}
}

// pgAuditGuard gives guardAudit's table and triggers for PostgreSQL;
// rowid numbers the noted changes as SQLite's rowid does.
func pgAuditGuard() []string {
	stmts := []string{
		`CREATE TABLE test_changes (rowid BIGSERIAL, tbl TEXT NOT NULL, entity TEXT NOT NULL, key BIGINT NOT NULL, after_entry BIGINT NOT NULL)`,
		`CREATE FUNCTION test_guard() RETURNS trigger LANGUAGE plpgsql AS $$
		DECLARE r json;
		BEGIN
			IF TG_OP = 'DELETE' THEN r := row_to_json(OLD); ELSE r := row_to_json(NEW); END IF;
			INSERT INTO test_changes (tbl, entity, key, after_entry)
				VALUES (TG_ARGV[0], TG_ARGV[1], CAST(r->>TG_ARGV[2] AS BIGINT), (SELECT COALESCE(MAX(id), 0) FROM audit_log));
			RETURN NULL;
		END; $$`,
	}
	for i, g := range guardedTables() {
		stmts = append(stmts, fmt.Sprintf(`CREATE TRIGGER test_guard_%d_%s AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION test_guard('%s', '%s', '%s')`,
			i, g.table, g.table, g.table, g.entity, g.keyCol))
	}
	return stmts
}
