package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	"gremium/internal/model"
)

const auditCols = `id, at, actor, action, entity, entity_id, detail, old_values, new_values, hash`

func scanAuditEntry(r scanner) (model.AuditEntry, error) {
	var e model.AuditEntry
	var at string
	if err := r.Scan(&e.ID, &at, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &e.Detail, &e.Before, &e.After, &e.Hash); err != nil {
		return e, err
	}
	e.At, _ = time.Parse(time.RFC3339Nano, at)
	return e, nil
}

// AuditFilter selects audit entries; zero fields select all.
type AuditFilter struct {
	Actor    string    // who, exactly as logged (a user name, "import", "demo" …)
	Entity   string    // kind of object (AuditKind.Name)
	EntityID int64     // object id (with Entity)
	From     time.Time // entries at or after this instant
	Until    time.Time // entries before this instant
	// Paging by entry id, newest first: Before gives the entries older than
	// the entry Before, After those newer than After (at most one is set).
	Before, After int64
	Limit         int // entries per page (default 50, at most 1000)
}

func (f AuditFilter) where() where {
	var w where
	if f.Actor != "" {
		w.add("actor = ?", f.Actor)
	}
	if f.Entity != "" {
		if f.EntityID != 0 {
			// One object's history: its entries and the import that
			// created it, if one did (an entry of its session).
			imported, args := importedBy(f.Entity, f.EntityID)
			w.add("((entity = ? AND entity_id = ?) OR "+imported+")", append([]any{f.Entity, f.EntityID}, args...)...)
		} else {
			w.add("entity = ?", f.Entity)
		}
	}
	if !f.From.IsZero() {
		w.add("at >= ?", f.From.UTC().Format(auditTime))
	}
	if !f.Until.IsZero() {
		w.add("at < ?", f.Until.UTC().Format(auditTime))
	}
	return w
}

// AuditPage is one page of the audit log, newest entry first.
type AuditPage struct {
	Entries []model.AuditEntry
	// Newer and Older say whether entries matching the filter exist before
	// the first and after the last entry of the page.
	Newer, Older bool
}

// AuditEntries gives one page of the audit entries matching f, newest
// first.
func (s *Store) AuditEntries(ctx context.Context, f AuditFilter) (AuditPage, error) {
	var page AuditPage
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 1000)
	w := f.where()
	base := where{conds: slices.Clone(w.conds), args: slices.Clone(w.args)}
	order := "DESC"
	switch {
	case f.After > 0:
		w.add("id > ?", f.After)
		order = "ASC"
	case f.Before > 0:
		w.add("id < ?", f.Before)
	}
	list, err := queryList(ctx, s.rd, scanAuditEntry, "audit entries",
		`SELECT `+auditCols+` FROM audit_log`+w.sql()+` ORDER BY id `+order+fmt.Sprintf(` LIMIT %d`, limit+1), w.args...)
	if err != nil {
		return page, err
	}
	more := len(list) > limit
	if more {
		list = list[:limit]
	}
	if order == "ASC" {
		for i, j := 0, len(list)-1; i < j; i, j = i+1, j-1 {
			list[i], list[j] = list[j], list[i]
		}
	}
	page.Entries = list
	if len(list) == 0 {
		return page, nil
	}
	exists := func(cond string, id int64) (bool, error) {
		w := where{conds: slices.Clone(base.conds), args: slices.Clone(base.args)}
		w.add(cond, id)
		var found bool // SQLite gives 0 or 1, PostgreSQL a boolean
		err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM audit_log`+w.sql()+`)`, w.args...).Scan(&found)
		return found, err
	}
	if order == "ASC" {
		page.Newer = more
		page.Older, err = exists("id < ?", list[len(list)-1].ID)
	} else {
		page.Older = more
		page.Newer, err = exists("id > ?", list[0].ID)
	}
	if err != nil {
		return page, fmt.Errorf("store: audit entries: %w", err)
	}
	return page, nil
}

// EachAuditEntry calls fn for every entry matching f (paging fields
// ignored), newest first, reading them in one statement (for the CSV
// export); an error from fn stops it.
func (s *Store) EachAuditEntry(ctx context.Context, f AuditFilter, fn func(model.AuditEntry) error) error {
	w := f.where()
	rows, err := s.db.QueryContext(ctx, `SELECT `+auditCols+` FROM audit_log`+w.sql()+` ORDER BY id DESC`, w.args...)
	if err != nil {
		return fmt.Errorf("store: audit export: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAuditEntry(rows)
		if err != nil {
			return fmt.Errorf("store: audit export: %w", err)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}
