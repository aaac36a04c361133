package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"gremium/internal/model"
)

// SaveShares stores (or replaces) the Königsteiner-Schlüssel table of a year.
func (s *Store) SaveShares(ctx context.Context, year int, shares model.Shares) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.touch(ctx, tx, "ks_shares", int64(year)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM ks_shares WHERE year = ?`, year); err != nil {
			return fmt.Errorf("store: shares: %w", err)
		}
		for abbrev, share := range shares {
			if _, err := tx.ExecContext(ctx, `INSERT INTO ks_shares (year, abbrev, share) VALUES (?, ?, ?)`, year, abbrev, share); err != nil {
				return fmt.Errorf("store: shares: %w", err)
			}
		}
		return s.audit(ctx, tx, "load", "ks_shares", int64(year), fmt.Sprintf("%d Länder", len(shares)))
	})
}

// ErrNoShares means no Königsteiner-Schlüssel table applies.
var ErrNoShares error = &model.Error{Class: model.ErrRule, Reason: "Für dieses Jahr ist kein Königsteiner Schlüssel geladen; ohne ihn lässt sich die qualifizierte Mehrheit nicht feststellen."}

// SharesFor gives the Königsteiner-Schlüssel table valid in a year: the
// newest table of that year or before, and the year it is of.
func (s *Store) SharesFor(ctx context.Context, year int) (model.Shares, int, error) {
	return sharesFor(ctx, s.db, year)
}

func sharesFor(ctx context.Context, q queryer, year int) (model.Shares, int, error) {
	var valid sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT MAX(year) FROM ks_shares WHERE year <= ?`, year).Scan(&valid); err != nil {
		return nil, 0, fmt.Errorf("store: shares: %w", err)
	}
	if !valid.Valid {
		return nil, 0, fmt.Errorf("%w (%d)", ErrNoShares, year)
	}
	rows, err := q.QueryContext(ctx, `SELECT abbrev, share FROM ks_shares WHERE year = ?`, valid.Int64)
	if err != nil {
		return nil, 0, fmt.Errorf("store: shares: %w", err)
	}
	defer rows.Close()
	out := model.Shares{}
	for rows.Next() {
		var a string
		var v float64
		if err := rows.Scan(&a, &v); err != nil {
			return nil, 0, err
		}
		out[a] = v
	}
	return out, int(valid.Int64), rows.Err()
}

// SharesYears lists the years with a loaded table.
func (s *Store) SharesYears(ctx context.Context) ([]int, error) {
	return queryList(ctx, s.db, func(r scanner) (int, error) {
		var y int
		return y, r.Scan(&y)
	}, "shares years", `SELECT DISTINCT year FROM ks_shares ORDER BY year`)
}

// VotingMembers gives the members with a vote (Bund and Länder) in list order.
func (s *Store) VotingMembers(ctx context.Context) ([]model.Member, error) {
	return votingMembers(ctx, s.db)
}

func votingMembers(ctx context.Context, q queryer) ([]model.Member, error) {
	return queryList(ctx, q, scanMember, "voting members",
		`SELECT `+memberCols+` FROM members WHERE kind IN (?, ?) ORDER BY position, abbrev`, model.MemberBund, model.MemberLand)
}

