package store

// Rules of the Grüne Liste (the consent agenda, adopted en bloc without
// discussion) that hold across the operations putting an item on it.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"gremium/internal/model"
)

// checkNotPulled refuses putting item it back on the Grüne Liste once a
// voting member had it taken off (PullFromGreenList,
// PullItemFromGreenList): an item taken off the list is treated singly,
// with discussion and a vote of its own — the member's right, which the
// secretariat's tick or confirmation does not undo. Before, ticking
// "Grüne Liste" again put the pulled item back on the list without a
// word, and the en-bloc vote adopted it. The reason stands at the field
// gruene_liste.
func checkNotPulled(ctx context.Context, q queryer, it model.AgendaItem) error {
	wish, pulled, err := pulledWish(ctx, q, it.ID)
	if err != nil || !pulled {
		return err
	}
	who := "auf Wunsch eines Mitglieds"
	if wish != "" {
		who = wish
	}
	return model.AtField("gruene_liste", model.RuleError("„%s“ ist %s von der Grünen Liste genommen und wird einzeln behandelt; der TOP kann nicht wieder auf die Grüne Liste gesetzt werden.", model.InternalText(it.Title), who))
}

// pulledWish tells whether a member took the item off the Grüne Liste,
// with the words naming it ("auf Wunsch von HE"; "" when they are not
// known): by the preparatory body's recommendation now "herausgenommen",
// or, for an item ticked for the list, by the audit log's entry of the
// pull.
func pulledWish(ctx context.Context, q queryer, itemID int64) (string, bool, error) {
	var by sql.NullString
	err := q.QueryRowContext(ctx, `SELECT pulled_by FROM recommendations WHERE target_item_id = ? AND consent_state = ? ORDER BY id DESC LIMIT 1`,
		itemID, model.ConsentPulled).Scan(&by)
	switch {
	case err == nil:
		return model.PullWish(by.String), true, nil
	case !errors.Is(err, sql.ErrNoRows):
		return "", false, fmt.Errorf("store: pulled recommendation of item %d: %w", itemID, err)
	}
	var detail string
	err = q.QueryRowContext(ctx, `SELECT detail FROM audit_log WHERE entity = ? AND entity_id = ? AND action = ? ORDER BY id DESC LIMIT 1`,
		"agenda_item", itemID, "pull").Scan(&detail)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", false, nil
	case err != nil:
		return "", false, fmt.Errorf("store: pull of item %d: %w", itemID, err)
	}
	for _, d := range strings.Split(detail, "; ") {
		if strings.HasPrefix(d, "auf Wunsch ") {
			return d, true, nil
		}
	}
	return "", true, nil
}

// CheckGreenListReturn refuses putting the agenda item on the Grüne
// Liste when a member had taken it off (checkNotPulled), for a form to
// say so at the tick before it saves anything.
func (s *Store) CheckGreenListReturn(ctx context.Context, itemID int64) error {
	it, err := s.Item(ctx, itemID)
	if err != nil {
		return err
	}
	return checkNotPulled(ctx, s.rd, it)
}
