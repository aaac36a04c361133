package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"gremium/internal/model"
)

const decisionCols = `d.id, d.body_id, COALESCE(d.session_id, 0), COALESCE(d.item_id, 0), d.position, d.kind, d.year, d.seq, d.label,
	d.title, d.points, d.status, d.result, d.scope, d.adopted_on, d.applicants, d.version`

func scanDecision(r scanner) (model.Decision, error) {
	var d model.Decision
	var points, adopted, applicants string
	if err := r.Scan(&d.ID, &d.BodyID, &d.SessionID, &d.ItemID, &d.Position, &d.Kind, &d.Number.Year, &d.Number.Seq, &d.Label,
		&d.Title, &points, &d.Status, &d.Result, &d.Scope, &adopted, &applicants, &d.Version); err != nil {
		return d, err
	}
	d.AdoptedOn = parseDate(adopted)
	var err [2]error
	d.Points, err[0] = fromJSON[model.Point](points)
	d.Applicants, err[1] = fromJSON[string](applicants)
	return d, errors.Join(err[:]...)
}

// bodyPattern gives the numbering pattern of a body.
func bodyPattern(ctx context.Context, q queryer, bodyID int64) (string, error) {
	var p string
	if err := q.QueryRowContext(ctx, `SELECT decision_pattern FROM bodies WHERE id = ?`, bodyID).Scan(&p); err != nil {
		return "", notFound(err, fmt.Sprintf("body %d", bodyID))
	}
	return p, nil
}

func replaceVotes(ctx context.Context, tx *sql.Tx, decisionID int64, votes []model.Vote) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM votes WHERE decision_id = ?`, decisionID); err != nil {
		return fmt.Errorf("store: votes: %w", err)
	}
	for _, v := range votes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO votes (decision_id, member_abbrev, choice) VALUES (?, ?, ?)`, decisionID, v.Member, v.Choice); err != nil {
			return fmt.Errorf("store: vote of %s: %w", v.Member, err)
		}
	}
	return nil
}

func (s *Store) loadVotes(ctx context.Context, q queryer, d *model.Decision) error {
	votes, err := queryList(ctx, q, func(r scanner) (model.Vote, error) {
		var v model.Vote
		return v, r.Scan(&v.Member, &v.Choice)
	}, "votes", `SELECT v.member_abbrev, v.choice FROM votes v LEFT JOIN members m ON m.abbrev = v.member_abbrev
		WHERE v.decision_id = ? ORDER BY COALESCE(m.position, 999), v.member_abbrev`, d.ID)
	d.Votes = votes
	return err
}

// CreateDecision stores a decision. A draft (Beschlussvorschlag) has no
// number; it gets one from AdoptDecision. A decision recorded from the past
// may carry its known number: the body's counter for that year is then
// raised so that new adoptions continue after it. A draft on an agenda item
// ticks the item's box "Beschluss"; a zero Position places the decision
// after the item's last row.
func (s *Store) CreateDecision(ctx context.Context, d model.Decision) (int64, error) {
	if err := d.Validate(); err != nil {
		return 0, err
	}
	if d.Status == model.DecisionDraft && !d.Number.IsZero() {
		return 0, model.RuleError("Ein Beschlussvorschlag erhält seine Nummer erst mit der Beschlussfassung.")
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		if d.SessionID != 0 && d.Status == model.DecisionDraft {
			if err := checkSessionOpen(ctx, tx, d.SessionID); err != nil {
				return err
			}
		}
		if d.Status == model.DecisionDraft {
			if err := checkApplicants(ctx, tx, d.Applicants); err != nil {
				return err
			}
		}
		if d.ItemID != 0 {
			if d.Position, err = placeRow(ctx, tx, d.ItemID, d.Position); err != nil {
				return err
			}
		}
		if id, err = s.createDecisionTx(ctx, tx, d); err != nil {
			return err
		}
		if d.ItemID != 0 && d.Status == model.DecisionDraft {
			return s.setItemFlag(ctx, tx, d.ItemID, "flag_decision")
		}
		return nil
	})
	return id, err
}

