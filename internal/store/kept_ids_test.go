package store

import (
	"context"
	"database/sql"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store/storetest"
)

// registerAndWithdraw registers Hessen's proposal in the fixture's session
// and withdraws it again; it gives the ids the registration had (agenda
// item and decision).
func registerAndWithdraw(t *testing.T, f coAppFixture) (item, decision int64) {
	t.Helper()
	item = f.register(t, f.regist)
	decision = decisionOf(t, f, item)
	it := must[model.AgendaItem](t)(f.s.Item(f.ctx, item))
	check(t, f.s.WithdrawRegistration(f.ctx, item, it.Version, "HE"))
	return item, decision
}

// decisionOf gives the id of the one decision of an agenda item.
func decisionOf(t *testing.T, f coAppFixture, item int64) int64 {
	t.Helper()
	ds := must[[]model.Decision](t)(f.s.ItemDecisions(f.ctx, item))
	if len(ds) != 1 {
		t.Fatalf("item %d has %d decisions", item, len(ds))
	}
	return ds[0].ID
}

// TestIDsNeverGivenTwice: Hessen withdraws its newest registration and
// registers another. The engines gave the new agenda item and decision
// the withdrawn one's ids (the largest id plus one), so the withdraw form
// of the first, still open in another tab, withdrew the second (same id,
// version 1). Ids are kept now: the new registration takes new ids.
func TestIDsNeverGivenTwice(t *testing.T) {
	f := newCoAppFixture(t)
	oldItem, oldDecision := registerAndWithdraw(t, f)
	item := f.register(t, f.regist)
	if dec := decisionOf(t, f, item); item == oldItem || dec == oldDecision {
		t.Fatalf("the new registration took the withdrawn one's ids: item %d (was %d), decision %d (was %d)", item, oldItem, dec, oldDecision)
	}
	// The stale form of the withdrawn registration finds nothing to withdraw.
	if err := f.s.WithdrawRegistration(f.ctx, oldItem, 1, "HE"); model.ClassOf(err) != model.ErrNotFound {
		t.Errorf("withdraw of the gone registration: %v, want not found", err)
	}
	if _, err := f.s.Item(f.ctx, item); err != nil {
		t.Errorf("the new registration after the stale withdraw: %v", err)
	}
}

// TestReservedIDsAboveDeleted: rows inserted with their ids given (an
// import's insertRows, a document note) took the largest id plus one as
// well; reserveIDs gives ids above every id the table ever gave.
func TestReservedIDsAboveDeleted(t *testing.T) {
	f := newCoAppFixture(t)
	oldItem, oldDecision := registerAndWithdraw(t, f)
	check(t, f.s.inTx(f.ctx, func(tx *sql.Tx) error {
		for table, old := range map[string]int64{"agenda_items": oldItem, "decisions": oldDecision} {
			first, err := f.s.reserveIDs(f.ctx, tx, table, 3)
			if err != nil {
				return err
			}
			if first <= old {
				t.Errorf("%s: reserved from %d, but %d was given before", table, first, old)
			}
			again, err := f.s.reserveIDs(f.ctx, tx, table, 1)
			if err != nil {
				return err
			}
			if again != first+3 {
				t.Errorf("%s: the next reservation starts at %d, want %d", table, again, first+3)
			}
		}
		return nil
	}))
	// The ids reserved (and not used) are not given to the next row either.
	item := f.register(t, f.regist)
	if item <= oldItem+4 {
		t.Errorf("the next agenda item got id %d, inside the reserved ids %d–%d", item, oldItem+1, oldItem+4)
	}
}

