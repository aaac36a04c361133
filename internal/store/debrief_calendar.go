package store

// Reads for the calendar feeds (package ical through web): when the
// information an event carries was last revised, for its DTSTAMP and
// LAST-MODIFIED (RFC 5545 3.8.7.2, 3.8.7.3) — the debriefs' events and
// every other event of the feeds. The audit log records every change
// with the columns it changed, so it tells when an object's event
// changed without a column of its own; an internal change of the same
// object (an attendance, the minutes' stand) leaves the time alone when
// the event names the columns it carries.

import (
	"context"
	"fmt"
	"time"
)

// EventChangeTimes gives, for each object of the audited kind entity
// (AuditKind.Name: "session", "conference_date", "debrief" …) among ids,
// when its calendar event last changed: the newest audit entry that
// created the object or, if columns are given, that changed one of them
// (with none: the newest entry of the object at all). An object without
// an entry is not in the map: the caller keeps its own stamp for it. The
// times are in whole seconds (what DTSTAMP shows), so a feed is the same
// bytes until one of its events changes.
func (s *Store) EventChangeTimes(ctx context.Context, entity string, ids []int64, columns ...string) (map[int64]time.Time, error) {
	if entityByName(entity) == nil {
		return nil, fmt.Errorf("store: event change times: no audited kind %q", entity)
	}
	out := make(map[int64]time.Time, len(ids))
	changed := "at"
	var likes []any
	if len(columns) > 0 {
		// The entry's new values are compact JSON keyed by column; a
		// quote inside a text value is escaped, so `"sequence":` is the
		// column alone ("deadline_sequence" has no quote before its "s").
		changed = "CASE WHEN "
		for i, c := range columns {
			if i > 0 {
				changed += " OR "
			}
			changed += "new_values LIKE ?"
			likes = append(likes, `%"`+c+`":%`)
		}
		changed += " THEN at END"
	}
	err := inBatches(ids, func(in string, args []any) error {
		q := `SELECT entity_id, MIN(at), COALESCE(MAX(` + changed + `), '') FROM audit_log WHERE entity = ? AND entity_id IN ` + in + ` GROUP BY entity_id`
		rows, err := queryList(ctx, s.rd, func(r scanner) (struct {
			id           int64
			first, newer string
		}, error) {
			var row struct {
				id           int64
				first, newer string
			}
			err := r.Scan(&row.id, &row.first, &row.newer)
			return row, err
		}, "event change times of "+entity, q, append(append(likes, entity), args...)...)
		if err != nil {
			return err
		}
		for _, r := range rows {
			at := max(r.first, r.newer) // fixed-width UTC times: the text orders them
			t, err := time.Parse(time.RFC3339Nano, at)
			if err != nil {
				continue // an entry without a readable time tells nothing
			}
			out[r.id] = t.UTC().Truncate(time.Second)
		}
		return nil
	})
	return out, err
}
