package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"

	"gremium/internal/model"
)

// checkPublicCounts compares the kept public follow-up counts with the Go
// rules (SeesFollowUp and SeesItem, as goList applies them) for the
// council and for other bodies as the council, over the whole list and by
// status.
func checkPublicCounts(t *testing.T, s *Store, w followUpWorld, after string) {
	t.Helper()
	ctx := context.Background()
	councils := []int64{w.council}
	for _, b := range must[[]model.Body](t)(s.Bodies(ctx, "")) {
		if b.ID != w.council {
			councils = append(councils, b.ID)
		}
	}
	filters := []FollowUpFilter{{}, {Pending: true}}
	for _, st := range []model.FollowUpStatus{model.FollowUpOpen, model.FollowUpInProgress, model.FollowUpDone, model.FollowUpDropped} {
		filters = append(filters, FollowUpFilter{Status: st}, FollowUpFilter{Status: st, Pending: true})
	}
	for _, council := range councils {
		cw := w
		cw.council = council
		for _, f := range filters {
			q := FollowUpListQuery{FollowUpFilter: f, Audience: model.Public, CouncilID: council}
			got, ok, err := s.publicFollowUpCounts(ctx, q)
			if err != nil || !ok {
				t.Fatalf("after %s: kept counts not read (%v, %v)", after, ok, err)
			}
			pf := f
			pf.Pending = true
			want := [2]int{len(cw.goList(t, s, model.Public, nil, f, false)), len(cw.goList(t, s, model.Public, nil, pf, false))}
			if got != want {
				t.Errorf("after %s: council %d, %+v: kept %v, the Go rules give %v", after, council, f, got, want)
			}
		}
	}
}

