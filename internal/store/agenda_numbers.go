package store

import (
	"context"
	"database/sql"

	"gremium/internal/model"
)

// NumberAgenda numbers the agenda of a planned or convened session whose
// agenda is not yet published in its order (model.AgendaNumbers: TOP 00
// stays, the others 01, 02, … by position), in one write. It gives how many
// items got another number. Refused (model.Session.CheckNumberable) once
// the agenda is published or the session has begun.
func (s *Store) NumberAgenda(ctx context.Context, sessionID int64) (int, error) {
	changed := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		se, err := loadSessionTx(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		if err := se.CheckNumberable(); err != nil {
			return err
		}
		items, err := queryList(ctx, tx, scanItem, "agenda items", `SELECT `+itemCols+` FROM agenda_items WHERE session_id = ?`, sessionID)
		if err != nil {
			return err
		}
		numbers := model.AgendaNumbers(items)
		for _, it := range items {
			n, ok := numbers[it.ID]
			if !ok || n == it.Number {
				continue
			}
			if err := s.updatePlain(ctx, tx, "agenda_items", "agenda_item", it.ID, "number = ?, version = version + 1", n); err != nil {
				return err
			}
			changed++
		}
		return nil
	})
	return changed, err
}
