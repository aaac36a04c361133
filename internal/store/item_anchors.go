package store

import (
	"context"
	"fmt"

	"gremium/internal/model"
)

// The anchors of agenda items on their session's page (model.ItemAnchors):
// a link to an item from another page (a decision, a follow-up, a search
// hit, the audit log) reads the agenda of the item's session, as few
// columns of it as the rule needs, and takes the item's anchor from it.

// anchorCols are the columns model.ItemAnchors reads.
const anchorCols = `id, session_id, number, position, status`

func scanAnchorItem(r scanner) (model.AgendaItem, error) {
	var it model.AgendaItem
	err := r.Scan(&it.ID, &it.SessionID, &it.Number, &it.Position, &it.Status)
	return it, err
}

// ItemAnchor gives the anchor of the agenda item id on its session's page
// (ItemAnchorOf).
func (s *Store) ItemAnchor(ctx context.Context, id int64) (string, error) {
	it, err := queryOne(ctx, s.rd, scanAnchorItem, fmt.Sprintf("agenda item %d", id), `SELECT `+anchorCols+` FROM agenda_items WHERE id = ?`, id)
	if err != nil {
		return "", err
	}
	return s.ItemAnchorOf(ctx, it)
}

// ItemAnchorOf gives the anchor of the agenda item it on its session's
// page, as model.ItemAnchors gives it over the session's agenda ("" if the
// item is not on the agenda). An item whose number no other item on the
// agenda bears (model.SoleNumberAnchor) costs one count, whatever the size
// of the agenda: a decision's page reads the same rows in a session of 10
// items as in one of 600; otherwise the agenda is read.
func (s *Store) ItemAnchorOf(ctx context.Context, it model.AgendaItem) (string, error) {
	return itemAnchorIn(ctx, s.rd, it)
}

// itemAnchorIn is ItemAnchorOf through q (the reader, or a transaction).
func itemAnchorIn(ctx context.Context, q queryer, it model.AgendaItem) (string, error) {
	if !it.OnAgenda() {
		return "", nil
	}
	if a, ok := model.SoleNumberAnchor(it); ok {
		var n int
		queries.Add(1)
		rowsRead.Add(1)
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM agenda_items WHERE session_id = ? AND number = ? AND status IN (?, '')`,
			it.SessionID, it.Number, model.ItemAccepted).Scan(&n); err != nil {
			return "", fmt.Errorf("store: items numbered %q: %w", it.Number, err)
		}
		if n == 1 {
			return a, nil
		}
	}
	items, err := queryList(ctx, q, scanAnchorItem, fmt.Sprintf("agenda of item %d", it.ID),
		`SELECT `+anchorCols+` FROM agenda_items WHERE session_id = ?`, it.SessionID)
	if err != nil {
		return "", err
	}
	return model.ItemAnchors(items)[it.ID], nil
}

// SessionItemAnchors gives the anchors of the items of the sessions (their
// agendas, model.ItemAnchors), by item id: one query per inChunk sessions.
func (s *Store) SessionItemAnchors(ctx context.Context, sessionIDs []int64) (map[int64]string, error) {
	out := map[int64]string{}
	err := inBatches(sessionIDs, func(in string, args []any) error {
		items, err := queryList(ctx, s.rd, scanAnchorItem, "agendas of sessions",
			`SELECT `+anchorCols+` FROM agenda_items WHERE session_id IN `+in, args...)
		if err != nil {
			return err
		}
		bySession := map[int64][]model.AgendaItem{}
		for _, it := range items {
			bySession[it.SessionID] = append(bySession[it.SessionID], it)
		}
		for _, agenda := range bySession {
			for id, a := range model.ItemAnchors(agenda) {
				out[id] = a
			}
		}
		return nil
	})
	return out, err
}

// agendaLinks are the anchors (model.ItemAnchors) and the places
// (model.ItemPlaces) of the items of one session's agenda, by item id.
type agendaLinks struct {
	anchors map[int64]string
	places  map[int64]int
}

// agenda gives the anchors and places of the items of the session, read
// in one query the first time the build asks (oparlSync.agendas).
func (y *oparlSync) agenda(sessionID int64) (agendaLinks, error) {
	if a, ok := y.agendas[sessionID]; ok {
		return a, nil
	}
	items, err := queryList(y.ctx, y.tx, scanAnchorItem, fmt.Sprintf("agenda of session %d", sessionID),
		`SELECT `+anchorCols+` FROM agenda_items WHERE session_id = ?`, sessionID)
	if err != nil {
		return agendaLinks{}, err
	}
	a := agendaLinks{anchors: model.ItemAnchors(items), places: model.ItemPlaces(items)}
	y.agendas[sessionID] = a
	return a, nil
}
