package store

import (
	"context"
	"slices"
	"testing"

	"gremium/internal/model"
)

// TestQuorumFindingsStayWhereMade: the secretariat saves the attendance
// at the opening and again at TOP 01 to add an advisory member. Before,
// every save overwrote the one finding kept with the item called, so the
// minutes gave "beschlussfähig: 16 von 17 …" under TOP 01 and nothing at
// the opening, where the Grüne Liste was voted. Now the opening finding
// stays at the opening; a save that changes nothing about the finding
// records nothing; one that changes it adds its own finding at its item.
func TestQuorumFindingsStayWhereMade(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	_, se := lawFixture(t, s) // all 17 voters and DLT present at the opening
	var items []int64
	for i, n := range []string{"00", "01", "02"} {
		items = append(items, must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: se, Number: n, Title: "Thema " + n, Position: i + 1, Status: model.ItemAccepted})))
	}
	findings := func() []QuorumFinding {
		t.Helper()
		return must[SessionRecord](t)(s.SessionRecord(ctx, se)).Quorum
	}
	sixteen := attending(append(voters[:16:16], "DLT")...)

	// At the opening the list is completed: its last finding is the
	// opening finding.
	if ok, _, err := s.SaveAttendance(ctx, se, sixteen); err != nil || !ok {
		t.Fatalf("16 present at the opening: %v %v", ok, err)
	}
	want16 := "beschlussfähig: 16 von 17 stimmberechtigten Mitgliedern anwesend (nötig: 9)"
	if got := findings(); len(got) != 1 || got[0] != (QuorumFinding{ItemID: 0, Result: "ja", Reason: want16}) {
		t.Fatalf("the opening finding: %+v", got)
	}
	opening := findings()

	// TOP 00 (the Grüne Liste), then TOP 01: the list saved again with
	// the advisory members; the finding is the same.
	check(t, s.SetCurrentItem(ctx, se, items[0]))
	check(t, s.SetCurrentItem(ctx, se, items[1]))
	if ok, reason, err := s.SaveAttendance(ctx, se, append(sixteen, model.Attendance{Member: "FITKO", Presence: model.Present})); err != nil || !ok || reason != want16 {
		t.Fatalf("advisory members added at TOP 01: %v %q %v", ok, reason, err)
	}
	if got := findings(); !slices.Equal(got, opening) {
		t.Errorf("after the same finding at TOP 01: %+v, want the opening finding alone %+v", got, opening)
	}
	if _, _, err := s.EstablishQuorum(ctx, se); err != nil {
		t.Fatal(err)
	}
	if got := findings(); !slices.Equal(got, opening) {
		t.Errorf("after the quorum checked again at TOP 01: %+v", got)
	}

	// At TOP 02 eight Länder leave: the finding changes and is added there.
	check(t, s.SetCurrentItem(ctx, se, items[2]))
	if ok, _, err := s.SaveAttendance(ctx, se, attending(voters[:8]...)); err != nil || ok {
		t.Fatalf("eight present at TOP 02: %v %v", ok, err)
	}
	want8 := "nicht beschlussfähig: nur 8 von 17 stimmberechtigten Mitgliedern anwesend (nötig: 9)"
	want := append(slices.Clone(opening), QuorumFinding{ItemID: items[2], Result: "nein", Reason: want8})
	if got := findings(); !slices.Equal(got, want) {
		t.Errorf("after eight present at TOP 02: %+v, want %+v", got, want)
	}
	if se := must[model.Session](t)(s.Session(ctx, se)); se.Quorum != "nein" {
		t.Errorf("the result in force: %q", se.Quorum)
	}
	// They come back, still at TOP 02: one more finding there.
	if ok, _, err := s.SaveAttendance(ctx, se, sixteen); err != nil || !ok {
		t.Fatalf("16 present again: %v %v", ok, err)
	}
	want = append(want, QuorumFinding{ItemID: items[2], Result: "ja", Reason: want16})
	if got := findings(); !slices.Equal(got, want) {
		t.Errorf("after 16 present again at TOP 02: %+v, want %+v", got, want)
	}
	// After the items (none called) a change belongs to the last one
	// taken up.
	check(t, s.SetCurrentItem(ctx, se, 0))
	if _, _, err := s.SaveAttendance(ctx, se, attending(voters...)); err != nil {
		t.Fatal(err)
	}
	if got := findings(); len(got) != 4 || got[3].ItemID != items[2] {
		t.Errorf("after the items: %+v", got)
	}
}

// TestQuorumFindingAtTheOpeningIsCompleted: before the first item is
// called the secretariat completes the list in several saves; the minutes
// give the last finding made there, once.
func TestQuorumFindingAtTheOpeningIsCompleted(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	_, se := lawFixture(t, s)
	must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: se, Number: "00", Title: "Begrüßung", Position: 1, Status: model.ItemAccepted}))
	for _, n := range []int{5, 12} {
		if _, _, err := s.SaveAttendance(ctx, se, attending(voters[:n]...)); err != nil {
			t.Fatal(err)
		}
	}
	got := must[SessionRecord](t)(s.SessionRecord(ctx, se)).Quorum
	want := []QuorumFinding{{Result: "ja", Reason: "beschlussfähig: 12 von 17 stimmberechtigten Mitgliedern anwesend (nötig: 9)"}}
	if !slices.Equal(got, want) {
		t.Errorf("the opening finding: %+v, want %+v", got, want)
	}
}

// TestQuorumFindingsMigration: migration 01160 keeps the one finding a
// session stored before (sessions.quorum_reason, quorum_item_id) as the
// first of its findings, at its item; a session never checked has none.
func TestQuorumFindingsMigration(t *testing.T) {
	ctx := context.Background()
	s, err := testOpen(t, ctx, t.TempDir())
	check(t, err)
	defer s.Close()
	bodyID, se := lawFixture(t, s)
	item := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: se, Number: "01", Title: "Dachmarke", Position: 1, Status: model.ItemAccepted}))
	unchecked := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2025, 11, 20), Status: model.StatusPlanned}))
	p, err := s.provider()
	check(t, err)
	if _, err := p.ApplyVersion(ctx, 1160, false); err != nil {
		t.Fatal(err)
	}
	reason := "beschlussfähig: 14 von 17 stimmberechtigten Mitgliedern anwesend (nötig: 9)"
	var backReason string
	check(t, s.db.QueryRowContext(ctx, `SELECT quorum_reason FROM sessions WHERE id = ?`, se).Scan(&backReason))
	if backReason != "beschlussfähig: 17 von 17 stimmberechtigten Mitgliedern anwesend (nötig: 9)" {
		t.Errorf("down: the last finding back in quorum_reason: %q", backReason)
	}
	_, err = s.db.ExecContext(ctx, `UPDATE sessions SET quorum = 'ja', quorum_reason = ?, quorum_item_id = ? WHERE id = ?`, reason, item, se)
	check(t, err)
	if _, err := p.ApplyVersion(ctx, 1160, true); err != nil {
		t.Fatal(err)
	}
	got := must[SessionRecord](t)(s.SessionRecord(ctx, se)).Quorum
	if want := []QuorumFinding{{ItemID: item, Result: "ja", Reason: reason}}; !slices.Equal(got, want) {
		t.Errorf("the finding kept before: %+v, want %+v", got, want)
	}
	if got := must[SessionRecord](t)(s.SessionRecord(ctx, unchecked)).Quorum; len(got) != 0 {
		t.Errorf("a session never checked: %+v", got)
	}
}