// TestPublicFollowUpCountsKept: the public follow-up counts kept in the
// transaction of each write agree with the Go rules after every kind of
// write that can change what the public sees of a follow-up — a new
// follow-up, one done, moved to another item, a session's minutes
// released, its agenda published and withdrawn, an item declined, a
// decision adopted, a body made internal and public again, an import
// approving minutes, a deleted session, a change written outside the
// store once worked off — and after a copy to a new installation
// (gremium migrate-data).
func TestPublicFollowUpCountsKept(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	w := newFollowUpWorld(t, s)
	checkPublicCounts(t, s, w, "the fixture")
	if n := len(w.goList(t, s, model.Public, nil, FollowUpFilter{}, false)); n == 0 {
		t.Fatal("the fixture has no public follow-up")
	}
	sessions := map[int]model.Session{}
	for _, se := range must[[]model.Session](t)(s.Sessions(ctx, w.council)) {
		sessions[se.Number] = se
	}
	items := func(n int) []model.AgendaItem {
		return must[[]model.AgendaItem](t)(s.Items(ctx, sessions[n].ID))
	}
	session := func(n int) model.Session { return must[model.Session](t)(s.Session(ctx, sessions[n].ID)) }

	// New follow-ups: from the discussion of a session with released
	// minutes, on an adopted decision, on neither.
	approved := items(40)[0]
	fid := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: approved.ID, Text: "Neu", Status: model.FollowUpOpen}))
	checkPublicCounts(t, s, w, "a new follow-up")

	// Done.
	f := must[model.FollowUp](t)(s.FollowUp(ctx, fid))
	check(t, s.ReportFollowUp(ctx, FollowUpReport{ID: fid, Version: f.Version, Status: model.FollowUpDone, DoneOn: model.NewDate(2025, 9, 1), EvidenceText: "Bericht liegt vor", Author: "Test"}))
	checkPublicCounts(t, s, w, "a follow-up done")

	// Moved to an item of a session whose minutes are not out.
	f = must[model.FollowUp](t)(s.FollowUp(ctx, fid))
	f.ItemID = items(42)[0].ID
	check(t, s.UpdateFollowUp(ctx, f))
	checkPublicCounts(t, s, w, "a follow-up moved to another item")

	// The minutes of session 42 released (Protokoll im Entwurf).
	check(t, s.SetSessionStatus(ctx, sessions[42].ID, session(42).Version, model.StatusMinutesDraft))
	checkPublicCounts(t, s, w, "minutes released")

	// The agenda of the convened session 44 withdrawn, then published.
	for _, published := range []bool{false, true} {
		se := session(44)
		se.AgendaPublished = published
		check(t, s.UpdateSession(ctx, se))
		checkPublicCounts(t, s, w, "an agenda published or withdrawn")
	}

	// An accepted item of the convened session 44 declined (the agenda of
	// a session held keeps its items).
	it := items(44)[0]
	it.Status = model.ItemDeclined
	check(t, s.UpdateItem(ctx, it))
	checkPublicCounts(t, s, w, "an item declined")

	// A proposal adopted in the running session 43, with a follow-up.
	running := items(43)[0]
	dec := must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: w.council, SessionID: sessions[43].ID, ItemID: running.ID, Kind: model.KindRecommendation,
		Status: model.DecisionDraft, Scope: model.ScopeAll, Title: "Empfehlung", Applicants: []string{"Bund"}}))
	must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{DecisionID: dec, Text: "Zum Beschluss", Status: model.FollowUpInProgress}))
	checkPublicCounts(t, s, w, "a follow-up on a proposal")
	// The fixture's three members form a quorum.
	b := must[model.Body](t)(s.Body(ctx, w.council))
	b.QuorumMin = 2
	check(t, s.UpdateBody(ctx, b))
	if ok, reason, err := s.SaveAttendance(ctx, sessions[43].ID, attending("Bund", "HE", "HH")); err != nil || !ok {
		t.Fatalf("attendance: %v %s", err, reason)
	}
	out := must[VoteOutcome](t)(s.RecordShowOfHands(ctx, sessions[43].ID, dec, votesOf(model.VoteYes, "Bund", "HE", "HH")))
	if d := must[model.Decision](t)(s.Decision(ctx, dec)); d.Status != model.DecisionAdopted {
		t.Fatalf("the recommendation was not adopted: %+v", out)
	}
	checkPublicCounts(t, s, w, "a decision adopted")

	// The council made internal and public again (a body's flag).
	for _, internal := range []bool{true, false} {
		b := must[model.Body](t)(s.Body(ctx, w.council))
		b.Preparation.Internal = internal
		check(t, s.UpdateBody(ctx, b))
		checkPublicCounts(t, s, w, "the council's internal flag changed")
	}

	// An import of the next session approving the draft minutes of 41.
	_, err := s.SaveMinutes(ctx, w.council, model.Session{Number: 47, Date: model.NewDate(2025, 12, 1), Place: "Berlin", Chair: "Bund"},
		[]MinutesItem{{Item: model.AgendaItem{Number: "1", Title: "TOP 1", Position: 1, Status: model.ItemAccepted}}},
		&MinutesApproval{Session: 42, Text: "Protokoll", Stamp: stampOf(t, s, sessions[42].ID)}, ImportSource{})
	check(t, err)
	if se := session(42); se.Status != model.StatusMinutesApproved {
		t.Fatalf("the import did not approve the minutes of 42: %s", se.Status)
	}
	checkPublicCounts(t, s, w, "an import")

	// A session deleted (only an empty one can be).
	empty := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: w.council, Number: 48, Status: model.StatusPlanned}))
	check(t, s.DeleteSession(ctx, empty, must[model.Session](t)(s.Session(ctx, empty)).Version))
	checkPublicCounts(t, s, w, "a session deleted")

	// Written outside the store (the minutes of 43 released by SQL): the
	// count is counted until the marks are worked off, then read again.
	bypassStore(t, s, `UPDATE sessions SET status = ? WHERE id = ?`, model.StatusMinutesDraft, sessions[43].ID)
	q := FollowUpListQuery{Audience: model.Public, CouncilID: w.council}
	if _, ok, err := s.publicFollowUpCounts(ctx, q); ok || err != nil {
		t.Errorf("kept counts read while a change written outside the store waits (%v)", err)
	}
	if total, _ := must2[int, int](t)(s.FollowUpCounts(ctx, q)); total != len(w.goList(t, s, model.Public, nil, FollowUpFilter{}, false)) {
		t.Errorf("the counted count %d disagrees with the Go rules", total)
	}
	check(t, s.SyncFollowUpPublic(ctx))
	checkPublicCounts(t, s, w, "a change written outside the store, worked off")

	// Copied to a new installation (gremium migrate-data): the copy's
	// checks pass and its kept counts agree.
	dst, err := Open(ctx, t.TempDir())
	check(t, err)
	defer dst.Close()
	if _, err := CopyAll(ctx, dst, s); err != nil {
		t.Fatal(err)
	}
	checkPublicCounts(t, dst, w, "a copy")
}

