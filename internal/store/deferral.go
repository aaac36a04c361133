package store

// Vertagung: an agenda item is deferred to a later session of the same
// body, in one transaction.

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"gremium/internal/model"
)

// Deferral asks to defer an agenda item (Vertagung).
type Deferral struct {
	ItemID  int64
	Version int // the item's version as read
	// Target is the number of the later session; 0: the next planned one.
	Target int
	Reason string // optional; confidential passages marked
}

// DeferItem defers an agenda item of a planned, convened or running
// session to a later planned or convened session of the same body, in one
// transaction: the item stays on the original agenda and minutes, marked
// "vertagt auf die NN. Sitzung", without decision; a new item stands at
// the end of the later session's agenda, without number, marked "vertagt
// aus der NN. Sitzung", with the title, points, goal, sources, reporters,
// FachMK statement, registration and Abschnitt (deferredSection) of the
// original, and carrying the
// preparatory body's recommendations given for it (SessionRecommendations);
// the original's documents and decision proposals move to it; waiting
// requests for the
// floor lapse; the registering member's subscribers are told. An item
// with an adopted decision or a vote open on it is refused (a rule error).
// It gives the new item's id and the later session.
func (s *Store) DeferItem(ctx context.Context, d Deferral) (int64, model.Session, error) {
	// One line: the minutes state the deferral in one line under the item.
	reason, err := model.ConfidentialMarks(strings.Join(strings.Fields(d.Reason), " "))
	if err != nil {
		return 0, model.Session{}, err
	}
	var newID int64
	var target model.Session
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		it, err := loadItemTx(ctx, tx, d.ItemID)
		if err != nil {
			return err
		}
		from, err := loadSessionTx(ctx, tx, it.SessionID)
		if err != nil {
			return err
		}
		var adopted, voting int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM decisions WHERE item_id = ? AND status = ?`, it.ID, model.DecisionAdopted).Scan(&adopted); err != nil {
			return fmt.Errorf("store: decisions of item %d: %w", it.ID, err)
		}
		// An item on the Grüne Liste is voted on while the list is (en
		// bloc, whichever item is called).
		consent := 0
		if it.Consent {
			consent = 1
		}
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM ballots WHERE status = ? AND (item_id = ? OR decision_id IN (SELECT id FROM decisions WHERE item_id = ?)
			OR (decision_id IS NULL AND session_id = ? AND ? = 1))`,
			model.VoteOpen, it.ID, it.ID, it.SessionID, consent).Scan(&voting); err != nil {
			return fmt.Errorf("store: votes on item %d: %w", it.ID, err)
		}
		if err := it.CheckDeferrable(from, adopted > 0, voting > 0); err != nil {
			return err
		}
		sessions, err := laterSessions(ctx, tx, from)
		if err != nil {
			return err
		}
		if target, err = model.DeferralTarget(from, sessions, d.Target); err != nil {
			return err
		}
		// The later session's item: what was registered, not what the
		// original session did with it (number, outcome). It keeps its
		// Abschnitt where the later session's body has it (the same body,
		// so the same section id); without, it would stand without
		// section. A section that is not the body's is left out: the
		// secretariat places the item (Verwaltung).
		section, err := deferredSection(ctx, tx, it.SectionID, target.BodyID)
		if err != nil {
			return err
		}
		var pos int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_items WHERE session_id = ?`, target.ID).Scan(&pos); err != nil {
			return fmt.Errorf("store: agenda position: %w", err)
		}
		moved := model.AgendaItem{SessionID: target.ID, SectionID: section, Title: it.Title, Points: it.Points, Goal: it.Goal, Sources: it.Sources, Reporters: it.Reporters,
			Flags: model.ItemFlags{Decision: it.Goal == model.GoalDecision}, Position: pos, Impact: it.Impact, Status: model.ItemAccepted,
			RegisteredBy: it.RegisteredBy, RegisteredAt: it.RegisteredAt, Late: it.Late,
			Deferral: model.Deferral{From: from.Number, Reason: reason}}
		if newID, err = s.insertItem(ctx, tx, moved); err != nil {
			return err
		}
		// The new item carries the recommendations given for this one
		// (SessionRecommendations).
		if _, err := tx.ExecContext(ctx, `UPDATE agenda_items SET deferred_from_item_id = ? WHERE id = ?`, it.ID, newID); err != nil {
			return fmt.Errorf("store: deferred item %d: %w", newID, err)
		}
		it.Deferral = model.Deferral{To: target.Number, From: it.Deferral.From, Reason: reason}
		it.Flags = model.ItemFlags{}
		it.Version = d.Version
		if err := s.updateVersioned(ctx, tx, "agenda_items", "agenda_item", it.ID, it.Version, itemSet, itemArgs(it)...); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, "defer", "agenda_item", it.ID, it.Deferral.DeferredToLabel()); err != nil {
			return err
		}
		if err := s.moveItemRows(ctx, tx, it.ID, newID, target.ID); err != nil {
			return err
		}
		return s.noticeItemDeferred(ctx, tx, it, from, target)
	})
	return newID, target, err
}

// deferredSection gives the section a deferred item takes to a session
// of body bodyID: its own (sectionID) if that is one of the body's, else
// none (0).
func deferredSection(ctx context.Context, tx *sql.Tx, sectionID, bodyID int64) (int64, error) {
	if sectionID == 0 {
		return 0, nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM sections WHERE id = ? AND body_id = ?`, sectionID, bodyID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: section %d: %w", sectionID, err)
	}
	if n == 0 {
		return 0, nil
	}
	return sectionID, nil
}