// EstablishQuorum records who is present at a session and the result of the
// quorum check under the body's rule; it gives the check's reason.
func (s *Store) EstablishQuorum(ctx context.Context, sessionID int64, present []string) (bool, string, error) {
	var ok bool
	var reason string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		se, err := queryOne(ctx, tx, scanSession, fmt.Sprintf("session %d", sessionID), `SELECT `+sessionCols+` FROM sessions WHERE id = ?`, sessionID)
		if err != nil {
			return err
		}
		if se.Status != model.StatusRunning {
			return model.RuleError("Die Beschlussfähigkeit wird in der laufenden Sitzung festgestellt; die Sitzung ist „%s“.", se.Status.Label())
		}
		var min int
		if err := tx.QueryRowContext(ctx, `SELECT quorum_min FROM bodies WHERE id = ?`, se.BodyID).Scan(&min); err != nil {
			return notFound(err, "body")
		}
		voters, err := votingMembers(ctx, tx)
		if err != nil {
			return err
		}
		isPresent := map[string]bool{}
		if err := s.touch(ctx, tx, "session", sessionID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM session_attendance WHERE session_id = ?`, sessionID); err != nil {
			return fmt.Errorf("store: attendance: %w", err)
		}
		for _, a := range present {
			if isPresent[a] {
				continue
			}
			isPresent[a] = true
			if _, err := tx.ExecContext(ctx, `INSERT INTO session_attendance (session_id, member_abbrev) VALUES (?, ?)`, sessionID, a); err != nil {
				return fmt.Errorf("store: attendance: %w", err)
			}
		}
		ok, reason = model.CheckQuorum(voters, isPresent, min)
		result := "nein"
		if ok {
			result = "ja"
		}
		if _, err := tx.ExecContext(ctx, `UPDATE sessions SET quorum = ?, version = version + 1 WHERE id = ?`, result, sessionID); err != nil {
			return fmt.Errorf("store: quorum: %w", err)
		}
		return s.audit(ctx, tx, "quorum", "session", sessionID, reason)
	})
	return ok, reason, err
}

// Attendance gives the members recorded present at a session.
func (s *Store) Attendance(ctx context.Context, sessionID int64) ([]string, error) {
	return queryList(ctx, s.db, func(r scanner) (string, error) {
		var a string
		return a, r.Scan(&a)
	}, "attendance", `SELECT member_abbrev FROM session_attendance WHERE session_id = ? ORDER BY member_abbrev`, sessionID)
}

const procedureCols = `id, decision_id, rule, started_at, deadline, status, closed_at, result, reminded`

func scanProcedure(r scanner) (model.WrittenProcedure, error) {
	var p model.WrittenProcedure
	var started, deadline, closed string
	if err := r.Scan(&p.ID, &p.DecisionID, &p.Rule, &started, &deadline, &p.Status, &closed, &p.Result, &p.Reminded); err != nil {
		return p, err
	}
	p.Started, _ = time.Parse(time.RFC3339, started)
	p.Deadline, _ = time.Parse(time.RFC3339, deadline)
	p.Closed, _ = time.Parse(time.RFC3339, closed)
	return p, nil
}

// StartProcedure starts a written procedure (Umlaufverfahren) on a new
// decision proposal (d must be a draft outside any session) with a rule and
// a deadline. It gives the procedure's id. The notification that the
// procedure started is queued in the same transaction.
func (s *Store) StartProcedure(ctx context.Context, d model.Decision, rule model.Rule, deadline time.Time) (int64, error) {
	if !rule.Valid() {
		return 0, model.InputError("Die Abstimmungsregel „%s“ ist unbekannt.", rule)
	}
	if d.Status != model.DecisionDraft || d.SessionID != 0 || d.ItemID != 0 {
		return 0, model.RuleError("Ein Umlaufverfahren entscheidet über einen neuen Beschlussvorschlag außerhalb einer Sitzung.")
	}
	if !deadline.After(s.now()) {
		return 0, model.InputError("Die Frist eines Umlaufverfahrens muss in der Zukunft liegen.")
	}
	if err := d.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkApplicants(ctx, tx, d.Applicants); err != nil {
			return err
		}
		decisionID, err := s.createDecisionTx(ctx, tx, d)
		if err != nil {
			return err
		}
		id, err = s.insert(ctx, tx, "procedure", d.Title,
			`INSERT INTO written_procedures (decision_id, rule, started_at, deadline) VALUES (?, ?, ?, ?)`,
			decisionID, rule, s.now().UTC().Format(time.RFC3339), deadline.UTC().Format(time.RFC3339))
		if err != nil {
			return err
		}
		return s.noticeProcedureStarted(ctx, tx, id)
	})
	return id, err
}

// Procedure gives a written procedure with the votes cast so far.
func (s *Store) Procedure(ctx context.Context, id int64) (model.WrittenProcedure, error) {
	p, err := queryOne(ctx, s.db, scanProcedure, fmt.Sprintf("procedure %d", id), `SELECT `+procedureCols+` FROM written_procedures WHERE id = ?`, id)
	if err != nil {
		return p, err
	}
	p.Votes, err = procedureVotes(ctx, s.db, id)
	return p, err
}

func procedureVotes(ctx context.Context, q queryer, id int64) ([]model.Vote, error) {
	return queryList(ctx, q, func(r scanner) (model.Vote, error) {
		var v model.Vote
		return v, r.Scan(&v.Member, &v.Choice)
	}, "procedure votes", `SELECT v.member_abbrev, v.choice FROM procedure_votes v LEFT JOIN members m ON m.abbrev = v.member_abbrev
		WHERE v.procedure_id = ? ORDER BY COALESCE(m.position, 999)`, id)
}

// Procedures gives the written procedures, open ones first, newest first.
func (s *Store) Procedures(ctx context.Context) ([]model.WrittenProcedure, error) {
	return queryList(ctx, s.db, scanProcedure, "procedures",
		`SELECT `+procedureCols+` FROM written_procedures ORDER BY status = 'geschlossen', deadline DESC, id DESC`)
}

// ErrProcedureClosed means a vote came after the deadline or the close.
var ErrProcedureClosed error = &model.Error{Class: model.ErrRule, Reason: "Das Umlaufverfahren ist abgeschlossen; Stimmen können nicht mehr abgegeben werden."}

// CastVote records a member's vote in an open written procedure. A member
// may change its vote until the deadline; every vote is in the audit log.
func (s *Store) CastVote(ctx context.Context, procedureID int64, member string, choice model.VoteChoice) error {
	if choice != model.VoteYes && choice != model.VoteNo && choice != model.VoteAbstain {
		return model.InputError("Eine Stimme ist ja, nein oder Enthaltung, nicht „%s“.", choice)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		p, err := queryOne(ctx, tx, scanProcedure, fmt.Sprintf("procedure %d", procedureID), `SELECT `+procedureCols+` FROM written_procedures WHERE id = ?`, procedureID)
		if err != nil {
			return err
		}
		now := s.now()
		if p.Status != model.ProcedureOpen || !now.Before(p.Deadline) {
			return ErrProcedureClosed
		}
		var kind model.MemberKind
		if err := tx.QueryRowContext(ctx, `SELECT kind FROM members WHERE abbrev = ?`, member).Scan(&kind); err != nil || !kind.Votes() {
			return model.RuleError("%s ist nicht stimmberechtigt.", member)
		}
		if err := s.touch(ctx, tx, "procedure", procedureID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO procedure_votes (procedure_id, member_abbrev, choice, voted_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (procedure_id, member_abbrev) DO UPDATE SET choice = excluded.choice, voted_at = excluded.voted_at`,
			procedureID, member, choice, now.UTC().Format(time.RFC3339)); err != nil {
			return fmt.Errorf("store: vote: %w", err)
		}
		return s.audit(ctx, tx, "vote", "procedure", procedureID, member+" "+string(choice))
	})
}

