package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// importItem gives an item of imported minutes with two contributions, a
// protocol note, a remark and a decision numbered 2030/seq.
func importItem(n, seq int) MinutesItem {
	return MinutesItem{
		Item: model.AgendaItem{Number: fmt.Sprint(n), Title: fmt.Sprintf("TOP %d", n), Position: n, Status: model.ItemAccepted},
		Contributions: []model.Contribution{{Position: 1, Speaker: "HE", Points: []string{"berichtet"}},
			{Position: 2, Speaker: "Bund", Points: []string{"ergänzt"}, Confidential: true}},
		Notes:   []model.ProtocolNote{{Position: 3, Author: "HH", Text: "Protokollnotiz"}},
		Remarks: []model.Remark{{Position: 4, Kind: model.RemarkText, Text: "Freitext"}},
		Decisions: []model.Decision{{Position: 5, Kind: model.KindDecision, Status: model.DecisionAdopted, Scope: model.ScopeAll, Result: "einstimmig",
			Number: model.DecisionNumber{Year: 2030, Seq: seq}, Points: []model.Point{{Text: "Der IT-Planungsrat beschließt."}}}},
	}
}

// TestImportRefusesRecordedNumbers imports minutes whose decision numbers
// are already recorded, by another session or twice in the file: refused
// as duplicates, naming the session, with nothing left behind.
func TestImportRefusesRecordedNumbers(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "import")
	bodyID, _ := fixture(t, s)
	se := func(n int) model.Session {
		return model.Session{Number: n, Date: model.NewDate(2030, 3, 1), Place: "Berlin", Chair: "Bund"}
	}
	_, err := s.SaveMinutes(ctx, bodyID, se(50), []MinutesItem{importItem(1, 1), importItem(2, 2)}, nil, ImportSource{})
	check(t, err)
	before := count(t, s, "audit_log")
	for _, c := range []struct {
		name  string
		items []MinutesItem
		want  string
	}{
		{"number of another session", []MinutesItem{importItem(1, 3), importItem(2, 2)}, "(50. Sitzung)"},
		{"number twice in the file", []MinutesItem{importItem(1, 4), importItem(2, 4)}, "(51. Sitzung)"},
	} {
		_, err := s.SaveMinutes(ctx, bodyID, se(51), c.items, nil, ImportSource{})
		if !errors.Is(err, ErrDuplicate) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want a duplicate %s", c.name, err, c.want)
		}
	}
	if n := count(t, s, "audit_log"); n != before {
		t.Errorf("refused imports left %d audit entries", n-before)
	}
	if _, err := s.SessionByNumber(ctx, bodyID, 51); !errors.Is(err, ErrNotFound) {
		t.Errorf("refused imports left the session: %v", err)
	}
}