// TestPublicFollowUpFilterKeysOnPublicText: the public list filtered by a
// member finds only the follow-ups whose public text names it. A follow-up
// whose "Bayern" is a confidential passage (the public page shows
// "[geschwärzt]") is not found by "BY" — it would tell that Bayern is
// responsible — while the internal list finds it.
func TestPublicFollowUpFilterKeysOnPublicText(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	w := newFollowUpWorld(t, s)
	hidden := map[int64]bool{}
	for _, e := range must[[]FollowUpEntry](t)(s.FollowUpEntries(ctx, FollowUpFilter{})) {
		if strings.Contains(e.Responsible, model.Redact("BY")) || strings.Contains(e.Responsible, "B"+model.Redact("Y")) {
			hidden[e.ID] = true
		}
	}
	if len(hidden) == 0 {
		t.Fatal("the fixture has no follow-up with a confidential BY")
	}
	publicAll := sqlList(t, s, w.query(t, s, model.Public, nil, FollowUpFilter{}), 1000)
	seen := 0
	for _, id := range publicAll {
		if hidden[id] {
			seen++
		}
	}
	if seen == 0 {
		t.Fatal("the public sees none of the follow-ups with a confidential BY; the test proves nothing")
	}
	// The address is the public's to write: it may ask for the member as
	// stored, marks and all.
	for _, who := range []string{"BY", model.Redact("BY"), "B" + model.Redact("Y"), model.Redact("HE")} {
		for _, id := range sqlList(t, s, w.query(t, s, model.Public, nil, FollowUpFilter{Member: who}), 1000) {
			if hidden[id] {
				t.Errorf("the public list filtered by %q shows follow-up %d, whose BY is blacked out", who, id)
			}
		}
	}
	found := false
	for _, id := range sqlList(t, s, w.query(t, s, model.Internal, &model.User{Role: model.RoleSecretariat}, FollowUpFilter{Member: model.Redact("BY")}), 1000) {
		found = found || hidden[id]
	}
	if !found {
		t.Error("the internal list filtered by the marked BY misses the follow-ups whose BY is marked confidential")
	}
}

// TestPublicResponsibleKeysKeptOnWrite: the public keys follow every write
// of a follow-up's responsible ones.
func TestPublicResponsibleKeysKeptOnWrite(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	fid := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{Text: "Bericht", Responsible: model.Redact("BY") + ", HH", Status: model.FollowUpOpen}))
	keys := func(when, want string) {
		t.Helper()
		var public string
		check(t, s.db.QueryRowContext(ctx, `SELECT responsible_public_keys FROM follow_ups WHERE id = ?`, fid).Scan(&public))
		if public != want {
			t.Errorf("%s: public keys %q, want %q", when, public, want)
		}
	}
	keys("created", ",hh,")
	f := must[model.FollowUp](t)(s.FollowUp(ctx, fid))
	f.Responsible = "BY und " + model.Redact("HH")
	check(t, s.UpdateFollowUp(ctx, f))
	keys("updated", ",by,")
}

// TestMigrationFillsPublicResponsibleKeys: the Go migration 981 fills the
// public keys of follow-ups written before it from their public text.
func TestMigrationFillsPublicResponsibleKeys(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	fid := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{Text: "Bericht", Responsible: model.Redact("BY") + ", HH", Status: model.FollowUpOpen}))
	check(t, s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.touch(ctx, tx, "follow_up", fid); err != nil {
			return err
		}
		if err := emptyResponsiblePublicKeys(ctx, tx); err != nil {
			return err
		}
		if err := fillResponsiblePublicKeys(ctx, tx); err != nil {
			return err
		}
		return s.audit(ctx, tx, "update", "follow_up", fid, "Schlüssel")
	}))
	var public string
	check(t, s.db.QueryRowContext(ctx, `SELECT responsible_public_keys FROM follow_ups WHERE id = ?`, fid).Scan(&public))
	if public != ",hh," {
		t.Errorf("public keys %q after the migration, want \",hh,\"", public)
	}
}