// CloseDueProcedures closes every open written procedure whose deadline has
// passed: the votes are counted under its rule (no vote counts as
// abstention), the decision is adopted — getting the next number of its
// year — or rejected. Each procedure closes in its own transaction, so a
// stop in the middle leaves it open for the next run and never closes it
// twice. It also records reminders a day before the deadline. It gives the
// procedures closed.
func (s *Store) CloseDueProcedures(ctx context.Context, now time.Time) ([]model.WrittenProcedure, error) {
	if err := s.remind(ctx, now); err != nil {
		return nil, err
	}
	due, err := queryList(ctx, s.db, scanProcedure, "due procedures",
		`SELECT `+procedureCols+` FROM written_procedures WHERE status = ? AND deadline <= ? ORDER BY deadline, id`,
		model.ProcedureOpen, now.UTC().Format(time.RFC3339))
	if err != nil {
		return nil, err
	}
	var closed []model.WrittenProcedure
	for _, p := range due {
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			var status model.ProcedureStatus
			if err := tx.QueryRowContext(ctx, `SELECT status FROM written_procedures WHERE id = ?`, p.ID).Scan(&status); err != nil {
				return err
			}
			if status != model.ProcedureOpen {
				return nil // another instance closed it meanwhile
			}
			for _, t := range []struct {
				entity string
				id     int64
			}{{"procedure", p.ID}, {"decision", p.DecisionID}} {
				if err := s.touch(closingActor(ctx), tx, t.entity, t.id); err != nil {
					return err
				}
			}
			voters, err := votingMembers(ctx, tx)
			if err != nil {
				return err
			}
			cast, err := procedureVotes(ctx, tx, p.ID)
			if err != nil {
				return err
			}
			votes := model.ProcedureVotes(voters, cast)
			on := model.DateOf(p.Deadline.In(time.Local))
			var shares model.Shares
			if p.Rule == model.RuleQualified {
				if shares, _, err = sharesFor(ctx, tx, on.Year); err != nil {
					return err
				}
			}
			tally, err := model.Count(p.Rule, voters, votes, shares)
			if err != nil {
				return err
			}
			var list []model.Vote
			for _, m := range voters {
				list = append(list, model.Vote{Member: m.Abbrev, Choice: votes[m.Abbrev]})
			}
			phrase := tally.Phrase() + " (Umlaufverfahren)"
			if tally.Adopted {
				if _, err := s.adoptTx(ctx, tx, p.DecisionID, -1, on, phrase, list); err != nil {
					return err
				}
			} else {
				if _, err := tx.ExecContext(ctx, `UPDATE decisions SET status = ?, result = ?, adopted_on = ?, version = version + 1 WHERE id = ?`,
					model.DecisionRejected, phrase, on.String(), p.DecisionID); err != nil {
					return fmt.Errorf("store: reject: %w", err)
				}
				if err := replaceVotes(ctx, tx, p.DecisionID, list); err != nil {
					return err
				}
			}
			if _, err := tx.ExecContext(ctx, `UPDATE written_procedures SET status = ?, closed_at = ?, result = ? WHERE id = ?`,
				model.ProcedureClosed, now.UTC().Format(time.RFC3339), phrase, p.ID); err != nil {
				return fmt.Errorf("store: close procedure: %w", err)
			}
			p.Status, p.Result, p.Closed = model.ProcedureClosed, phrase, now
			closed = append(closed, p)
			return s.audit(closingActor(ctx), tx, "close", "procedure", p.ID, tally.Reason)
		})
		if err != nil {
			return closed, fmt.Errorf("store: close written procedure %d: %w", p.ID, err)
		}
	}
	return closed, nil
}

