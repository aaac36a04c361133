package store

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestImportIsOneAuditEntry imports minutes and checks that the import is
// one entry on the session that names the file and every row it created
// (items, minutes rows, decisions: exactly the session's rows), that the
// chain verifies, that a later edit of an imported row is audited with its
// state before read from the row, and that a failing import leaves neither
// an entry nor an index row.
func TestImportIsOneAuditEntry(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "import")
	bodyID, _ := fixture(t, s)
	var items []MinutesItem
	for i := range 120 {
		items = append(items, importItem(i+1, i+1))
	}
	se := model.Session{Number: 50, Date: model.NewDate(2030, 3, 1), Place: "Berlin", Chair: "Bund"}
	src := ImportSource{SHA256: strings.Repeat("ab", 32), Size: 12345}
	head := headID(t, s)
	sessionID, err := s.SaveMinutes(ctx, bodyID, se, items, nil, src)
	check(t, err)
	entries := entriesAfter(t, s, head)
	if len(entries) != 1 {
		t.Fatalf("%d entries for one import, want 1: %+v", len(entries), entries)
	}
	e := entries[0]
	if e.Action != "import" || e.Entity != "session" || e.EntityID != sessionID || e.Before != "" ||
		!strings.Contains(e.Detail, "120 × TOP") || !strings.Contains(e.Detail, src.SHA256) {
		t.Errorf("import entry: %+v", e)
	}
	var after struct {
		Number   int          `json:"number"`
		Imported ImportedRows `json:"importiert"`
	}
	check(t, json.Unmarshal([]byte(e.After), &after))
	if after.Number != 50 || after.Imported.File.SHA256 != src.SHA256 || after.Imported.File.Bytes != src.Size {
		t.Errorf("import entry's state: %s", e.After)
	}
	// Every row of the session is named, and nothing else.
	for kind, q := range map[string]string{
		"agenda_item":   `SELECT id FROM agenda_items WHERE session_id = ? ORDER BY id`,
		"contribution":  `SELECT c.id FROM contributions c JOIN agenda_items i ON i.id = c.item_id WHERE i.session_id = ? ORDER BY c.id`,
		"protocol_note": `SELECT n.id FROM protocol_notes n JOIN agenda_items i ON i.id = n.item_id WHERE i.session_id = ? ORDER BY n.id`,
		"remark":        `SELECT r.id FROM remarks r JOIN agenda_items i ON i.id = r.item_id WHERE i.session_id = ? ORDER BY r.id`,
		"decision":      `SELECT id FROM decisions WHERE session_id = ? ORDER BY id`,
	} {
		want := must[[]int64](t)(queryList(ctx, s.db, func(r scanner) (id int64, err error) { return id, r.Scan(&id) }, kind, q, sessionID))
		got := after.Imported.IDs(kind)
		if len(want) == 0 || !slices.Equal(got, want) || after.Imported.Counts[kind] != len(want) {
			t.Errorf("%s: the entry names %v (count %d), the session has %v", kind, got, after.Imported.Counts[kind], want)
		}
		// Each row's history finds the import, through the index and on
		// the audit page's filter.
		log := must[[]model.AuditEntry](t)(s.AuditLog(ctx, kind, want[len(want)-1]))
		page := must[AuditPage](t)(s.AuditEntries(ctx, AuditFilter{Entity: kind, EntityID: want[0]}))
		if len(log) != 1 || log[0].ID != e.ID || len(page.Entries) != 1 || page.Entries[0].ID != e.ID {
			t.Errorf("history of %s: %+v, page %+v", kind, log, page.Entries)
		}
	}
	checkAuditChain(t, s)

	// A later edit is audited as any other: its state before from the row.
	c := must[[]model.Contribution](t)(s.Contributions(ctx, must[[]model.AgendaItem](t)(s.Items(ctx, sessionID))[0].ID))[0]
	c.Speaker = "HH"
	check(t, s.UpdateContribution(ctx, c))
	log := must[[]model.AuditEntry](t)(s.AuditLog(ctx, "contribution", c.ID))
	if len(log) != 2 || log[1].Action != "update" || !strings.Contains(log[1].Before, `"speaker":"HE"`) || !strings.Contains(log[1].After, `"speaker":"HH"`) {
		t.Errorf("history of an edited imported row: %+v", log)
	}

	// A failing import (a number recorded by the 50th session) leaves
	// nothing: no entry, no index row, no rows.
	head, ranges, rows := headID(t, s), count(t, s, "audit_import_rows"), count(t, s, "contributions")
	se.Number = 51
	_, err = s.SaveMinutes(ctx, bodyID, se, []MinutesItem{importItem(1, 500), importItem(2, 7)}, nil, src)
	if !errors.Is(err, ErrDuplicate) {
		t.Fatalf("import with a recorded number: %v", err)
	}
	if headID(t, s) != head || count(t, s, "audit_import_rows") != ranges || count(t, s, "contributions") != rows {
		t.Errorf("the failed import left entries, index rows or rows behind")
	}
	checkAuditChain(t, s)
}