// TestIDsDeletedBeforeTheMigration: a database that gave ids again before
// migration 00910 had rows deleted then; the migration takes the largest
// id from the audit log, so those ids are not given again either.
func TestIDsDeletedBeforeTheMigration(t *testing.T) {
	f := newCoAppFixture(t)
	p, err := f.s.provider()
	check(t, err)
	bypassAudit(t, f.s, func() error { _, err := p.ApplyVersion(f.ctx, keptIDsVersion, false); return err })
	oldItem, oldDecision := registerAndWithdraw(t, f)
	// Before the migration the ids were given again (this is the bug).
	again := f.register(t, f.regist)
	if again != oldItem {
		t.Logf("before the migration the id was not given again (%d, %d)", again, oldItem)
	}
	againDecision := decisionOf(t, f, again)
	check(t, f.s.WithdrawRegistration(f.ctx, again, must[model.AgendaItem](t)(f.s.Item(f.ctx, again)).Version, "HE"))
	bypassAudit(t, f.s, func() error { _, err := p.ApplyVersion(f.ctx, keptIDsVersion, true); return err })
	item := f.register(t, f.regist)
	if dec := decisionOf(t, f, item); item <= max(oldItem, again) || dec <= max(oldDecision, againDecision) {
		t.Errorf("after the migration: item %d, decision %d; ids given before went up to %d, %d",
			item, dec, max(oldItem, again), max(oldDecision, againDecision))
	}
}

// TestEveryTableKeepsItsIDs: a table added later must keep its ids as
// well (AUTOINCREMENT on SQLite, gremium_rowid_kept on PostgreSQL), unless
// it is one of the exempt derived tables or logs (idsNotKept).
func TestEveryTableKeepsItsIDs(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	if s.isPG() {
		for _, tr := range must[[]rowidTrigger](t)(rowidTriggers(ctx, s.db, "gremium_rowid")) {
			if keepsIDs(tr.table) {
				t.Errorf("table %s gives the largest id plus one (trigger gremium_rowid); use gremium_rowid_kept and a sequence %s_id_seq", tr.table, tr.table)
			}
		}
	}
	kept := must[[]string](t)(s.keptTables(ctx))
	if len(kept) < 40 {
		t.Errorf("only %d tables keep their ids: %v", len(kept), kept)
	}
	if s.isPG() {
		return
	}
	// Migration 00910 changed the CREATE statements in place.
	var integrity string
	check(t, s.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&integrity))
	if integrity != "ok" {
		t.Errorf("integrity check: %s", integrity)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	check(t, err)
	defer rows.Close()
	for rows.Next() {
		var name, create string
		check(t, rows.Scan(&name, &create))
		if m := sqliteRowidColumn.FindStringSubmatch(create); m != nil && m[2] == "" && keepsIDs(name) {
			t.Errorf("table %s has an integer id without AUTOINCREMENT: SQLite gives a deleted id again", name)
		}
	}
}

// TestCopyKeepsDeletedIDs: gremium migrate-data copies the rows with their
// ids, and the copy must not give the ids of rows deleted before it (the
// largest id each table ever gave goes with the copy), in both directions.
func TestCopyKeepsDeletedIDs(t *testing.T) {
	if testPG.on {
		t.Skip("runs in the SQLite pass: it opens both engines itself")
	}
	ctx := context.Background()
	f := newCoAppFixture(t)
	oldItem, oldDecision := registerAndWithdraw(t, f)

	pg, err := openPostgres(ctx, storetest.NewPostgresDB(t))
	check(t, err)
	defer pg.Close()
	_, err = CopyAll(ctx, pg, f.s)
	check(t, err)
	onPG := f
	onPG.s = pg
	item := onPG.register(t, f.regist)
	if dec := decisionOf(t, onPG, item); item <= oldItem || dec <= oldDecision {
		t.Errorf("on PostgreSQL after the copy: item %d, decision %d; SQLite gave up to %d, %d", item, dec, oldItem, oldDecision)
	}
	check(t, pg.WithdrawRegistration(f.ctx, item, must[model.AgendaItem](t)(pg.Item(f.ctx, item)).Version, "HE"))

	back, err := Open(ctx, t.TempDir())
	check(t, err)
	defer back.Close()
	_, err = CopyAll(ctx, back, pg)
	check(t, err)
	onLite := f
	onLite.s = back
	again := onLite.register(t, f.regist)
	if again <= item {
		t.Errorf("on SQLite after the copy back: item %d; PostgreSQL gave up to %d", again, item)
	}
}
