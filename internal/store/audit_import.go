package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// An import of minutes is one audit entry: action "import" on the session,
// whose recorded state after ("importiert" in new_values) names the file
// (SHA-256, size) and every row the import created — agenda items,
// contributions, protocol notes, remarks, decisions (with their votes) —
// by kind as id ranges with their counts. The rows' own states are not
// copied into the log: they are the rows as the import wrote them, and
// every later change of such a row is audited as any other, its state
// before read from the row. Changes of rows that existed before (a
// corrected import updates items in place, removes rows and corrects
// decisions) keep their own entries. The table audit_import_rows indexes
// the ranges, so that the history of one created row (AuditLog, the audit
// page of an object) finds the import that created it.

// ImportSource is the file an import of minutes read, as its audit entry
// records it.
type ImportSource struct {
	SHA256 string // hex
	Size   int64  // bytes
}

// importRange is a range of ids of one kind of rows an import created, and
// the audit entry that records it (0 until the entry is built).
type importRange struct {
	entity      string
	first, last int64
	entry       int64
}

// importRecord collects the rows an import creates.
type importRecord struct {
	source ImportSource
	kinds  []string           // in the order first created
	ids    map[string][]int64 // kind → ids, ascending per insert
}

func newImportRecord(src ImportSource) *importRecord {
	return &importRecord{source: src, ids: map[string][]int64{}}
}

// add notes a row created by the import.
func (r *importRecord) add(entity string, id int64) {
	if _, ok := r.ids[entity]; !ok {
		r.kinds = append(r.kinds, entity)
	}
	r.ids[entity] = append(r.ids[entity], id)
}

// ranges gives the created ids as ranges of consecutive ids, kind by kind.
func (r *importRecord) ranges() []importRange {
	var out []importRange
	for _, k := range r.kinds {
		ids := r.ids[k]
		for i := 0; i < len(ids); {
			j := i + 1
			for j < len(ids) && ids[j] == ids[j-1]+1 {
				j++
			}
			out = append(out, importRange{entity: k, first: ids[i], last: ids[j-1]})
			i = j
		}
	}
	return out
}

// ImportedRows is the record an import's audit entry keeps under
// "importiert" in its state after (importRecord.state): the file and, per
// kind of row (the audit's entity names), the ids of the rows the import
// created as ranges, and their count. Readers of the log (the audit page)
// decode it with this type, so the format is written down once.
type ImportedRows struct {
	File struct {
		SHA256 string `json:"sha256"`
		Bytes  int64  `json:"bytes"`
	} `json:"datei"`
	Created map[string][][2]int64 `json:"angelegt"`
	Counts  map[string]int        `json:"anzahl"`
}

// IDs gives the ids of the rows of a kind the import created, ascending
// per range.
func (r ImportedRows) IDs(kind string) []int64 {
	var out []int64
	for _, g := range r.Created[kind] {
		for id := g[0]; id <= g[1]; id++ {
			out = append(out, id)
		}
	}
	return out
}

// state is the record as the import entry's "importiert" holds it
// (ImportedRows):
// {"datei": {"bytes", "sha256"}, "angelegt": {kind: [[first, last], …]},
// "anzahl": {kind: count}}.
func (r *importRecord) state() map[string]any {
	created, counts := map[string]any{}, map[string]any{}
	for _, g := range r.ranges() {
		l, _ := created[g.entity].([]any)
		created[g.entity] = append(l, []any{g.first, g.last})
	}
	for k, ids := range r.ids {
		counts[k] = len(ids)
	}
	return map[string]any{
		"datei":    map[string]any{"sha256": r.source.SHA256, "bytes": r.source.Size},
		"angelegt": created,
		"anzahl":   counts,
	}
}

// detail is the entry's short detail: the counts per kind, German.
func (r *importRecord) detail() string {
	var parts []string
	for _, k := range r.kinds {
		parts = append(parts, fmt.Sprintf("%d × %s", len(r.ids[k]), AuditKindLabel(k)))
	}
	if len(parts) == 0 {
		parts = append(parts, "keine neuen Zeilen")
	}
	d := "angelegt: " + strings.Join(parts, ", ")
	if r.source.SHA256 != "" {
		d += fmt.Sprintf("; Datei %d Bytes, SHA-256 %s", r.source.Size, r.source.SHA256)
	}
	return d
}

// withImport adds the record to the JSON object of the entry's state after
// (key "importiert", after the state's own keys).
func withImport(after string, r *importRecord) string {
	rec := `"importiert":` + compactJSON(r.state())
	if after == "" || after == "{}" {
		return "{" + rec + "}"
	}
	return after[:len(after)-1] + "," + rec + "}"
}

// beginImport makes the rows insertRows creates in tx part of one import
// record; endImport ends that and gives the record.
func (s *Store) beginImport(tx *sql.Tx, src ImportSource) error {
	cs := s.changes(tx)
	if cs == nil {
		return fmt.Errorf("store: import outside a transaction of the store")
	}
	cs.imported = newImportRecord(src)
	return nil
}

// endImport ends the import record of tx and notes it on the session's
// entry, which it gives the action "import".
func (s *Store) endImport(ctx context.Context, tx *sql.Tx, sessionID int64) error {
	cs := s.changes(tx)
	rec := cs.imported
	cs.imported = nil
	if err := s.audit(ctx, tx, "import", "session", sessionID, rec.detail()); err != nil {
		return err
	}
	_, p, err := s.pending(ctx, tx, "session", sessionID)
	if err != nil {
		return err
	}
	p.imported = rec
	return nil
}

// importing gives the import record rows created in tx go to (nil if none).
func (s *Store) importing(tx *sql.Tx) *importRecord {
	if cs := s.changes(tx); cs != nil {
		return cs.imported
	}
	return nil
}

// importCreated notes rows an import just inserted with ids: if the
// transaction had removed rows with the same ids before (SQLite reuses
// the highest ids), their removals are logged first, as created does.
func (s *Store) importCreated(ctx context.Context, tx *sql.Tx, entity string, ids []int64) error {
	cs := s.changes(tx)
	for _, id := range ids {
		k := changeKey{entity, id}
		if p := cs.byKey[k]; p != nil && (p.tracked || len(p.actions) > 0) {
			if err := s.writeChange(ctx, tx, cs, p, true); err != nil {
				return err
			}
			delete(cs.byKey, k)
		}
		cs.imported.add(entity, id)
	}
	return nil
}

// insertImportRows inserts the ranges of the import entries built into
// audit_import_rows.
func (s *Store) insertImportRows(ctx context.Context, tx *sql.Tx, cs *changeSet) error {
	for len(cs.importRows) > 0 {
		n := min(len(cs.importRows), auditInsertBatch)
		q := `INSERT INTO audit_import_rows (entity, first_id, last_id, entry_id) VALUES (?, ?, ?, ?)` + strings.Repeat(", (?, ?, ?, ?)", n-1)
		args := make([]any, 0, 4*n)
		for _, r := range cs.importRows[:n] {
			args = append(args, r.entity, r.first, r.last, r.entry)
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("store: audit import rows: %w", err)
		}
		cs.importRows = cs.importRows[n:]
	}
	return nil
}

// importedBy is the condition "the entry is the import that created the
// row entity/id" for a query of audit_log, with its arguments.
func importedBy(entity string, id int64) (string, []any) {
	return `id IN (SELECT entry_id FROM audit_import_rows WHERE entity = ? AND first_id <= ? AND last_id >= ?)`, []any{entity, id, id}
}