// LaterSessions gives the sessions of se's body an item of se may be
// deferred to, in order: after se, planned or convened, not cancelled.
// It reads only those sessions, not the body's history.
func (s *Store) LaterSessions(ctx context.Context, se model.Session) ([]model.Session, error) {
	all, err := laterSessions(ctx, s.rd, se)
	if err != nil {
		return nil, err
	}
	var out []model.Session
	for _, o := range all {
		if !o.Cancelled() {
			out = append(out, o)
		}
	}
	return out, nil
}

// laterSessions gives the planned and convened sessions of se's body
// after se, in order.
func laterSessions(ctx context.Context, q queryer, se model.Session) ([]model.Session, error) {
	return queryList(ctx, q, scanSession, "later sessions", `SELECT `+sessionCols+` FROM sessions WHERE body_id = ? AND number > ? AND status IN (?, ?) ORDER BY number`,
		se.BodyID, se.Number, model.StatusPlanned, model.StatusConvened)
}

// moveItemRows moves what the deferred item takes along to its new item
// in session sessionID: its documents and its decision proposals (drafts;
// a rejected proposal stays where it was voted on). Requests for the
// floor still waiting on it lapse.
func (s *Store) moveItemRows(ctx context.Context, tx *sql.Tx, oldID, newID, sessionID int64) error {
	ids := func(what, query string, args ...any) ([]int64, error) {
		return queryList(ctx, tx, func(r scanner) (int64, error) {
			var id int64
			return id, r.Scan(&id)
		}, what, query, args...)
	}
	docs, err := ids("documents of the item", `SELECT id FROM documents WHERE item_id = ? ORDER BY id`, oldID)
	if err != nil {
		return err
	}
	for _, id := range docs {
		if err := s.updatePlain(ctx, tx, "documents", "document", id, `session_id = ?, item_id = ?`, sessionID, newID); err != nil {
			return err
		}
	}
	drafts, err := ids("proposals of the item", `SELECT id FROM decisions WHERE item_id = ? AND status = ? ORDER BY position, id`, oldID, model.DecisionDraft)
	if err != nil {
		return err
	}
	for _, id := range drafts {
		pos, err := nextPosition(ctx, tx, newID)
		if err != nil {
			return err
		}
		if err := s.updatePlain(ctx, tx, "decisions", "decision", id, `session_id = ?, item_id = ?, position = ?, version = version + 1`, sessionID, newID, pos); err != nil {
			return err
		}
	}
	waiting, err := ids("waiting speakers", `SELECT id FROM speaker_requests WHERE item_id = ? AND status = ?`, oldID, model.SpeakerWaiting)
	if err != nil {
		return err
	}
	for _, id := range waiting {
		if err := s.updatePlain(ctx, tx, "speaker_requests", "speaker_request", id, `status = ?, version = version + 1`, model.SpeakerWithdrawn); err != nil {
			return err
		}
	}
	return nil
}

// noticeItemDeferred queues "TOP vertagt" for the subscribers of the
// member that registered the item, and the secretariat's.
func (s *Store) noticeItemDeferred(ctx context.Context, tx *sql.Tx, it model.AgendaItem, from, to model.Session) error {
	body := fmt.Sprintf("%s „%s“ der %d. Sitzung ist %s.", it.Label(), model.PublicText(it.Title), from.Number, it.Deferral.DeferredToLabel())
	if it.Deferral.Reason != "" {
		body += "\nGrund: " + model.PublicText(it.Deferral.Reason)
	}
	_, err := s.notifySubscribers(ctx, tx, Notice{
		Event:   model.EventItemDeferred,
		Key:     fmt.Sprintf("top_vertagt:%d", it.ID),
		Subject: fmt.Sprintf("TOP vertagt auf die %d. Sitzung: %s", to.Number, model.PublicText(it.Title)),
		Body:    body,
		Link:    to.Path(),
		To: func(sub Subscriber) bool {
			return sub.User.Role == model.RoleSecretariat || (it.RegisteredBy != "" && sub.User.MemberAbbrev == it.RegisteredBy)
		},
	})
	return err
}
