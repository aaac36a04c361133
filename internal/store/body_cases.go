package store

import (
	"context"
	"database/sql"
	"fmt"

	"gremium/internal/model"
)

// fixBodyCases is migration 00730: texts composed from a body's name
// before model.Body gave its cases said "der" before every name ("Anliegen
// der E-Justice-Rat", "Geschäftsstelle der E-Justice-Rat"). It puts the
// genitive (model.Body.Of) into the impact notes of items registered from
// a request and into the secretariat contacts of the bodies whose name is
// not feminine; a feminine name ("der Innenministerkonferenz") was right
// and stays as it is.
func fixBodyCases(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, name FROM bodies`)
	if err != nil {
		return fmt.Errorf("store: body cases: %w", err)
	}
	var bodies []model.Body
	for rows.Next() {
		var b model.Body
		if err := rows.Scan(&b.ID, &b.Name); err != nil {
			rows.Close()
			return fmt.Errorf("store: body cases: %w", err)
		}
		bodies = append(bodies, b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: body cases: %w", err)
	}
	for _, b := range bodies {
		wrong, right := "der "+b.Name, b.Of()
		if b.Name == "" || right == wrong {
			continue
		}
		for _, q := range []struct {
			query string
			args  []any
		}{
			{`UPDATE agenda_items SET impact_note = REPLACE(impact_note, ?, ?)
				WHERE impact_note LIKE ? AND id IN (SELECT item_id FROM requests WHERE conference_id = ? AND item_id IS NOT NULL)`,
				[]any{"Anliegen " + wrong + " vom ", "Anliegen " + right + " vom ", "Anliegen " + wrong + " vom %", b.ID}},
			{`UPDATE contacts SET name = ? WHERE body_id = ? AND name = ?`, []any{"Geschäftsstelle " + right, b.ID, "Geschäftsstelle " + wrong}},
		} {
			if _, err := tx.ExecContext(ctx, q.query, q.args...); err != nil {
				return fmt.Errorf("store: body cases of %s: %w", b.Name, err)
			}
		}
	}
	return nil
}
