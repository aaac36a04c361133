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
	"slices"
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

// answerChangeRequest ends the change asked of the registration it inside
// tx because its member office changed it (store.UpdateRegistration, form
// and API alike): the request is cleared (clearChangeRequest) and, if one
// was pending, the secretariat's subscribers are told that the changed
// registration waits for their decision again (noticeRegistrationChanged).
// version is the item's version the office changed.
func (s *Store) answerChangeRequest(ctx context.Context, tx *sql.Tx, it *model.AgendaItem, version int) error {
	var asked string
	if err := tx.QueryRowContext(ctx, `SELECT change_request FROM agenda_items WHERE id = ?`, it.ID).Scan(&asked); err != nil {
		return fmt.Errorf("store: agenda item %d change request: %w", it.ID, err)
	}
	if err := clearChangeRequest(ctx, tx, it); err != nil || asked == "" {
		return err
	}
	return s.noticeRegistrationChanged(ctx, tx, *it, version, asked)
}

// noticeRegistrationChanged queues "Anmeldung nach erbetener Änderung
// geändert" (model.EventRegistrationChanged) for the secretariat's
// subscribed accounts: the member office changed the registration whose
// change the secretariat asked for (with the reason asked), and it waits
// for the secretariat's decision again. Public text only; the link leads to the
// registration's row on the session's Verwaltung page. The key holds the
// version changed, so each answer to a request is told once.
func (s *Store) noticeRegistrationChanged(ctx context.Context, tx *sql.Tx, it model.AgendaItem, version int, asked string) error {
	se, heading, err := sessionHeading(ctx, tx, it.SessionID)
	if err != nil {
		return err
	}
	names, err := memberNames(ctx, tx)
	if err != nil {
		return err
	}
	by := names.Of(it.RegisteredBy)
	body := fmt.Sprintf("%s hat die Anmeldung „%s“ zur %s auf Ihre Bitte geändert. Sie wartet wieder auf Ihre Entscheidung: annehmen, ablehnen oder erneut um eine Änderung bitten.\nErbeten war: %s",
		by, model.PublicText(it.Title), heading, model.PublicText(asked))
	_, err = s.notifySubscribers(ctx, tx, Notice{
		Event:   model.EventRegistrationChanged,
		Key:     fmt.Sprintf("anmeldung_geaendert:%d:%d", it.ID, version),
		Subject: fmt.Sprintf("Anmeldung auf Bitte geändert: %s (%s)", model.PublicText(it.Title), by),
		Body:    body,
		Link:    fmt.Sprintf("%s/verwaltung#anmeldung-%d", se.Path(), it.ID),
		To:      func(sub Subscriber) bool { return sub.User.Role == model.RoleSecretariat },
	})
	return err
}

// noticeChangeRequested queues "Änderung erbeten" for the subscribers of
// the member that registered the item, with the reason (public text), as
// noticeRegistrationDecided does for a decline, and for the offices named
// as its co-applicants (noticeCoApplicantsChangeRequested), as they hear
// of a decision.
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
	if err != nil {
		return err
	}
	return s.noticeCoApplicantsChangeRequested(ctx, tx, it, heading)
}

// noticeCoApplicantsChangeRequested tells the offices named as
// co-applicants of registration it (asked or confirmed) that the
// secretariat asked the registering office for a change, with the reason:
// they share the registration, and the change may touch what they
// confirmed (a change of its substance asks them again). Event
// model.EventCoApplicationAnswered, as of a decision.
func (s *Store) noticeCoApplicantsChangeRequested(ctx context.Context, tx *sql.Tx, it model.AgendaItem, heading string) error {
	named, err := coApplicantsToTell(ctx, tx, it.ID)
	if err != nil || len(named) == 0 {
		return err
	}
	names, err := memberNames(ctx, tx)
	if err != nil {
		return err
	}
	by := names.Of(it.RegisteredBy)
	body := fmt.Sprintf("Die Geschäftsstelle bittet %s um eine Änderung der Anmeldung „%s“ zur %s. Ihr Mitglied ist darin als Mitantragsteller genannt. Bis %s die Anmeldung geändert hat, entscheidet die Geschäftsstelle nicht über sie; ändert sich dabei der Beschlussvorschlag, wird Ihr Mitglied erneut gefragt.\nGrund: %s",
		by, model.PublicText(it.Title), heading, by, model.PublicText(it.ChangeRequest))
	_, err = s.notifySubscribers(ctx, tx, Notice{
		Event:   model.EventCoApplicationAnswered,
		Key:     fmt.Sprintf("mitantrag_aenderung:%d:%d", it.ID, it.Version),
		Subject: fmt.Sprintf("Anmeldung mit Mitantrag – %s: %s", model.ChangeRequestedLabel, model.PublicText(it.Title)),
		Body:    body,
		Link:    registrationPath(it.ID),
		To:      func(sub Subscriber) bool { return slices.Contains(named, sub.User.MemberAbbrev) },
	})
	return err
}

// coApplicantsToTell gives the members named as co-applicants of the
// proposal of item itemID whose co-application is asked or confirmed —
// those a decision on the registration, or a change asked of it,
// concerns — inside tx.
func coApplicantsToTell(ctx context.Context, tx *sql.Tx, itemID int64) ([]string, error) {
	return queryList(ctx, tx, scanString, "co-applicants", `SELECT DISTINCT c.member FROM co_applications c JOIN decisions d ON d.id = c.decision_id
		WHERE d.item_id = ? AND c.state IN (?, ?) ORDER BY c.member`, itemID, model.CoApplicationPending, model.CoApplicationConfirmed)
}