// TestImportRowsAndAudit imports minutes, then a corrected version with
// fewer rows, and checks the stored rows and that every row's history
// holds the import that created it (the rows are inserted many per
// statement, with ids given before).
func TestImportRowsAndAudit(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "import")
	bodyID, _ := fixture(t, s)
	se := model.Session{Number: 50, Date: model.NewDate(2030, 3, 1), Place: "Berlin", Chair: "Bund"}
	var items []MinutesItem
	for i := range 250 {
		items = append(items, importItem(i+1, i+1))
	}
	// Two rows of one item at the same position (once inserted one by one).
	items[7].Remarks = append(items[7].Remarks, model.Remark{Position: 4, Kind: model.RemarkText, Text: "zweiter Freitext"})
	sessionID, err := s.SaveMinutes(ctx, bodyID, se, items, nil, ImportSource{})
	check(t, err)
	stored := must[[]model.AgendaItem](t)(s.Items(ctx, sessionID))
	if len(stored) != len(items) {
		t.Fatalf("%d items stored, want %d", len(stored), len(items))
	}
	for i, it := range stored {
		if it.Title != items[i].Item.Title {
			t.Fatalf("item %d stored as %q", i+1, it.Title)
		}
		cs := must[[]model.Contribution](t)(s.Contributions(ctx, it.ID))
		rs := must[[]model.Remark](t)(s.Remarks(ctx, it.ID))
		if len(cs) != 2 || cs[0].Speaker != "HE" || cs[1].Speaker != "Bund" || !cs[1].Confidential || len(rs) != len(items[i].Remarks) {
			t.Fatalf("item %d: contributions %+v, remarks %+v", i+1, cs, rs)
		}
		for _, c := range cs {
			// The import's one entry names the row it created.
			log := must[[]model.AuditEntry](t)(s.AuditLog(ctx, "contribution", c.ID))
			if len(log) != 1 || log[0].Action != "import" || log[0].Entity != "session" || log[0].EntityID != sessionID {
				t.Fatalf("audit of contribution %d: %+v", c.ID, log)
			}
		}
	}
	// The corrected import drops the protocol notes and the second remark.
	for i := range items {
		items[i].Notes = nil
		items[i].Remarks = items[i].Remarks[:1]
	}
	_, err = s.SaveMinutes(ctx, bodyID, se, items, nil, ImportSource{})
	check(t, err)
	if n := count(t, s, "protocol_notes"); n != 0 {
		t.Errorf("%d protocol notes left", n)
	}
	if n := count(t, s, "remarks"); n != len(items) {
		t.Errorf("%d remarks, want %d", n, len(items))
	}
	// Two new items at the same position.
	se.Number = 51
	items[5].Item.Position = items[4].Item.Position
	for i := range items {
		items[i].Decisions[0].Number.Seq += 1000
	}
	sessionID, err = s.SaveMinutes(ctx, bodyID, se, items, nil, ImportSource{})
	check(t, err)
	stored = must[[]model.AgendaItem](t)(s.Items(ctx, sessionID))
	for i, it := range stored {
		if rs := must[[]model.Remark](t)(s.Remarks(ctx, it.ID)); it.Title != items[i].Item.Title || len(rs) != 1 {
			t.Fatalf("item %d of the 51st session: %q with remarks %+v", i+1, it.Title, rs)
		}
	}
	checkAuditChain(t, s)
}

// TestImportDecisionsTogether imports new decisions (inserted together,
// with their votes): each keeps its votes and label, the body's counter of
// each year ends at the highest number imported (not lowered by a smaller
// one after it), each decision's history holds the import that created
// it, and the chain verifies.
func TestImportDecisionsTogether(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "import")
	bodyID, _ := fixture(t, s)
	var items []MinutesItem
	for i, seq := range []int{7, 3, 250, 9} {
		it := importItem(i+1, seq)
		it.Decisions[0].Votes = []model.Vote{{Member: "Bund", Choice: model.VoteYes}, {Member: "HE", Choice: model.VoteNo}}
		if i == 3 {
			it.Decisions[0].Number = model.DecisionNumber{Year: 2031, Seq: 9}
			// An unnumbered decision next to it.
			it.Decisions = append(it.Decisions, model.Decision{Position: 6, Kind: model.KindDecision, Status: model.DecisionRejected,
				Scope: model.ScopeAll, Result: "abgelehnt", Title: "Antrag", Votes: []model.Vote{{Member: "HH", Choice: model.VoteAbstain}}})
		}
		items = append(items, it)
	}
	se := model.Session{Number: 50, Date: model.NewDate(2030, 3, 1), Place: "Berlin", Chair: "Bund"}
	sessionID, err := s.SaveMinutes(ctx, bodyID, se, items, nil, ImportSource{})
	check(t, err)
	ds := must[[]model.Decision](t)(s.Decisions(ctx, DecisionFilter{SessionID: sessionID}))
	if len(ds) != 5 {
		t.Fatalf("%d decisions stored, want 5", len(ds))
	}
	for _, d := range ds {
		full := must[model.Decision](t)(s.Decision(ctx, d.ID))
		want := 2
		if d.Number.IsZero() {
			want = 1
		} else if d.Label != model.FormatDecisionNumber(model.DefaultDecisionPattern, d.Number) {
			t.Errorf("decision %s labelled %q", d.Number.Short(), d.Label)
		}
		if len(full.Votes) != want {
			t.Errorf("decision %q: votes %+v", d.DisplayTitle(), full.Votes)
		}
		log := must[[]model.AuditEntry](t)(s.AuditLog(ctx, "decision", d.ID))
		if len(log) != 1 || log[0].Action != "import" || log[0].EntityID != sessionID {
			t.Errorf("audit of decision %q: %+v", d.DisplayTitle(), log)
		}
	}
	for year, want := range map[int]int{2030: 250, 2031: 9} {
		var last int
		check(t, s.db.QueryRow(`SELECT last FROM decision_counters WHERE body_id = ? AND year = ?`, bodyID, year).Scan(&last))
		if last != want {
			t.Errorf("counter of %d at %d, want %d", year, last, want)
		}
	}
	checkAuditChain(t, s)
}