// TestHiddenFollowUpLeavesNoRegisterMark: the register's "Umsetzung"
// marker (Implementations) and its filter "umsetzung" roll up only the
// follow-ups the public sees of each published decision (as the public
// follow-up list shows them, SeesFollowUp and SeesItem): a decision whose
// follow-ups are all hidden from the public — here given on an agenda item
// the public does not see — shows no marker and is not found by the
// filter, which would tell that a hidden follow-up exists.
func TestHiddenFollowUpLeavesNoRegisterMark(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	w := newFollowUpWorld(t, s)
	decs := must[RegisterPage](t)(s.Register(ctx, RegisterFilter{BodyID: w.council}))
	ids := make([]int64, len(decs.Decisions))
	for i, d := range decs.Decisions {
		ids[i] = d.ID
	}
	// An open follow-up beside each hidden one, so that a hidden
	// decision's internal state is "offen" (the fixture's may all be
	// entfallen).
	for _, id := range ids {
		if len(w.goList(t, s, model.Public, nil, FollowUpFilter{DecisionID: id}, false)) > 0 {
			continue
		}
		for _, f := range must[[]model.FollowUp](t)(s.FollowUps(ctx, FollowUpFilter{DecisionID: id})) {
			createFollowUpAsBefore(t, s, model.FollowUp{DecisionID: id, ItemID: f.ItemID, Text: "Verborgen", Responsible: "HE", Status: model.FollowUpOpen})
			break
		}
	}
	got := must[map[int64]model.Implementation](t)(s.Implementations(ctx, w.council, ids))
	hidden := 0
	for _, id := range ids {
		var shown []model.FollowUp
		for _, fid := range w.goList(t, s, model.Public, nil, FollowUpFilter{DecisionID: id}, false) {
			shown = append(shown, must[model.FollowUp](t)(s.FollowUp(ctx, fid)))
		}
		all := must[[]model.FollowUp](t)(s.FollowUps(ctx, FollowUpFilter{DecisionID: id}))
		if model.ImplementationOf(all) != model.ImplementationNone && len(shown) == 0 {
			hidden++
		}
		if want := model.ImplementationOf(shown); got[id] != want {
			t.Errorf("decision %d: register marker %q, the public sees %q (%d of %d follow-ups)", id, got[id], want, len(shown), len(all))
		}
		for _, st := range []model.Implementation{model.ImplementationOpen, model.ImplementationProgress, model.ImplementationDone} {
			page := must[RegisterPage](t)(s.Register(ctx, RegisterFilter{BodyID: w.council, FollowUps: st}))
			found := slices.ContainsFunc(page.Decisions, func(d model.Decision) bool { return d.ID == id })
			if found != (model.ImplementationOf(shown) == st) {
				t.Errorf("decision %d: filter umsetzung=%s finds it: %v; the public sees %q", id, st, found, model.ImplementationOf(shown))
			}
		}
	}
	if hidden == 0 {
		t.Fatalf("none of %d published decisions has only follow-ups hidden from the public; the test proves nothing", len(ids))
	}
}

// TestInternalFilterFindsMarkedResponsible: the secretariat's filter
// "Verantwortlich" finds a follow-up whose member is named only inside a
// passage marked confidential, the public's does not; the Go migration 982
// rewrites keys kept the old way (with the marks, ",⟦by⟧,").
func TestInternalFilterFindsMarkedResponsible(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	fid := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{Text: "Bericht", Responsible: "BE, " + model.Redact("BY"), Status: model.FollowUpOpen}))
	finds := func(when string) {
		t.Helper()
		got := must[[]model.FollowUp](t)(s.FollowUps(ctx, FollowUpFilter{Member: "BY"}))
		if len(got) != 1 || got[0].ID != fid {
			t.Errorf("%s: the internal filter by BY gives %d follow-ups, want the one naming ⟦BY⟧", when, len(got))
		}
	}
	finds("created")
	// Written as before the migration, with the audit entry the store's
	// guard asks of every change.
	asBefore := func(change func(tx *sql.Tx) error) {
		t.Helper()
		check(t, s.inTx(ctx, func(tx *sql.Tx) error {
			if err := s.touch(ctx, tx, "follow_up", fid); err != nil {
				return err
			}
			if err := change(tx); err != nil {
				return err
			}
			return s.audit(ctx, tx, "update", "follow_up", fid, "Schlüssel")
		}))
	}
	asBefore(func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE follow_ups SET responsible_keys = ? WHERE id = ?`, ",be,⟦by⟧,", fid)
		return err
	})
	if got := must[[]model.FollowUp](t)(s.FollowUps(ctx, FollowUpFilter{Member: "BY"})); len(got) != 0 {
		t.Fatalf("keys kept the old way still found: the test proves nothing")
	}
	asBefore(func(tx *sql.Tx) error { return fillResponsibleKeys(ctx, tx) })
	finds("after the migration")
	var public string
	check(t, s.db.QueryRowContext(ctx, `SELECT responsible_public_keys FROM follow_ups WHERE id = ?`, fid).Scan(&public))
	if public != ",be," {
		t.Errorf("public keys %q, want \",be,\"", public)
	}
}