// createDecisionTx inserts a decision with its votes inside tx; a known
// number raises the body's counter for that year.
func (s *Store) createDecisionTx(ctx context.Context, tx *sql.Tx, d model.Decision) (int64, error) {
	if !d.Number.IsZero() {
		var err error
		if d.Label, err = s.raiseCounter(ctx, tx, d.BodyID, d.Number); err != nil {
			return 0, err
		}
	}
	detail := d.Label
	if detail == "" {
		detail = d.Title
	}
	id, err := s.insert(ctx, tx, "decision", detail,
		`INSERT INTO decisions (body_id, session_id, item_id, position, kind, year, seq, label, title, points, status, result, scope, adopted_on, applicants)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.BodyID, nullID(d.SessionID), nullID(d.ItemID), d.Position, d.Kind, d.Number.Year, d.Number.Seq, d.Label,
		d.Title, toJSON(nonNil(d.Points)), d.Status, d.Result, d.Scope, d.AdoptedOn.String(), toJSON(nonNil(d.Applicants)))
	if err != nil {
		return 0, err
	}
	return id, replaceVotes(ctx, tx, id, d.Votes)
}

// raiseCounter makes sure the body's counter for n's year is at least n's
// sequence number and gives the formatted label of n.
func (s *Store) raiseCounter(ctx context.Context, tx *sql.Tx, bodyID int64, n model.DecisionNumber) (string, error) {
	pattern, err := bodyPattern(ctx, tx, bodyID)
	if err != nil {
		return "", err
	}
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO decision_counters (body_id, year, last) VALUES (?, ?, ?)
		 ON CONFLICT (body_id, year) DO UPDATE SET last = CASE WHEN decision_counters.last > excluded.last THEN decision_counters.last ELSE excluded.last END`,
		bodyID, n.Year, n.Seq); err != nil {
		return "", fmt.Errorf("store: decision counter: %w", err)
	}
	return model.FormatDecisionNumber(pattern, n), nil
}

// Decision gives the decision with the id, with its votes.
func (s *Store) Decision(ctx context.Context, id int64) (model.Decision, error) {
	d, err := queryOne(ctx, s.db, scanDecision, fmt.Sprintf("decision %d", id), `SELECT `+decisionCols+` FROM decisions d WHERE d.id = ?`, id)
	if err != nil {
		return d, err
	}
	return d, s.loadVotes(ctx, s.db, &d)
}

// DecisionByNumber gives a body's decision by its number (2025/26).
func (s *Store) DecisionByNumber(ctx context.Context, bodyID int64, n model.DecisionNumber) (model.Decision, error) {
	d, err := queryOne(ctx, s.db, scanDecision, "decision "+n.Short(),
		`SELECT `+decisionCols+` FROM decisions d WHERE d.body_id = ? AND d.year = ? AND d.seq = ? AND d.seq > 0`, bodyID, n.Year, n.Seq)
	if err != nil {
		return d, err
	}
	return d, s.loadVotes(ctx, s.db, &d)
}

// DecisionFilter selects decisions; zero fields select all.
type DecisionFilter struct {
	BodyID    int64
	SessionID int64
	ItemID    int64
	Year      int
	Status    model.DecisionStatus
	Numbered  bool // only decisions with a number
	Limit     int
}

// Decisions gives the decisions matching f: numbered ones newest first, then
// unnumbered ones. Votes are not loaded (see Decision).
func (s *Store) Decisions(ctx context.Context, f DecisionFilter) ([]model.Decision, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = -1
	}
	var w where
	if f.BodyID != 0 {
		w.add("d.body_id = ?", f.BodyID)
	}
	if f.SessionID != 0 {
		w.add("d.session_id = ?", f.SessionID)
	}
	if f.ItemID != 0 {
		w.add("d.item_id = ?", f.ItemID)
	}
	if f.Year != 0 {
		w.add("d.year = ?", f.Year)
	}
	if f.Status != "" {
		w.add("d.status = ?", f.Status)
	}
	if f.Numbered {
		w.add("d.seq > 0")
	}
	return queryList(ctx, s.db, scanDecision, "decisions",
		`SELECT `+decisionCols+` FROM decisions d`+w.sql()+`
		 ORDER BY d.seq = 0, d.year DESC, d.seq DESC, d.position, d.id LIMIT ?`, append(w.args, limit)...)
}

// ItemDecisions gives the decisions of an agenda item in minutes order, with
// their votes.
func (s *Store) ItemDecisions(ctx context.Context, itemID int64) ([]model.Decision, error) {
	ds, err := queryList(ctx, s.db, scanDecision, "decisions",
		`SELECT `+decisionCols+` FROM decisions d WHERE d.item_id = ? ORDER BY d.position, d.id`, itemID)
	if err != nil {
		return nil, err
	}
	for i := range ds {
		if err := s.loadVotes(ctx, s.db, &ds[i]); err != nil {
			return nil, err
		}
	}
	return ds, nil
}

