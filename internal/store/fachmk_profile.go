package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"gremium/internal/model"
)

// SaveAssessments replaces the decision profile (Beschluss-Steckbrief) of a
// decision with the given lines. For an adopted decision, the FachMK marked
// relevant are notified in the same transaction.
func (s *Store) SaveAssessments(ctx context.Context, decisionID int64, lines []model.Assessment) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM decision_relevance WHERE decision_id = ?`, decisionID); err != nil {
			return fmt.Errorf("store: decision profile: %w", err)
		}
		now := s.now().UTC().Format(time.RFC3339)
		for _, a := range lines {
			if _, err := tx.ExecContext(ctx, `INSERT INTO decision_relevance (decision_id, conference_id, relevant, reason, assessed_by, assessed_at) VALUES (?, ?, ?, ?, ?, ?)`,
				decisionID, a.ConferenceID, a.Relevant, a.Reason, a.AssessedBy, now); err != nil {
				return fmt.Errorf("store: decision profile: %w", err)
			}
		}
		if err := s.audit(ctx, tx, "assess", "decision", decisionID, fmt.Sprintf("%d FachMK", len(lines))); err != nil {
			return err
		}
		return s.noticeDecisionRelevant(ctx, tx, decisionID)
	})
}

// Assessments gives the decision profile of a decision.
func (s *Store) Assessments(ctx context.Context, decisionID int64) ([]model.Assessment, error) {
	return queryList(ctx, s.db, func(r scanner) (model.Assessment, error) {
		var a model.Assessment
		var at string
		err := r.Scan(&a.DecisionID, &a.ConferenceID, &a.Relevant, &a.Reason, &a.AssessedBy, &at)
		a.AssessedAt, _ = time.Parse(time.RFC3339, at)
		return a, err
	}, "decision profile", `SELECT r.decision_id, r.conference_id, r.relevant, r.reason, r.assessed_by, r.assessed_at
		FROM decision_relevance r JOIN bodies b ON b.id = r.conference_id WHERE r.decision_id = ? ORDER BY b.name`, decisionID)
}
