package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"gremium/internal/model"
	"gremium/internal/relevance"
)

// SaveAssessments replaces the decision profile (Beschluss-Steckbrief) of a
// decision with the given lines, and in the same transaction lets the FachMK
// topic profiles learn from it: for a conference assessed as relevant, its
// terms found in the text of the decision (and its agenda item) are
// confirmed; for a conference that gremium proposed and the assessment
// rejects, they are rejected (relevance.Engine.Evidence). Saving the profile
// again replaces what it taught, so a profile teaches once. For an adopted
// decision, the FachMK marked relevant are notified in the same transaction.
// version is the profile's version the lines were made from
// (ProfileVersion): if someone saved the profile since, nothing changes and
// the error is ErrConflict.
func (s *Store) SaveAssessments(ctx context.Context, decisionID int64, version int, lines []model.Assessment) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		d, err := queryOne(ctx, tx, scanDecision, fmt.Sprintf("decision %d", decisionID), `SELECT `+decisionCols+` FROM decisions d WHERE d.id = ?`, decisionID)
		if err != nil {
			return err
		}
		var it model.AgendaItem
		if d.ItemID != 0 {
			if it, err = queryOne(ctx, tx, scanItem, fmt.Sprintf("agenda item %d", d.ItemID), `SELECT `+itemCols+` FROM agenda_items WHERE id = ?`, d.ItemID); err != nil {
				return err
			}
		}
		// What the other decisions taught: this one's earlier save must not
		// decide whether its conferences count as proposed.
		profiles, _, err := relevanceProfiles(ctx, tx, decisionID)
		if err != nil {
			return err
		}
		engine := relevance.New(profiles)
		text := relevance.AssessmentText(d, it)
		if err := s.touch(ctx, tx, "decision", decisionID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE decisions SET profile_version = profile_version + 1 WHERE id = ? AND profile_version = ?`, decisionID, version)
		if err != nil {
			return fmt.Errorf("store: decision profile: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("store: decision profile %d (version %d): %w", decisionID, version, ErrConflict)
		}
		for _, q := range []string{`DELETE FROM decision_relevance WHERE decision_id = ?`, `DELETE FROM relevance_feedback WHERE decision_id = ?`} {
			if _, err := tx.ExecContext(ctx, q, decisionID); err != nil {
				return fmt.Errorf("store: decision profile: %w", err)
			}
		}
		// A reason stands as typed on the profile and in "Mein Bereich":
		// a marked passage would read "[[…]]" (it is never published).
		var unmarked []error
		for _, a := range lines {
			if err := model.Unmarked(a.Reason, "Die Begründung steht wie eingegeben im Steckbrief"); err != nil {
				unmarked = append(unmarked, model.AtField(fmt.Sprintf("grund_%d", a.ConferenceID), err))
			}
		}
		if len(unmarked) > 0 {
			return errors.Join(unmarked...)
		}
		now := s.now().UTC().Format(time.RFC3339)
		learned := 0
		for _, a := range lines {
			if _, err := tx.ExecContext(ctx, `INSERT INTO decision_relevance (decision_id, conference_id, relevant, reason, assessed_by, assessed_at) VALUES (?, ?, ?, ?, ?, ?)`,
				decisionID, a.ConferenceID, a.Relevant, a.Reason, a.AssessedBy, now); err != nil {
				return fmt.Errorf("store: decision profile: %w", err)
			}
			for _, key := range engine.Evidence(text, a.ConferenceID, a.Relevant) {
				if _, err := tx.ExecContext(ctx, `INSERT INTO relevance_feedback (decision_id, conference_id, term, relevant) VALUES (?, ?, ?, ?)`,
					decisionID, a.ConferenceID, key, a.Relevant); err != nil {
					return fmt.Errorf("store: relevance feedback: %w", err)
				}
				learned++
			}
		}
		if err := s.audit(ctx, tx, "assess", "decision", decisionID, fmt.Sprintf("%d FachMK, %d Begriffe gelernt", len(lines), learned)); err != nil {
			return err
		}
		return s.noticeDecisionRelevant(ctx, tx, decisionID)
	})
}

// RelevanceProfiles gives the FachMK and their topic profiles with what the
// decision profiles taught (relevance.Profile.Feedback), for proposals.
func (s *Store) RelevanceProfiles(ctx context.Context) ([]relevance.Profile, []model.Body, error) {
	return relevanceProfiles(ctx, s.rd, 0)
}

// relevanceProfiles reads the FachMK profiles with the feedback of every
// decision but except (0 for none).
func relevanceProfiles(ctx context.Context, q queryer, except int64) ([]relevance.Profile, []model.Body, error) {
	bodies, err := queryList(ctx, q, scanBody, "bodies", `SELECT `+bodyCols+` FROM bodies WHERE kind = ? ORDER BY name`, model.BodyFachMK)
	if err != nil {
		return nil, nil, err
	}
	type fb struct {
		conference int64
		term       string
		feedback   relevance.Feedback
	}
	rows, err := queryList(ctx, q, func(r scanner) (fb, error) {
		var f fb
		err := r.Scan(&f.conference, &f.term, &f.feedback.Confirmed, &f.feedback.Rejected)
		return f, err
	}, "relevance feedback", `SELECT conference_id, term, SUM(relevant), SUM(1 - relevant) FROM relevance_feedback
		WHERE decision_id != ? GROUP BY conference_id, term`, except)
	if err != nil {
		return nil, nil, err
	}
	learned := map[int64]map[string]relevance.Feedback{}
	for _, f := range rows {
		if learned[f.conference] == nil {
			learned[f.conference] = map[string]relevance.Feedback{}
		}
		learned[f.conference][f.term] = f.feedback
	}
	profiles := make([]relevance.Profile, len(bodies))
	for i, b := range bodies {
		profiles[i] = relevance.Profile{ConferenceID: b.ID, Abbrev: b.Abbrev, Name: b.Name, Terms: b.Terms, Feedback: learned[b.ID]}
	}
	return profiles, bodies, nil
}

// Assessments gives the decision profile of a decision.
func (s *Store) Assessments(ctx context.Context, decisionID int64) ([]model.Assessment, error) {
	return queryList(ctx, s.rd, func(r scanner) (model.Assessment, error) {
		var a model.Assessment
		var at string
		err := r.Scan(&a.DecisionID, &a.ConferenceID, &a.Relevant, &a.Reason, &a.AssessedBy, &at)
		a.AssessedAt, _ = time.Parse(time.RFC3339, at)
		return a, err
	}, "decision profile", `SELECT r.decision_id, r.conference_id, r.relevant, r.reason, r.assessed_by, r.assessed_at
		FROM decision_relevance r JOIN bodies b ON b.id = r.conference_id WHERE r.decision_id = ? ORDER BY b.name`, decisionID)
}

// ProfileVersion gives the version of a decision's profile, to be sent
// back with a save (SaveAssessments).
func (s *Store) ProfileVersion(ctx context.Context, decisionID int64) (int, error) {
	var v int
	if err := s.db.QueryRowContext(ctx, `SELECT profile_version FROM decisions WHERE id = ?`, decisionID).Scan(&v); err != nil {
		return 0, notFound(err, fmt.Sprintf("decision %d", decisionID))
	}
	return v, nil
}