func currentDecision(ctx context.Context, tx *sql.Tx, id int64) (model.Decision, error) {
	return queryOne(ctx, tx, scanDecision, fmt.Sprintf("decision %d", id), `SELECT `+decisionCols+` FROM decisions d WHERE d.id = ?`, id)
}

// UpdateDecision changes a draft decision (title, points, scope, votes, …);
// d.Version must be the version read. Adopted and rejected decisions are
// immutable.
func (s *Store) UpdateDecision(ctx context.Context, d model.Decision) error {
	if err := d.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		cur, err := currentDecision(ctx, tx, d.ID)
		if err != nil {
			return err
		}
		if cur.Status != model.DecisionDraft {
			return fmt.Errorf("store: decision %s is %s: %w", cur.DisplayTitle(), cur.Status.Label(), ErrImmutable)
		}
		if d.Status != model.DecisionDraft {
			return model.RuleError("Über %s wird durch Abstimmung entschieden, nicht durch Bearbeiten.", cur.DisplayTitle())
		}
		if err := checkApplicants(ctx, tx, d.Applicants); err != nil {
			return err
		}
		if err := s.updateVersioned(ctx, tx, "decisions", "decision", d.ID, d.Version,
			`session_id = ?, item_id = ?, position = ?, kind = ?, title = ?, points = ?, scope = ?, applicants = ?`,
			nullID(d.SessionID), nullID(d.ItemID), d.Position, d.Kind, d.Title, toJSON(nonNil(d.Points)), d.Scope, toJSON(nonNil(d.Applicants))); err != nil {
			return err
		}
		return replaceVotes(ctx, tx, d.ID, d.Votes)
	})
}

// AdoptDecision adopts a draft decision on the given date: it gets the next
// number of its body for that year, in the same transaction, so numbers are
// gapless and in order of adoption even when decisions are adopted at the
// same moment. result is the result phrase for the minutes.
func (s *Store) AdoptDecision(ctx context.Context, id int64, version int, on model.Date, result string, votes []model.Vote) (model.Decision, error) {
	if on.IsZero() {
		return model.Decision{}, model.InputError("Das Datum der Beschlussfassung fehlt.")
	}
	var out model.Decision
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		out, err = s.adoptTx(ctx, tx, id, version, on, result, votes)
		return err
	})
	return out, err
}

// adoptTx adopts a draft decision inside tx (see AdoptDecision); version -1
// skips the version check (the caller holds the decision in the same tx).
func (s *Store) adoptTx(ctx context.Context, tx *sql.Tx, id int64, version int, on model.Date, result string, votes []model.Vote) (model.Decision, error) {
	cur, err := currentDecision(ctx, tx, id)
	if err != nil {
		return cur, err
	}
	if cur.Status != model.DecisionDraft {
		return cur, fmt.Errorf("store: decision %s is already %s: %w", cur.DisplayTitle(), cur.Status.Label(), ErrImmutable)
	}
	if version < 0 {
		version = cur.Version
	}
	if cur.Version != version {
		return cur, fmt.Errorf("store: adopt decision %d (version %d): %w", id, version, ErrConflict)
	}
	if cur.SessionID != 0 {
		if err := checkSessionOpen(ctx, tx, cur.SessionID); err != nil {
			return cur, err
		}
		if err := checkQuorum(ctx, tx, cur.SessionID); err != nil {
			return cur, err
		}
	}
	pattern, err := bodyPattern(ctx, tx, cur.BodyID)
	if err != nil {
		return cur, err
	}
	var seq int
	if err := tx.QueryRowContext(ctx,
		`INSERT INTO decision_counters (body_id, year, last) VALUES (?, ?, 1)
		 ON CONFLICT (body_id, year) DO UPDATE SET last = decision_counters.last + 1
		 RETURNING last`, cur.BodyID, on.Year).Scan(&seq); err != nil {
		return cur, fmt.Errorf("store: next decision number: %w", err)
	}
	n := model.DecisionNumber{Year: on.Year, Seq: seq}
	label := model.FormatDecisionNumber(pattern, n)
	if err := s.updateVersioned(ctx, tx, "decisions", "decision", id, version,
		`status = ?, year = ?, seq = ?, label = ?, result = ?, adopted_on = ?`,
		model.DecisionAdopted, n.Year, n.Seq, label, result, on.String()); err != nil {
		if errors.Is(err, ErrDuplicate) {
			return cur, fmt.Errorf("store: decision number %s already taken: %w", label, err)
		}
		return cur, err
	}
	if votes != nil {
		if err := replaceVotes(ctx, tx, id, votes); err != nil {
			return cur, err
		}
	}
	if err := s.audit(ctx, tx, "adopt", "decision", id, label); err != nil {
		return cur, err
	}
	if err := s.noticeDecisionRelevant(ctx, tx, id); err != nil {
		return cur, err
	}
	out, err := currentDecision(ctx, tx, id)
	if err != nil {
		return out, err
	}
	return out, s.loadVotes(ctx, tx, &out)
}

