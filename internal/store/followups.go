package store

import (
	"context"
	"database/sql"
	"fmt"

	"gremium/internal/model"
)

const followUpCols = `id, COALESCE(decision_id, 0), COALESCE(item_id, 0), text, responsible, due_on, due_session, status, done_on, version`

func scanFollowUp(r scanner) (model.FollowUp, error) {
	var f model.FollowUp
	var due, done string
	if err := r.Scan(&f.ID, &f.DecisionID, &f.ItemID, &f.Text, &f.Responsible, &due, &f.DueSession, &f.Status, &done, &f.Version); err != nil {
		return f, err
	}
	f.DueDate, f.DoneOn = parseDate(due), parseDate(done)
	return f, nil
}

// CreateFollowUp stores a follow-up (Auftrag).
//
// A follow-up on an agenda item ticks the item's box "Follow-Up".
func (s *Store) CreateFollowUp(ctx context.Context, f model.FollowUp) (int64, error) {
	if err := f.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.insert(ctx, tx, "follow_up", f.Responsible,
			`INSERT INTO follow_ups (decision_id, item_id, text, responsible, due_on, due_session, status, done_on)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			nullID(f.DecisionID), nullID(f.ItemID), f.Text, f.Responsible, f.DueDate.String(), f.DueSession, f.Status, f.DoneOn.String())
		if err != nil || f.ItemID == 0 {
			return err
		}
		return s.setItemFlag(ctx, tx, f.ItemID, "flag_followup")
	})
	return id, err
}

// FollowUp gives the follow-up with the id.
func (s *Store) FollowUp(ctx context.Context, id int64) (model.FollowUp, error) {
	return queryOne(ctx, s.rd, scanFollowUp, fmt.Sprintf("follow-up %d", id), `SELECT `+followUpCols+` FROM follow_ups WHERE id = ?`, id)
}

// FollowUpFilter selects follow-ups; zero fields select all.
type FollowUpFilter struct {
	DecisionID int64
	ItemID     int64
	Status     model.FollowUpStatus
}

// FollowUps gives the follow-ups matching f, in order of creation.
func (s *Store) FollowUps(ctx context.Context, f FollowUpFilter) ([]model.FollowUp, error) {
	var w where
	if f.DecisionID != 0 {
		w.add("decision_id = ?", f.DecisionID)
	}
	if f.ItemID != 0 {
		w.add("item_id = ?", f.ItemID)
	}
	if f.Status != "" {
		w.add("status = ?", f.Status)
	}
	return queryList(ctx, s.rd, scanFollowUp, "follow-ups", `SELECT `+followUpCols+` FROM follow_ups`+w.sql()+` ORDER BY id`, w.args...)
}

// UpdateFollowUp changes a follow-up; f.Version must be the version read.
func (s *Store) UpdateFollowUp(ctx context.Context, f model.FollowUp) error {
	if err := f.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return s.updateVersioned(ctx, tx, "follow_ups", "follow_up", f.ID, f.Version,
			`decision_id = ?, item_id = ?, text = ?, responsible = ?, due_on = ?, due_session = ?, status = ?, done_on = ?`,
			nullID(f.DecisionID), nullID(f.ItemID), f.Text, f.Responsible, f.DueDate.String(), f.DueSession, f.Status, f.DoneOn.String())
	})
}