// closingActor marks the closing loop as the actor of its changes.
func closingActor(ctx context.Context) context.Context { return WithActor(ctx, "umlaufverfahren") }

// ReminderLead is how long before its deadline the members who have not
// voted in a written procedure are reminded.
const ReminderLead = 24 * time.Hour

// remind queues, once per procedure, a reminder to the accounts of the
// voting members who have not voted yet and subscribed to it, when the
// deadline is less than ReminderLead away; the reminder and the mark that
// it was queued are one transaction.
func (s *Store) remind(ctx context.Context, now time.Time) error {
	due, err := queryList(ctx, s.db, scanProcedure, "procedures to remind",
		`SELECT `+procedureCols+` FROM written_procedures WHERE status = ? AND reminded = 0 AND deadline <= ? AND deadline > ?`,
		model.ProcedureOpen, now.Add(ReminderLead).UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	if err != nil {
		return err
	}
	for _, p := range due {
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			voters, err := votingMembers(ctx, tx)
			if err != nil {
				return err
			}
			cast, err := procedureVotes(ctx, tx, p.ID)
			if err != nil {
				return err
			}
			voted := map[string]bool{}
			for _, v := range cast {
				voted[v.Member] = true
			}
			var missing []string
			for _, m := range voters {
				if !voted[m.Abbrev] {
					missing = append(missing, m.Abbrev)
				}
			}
			d, err := currentDecision(ctx, tx, p.DecisionID)
			if err != nil {
				return err
			}
			if len(missing) > 0 {
				if err := s.noticeProcedureClosing(ctx, tx, p, d.Title, missing); err != nil {
					return err
				}
			}
			if err := s.touch(closingActor(ctx), tx, "procedure", p.ID); err != nil {
				return err
			}
			if _, err = tx.ExecContext(ctx, `UPDATE written_procedures SET reminded = 1 WHERE id = ?`, p.ID); err != nil {
				return fmt.Errorf("store: remind: %w", err)
			}
			return s.audit(closingActor(ctx), tx, "remind", "procedure", p.ID, strings.Join(missing, ", "))
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// ProcedureDecisions gives the decisions taken by written procedure whose
// procedure closed after the day after and up to the day until, for the
// minutes' section "Umlaufverfahren seit der letzten Sitzung".
func (s *Store) ProcedureDecisions(ctx context.Context, bodyID int64, after, until model.Date) ([]model.Decision, error) {
	ds, err := queryList(ctx, s.db, scanDecision, "procedure decisions",
		`SELECT `+decisionCols+` FROM decisions d JOIN written_procedures p ON p.decision_id = d.id
		 WHERE d.body_id = ? AND p.status = ? AND d.adopted_on > ? AND d.adopted_on <= ? ORDER BY d.adopted_on, d.seq, d.id`,
		bodyID, model.ProcedureClosed, after.String(), until.String())
	if err != nil {
		return nil, err
	}
	return ds, s.loadVotesOf(ctx, s.db, ds)
}
