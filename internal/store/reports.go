package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"gremium/internal/model"
)

// The spokespersons' short reports under the standard item "Reporting
// FachMK" (concept section 2.1).

const reportCols = `r.id, r.session_id, r.conference_id, b.name, r.member_abbrev, r.author, r.text, r.saved_at, r.version`

func scanReport(sc scanner) (model.FachMKReport, error) {
	var r model.FachMKReport
	var saved string
	if err := sc.Scan(&r.ID, &r.SessionID, &r.ConferenceID, &r.Conference, &r.Member, &r.Author, &r.Text, &saved, &r.Version); err != nil {
		return r, err
	}
	r.Saved, _ = timeParse(saved)
	return r, nil
}

// Reports gives the reports for a session, by conference name and member.
func (s *Store) Reports(ctx context.Context, sessionID int64) ([]model.FachMKReport, error) {
	return sessionReports(ctx, s.db, sessionID)
}

// sessionReports is Reports through q (the store's database, or a
// transaction: the minutes' stamp, MinutesStamp).
func sessionReports(ctx context.Context, q queryer, sessionID int64) ([]model.FachMKReport, error) {
	return queryList(ctx, q, scanReport, "reports", `SELECT `+reportCols+` FROM fachmk_reports r JOIN bodies b ON b.id = r.conference_id
		WHERE r.session_id = ? ORDER BY b.name, r.member_abbrev`, sessionID)
}

// SaveReport stores a spokesperson's report for a session and a FachMK, or
// replaces it (r.Version is the version read; 0 for a new report). The
// member must hold the spokesperson function for the conference (not yet
// ended); after the deadline (model.ReportDeadline) only the secretariat
// may still save (bySecretariat).
func (s *Store) SaveReport(ctx context.Context, r model.FachMKReport, bySecretariat bool) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		se, err := queryOne(ctx, tx, scanSession, fmt.Sprintf("session %d", r.SessionID), `SELECT `+sessionCols+` FROM sessions WHERE id = ?`, r.SessionID)
		if err != nil {
			return err
		}
		if err := r.Validate(se, s.Today(), bySecretariat); err != nil {
			return err
		}
		if err := reporterInOffice(ctx, tx, r); err != nil {
			return err
		}
		var id int64
		err = tx.QueryRowContext(ctx, `SELECT id FROM fachmk_reports WHERE session_id = ? AND conference_id = ? AND member_abbrev = ?`,
			r.SessionID, r.ConferenceID, r.Member).Scan(&id)
		now := s.now().UTC().Format("2006-01-02T15:04:05Z")
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if r.Version != 0 {
				return fmt.Errorf("store: report of %s: %w", r.Member, ErrConflict)
			}
			_, err := s.insert(ctx, tx, "fachmk_report", fmt.Sprintf("%s, %d. Sitzung", r.Member, se.Number),
				`INSERT INTO fachmk_reports (session_id, conference_id, member_abbrev, author, text, saved_at) VALUES (?, ?, ?, ?, ?, ?)`,
				r.SessionID, r.ConferenceID, r.Member, r.Author, r.Text, now)
			return err
		case err != nil:
			return fmt.Errorf("store: report: %w", err)
		}
		return s.updateVersioned(ctx, tx, "fachmk_reports", "fachmk_report", id, r.Version, `author = ?, text = ?, saved_at = ?`, r.Author, r.Text, now)
	})
}

// reporterInOffice refuses a report of a member that is no spokesperson
// of the conference in office (its function not ended by the last session
// held).
func reporterInOffice(ctx context.Context, tx *sql.Tx, r model.FachMKReport) error {
	if ok, err := holdsFunction(ctx, tx, r.ConferenceID, r.Member); err != nil || ok {
		return err
	}
	names, err := memberNames(ctx, tx)
	if err != nil {
		return err
	}
	return model.RuleError("%s ist nicht Sprecher:in dieser Fachministerkonferenz; berichten können nur die Sprecher:innen im Amt.", names.Of(r.Member))
}

// WithdrawReport withdraws a spokesperson's report for a session (r names
// session, conference and member; r.Version is the version read): until
// the session takes place, and after the report deadline only by the
// secretariat (bySecretariat), as a report is saved. Once the agenda is
// published the report stands public under "Reporting FachMK"; before,
// it could be corrected but never taken back. The audit log keeps the
// withdrawal.
func (s *Store) WithdrawReport(ctx context.Context, r model.FachMKReport, bySecretariat bool) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		se, err := loadSessionTx(ctx, tx, r.SessionID)
		if err != nil {
			return err
		}
		if err := r.CheckOpen(se, s.Today(), bySecretariat); err != nil {
			return err
		}
		if err := reporterInOffice(ctx, tx, r); err != nil {
			return err
		}
		var id int64
		var version int
		if err := tx.QueryRowContext(ctx, `SELECT id, version FROM fachmk_reports WHERE session_id = ? AND conference_id = ? AND member_abbrev = ?`,
			r.SessionID, r.ConferenceID, r.Member).Scan(&id, &version); err != nil {
			return notFound(err, fmt.Sprintf("report of %s", r.Member))
		}
		if version != r.Version {
			return fmt.Errorf("store: report of %s is at version %d, not %d: %w", r.Member, version, r.Version, ErrConflict)
		}
		if err := s.touch(ctx, tx, "fachmk_report", id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM fachmk_reports WHERE id = ?`, id); err != nil {
			return fmt.Errorf("store: report: %w", err)
		}
		return s.audit(ctx, tx, "withdraw", "fachmk_report", id, fmt.Sprintf("%s, %d. Sitzung", r.Member, se.Number))
	})
}