// TestInsertedStateStaleAfterWrite: a row inserted by insertRows and
// changed later in the same transaction is audited with its state at the
// end, not the state its insert gave back.
func TestInsertedStateStaleAfterWrite(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "import")
	_, sessionID := fixture(t, s)
	itemID := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "1", Title: "TOP"}))
	var ids []int64
	check(t, s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if ids, err = s.insertRows(ctx, tx, "remarks", "remark", "item_id", "position, kind, text, confidential",
			[]rowInsert{{"text", itemID, []any{1, model.RemarkText, "vorher", false}}}); err != nil {
			return err
		}
		return s.updatePlain(ctx, tx, "remarks", "remark", ids[0], `text = ?`, "nachher")
	}))
	log := must[[]model.AuditEntry](t)(s.AuditLog(ctx, "remark", ids[0]))
	if len(log) != 1 || log[0].Action != "create" || !strings.Contains(log[0].After, `"text":"nachher"`) {
		t.Fatalf("audit of the remark: %+v", log)
	}
	checkAuditChain(t, s)
}

// checkAuditChain verifies the whole audit chain of s.
func checkAuditChain(t *testing.T, s *Store) {
	t.Helper()
	if rep, err := s.VerifyAudit(context.Background(), AuditHead{}); err != nil || rep.Problem != nil {
		t.Fatalf("audit chain: %+v, %v", rep.Problem, err)
	}
}

// TestReimportKeepsWhatMinutesDoNotCarry imports minutes over a session
// whose item was registered by a member, late, with a statement on the
// FachMK planning: the minutes carry none of these, and an import of
// corrected minutes wiped them (it wrote the parsed item's empty fields
// over the stored ones).
func TestReimportKeepsWhatMinutesDoNotCarry(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "import")
	bodyID, _ := fixture(t, s)
	se := model.Session{Number: 50, Date: model.NewDate(2030, 3, 1), Place: "Berlin", Chair: "Bund"}
	sessionID, err := s.SaveMinutes(ctx, bodyID, se, []MinutesItem{importItem(1, 1)}, nil, ImportSource{})
	check(t, err)
	items, err := s.Items(ctx, sessionID)
	check(t, err)
	it := items[0]
	it.RegisteredBy, it.RegisteredAt, it.Late = "HE", time.Date(2030, 2, 1, 9, 30, 0, 0, time.UTC), true
	it.Impact = model.Impact{Stated: true, Note: "Die FachMK Digitales ist betroffen."}
	check(t, s.UpdateItem(ctx, it))

	corrected := importItem(1, 1)
	corrected.Item.Title = "TOP 1 (berichtigt)"
	_, err = s.SaveMinutes(ctx, bodyID, se, []MinutesItem{corrected}, nil, ImportSource{})
	check(t, err)
	got, err := s.Item(ctx, it.ID)
	check(t, err)
	if got.Title != "TOP 1 (berichtigt)" {
		t.Errorf("the corrected title was not imported: %q", got.Title)
	}
	if got.RegisteredBy != "HE" || !got.RegisteredAt.Equal(it.RegisteredAt) || !got.Late {
		t.Errorf("the registration was lost: by %q at %v, late %v", got.RegisteredBy, got.RegisteredAt, got.Late)
	}
	if !got.Impact.Stated || got.Impact.Note != it.Impact.Note {
		t.Errorf("the statement on the FachMK planning was lost: %+v", got.Impact)
	}
}
