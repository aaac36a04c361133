package store

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"gremium/internal/model"
	"gremium/internal/oparl"
)

// Batched reads of an OParl build: the source rows and the stored objects
// of all marked keys are read with a few queries per kind of row, before
// the objects are built, instead of one query per object (a build of the
// whole corpus marks millions of objects).

// notCached gives the ids not yet in cache, sorted, without 0 and repeats.
func notCached[T any](cache map[int64]*T, ids []int64) []int64 {
	var out []int64
	seen := map[int64]bool{}
	for _, id := range ids {
		if _, ok := cache[id]; ok || id == 0 || seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, id)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// preload reads the rows of ids not in cache into it (nil: no such row).
func preload[T any](y *oparlSync, cache map[int64]*T, ids []int64, scan func(scanner) (T, error), id func(T) int64, what, query string) error {
	need := notCached(cache, ids)
	if len(need) == 0 {
		return nil
	}
	err := inBatches(need, func(in string, args []any) error {
		rows, err := y.tx.QueryContext(y.ctx, query+in, args...)
		if err != nil {
			return fmt.Errorf("store: %s: %w", what, err)
		}
		defer rows.Close()
		for rows.Next() {
			v, err := scan(rows)
			if err != nil {
				return fmt.Errorf("store: %s: %w", what, err)
			}
			cache[id(v)] = &v
		}
		return rows.Err()
	})
	if err != nil {
		return err
	}
	for _, id := range need {
		if _, ok := cache[id]; !ok {
			cache[id] = nil
		}
	}
	return nil
}

func (y *oparlSync) preloadSessions(ids []int64) error {
	return preload(y, y.sessions, ids, scanSession, func(s model.Session) int64 { return s.ID }, "oparl sessions",
		`SELECT `+sessionCols+` FROM sessions WHERE id IN `)
}

func (y *oparlSync) preloadItems(ids []int64) error {
	return preload(y, y.items, ids, scanItem, func(it model.AgendaItem) int64 { return it.ID }, "oparl items",
		`SELECT `+itemCols+` FROM agenda_items WHERE id IN `)
}

func (y *oparlSync) preloadDecisions(ids []int64) error {
	return preload(y, y.decisions, ids, scanCorrectedDecision, func(d model.Decision) int64 { return d.ID }, "oparl decisions",
		`SELECT `+correctedCols+` FROM decisions d`+newestCorrection+` WHERE d.id IN `)
}

// preloadItemDecisions reads the decisions of items (ordered by position
// and id) into itemDecisions.
func (y *oparlSync) preloadItemDecisions(items []int64) error {
	var need []int64
	for _, id := range items {
		if _, ok := y.itemDecisions[id]; !ok && id != 0 {
			need = append(need, id)
			y.itemDecisions[id] = nil
		}
	}
	sort.Slice(need, func(i, j int) bool { return need[i] < need[j] })
	return inBatches(need, func(in string, args []any) error {
		rows, err := y.tx.QueryContext(y.ctx, `SELECT item_id, id FROM decisions WHERE item_id IN `+in+` ORDER BY item_id, position, id`, args...)
		if err != nil {
			return fmt.Errorf("store: oparl item decisions: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var it, d int64
			if err := rows.Scan(&it, &d); err != nil {
				return fmt.Errorf("store: oparl item decisions: %w", err)
			}
			y.itemDecisions[it] = append(y.itemDecisions[it], d)
		}
		return rows.Err()
	})
}

// itemDecisionIDs gives the decisions of an item, ordered by position.
func (y *oparlSync) itemDecisionIDs(item int64) ([]int64, error) {
	if ds, ok := y.itemDecisions[item]; ok {
		return ds, nil
	}
	if err := y.preloadItemDecisions([]int64{item}); err != nil {
		return nil, err
	}
	return y.itemDecisions[item], nil
}

// preloadStored reads the stored objects of the marked keys of a kind.
func (y *oparlSync) preloadStored(kind string, srcs []int64) error {
	var need []int64
	for _, src := range srcs {
		if _, ok := y.rows[oparlKey{kind, src}]; !ok && src != 0 {
			need = append(need, src)
			y.rows[oparlKey{kind, src}] = nil
		}
	}
	return inBatches(need, func(in string, args []any) error {
		rows, err := y.tx.QueryContext(y.ctx, `SELECT `+oparlStoredCols+` FROM oparl_objects WHERE kind = ? AND src IN `+in,
			append([]any{kind}, args...)...)
		if err != nil {
			return fmt.Errorf("store: oparl rows: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanStored(rows)
			if err != nil {
				return fmt.Errorf("store: oparl rows: %w", err)
			}
			y.rows[oparlKey{kind, r.src.Int64}] = &r
		}
		return rows.Err()
	})
}

// preloadAuditTimes reads the audit times of the marked keys of a kind
// (new objects built from rows stored before take them).
func (y *oparlSync) preloadAuditTimes(kind string, srcs []int64) error {
	entity := oparlAuditEntity[kind]
	if entity == "" {
		return nil
	}
	if y.audit[entity] == nil {
		y.audit[entity] = map[int64][2]string{}
	}
	var need []int64
	for _, src := range srcs {
		if r := y.rows[oparlKey{kind, src}]; r != nil || src < 0 {
			continue // kept: its times stay; a FachMK date's are its own entity's (auditSource)
		}
		if _, ok := y.audit[entity][src]; !ok && src != 0 {
			need = append(need, src)
			y.audit[entity][src] = [2]string{}
		}
	}
	err := inBatches(need, func(in string, args []any) error {
		rows, err := y.tx.QueryContext(y.ctx, `SELECT entity_id, MIN(at), MAX(at) FROM audit_log WHERE entity = ? AND entity_id IN `+in+` GROUP BY entity_id`,
			append([]any{entity}, args...)...)
		if err != nil {
			return fmt.Errorf("store: oparl audit times: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var first, last string
			if err := rows.Scan(&id, &first, &last); err != nil {
				return fmt.Errorf("store: oparl audit times: %w", err)
			}
			y.audit[entity][id] = [2]string{first, last}
		}
		return rows.Err()
	})
	if err != nil {
		return err
	}
	return importTimes(y.ctx, y.tx, entity, need, y.audit[entity])
}

// importTimes widens the audit times of rows of entity among ids by the
// times of the imports that created them (an import is one entry of its
// session that names the rows it created: audit_import_rows).
func importTimes(ctx context.Context, q queryer, entity string, ids []int64, times map[int64][2]string) error {
	if len(ids) == 0 {
		return nil
	}
	lo, hi := slices.Min(ids), slices.Max(ids)
	rows, err := q.QueryContext(ctx, `SELECT r.first_id, r.last_id, a.at FROM audit_import_rows r JOIN audit_log a ON a.id = r.entry_id
		WHERE r.entity = ? AND r.first_id <= ? AND r.last_id >= ?`, entity, hi, lo)
	if err != nil {
		return fmt.Errorf("store: oparl import times: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var first, last int64
		var at string
		if err := rows.Scan(&first, &last, &at); err != nil {
			return fmt.Errorf("store: oparl import times: %w", err)
		}
		for _, id := range ids {
			if id < first || id > last {
				continue
			}
			t, ok := times[id]
			if !ok || t[0] == "" || at < t[0] {
				t[0] = at
			}
			if t[1] == "" || at > t[1] {
				t[1] = at
			}
			times[id] = t
		}
	}
	return rows.Err()
}

// preloadMarked reads what building the marked objects needs, kind by
// kind, in batches.
func (y *oparlSync) preloadMarked() error {
	srcs := func(kinds ...string) []int64 {
		var out []int64
		for _, k := range kinds {
			for src := range y.want[k] {
				out = append(out, src)
			}
		}
		return out
	}
	if err := y.preloadItems(srcs(oparl.KindAgendaItem)); err != nil {
		return err
	}
	if err := y.preloadDecisions(srcs(oparl.KindPaper, oparl.KindConsultation)); err != nil {
		return err
	}
	var items, sessions []int64
	for _, d := range y.decisions {
		if d != nil {
			items = append(items, d.ItemID)
			sessions = append(sessions, d.SessionID)
		}
	}
	if err := y.preloadItems(items); err != nil {
		return err
	}
	for _, it := range y.items {
		if it != nil {
			sessions = append(sessions, it.SessionID)
		}
	}
	var dates []int64
	for _, src := range srcs(oparl.KindMeeting, oparl.KindFile, oparl.KindLocation) {
		if src < 0 {
			dates = append(dates, -src) // a FachMK date's (dateSrc)
		} else {
			sessions = append(sessions, src)
		}
	}
	if err := y.preloadSessions(sessions); err != nil {
		return err
	}
	if err := y.preloadDates(dates); err != nil {
		return err
	}
	if err := y.preloadItemDecisions(srcs(oparl.KindAgendaItem)); err != nil {
		return err
	}
	// An item shows its first public decision.
	var ds []int64
	for _, it := range srcs(oparl.KindAgendaItem) {
		ds = append(ds, y.itemDecisions[it]...)
	}
	if err := y.preloadDecisions(ds); err != nil {
		return err
	}
	if err := y.preloadCited(srcs(oparl.KindPaper)); err != nil {
		return err
	}
	for _, kind := range oparlOrder {
		if err := y.preloadStored(kind, srcs(kind)); err != nil {
			return err
		}
		if y.backfill {
			if err := y.preloadAuditTimes(kind, srcs(kind)); err != nil {
				return err
			}
		}
	}
	return nil
}

// preloadDirty reads the rows that marking the dirty rows needs: their
// decisions, items and the decisions of those items.
func (y *oparlSync) preloadDirty(byEntity map[string][]int64) error {
	if err := y.preloadDecisions(byEntity["decision"]); err != nil {
		return err
	}
	items := append([]int64(nil), byEntity["agenda_item"]...)
	for _, id := range byEntity["decision"] {
		if d := y.decisions[id]; d != nil {
			items = append(items, d.ItemID)
		}
	}
	if err := y.preloadItems(items); err != nil {
		return err
	}
	return y.preloadItemDecisions(items)
}

// oparlWriteRows is the number of objects one statement writes.
const oparlWriteRows = 50

const oparlUpsert = `INSERT INTO oparl_objects (kind, id, src, created, modified, deleted, hash, json, org) VALUES `

const oparlUpsertConflict = ` ON CONFLICT (kind, id) DO UPDATE SET src = excluded.src, modified = excluded.modified, deleted = 0, hash = excluded.hash, json = excluded.json, org = excluded.org`

// oparlUpsertRow are the values of one object (pending).
const oparlUpsertRow = `(?, ?, ?, ?, ?, 0, ?, ?, ?)`

// oparlUpsertMany writes oparlWriteRows objects.
var oparlUpsertMany = oparlUpsert + strings.TrimSuffix(strings.Repeat(oparlUpsertRow+", ", oparlWriteRows), ", ") + oparlUpsertConflict

// flush writes the pending objects: oparlWriteRows in one statement, the
// rest one by one (two fixed statement texts).
func (y *oparlSync) flush() error {
	p := y.pending
	y.pending = y.pending[:0]
	for len(p) >= oparlWriteRows {
		args := make([]any, 0, 8*oparlWriteRows)
		for _, r := range p[:oparlWriteRows] {
			args = append(args, r...)
		}
		if _, err := y.tx.ExecContext(y.ctx, oparlUpsertMany, args...); err != nil {
			return fmt.Errorf("store: oparl write: %w", err)
		}
		p = p[oparlWriteRows:]
	}
	for _, r := range p {
		if _, err := y.tx.ExecContext(y.ctx, oparlUpsert+oparlUpsertRow+oparlUpsertConflict, r...); err != nil {
			return fmt.Errorf("store: oparl write: %w", err)
		}
	}
	return nil
}

// preloadCited reads the council's decisions that the items of the
// papers (decision ids, preloaded) build on (their sources that name a
// decision number) into byNumber: per year, inChunk numbers per query.
func (y *oparlSync) preloadCited(papers []int64) error {
	seqs := map[int][]int{}
	for _, src := range papers {
		d := y.decisions[src]
		if d == nil || d.ItemID == 0 {
			continue
		}
		it := y.items[d.ItemID]
		if it == nil {
			continue
		}
		for _, ref := range it.Sources {
			n, ok := model.ParseDecisionRef(ref)
			if _, known := y.byNumber[n]; !ok || known {
				continue
			}
			y.byNumber[n] = nil
			seqs[n.Year] = append(seqs[n.Year], n.Seq)
		}
	}
	years := make([]int, 0, len(seqs))
	for year := range seqs {
		years = append(years, year)
	}
	sort.Ints(years)
	for _, year := range years {
		err := inBatches(seqs[year], func(in string, args []any) error {
			rows, err := y.tx.QueryContext(y.ctx, oparlDecisionsByNumbers+in, append([]any{y.council.ID, year}, args...)...)
			if err != nil {
				return fmt.Errorf("store: oparl decisions by number: %w", err)
			}
			defer rows.Close()
			for rows.Next() {
				var id int64
				var seq int
				if err := rows.Scan(&id, &seq); err != nil {
					return fmt.Errorf("store: oparl decisions by number: %w", err)
				}
				n := model.DecisionNumber{Year: year, Seq: seq}
				y.byNumber[n] = append(y.byNumber[n], id)
			}
			return rows.Err()
		})
		if err != nil {
			return err
		}
	}
	return nil
}
