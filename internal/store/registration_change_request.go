package store

// The secretariat's third answer to a registration besides accepting and
// declining it: "Änderung erbeten" — the member office is asked to change
// it (a Beschlussvorschlag unclear, a document missing), with a reason.
// The registration stays undecided ("angemeldet") and so never public; it
// waits for the member office until the office changes it
// (UpdateRegistration clears the request), then for the secretariat
// again. The reasons asked stay in the item's audit log.

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"gremium/internal/model"
)

// RequestRegistrationChange asks the member office that registered item
// itemID (version: the one the secretariat read) to change it, with
// reason (model.AgendaItem.CheckChangeRequest), and tells the office's
// subscribers of decisions on its registrations, as a decline does — in
// one transaction. It gives the item as stored.
func (s *Store) RequestRegistrationChange(ctx context.Context, itemID int64, version int, reason string) (model.AgendaItem, error) {
	reason = strings.TrimSpace(reason)
	var out model.AgendaItem
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		it, err := loadRegistrationTx(ctx, tx, itemID)
		if err != nil {
			return err
		}
		se, err := loadSessionTx(ctx, tx, it.SessionID)
		if err != nil {
			return err
		}
		if err := it.CheckChangeRequest(se, reason); err != nil {
			return err
		}
		if it.Version != version {
			return model.ConflictError("Die Anmeldung wurde inzwischen geändert; bitte den neuen Stand prüfen.")
		}
		if err := s.updateVersioned(ctx, tx, "agenda_items", "agenda_item", it.ID, it.Version, "change_request = ?", reason); err != nil {
			return err
		}
		if out, err = loadItemTx(ctx, tx, it.ID); err != nil {
			return err
		}
		return s.noticeChangeRequested(ctx, tx, out)
	})
	return out, err
}

// clearChangeRequest ends a change asked of the item it inside tx (the
// office changed the registration, or the secretariat decided it): the
// item was touched by the write before, so the audit entry of that write
// shows the request gone.
func clearChangeRequest(ctx context.Context, tx *sql.Tx, it *model.AgendaItem) error {
	if _, err := tx.ExecContext(ctx, `UPDATE agenda_items SET change_request = '' WHERE id = ? AND change_request <> ''`, it.ID); err != nil {
		return fmt.Errorf("store: agenda item %d change request: %w", it.ID, err)
	}
	it.ChangeRequest = ""
	return nil
}

// noticeChangeRequested queues "Änderung erbeten" for the subscribers of
// the member that registered the item, with the reason (public text), as
// noticeRegistrationDecided does for a decline.
func (s *Store) noticeChangeRequested(ctx context.Context, tx *sql.Tx, it model.AgendaItem) error {
	_, heading, err := sessionHeading(ctx, tx, it.SessionID)
	if err != nil {
		return err
	}
	body := fmt.Sprintf("Die Geschäftsstelle bittet um eine Änderung Ihrer Anmeldung „%s“ zur %s. Bitte ändern Sie die Anmeldung und speichern Sie sie; danach entscheidet die Geschäftsstelle über sie.\nGrund: %s",
		model.PublicText(it.Title), heading, model.PublicText(it.ChangeRequest))
	_, err = s.notifySubscribers(ctx, tx, Notice{
		Event:   model.EventRegistrationDecided,
		Key:     fmt.Sprintf("anmeldung_aenderung:%d:%d", it.ID, it.Version),
		Subject: fmt.Sprintf("Anmeldung – %s: %s", model.ChangeRequestedLabel, model.PublicText(it.Title)),
		Body:    body,
		Link:    registrationPath(it.ID),
		To:      func(sub Subscriber) bool { return sub.User.MemberAbbrev == it.RegisteredBy },
	})
	return err
}
