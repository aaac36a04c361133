package store

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestImportOParlAfterCommit imports a new session with OParlAfterCommit:
// the commit leaves the OParl objects unbuilt and their rows marked (as a
// crash right after it would), a write of someone else in between builds
// only its own, and the backlog sync (`gremium serve` at its start, the
// next import) then builds exactly the objects — content, ids and times —
// that an import building them in its transaction writes. An import that
// changes a stored session builds them in its transaction despite the
// option: a stale object could still show what it withdrew.
func TestImportOParlAfterCommit(t *testing.T) {
	ctx := WithActor(context.Background(), "import")
	items, se, open := importSetup(t, 40)
	inTx, bodyA := open()
	after, bodyB := open()
	idA, err := inTx.SaveMinutes(ctx, bodyA, se, items, nil, ImportSource{})
	check(t, err)
	idB, err := after.SaveMinutes(ctx, bodyB, se, items, nil, ImportSource{}, OParlAfterCommit)
	check(t, err)
	if idA != idB {
		t.Fatalf("session ids %d and %d", idA, idB)
	}
	if n := count(t, inTx, "oparl_dirty"); n != 0 {
		t.Errorf("the import without the option left %d rows marked", n)
	}
	marked := count(t, after, "oparl_dirty")
	if marked == 0 {
		t.Fatal("the import with OParlAfterCommit left no rows marked")
	}
	// Readers see the data as before the import: nothing of the session.
	if n := meetingObjects(t, after, idB); n != 0 {
		t.Errorf("%d meeting objects of the new session before the backlog sync", n)
	}
	// Someone else's write in between builds its own objects only.
	_, err = after.CreateMember(ctx, model.Member{Abbrev: "BE", Name: "Berlin", Kind: model.MemberLand, Position: 9})
	check(t, err)
	_, err = inTx.CreateMember(ctx, model.Member{Abbrev: "BE", Name: "Berlin", Kind: model.MemberLand, Position: 9})
	check(t, err)
	if n := count(t, after, "oparl_dirty"); n < marked {
		t.Errorf("a later write took %d of the import's %d marks", marked-n, marked)
	}
	if n := meetingObjects(t, after, idB); n != 0 {
		t.Errorf("%d meeting objects of the new session after a later write", n)
	}
	check(t, after.SyncOParl(ctx, nil))
	if n := count(t, after, "oparl_dirty"); n != 0 {
		t.Errorf("%d rows still marked after the backlog sync", n)
	}
	if n := meetingObjects(t, inTx, idA); n != 1 {
		t.Fatalf("%d meeting objects of the imported session, want 1", n)
	}
	a, b := oparlRows(t, inTx), oparlRows(t, after)
	if !slices.Equal(a, b) {
		for i := range max(len(a), len(b)) {
			if i >= len(a) || i >= len(b) || a[i] != b[i] {
				t.Fatalf("OParl objects differ (%d built in the transaction, %d after the commit); first difference at %d:\n%.400s\n%.400s",
					len(a), len(b), i, at2(a, i), at2(b, i))
			}
		}
	}

	// A stored session's minutes changed: built in the transaction.
	items[0].Contributions[0].Confidential = true
	_, err = after.SaveMinutes(ctx, bodyB, se, items, nil, ImportSource{}, OParlAfterCommit)
	check(t, err)
	if n := count(t, after, "oparl_dirty"); n != 0 {
		t.Errorf("an import into a stored session left %d rows marked", n)
	}
}

// importSetup gives n items of minutes to import, the session they are
// the minutes of, and open, which opens a store with the fixture and the
// clock at the import's time and gives the body's id.
func importSetup(t *testing.T, n int) (items []MinutesItem, se model.Session, open func() (*Store, int64)) {
	t.Helper()
	at := time.Date(2030, 3, 1, 9, 0, 0, 0, time.UTC)
	for i := range n {
		items = append(items, importItem(i+1, i+1))
	}
	se = model.Session{Number: 50, Date: model.NewDate(2030, 3, 1), Place: "Berlin", Chair: "Bund"}
	open = func() (*Store, int64) {
		s, _ := newStore(t)
		s.SetClock(func() time.Time { return at })
		bodyID, _ := fixture(t, s)
		return s, bodyID
	}
	return items, se, open
}

func at2(rows []string, i int) string {
	if i < len(rows) {
		return rows[i]
	}
	return "(none)"
}

// meetingObjects counts the live OParl meetings of a session.
func meetingObjects(t *testing.T, s *Store, sessionID int64) int {
	t.Helper()
	var n int
	check(t, s.db.QueryRowContext(context.Background(),
		`SELECT COUNT(*) FROM oparl_objects WHERE kind = 'meeting' AND src = ? AND deleted = 0`, sessionID).Scan(&n))
	return n
}

// oparlRows gives every stored OParl object as one line, ordered.
func oparlRows(t *testing.T, s *Store) []string {
	t.Helper()
	rows, err := s.db.QueryContext(context.Background(),
		`SELECT kind, id, COALESCE(src, 0), created, modified, deleted, hash, json FROM oparl_objects ORDER BY kind, id`)
	check(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var kind, created, modified, hash string
		var id, src int64
		var deleted bool
		var js []byte
		check(t, rows.Scan(&kind, &id, &src, &created, &modified, &deleted, &hash, &js))
		out = append(out, fmt.Sprintf("%s %d src %d %s %s deleted %v %s %s", kind, id, src, created, modified, deleted, hash, js))
	}
	check(t, rows.Err())
	return out
}