// AdoptConsentAgenda adopts, with one vote, every draft decision of the
// session's items on the consent agenda (Grüne Liste), numbered in agenda
// order, all in one transaction. It gives the adopted decisions.
func (s *Store) AdoptConsentAgenda(ctx context.Context, sessionID int64, on model.Date, result string, votes []model.Vote) ([]model.Decision, error) {
	var out []model.Decision
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		drafts, err := queryList(ctx, tx, scanDecision, "consent decisions",
			`SELECT `+decisionCols+` FROM decisions d JOIN agenda_items i ON i.id = d.item_id
			 WHERE i.session_id = ? AND i.consent = 1 AND i.status = ? AND d.status = ? ORDER BY i.position, d.position, d.id`,
			sessionID, model.ItemAccepted, model.DecisionDraft)
		if err != nil {
			return err
		}
		if len(drafts) == 0 {
			return model.RuleError("Auf der Grünen Liste steht kein offener Beschlussvorschlag.")
		}
		for _, d := range drafts {
			adopted, err := s.adoptTx(ctx, tx, d.ID, -1, on, result, votes)
			if err != nil {
				return err
			}
			out = append(out, adopted)
		}
		return nil
	})
	return out, err
}

// RejectDecision records that a draft decision was not adopted. It gets no
// number and becomes immutable.
func (s *Store) RejectDecision(ctx context.Context, id int64, version int, on model.Date, result string, votes []model.Vote) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		cur, err := currentDecision(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Status != model.DecisionDraft {
			return fmt.Errorf("store: decision %s is already %s: %w", cur.DisplayTitle(), cur.Status.Label(), ErrImmutable)
		}
		if cur.SessionID != 0 {
			if err := checkQuorum(ctx, tx, cur.SessionID); err != nil {
				return err
			}
		}
		if err := s.updateVersioned(ctx, tx, "decisions", "decision", id, version,
			`status = ?, result = ?, adopted_on = ?`, model.DecisionRejected, result, on.String()); err != nil {
			return err
		}
		if votes != nil {
			if err := replaceVotes(ctx, tx, id, votes); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, "reject", "decision", id, "")
	})
}

// ErrNoQuorum means a decision was to be recorded in a session whose quorum
// is not established.
var ErrNoQuorum error = &model.Error{Class: model.ErrRule, Reason: "Die Beschlussfähigkeit ist nicht festgestellt; ohne sie kann kein Beschluss gefasst werden."}

func checkQuorum(ctx context.Context, tx *sql.Tx, sessionID int64) error {
	var quorum string
	if err := tx.QueryRowContext(ctx, `SELECT quorum FROM sessions WHERE id = ?`, sessionID).Scan(&quorum); err != nil {
		return notFound(err, fmt.Sprintf("session %d", sessionID))
	}
	if quorum != "ja" {
		return ErrNoQuorum
	}
	return nil
}

// checkApplicants refuses a decision proposal that neither the Bund nor
// three Länder applied for.
func checkApplicants(ctx context.Context, tx *sql.Tx, applicants []string) error {
	kinds := map[string]model.MemberKind{}
	for _, a := range applicants {
		var k model.MemberKind
		if err := tx.QueryRowContext(ctx, `SELECT kind FROM members WHERE abbrev = ?`, a).Scan(&k); err != nil {
			return model.InputError("„%s“ ist kein Mitglied des IT-Planungsrats.", a)
		}
		kinds[a] = k
	}
	return model.CheckApplication(applicants, kinds)
}
