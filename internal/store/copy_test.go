package store

import (
	"context"
	"slices"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store/storetest"
)

// TestCopyBetweenEngines copies an installation from SQLite to PostgreSQL
// and back (gremium migrate-data): every table arrives with the same rows
// (counts and checksums), the audit chain verifies on each, and the ids go
// on where they stopped.
func TestCopyBetweenEngines(t *testing.T) {
	if testPG.on {
		t.Skip("runs in the SQLite pass: it opens both engines itself")
	}
	ctx := context.Background()
	pgURL := storetest.NewPostgresDB(t)
	lite, _ := newStore(t)
	fixture(t, lite)
	check(t, lite.ReplaceSearchDocs(ctx, "t", []SearchDoc{{Kind: "beschluss", URL: "/b/1", Title: "Prüfung", Text: "Die Prüfung.", Terms: "pruefung"}}))
	check(t, lite.SaveShares(ctx, 2031, map[string]float64{"HE": 7.4, "BY": 15.5}))
	check(t, lite.SyncOParl(ctx, nil))

	pg, err := openPostgres(ctx, pgURL)
	check(t, err)
	defer pg.Close()
	rep, err := CopyAll(ctx, pg, lite)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Tables) < 30 || rep.Head.ID == 0 {
		t.Fatalf("copied %d tables, head %v", len(rep.Tables), rep.Head)
	}
	if r := must[AuditReport](t)(pg.VerifyAudit(ctx, rep.Head)); r.Problem != nil {
		t.Fatalf("audit chain on PostgreSQL: %+v", r.Problem)
	}
	if _, err := CopyAll(ctx, pg, lite); err == nil {
		t.Error("copied into a database that is not empty")
	}
	// The search index answers on the new engine.
	if hits, _, _, err := pg.Search(ctx, [][]string{{"pruefung"}}, 10, 0); err != nil || len(hits) != 1 {
		t.Errorf("search after the copy: %v %v", hits, err)
	}

	// And back, into a new SQLite file.
	back, err := Open(ctx, t.TempDir())
	check(t, err)
	defer back.Close()
	if _, err := CopyAll(ctx, back, pg); err != nil {
		t.Fatal(err)
	}
	// The source has the audit guard's table besides (newStore).
	want := slices.DeleteFunc(must[[]TableCheck](t)(lite.Checks(ctx)), func(c TableCheck) bool { return c.Table == "test_changes" })
	got := must[[]TableCheck](t)(back.Checks(ctx))
	if !slices.Equal(want, got) {
		t.Errorf("SQLite → PostgreSQL → SQLite changed the data:\n%v\n%v", want, got)
	}

	// Ids go on after the copied ones on the new engine, and the chain with them.
	id := must[int64](t)(pg.CreateMember(ctx, model.Member{Abbrev: "TL", Name: "Testland", Kind: model.MemberLand}))
	var maxID int64
	check(t, lite.db.QueryRow(`SELECT MAX(id) FROM members`).Scan(&maxID))
	if id != maxID+1 {
		t.Errorf("new member id %d, want %d", id, maxID+1)
	}
	if r := must[AuditReport](t)(pg.VerifyAudit(ctx, rep.Head)); r.Problem != nil || r.Head.ID <= rep.Head.ID {
		t.Fatalf("audit chain after a new change: %+v %+v", r, r.Problem)
	}

	// A changed row shows in the checks.
	_, err = pg.db.Exec(`UPDATE members SET name = 'Hessen!' WHERE abbrev = 'HE'`)
	check(t, err)
	sum := func(s *Store) TableCheck {
		for _, c := range must[[]TableCheck](t)(s.Checks(ctx)) {
			if c.Table == "members" {
				return c
			}
		}
		t.Fatal("no members table")
		return TableCheck{}
	}
	if a, b := sum(lite), sum(pg); a.Rows+1 != b.Rows || a.Sum == b.Sum {
		t.Errorf("members after a change: %+v, before %+v", b, a)
	}
	check(t, pg.db.QueryRow(`DELETE FROM members WHERE abbrev = 'TL'`).Err())
	if a, b := sum(lite), sum(pg); a.Rows != b.Rows || a.Sum == b.Sum {
		t.Errorf("a changed name left the checksum of members as it was: %+v", b)
	}
}
