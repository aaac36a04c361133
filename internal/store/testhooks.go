package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"regexp"

	"gremium/internal/model"
)

// Hooks for the tests of the packages above the store (web, api), so that
// they run on either engine: reaching past the store's operations to
// inspect rows or plant a state, making a statement fail as a full disk
// or an I/O error would, and opening the same database a second time as
// another process would.

// DBForTests gives the database under the store, past its operations:
// statements take ? placeholders on both engines (see rebind). Only tests
// and benchmarks use it; the program reads and writes through the store.
func (s *Store) DBForTests() *sql.DB { return s.db }

// OpenAgain opens a second Store on the same database, as another process
// on the same installation would (gremium import next to the server).
func (s *Store) OpenAgain(ctx context.Context) (*Store, error) {
	if s.isPG() {
		return openPostgres(ctx, s.pgURL)
	}
	return Open(ctx, filepath.Dir(s.path))
}

// injectable names a table an injected failure may concern.
var injectable = regexp.MustCompile(`^[a-z_]+$`)

// InjectFailure makes every later INSERT, UPDATE or DELETE (event) on
// table fail with the error "injected failure", on either engine, by a
// trigger, for tests of what a failing statement leaves behind.
func (s *Store) InjectFailure(ctx context.Context, table, event string) error {
	if !injectable.MatchString(table) || (event != "INSERT" && event != "UPDATE" && event != "DELETE") {
		return fmt.Errorf("store: inject failure: %q on %q", event, table)
	}
	name := "fail_" + table + "_" + event
	stmts := []string{`CREATE TRIGGER ` + name + ` BEFORE ` + event + ` ON ` + table + ` BEGIN SELECT RAISE(ABORT, 'injected failure'); END`}
	if s.isPG() {
		stmts = []string{
			`CREATE OR REPLACE FUNCTION gremium_injected_failure() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$`,
			`CREATE TRIGGER ` + name + ` BEFORE ` + event + ` ON ` + table + ` FOR EACH ROW EXECUTE FUNCTION gremium_injected_failure()`,
		}
	}
	for _, q := range stmts {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store: inject failure: %w", err)
		}
	}
	return nil
}

// RecordHeldItemForTests stores an agenda item as CreateItem does, but in
// a session whose agenda is closed too (held or cancelled:
// ErrAgendaClosed), as the import of past minutes records what such a
// session discussed. Only tests use it, for fixtures of held sessions;
// the program adds items through CreateItem, RegisterItem and
// RequestToItem, which keep the rule.
func (s *Store) RecordHeldItemForTests(ctx context.Context, it model.AgendaItem) (int64, error) {
	return s.createItem(ctx, it, false)
}
