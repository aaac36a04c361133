package store

// The two-stage cycle (issue 17): preparatory bodies (the AL-Runde), the
// pairing of their sessions with the sessions they prepare, their
// Beschlussempfehlungen and the Grüne Liste proposals that follow from them.

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gremium/internal/model"
)

// BodyBySlug gives the body whose pages live under /gremien/{slug}.
func (s *Store) BodyBySlug(ctx context.Context, slug string) (model.Body, error) {
	if slug == "" {
		return model.Body{}, fmt.Errorf("store: body without slug: %w", ErrNotFound)
	}
	return queryOne(ctx, s.db, scanBody, "body "+slug, `SELECT `+bodyCols+` FROM bodies WHERE slug = ?`, slug)
}

// PreparatoryBody gives the body that prepares the body with the id (the
// AL-Runde for the IT-PLR), or ErrNotFound if it has none.
func (s *Store) PreparatoryBody(ctx context.Context, preparedID int64) (model.Body, error) {
	return queryOne(ctx, s.db, scanBody, fmt.Sprintf("preparatory body of %d", preparedID),
		`SELECT `+bodyCols+` FROM bodies WHERE prepares_id = ? ORDER BY id LIMIT 1`, preparedID)
}

// Delegate is a member's named person in a body other than the council (an
// Abteilungsleiter:in of the AL-Runde) or that person's deputy.
type Delegate struct {
	Member string
	Person model.Person
	Deputy bool
}

// SetDelegate names a person of a member in a body (the AL-Runde), as its
// delegate or as deputy, in one transaction: the person of that member with
// the name, created if the member has none of that name. Only the Bund and
// the Länder name persons; a name given again changes only whether the
// person is deputy.
func (s *Store) SetDelegate(ctx context.Context, bodyID int64, member, name string, deputy bool) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return model.AtField("name", model.InputError("Bitte die Person nennen, die %s benennt.", member))
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		personID, err := s.votingMemberPersonTx(ctx, tx, member, name, "Personen benennen der Bund und die Länder")
		if err != nil {
			return err
		}
		if err := s.touch(ctx, tx, "body", bodyID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO body_delegates (body_id, member_abbrev, person_id, deputy) VALUES (?, ?, ?, ?)
			ON CONFLICT (body_id, member_abbrev, person_id) DO UPDATE SET deputy = excluded.deputy`, bodyID, member, personID, deputy); err != nil {
			return fmt.Errorf("store: delegate: %w", err)
		}
		return s.audit(ctx, tx, "update", "body", bodyID, "Benennung "+member+": "+name)
	})
}

// Delegates gives the named persons and deputies of a body, by member
// order, the delegate before the deputies.
func (s *Store) Delegates(ctx context.Context, bodyID int64) ([]Delegate, error) {
	return queryList(ctx, s.db, func(r scanner) (Delegate, error) {
		var d Delegate
		return d, r.Scan(&d.Member, &d.Deputy, &d.Person.ID, &d.Person.Name, &d.Person.Function, &d.Person.MemberAbbrev, &d.Person.Email)
	}, "delegates", `SELECT bd.member_abbrev, bd.deputy, p.id, p.name, p.function, p.member_abbrev, p.email
		FROM body_delegates bd JOIN persons p ON p.id = bd.person_id LEFT JOIN members m ON m.abbrev = bd.member_abbrev
		WHERE bd.body_id = ? ORDER BY COALESCE(m.position, 999), bd.deputy, p.name`, bodyID)
}

// PlanSessionPair plans a session of the prepared body and the session of
// its preparatory body before it, each with its standard items, in one
// transaction; the preparatory session is tied to the session it prepares.
func (s *Store) PlanSessionPair(ctx context.Context, main model.Session, mainStd []model.AgendaItem, prep model.Session, prepStd []model.AgendaItem) (mainID, prepID int64, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if mainID, err = s.insertPlanned(ctx, tx, main, mainStd); err != nil {
			return err
		}
		prepID, err = s.planPreparatoryTx(ctx, tx, main.BodyID, mainID, prep, prepStd)
		return err
	})
	return mainID, prepID, err
}

// PlanPreparatorySession plans the session of a preparatory body (the
// AL-Runde) for a session of the body it prepares that is planned already
// and has none (it was planned on its own, on /sitzungen/neu): one
// transaction, the standard items, tied to the session it prepares, before
// it. A session that has begun, is cancelled or has its preparatory
// session is refused.
func (s *Store) PlanPreparatorySession(ctx context.Context, mainID int64, prep model.Session, prepStd []model.AgendaItem) (int64, error) {
	var prepID int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		main, err := loadSessionTx(ctx, tx, mainID)
		if err != nil {
			return err
		}
		if err := main.Schedulable(); err != nil {
			return err
		}
		var other int
		var otherBody string
		err = tx.QueryRowContext(ctx, `SELECT p.number, b.abbrev FROM sessions p JOIN bodies b ON b.id = p.body_id
			WHERE p.prepares_session_id = ? ORDER BY p.number DESC LIMIT 1`, mainID).Scan(&other, &otherBody)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: preparatory session: %w", err)
		}
		if err == nil {
			return model.RuleError("Die %d. Sitzung wird schon von der %d. Sitzung der %s vorbereitet.", main.Number, other, otherBody)
		}
		if !main.Date.IsZero() && !prep.Date.Before(main.Date) {
			return model.RuleError("Die vorbereitende Sitzung muss vor der %d. Sitzung (%s) liegen.", main.Number, main.Date.German())
		}
		prepID, err = s.planPreparatoryTx(ctx, tx, main.BodyID, mainID, prep, prepStd)
		return err
	})
	return prepID, err
}

// planPreparatoryTx inserts the preparatory session prep with its standard
// items and ties it to the session mainID of the body mainBody, which its
// body must prepare.
func (s *Store) planPreparatoryTx(ctx context.Context, tx *sql.Tx, mainBody, mainID int64, prep model.Session, prepStd []model.AgendaItem) (int64, error) {
	if err := plannable(prep); err != nil {
		return 0, err
	}
	var prepares int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(prepares_id, 0) FROM bodies WHERE id = ?`, prep.BodyID).Scan(&prepares); err != nil {
		return 0, notFound(err, fmt.Sprintf("body %d", prep.BodyID))
	}
	if prepares != mainBody {
		return 0, model.RuleError("Dieses Gremium bereitet die Sitzungen des anderen nicht vor.")
	}
	prepID, err := s.insertPlanned(ctx, tx, prep, prepStd)
	if err != nil {
		return 0, err
	}
	return prepID, s.updatePlain(ctx, tx, "sessions", "session", prepID, `prepares_session_id = ?`, mainID)
}

// insertPlanned inserts a planned session with its standard items.
func (s *Store) insertPlanned(ctx context.Context, tx *sql.Tx, se model.Session, std []model.AgendaItem) (int64, error) {
	if err := checkNumberOrder(ctx, tx, se); err != nil {
		return 0, err
	}
	id, err := s.insertSession(ctx, tx, se)
	if err != nil {
		return 0, err
	}
	// The approval of the previous minutes names the newest session
	// before this one that is not cancelled (a cancelled one has none).
	approves, err := minutesToApprove(ctx, tx, se.BodyID, se.Number)
	if err != nil {
		return 0, err
	}
	for _, it := range std {
		it.SessionID = id
		it.Points, _ = retargetApproval(it.Points, approves)
		if err := it.Validate(); err != nil {
			return 0, err
		}
		if _, err := s.insertItem(ctx, tx, it); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// LinkPreparedSession ties a session of a preparatory body to the session
// of the prepared body it prepares (for sessions planned one by one or
// imported).
func (s *Store) LinkPreparedSession(ctx context.Context, prepSessionID, sessionID int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var ok int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM sessions p JOIN bodies b ON b.id = p.body_id JOIN sessions t ON t.body_id = b.prepares_id
			WHERE p.id = ? AND t.id = ?`, prepSessionID, sessionID).Scan(&ok); err != nil {
			return fmt.Errorf("store: link sessions: %w", err)
		}
		if ok == 0 {
			return model.RuleError("Diese Sitzung bereitet jene nicht vor: die Gremien gehören nicht zusammen.")
		}
		return s.updatePlain(ctx, tx, "sessions", "session", prepSessionID, `prepares_session_id = ?`, sessionID)
	})
}

// PreparedSession gives the session that a preparatory session prepares,
// or ErrNotFound if it is tied to none.
func (s *Store) PreparedSession(ctx context.Context, prepSessionID int64) (model.Session, error) {
	return preparedSession(ctx, s.db, prepSessionID)
}

func preparedSession(ctx context.Context, q queryer, prepSessionID int64) (model.Session, error) {
	return queryOne(ctx, q, scanSession, fmt.Sprintf("session prepared by %d", prepSessionID),
		`SELECT `+sessionCols+` FROM sessions WHERE id = (SELECT prepares_session_id FROM sessions WHERE id = ?)`, prepSessionID)
}

// PreparingSession gives the preparatory session of a session (the AL-Runde
// before an IT-PLR session), or ErrNotFound.
func (s *Store) PreparingSession(ctx context.Context, sessionID int64) (model.Session, error) {
	return preparingSession(ctx, s.db, sessionID)
}

func preparingSession(ctx context.Context, q queryer, sessionID int64) (model.Session, error) {
	return queryOne(ctx, q, scanSession, fmt.Sprintf("session preparing %d", sessionID),
		`SELECT `+sessionCols+` FROM sessions WHERE prepares_session_id = ? ORDER BY number DESC LIMIT 1`, sessionID)
}

// checkPairOrder refuses a date of a session that would put a preparatory
// session on or after the session it prepares, or a prepared session on or
// before its preparatory session: the order planning gave them
// (PlanSessionPair, PlanPreparatorySession) holds when either is moved.
func checkPairOrder(ctx context.Context, tx *sql.Tx, se model.Session) error {
	if main, err := preparedSession(ctx, tx, se.ID); err == nil {
		if !main.Date.IsZero() && !se.Date.Before(main.Date) {
			return model.AtField("datum", model.RuleError("Die vorbereitende Sitzung muss vor der %s (%s) liegen, die sie vorbereitet.", main.Title(), main.Date.German()))
		}
	} else if !errors.Is(err, ErrNotFound) {
		return err
	}
	if prep, err := preparingSession(ctx, tx, se.ID); err == nil {
		if !prep.Date.IsZero() && !prep.Date.Before(se.Date) {
			if !prep.Status.Ahead() {
				// Held (or cancelled): it cannot be moved, so the
				// refusal does not ask for that.
				return model.AtField("datum", model.RuleError("Die Sitzung muss nach der %s (%s) liegen, die sie vorbereitet hat; bitte einen Tag nach dem %s wählen.", prep.Title(), prep.Date.German(), prep.Date.German()))
			}
			return model.AtField("datum", model.RuleError("Die Sitzung muss nach der %s (%s) liegen, die sie vorbereitet; bitte diese zuerst verlegen.", prep.Title(), prep.Date.German()))
		}
	} else if !errors.Is(err, ErrNotFound) {
		return err
	}
	return nil
}

// A recommendation decided in written procedure has no session: its date
// is the day of the decision.
const recommendationCols = `r.id, r.body_id, COALESCE(r.session_id, 0), COALESCE(r.item_id, 0), COALESCE(r.decision_id, 0), r.target_item_id,
	COALESCE(r.target_decision_id, 0), r.kind, r.green_list, r.points, r.original_points, r.consent_state, r.pulled_by, r.reference, r.without_effect, r.version,
	COALESCE(s.number, 0), COALESCE(s.date, d.adopted_on, ''), b.abbrev, COALESCE(d.status, ''), b.internal`

const recommendationFrom = ` FROM recommendations r LEFT JOIN sessions s ON s.id = r.session_id JOIN bodies b ON b.id = r.body_id
	LEFT JOIN decisions d ON d.id = r.decision_id`

func scanRecommendation(sc scanner) (model.Recommendation, error) {
	var r model.Recommendation
	var points, original, date string
	if err := sc.Scan(&r.ID, &r.BodyID, &r.SessionID, &r.ItemID, &r.DecisionID, &r.TargetItemID, &r.TargetDecisionID,
		&r.Kind, &r.GreenList, &points, &original, &r.Consent, &r.PulledBy, &r.Reference, &r.WithoutEffect, &r.Version,
		&r.SessionNumber, &date, &r.BodyAbbrev, &r.Status, &r.Internal); err != nil {
		return r, err
	}
	if r.DecisionID == 0 { // recorded from imported minutes: given as recorded
		r.Status = model.DecisionAdopted
	}
	r.SessionDate = parseDate(date)
	var err [2]error
	r.Points, err[0] = fromJSON[model.Point](points)
	r.OriginalPoints, err[1] = fromJSON[model.Point](original)
	return r, errors.Join(err[:]...)
}

// Recommendation gives the recommendation with the id.
func (s *Store) Recommendation(ctx context.Context, id int64) (model.Recommendation, error) {
	return queryOne(ctx, s.db, scanRecommendation, fmt.Sprintf("recommendation %d", id), `SELECT `+recommendationCols+recommendationFrom+` WHERE r.id = ?`, id)
}

// RecommendationFilter selects recommendations: of a preparatory session,
// or on the items of a prepared session; zero fields select nothing more.
type RecommendationFilter struct {
	SessionID       int64 // the preparatory session
	TargetSessionID int64 // the session whose items they are on
}

// Recommendations gives the recommendations of a filter, by the target
// item's order and newest first; a rejected proposal of a recommendation
// is listed too (Status tells).
func (s *Store) Recommendations(ctx context.Context, f RecommendationFilter) ([]model.Recommendation, error) {
	return queryList(ctx, s.db, scanRecommendation, "recommendations",
		`SELECT `+recommendationCols+recommendationFrom+` JOIN agenda_items t ON t.id = r.target_item_id
		 WHERE (? = 0 OR r.session_id = ?) AND (? = 0 OR t.session_id = ?) ORDER BY t.position, t.id, r.id DESC`,
		f.SessionID, f.SessionID, f.TargetSessionID, f.TargetSessionID)
}

// GivenRecommendations gives, per item of the prepared session, the newest
// recommendation given for it (adopted by the preparatory body).
func (s *Store) GivenRecommendations(ctx context.Context, targetSessionID int64) (map[int64]model.Recommendation, error) {
	byTarget, _, err := s.SessionRecommendations(ctx, targetSessionID)
	return byTarget, err
}

// SessionRecommendations gives, in one query, the newest recommendation
// given for each item of a session: byTarget for the items of a prepared
// session (the IT-PLR's), byItem for the items of a preparatory session
// that carry them (the AL-Runde's). An item deferred from an earlier
// session (agenda_items.deferred_from_item_id, DeferItem) carries the
// recommendations given for the item it came from, and for that one's
// own origin: the newest of all is given until a newer AL-Runde gives a
// new one. A carried recommendation names its carrier in TargetItemID and
// the item it was given for in CarriedFrom; its Grüne Liste state stays
// with the session it was given for.
func (s *Store) SessionRecommendations(ctx context.Context, sessionID int64) (byTarget, byItem map[int64]model.Recommendation, err error) {
	return sessionRecommendations(ctx, s.db, sessionID)
}

// sessionRecommendations is SessionRecommendations through q (the store's
// database, or a transaction: the minutes' stamp, MinutesStamp).
func sessionRecommendations(ctx context.Context, q queryer, sessionID int64) (byTarget, byItem map[int64]model.Recommendation, err error) {
	// Indexed lookups (by the items' targets up their deferrals, by the
	// session), not an OR over a join.
	all, err := queryList(ctx, q, func(sc scanner) (model.Recommendation, error) {
		var carrier int64
		r, err := scanRecommendation(carrierScanner{sc, &carrier})
		if err == nil && carrier != 0 && carrier != r.TargetItemID {
			r.CarriedFrom, r.TargetItemID = r.TargetItemID, carrier
			r.Consent, r.PulledBy = "", ""
		}
		return r, err
	}, "recommendations",
		`WITH RECURSIVE carried(item_id, target_id) AS (
		   SELECT id, id FROM agenda_items WHERE session_id = ?
		   UNION ALL
		   SELECT c.item_id, a.deferred_from_item_id FROM carried c JOIN agenda_items a ON a.id = c.target_id WHERE a.deferred_from_item_id IS NOT NULL)
		 SELECT COALESCE((SELECT MIN(c.item_id) FROM carried c WHERE c.target_id = r.target_item_id), 0), `+recommendationCols+recommendationFrom+`
		 WHERE r.id IN (SELECT x.id FROM carried c JOIN recommendations x ON x.target_item_id = c.target_id
		                UNION SELECT id FROM recommendations WHERE session_id = ?)
		 ORDER BY r.id DESC`, sessionID, sessionID)
	if err != nil {
		return nil, nil, err
	}
	byTarget, byItem = map[int64]model.Recommendation{}, map[int64]model.Recommendation{}
	for _, r := range all {
		if !r.Given() {
			continue
		}
		// One that took no effect is not the prepared item's
		// recommendation (an earlier one given in time still is); the
		// preparatory session's item shows it with the reason.
		if _, seen := byTarget[r.TargetItemID]; !seen && r.SessionID != sessionID && r.WithoutEffect == "" {
			byTarget[r.TargetItemID] = r
		}
		if _, seen := byItem[r.ItemID]; !seen && r.SessionID == sessionID {
			byItem[r.ItemID] = r
		}
	}
	return byTarget, byItem, nil
}

// carrierScanner reads a first column, the item that carries a
// recommendation, before the recommendation's own.
type carrierScanner struct {
	scanner
	carrier *int64
}

// Scan reads the carrier and then dest.
func (c carrierScanner) Scan(dest ...any) error {
	return c.scanner.Scan(append([]any{c.carrier}, dest...)...)
}

// ProposeRecommendation records a proposal of a Beschlussempfehlung in a
// preparatory session (rec.SessionID) on a registered item of the session
// it prepares (rec.TargetItemID), in one transaction: the item is taken
// onto the preparatory agenda (once), and the preparatory body's proposal
// is created as a draft, to be decided by a vote under the body's rules
// (the kind of the prepared item's proposal: a Beschluss needs the
// Beschluss rule, GO § 8a with § 7 Abs. 1–4). It gives the recommendation's
// id and the draft's.
func (s *Store) ProposeRecommendation(ctx context.Context, rec model.Recommendation) (recID, draftID int64, err error) {
	if err := rec.Validate(); err != nil {
		return 0, 0, err
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		se, err := queryOne(ctx, tx, scanSession, fmt.Sprintf("session %d", rec.SessionID), `SELECT `+sessionCols+` FROM sessions WHERE id = ?`, rec.SessionID)
		if err != nil {
			return err
		}
		if se.Status.MinutesFrozen() {
			return fmt.Errorf("store: the minutes of %s are approved: %w", se.Title(), ErrImmutable)
		}
		// The proposal stands on the AL-Runde's agenda (prepItemTx) and is
		// voted on in it: a held or cancelled session takes none.
		if err := agendaClosed(se); err != nil {
			return err
		}
		var prepared int64
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(prepares_session_id, 0) FROM sessions WHERE id = ?`, se.ID).Scan(&prepared); err != nil {
			return fmt.Errorf("store: prepared session: %w", err)
		}
		target, err := queryOne(ctx, tx, scanItem, fmt.Sprintf("agenda item %d", rec.TargetItemID), `SELECT `+itemCols+` FROM agenda_items WHERE id = ?`, rec.TargetItemID)
		if err != nil {
			return err
		}
		if prepared == 0 || target.SessionID != prepared {
			return model.RuleError("Die %s empfiehlt nur zu TOPs der Sitzung, die sie vorbereitet.", se.Title())
		}
		main, err := loadSessionTx(ctx, tx, prepared)
		if err != nil {
			return err
		}
		if err := forComingSession(main); err != nil {
			return err
		}
		prepBody, err := bodyByID(ctx, tx, se.BodyID)
		if err != nil {
			return err
		}
		preparedBody, err := bodyByID(ctx, tx, main.BodyID)
		if err != nil {
			return err
		}
		if err := recommendable(target, prepBody); err != nil {
			return err
		}
		var pending int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM recommendations r LEFT JOIN decisions d ON d.id = r.decision_id
			WHERE r.target_item_id = ? AND r.session_id = ? AND (d.status IS NULL OR d.status != ?)`, target.ID, se.ID, model.DecisionRejected).Scan(&pending); err != nil {
			return fmt.Errorf("store: recommendations of item: %w", err)
		}
		if pending > 0 {
			return fmt.Errorf("store: %s has a recommendation of %s already: %w", target.Title, se.Title(), model.ConflictError("Zu diesem TOP liegt in dieser Sitzung schon ein Empfehlungsvorschlag vor; über ihn wird abgestimmt."))
		}
		kind, applicants, err := recommendationBasis(ctx, tx, &rec, target, nil)
		if err != nil {
			return err
		}
		itemID, err := s.prepItemTx(ctx, tx, se, target)
		if err != nil {
			return err
		}
		points := recommendationPoints(recommendationSentence(prepBody, preparedBody, target.Title, "", rec), rec)
		pos, err := placeRow(ctx, tx, itemID, 0)
		if err != nil {
			return err
		}
		if draftID, err = s.createDecisionTx(ctx, tx, model.Decision{BodyID: se.BodyID, SessionID: se.ID, ItemID: itemID, Position: pos, Kind: kind,
			Status: model.DecisionDraft, Scope: model.ScopeAll, Title: model.RecommendationTitle(target.Title), Points: points, Applicants: applicants}); err != nil {
			return err
		}
		recID, err = s.insert(ctx, tx, "recommendation", target.Title,
			`INSERT INTO recommendations (body_id, session_id, item_id, decision_id, target_item_id, target_decision_id, kind, green_list, points)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			se.BodyID, se.ID, itemID, draftID, target.ID, nullID(rec.TargetDecisionID), rec.Kind, rec.GreenList, toJSON(nonNil(rec.Points)))
		return err
	})
	return recID, draftID, err
}

// ProposeRecommendationByProcedure lets the preparatory body decide a
// recommendation in written procedure (GO § 8a with § 8) between its
// sessions, in one transaction: the proposal (of the kind of the item's
// proposal, as in a session) and the procedure with its deadline, and the
// recommendation, given when the procedure adopts the proposal. rec.BodyID
// is the preparatory body. It gives the recommendation's id and the
// procedure's. A refusal gives every reason at once, each at its field
// (errors.Join): the recommendation's own, the deadline's and the item's
// proposal's (its co-applicants not yet confirmed).
func (s *Store) ProposeRecommendationByProcedure(ctx context.Context, rec model.Recommendation, deadline time.Time) (recID, procID int64, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		p, err := s.recommendationByProcedureTx(ctx, tx, &rec, deadline)
		if err != nil {
			return err
		}
		points := recommendationPoints(recommendationSentence(p.prepBody, p.preparedBody, p.target.Title, p.session.Title(), rec), rec)
		var decisionID int64
		procID, decisionID, err = s.startProcedureTx(ctx, tx, ProcedureStart{Deadline: deadline, Decision: model.Decision{BodyID: rec.BodyID, Kind: p.kind,
			Status: model.DecisionDraft, Scope: model.ScopeAll, Title: model.RecommendationTitle(p.target.Title), Points: points, Applicants: p.applicants}})
		if err != nil {
			return err
		}
		recID, err = s.insert(ctx, tx, "recommendation", p.target.Title,
			`INSERT INTO recommendations (body_id, decision_id, target_item_id, target_decision_id, kind, green_list, points) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			rec.BodyID, decisionID, p.target.ID, nullID(rec.TargetDecisionID), rec.Kind, rec.GreenList, toJSON(nonNil(rec.Points)))
		return err
	})
	return recID, procID, err
}

// CheckRecommendationByProcedure gives the reasons
// ProposeRecommendationByProcedure would refuse rec with, and writes
// nothing: for a form that refuses what it could not read (a deadline
// that is no date, a text with an open mark) and says the store's reasons
// with its own at once. A zero deadline is one the form could not read:
// it is not checked here.
func (s *Store) CheckRecommendationByProcedure(ctx context.Context, rec model.Recommendation, deadline time.Time) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer tx.Rollback()
	_, err = s.recommendationByProcedureTx(ctx, tx, &rec, deadline)
	return err
}

// procedurePlan is what a written procedure on a recommendation is made
// of, read inside its transaction.
type procedurePlan struct {
	prepBody, preparedBody model.Body
	target                 model.AgendaItem
	session                model.Session
	kind                   model.DecisionKind
	applicants             []string
}

// recommendationByProcedureTx checks a written procedure on rec with
// deadline (zero: not checked) inside tx and gives what it is made of;
// rec gets the proposal it recommends on. Every refusal comes at once
// (errors.Join), each at its field; a recommendation the body gives on no
// session of this body, for a session not coming, on an item that cannot
// have one or has one already is refused alone.
func (s *Store) recommendationByProcedureTx(ctx context.Context, tx *sql.Tx, rec *model.Recommendation, deadline time.Time) (procedurePlan, error) {
	var p procedurePlan
	var refused []error
	if err := rec.Validate(); err != nil {
		refused = append(refused, err)
	}
	if !deadline.IsZero() && !deadline.After(s.now()) {
		refused = append(refused, model.AtField("frist_datum", model.InputError("Die Frist eines Umlaufverfahrens muss in der Zukunft liegen.")))
	}
	if rec.TargetItemID == 0 {
		return p, errors.Join(refused...)
	}
	var err error
	if p.prepBody, err = bodyByID(ctx, tx, rec.BodyID); err != nil {
		return p, err
	}
	prepares := p.prepBody.Preparation.PreparesID
	if p.target, err = queryOne(ctx, tx, scanItem, fmt.Sprintf("agenda item %d", rec.TargetItemID), `SELECT `+itemCols+` FROM agenda_items WHERE id = ?`, rec.TargetItemID); err != nil {
		return p, err
	}
	if p.session, err = queryOne(ctx, tx, scanSession, fmt.Sprintf("session %d", p.target.SessionID), `SELECT `+sessionCols+` FROM sessions WHERE id = ?`, p.target.SessionID); err != nil {
		return p, err
	}
	if prepares == 0 || p.session.BodyID != prepares {
		return p, model.RuleError("%s gibt keine Empfehlungen zu Sitzungen dieses Gremiums.", p.prepBody.Short().TheUpper())
	}
	if err := forComingSession(p.session); err != nil {
		return p, err
	}
	if err := recommendable(p.target, p.prepBody); err != nil {
		return p, err
	}
	var pending int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM recommendations r LEFT JOIN decisions d ON d.id = r.decision_id
		WHERE r.target_item_id = ? AND (d.status IS NULL OR d.status != ?)`, p.target.ID, model.DecisionRejected).Scan(&pending); err != nil {
		return p, fmt.Errorf("store: recommendations of item: %w", err)
	}
	if pending > 0 {
		return p, fmt.Errorf("store: %s has a recommendation already: %w", p.target.Title, model.ConflictError("Zu diesem TOP liegt schon eine Empfehlung oder ein Empfehlungsvorschlag vor."))
	}
	// The recommendation is for the session: a deadline before its start.
	if !deadline.IsZero() {
		if err := p.session.RecommendationDeadline(deadline); err != nil {
			refused = append(refused, err)
		}
	}
	// A written procedure's proposal needs the application of the Bund
	// or three Länder (model.CheckApplication): without a proposal to
	// follow, the Bund's.
	p.kind, p.applicants, err = recommendationBasis(ctx, tx, rec, p.target, []string{"Bund"})
	switch {
	case err == nil:
	case model.ClassOf(err) == model.ErrRule || model.ClassOf(err) == model.ErrInput:
		refused = append(refused, err)
	default:
		return p, err
	}
	if len(refused) > 0 {
		return p, errors.Join(refused...)
	}
	if p.preparedBody, err = bodyByID(ctx, tx, p.session.BodyID); err != nil {
		return p, err
	}
	return p, nil
}

// forComingSession refuses a recommendation for a session that is not
// coming any more: begun, held or cancelled (the rule of
// model.Session.LateRecommendation, which a count after that time records). A recommendation is for the
// session's deliberation; given later it would change the proposal's text
// or the Grüne Liste during or after it.
func forComingSession(se model.Session) error {
	if se.LateRecommendation() == "" {
		return nil
	}
	if se.Cancelled() {
		return model.RuleError("Die %s ist abgesagt; dazu gibt es keine Empfehlung mehr.", se.Title())
	}
	return model.RuleError("Die %s ist „%s“; eine Empfehlung kommt vor der Sitzung.", se.Title(), se.Status.Label())
}

// recommendationBasis finds the prepared item's proposal, whose kind and
// applicants the draft of the recommendation follows (the vote on it is of
// that kind), and makes it rec's target decision. Without a proposal the
// item has no decision to recommend on: the recommendation (on how to
// treat it) is then an Empfehlung of the applicants given, and one to
// adopt a changed text is refused at the field "text".
func recommendationBasis(ctx context.Context, tx *sql.Tx, rec *model.Recommendation, target model.AgendaItem, applicants []string) (model.DecisionKind, []string, error) {
	proposals, err := queryList(ctx, tx, scanDecision, "proposals", `SELECT `+decisionCols+` FROM decisions d WHERE d.item_id = ? AND d.status = ? ORDER BY d.position, d.id`,
		target.ID, model.DecisionDraft)
	if err != nil {
		return "", nil, err
	}
	if len(proposals) > 0 {
		// The recommendation is voted on under the proposal's application:
		// its applicants that count, co-applicants only once confirmed.
		if err := checkApplicationAtVote(ctx, tx, proposals[0]); err != nil {
			return "", nil, err
		}
		counted, err := countedApplicantsTx(ctx, tx, proposals[0])
		if err != nil {
			return "", nil, err
		}
		rec.TargetDecisionID = proposals[0].ID
		return proposals[0].Kind, counted, nil
	}
	if rec.Kind == model.RecommendAdoptChanged {
		return "", nil, model.AtField("text", model.RuleError("Zu „%s“ liegt kein Beschlussvorschlag vor, dessen Text geändert werden könnte.", model.InternalText(target.Title)))
	}
	// Nothing to adopt: a report or a discussion without a proposal is
	// neither adopted as proposed nor put on the Grüne Liste, which the
	// council adopts en bloc (before, such a recommendation passed, and
	// the report stood in the en-bloc adoption).
	var refused []error
	if rec.Kind == model.RecommendAdopt {
		refused = append(refused, model.AtField("empfehlung", model.RuleError("Zu „%s“ liegt kein Beschlussvorschlag vor, der angenommen werden könnte; empfehlen Sie „%s“, oder das anmeldende Mitglied ergänzt einen Beschlussvorschlag.", model.InternalText(target.Title), model.RecommendDiscuss.Label())))
	}
	if rec.GreenList {
		refused = append(refused, model.CheckGreenListProposal(target.Title, false))
	}
	if len(refused) > 0 {
		return "", nil, errors.Join(refused...)
	}
	return model.KindRecommendation, applicants, nil
}

// recommendationPoints gives the points of a recommendation's draft: the
// sentence that says what the preparatory body recommends, then the
// changed text (Annahme mit Änderungen), its points as typed, announced
// once at the end of the sentence. Before, every point began "Geänderter
// Text: ", and the draft read "2. Geänderter Text: …", "3. Geänderter
// Text: …".
func recommendationPoints(sentence string, rec model.Recommendation) []model.Point {
	if len(rec.Points) > 0 {
		sentence += " Der geänderte Beschlusstext lautet:"
	}
	return append([]model.Point{{Text: sentence}}, rec.Points...)
}

// changedTextPrefix marked each point of the changed text in drafts made
// before recommendationPoints announced it once.
const changedTextPrefix = "Geänderter Text: "

// changedText gives the changed text a recommendation's draft d carries
// (Annahme mit Änderungen): its points after the first, the recommending
// sentence (without the mark older drafts put before each).
func changedText(d model.Decision) []model.Point {
	var out []model.Point
	for i, p := range d.Points {
		if i == 0 {
			continue
		}
		p.Text = strings.TrimSpace(strings.TrimPrefix(p.Text, changedTextPrefix))
		if p.Text != "" {
			out = append(out, p)
		}
	}
	return out
}

// recommendationSentence is the first point of a recommendation's
// proposal: "Die AL-Runde empfiehlt dem IT-Planungsrat zu „…“ (48.
// Sitzung des IT-Planungsrats): …." — the bodies named with the article
// and case of their names (a preparatory body named "Koordinierungs-
// ausschuss" recommends as "Der KoA"), in the prepared session when it is
// given (a written procedure's proposal stands outside any session).
func recommendationSentence(prep, prepared model.Body, title, session string, rec model.Recommendation) string {
	in := ""
	if session != "" {
		in = " (" + session + ")"
	}
	return prep.Short().TheUpper() + " empfiehlt " + prepared.Dative() + " zu „" + title + "“" + in + ": " + rec.Summary() + "."
}

// recommendable refuses a recommendation of the preparatory body (prep)
// on a registration not on the prepared session's agenda: a pending or
// declined registration is seen only by the secretariat and the
// registering member (model.Audience.SeesItem), but a recommendation puts
// its title on the preparatory agenda, live page and minutes, or into a
// written procedure, where every member reads it. Nor on an item deferred
// to a later session: the prepared session no longer treats it.
func recommendable(target model.AgendaItem, prep model.Body) error {
	if target.Deferred() {
		return model.RuleError("„%s“ ist %s; %s empfiehlt dazu in der Vorbereitung jener Sitzung.", model.InternalText(target.Title), target.Deferral.DeferredToLabel(), prep.Short().The())
	}
	switch target.Status {
	case model.ItemAccepted, "":
		return nil
	case model.ItemDeclined:
		return model.RuleError("Die Anmeldung „%s“ ist abgelehnt; dazu gibt es keine Empfehlung.", model.InternalText(target.Title))
	}
	return model.RuleError("Die Anmeldung „%s“ ist noch nicht angenommen; %s empfiehlt zu TOPs der Tagesordnung. Bitte die Anmeldung zuerst in der Verwaltung der Sitzung annehmen.", model.InternalText(target.Title), prep.Short().The())
}

// prepItemTx gives the item of the preparatory session that carries the
// recommendations on a target item: taken over from the registration
// (title, points, sources, reporters) the first time.
func (s *Store) prepItemTx(ctx context.Context, tx *sql.Tx, se model.Session, target model.AgendaItem) (int64, error) {
	var itemID int64
	err := tx.QueryRowContext(ctx, `SELECT item_id FROM recommendations WHERE session_id = ? AND target_item_id = ? ORDER BY id LIMIT 1`, se.ID, target.ID).Scan(&itemID)
	if !errors.Is(err, sql.ErrNoRows) {
		if err != nil {
			return 0, fmt.Errorf("store: recommendation item: %w", err)
		}
		return itemID, nil
	}
	var pos int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_items WHERE session_id = ?`, se.ID).Scan(&pos); err != nil {
		return 0, fmt.Errorf("store: position: %w", err)
	}
	// The item stands in the body's section for recommendations; without
	// one (before, always) its minutes table had no caption.
	var section sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM sections WHERE body_id = ? AND name = ? ORDER BY position LIMIT 1`,
		se.BodyID, model.RecommendationsSection).Scan(&section); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("store: recommendations section: %w", err)
	}
	id, err := s.insertItem(ctx, tx, model.AgendaItem{SessionID: se.ID, SectionID: section.Int64, Title: target.Title, Points: target.Points, Goal: model.GoalDecision,
		Sources: target.Sources, Reporters: target.Reporters, Position: pos, Status: model.ItemAccepted, RegisteredBy: target.RegisteredBy})
	if err != nil {
		return 0, err
	}
	// Not at the end, where the order of the proposals put it (the
	// AL-Runde then went through the session's TOPs in the order the
	// proposals came in): at the place of its target in the prepared
	// session's agenda.
	return id, s.orderLikePrepared(ctx, tx, se.ID, id, target.ID)
}

// followPreparedOrder puts the items of the sessions preparing session
// sessionID (the AL-Runde before an IT-PLR session) in the order of its
// agenda again after that agenda's order changed (a TOP moved):
// orderLikePrepared for each of them.
func (s *Store) followPreparedOrder(ctx context.Context, tx *sql.Tx, sessionID int64) error {
	ids, err := queryList(ctx, tx, func(sc scanner) (int64, error) {
		var id int64
		return id, sc.Scan(&id)
	}, "preparatory sessions", `SELECT id FROM sessions WHERE prepares_session_id = ? ORDER BY id`, sessionID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := s.orderLikePrepared(ctx, tx, id, 0, 0); err != nil {
			return err
		}
	}
	return nil
}

// orderLikePrepared orders the items of preparatory session prepID that
// carry recommendations as their target items stand in the prepared
// session's agenda: the AL-Runde walks through the IT-PLR session's TOPs
// in that session's order. newItem, if not 0, is such an item just added
// at the end (for item newTarget of the prepared session): it goes before the first of them whose target comes after
// its own (or after the last), the others stay — also in a running
// session, whose agenda grows as proposals come in. With newItem 0 (the
// prepared agenda's order changed) they are sorted anew: the other items
// (TOP 00, the round's own) keep their places, the recommendation items
// take the places they held among them — only while the session is ahead
// (geplant, einberufen). A held or cancelled session keeps its order.
func (s *Store) orderLikePrepared(ctx context.Context, tx *sql.Tx, prepID, newItem, newTarget int64) error {
	se, err := loadSessionTx(ctx, tx, prepID)
	if err != nil {
		return err
	}
	if se.Held() || se.Cancelled() || newItem == 0 && !se.Status.Ahead() {
		return nil
	}
	type place struct{ pos, id int64 }
	targets := map[int64]place{}
	rows, err := tx.QueryContext(ctx, `SELECT r.item_id, t.position, t.id FROM recommendations r JOIN agenda_items t ON t.id = r.target_item_id
		WHERE r.session_id = ? ORDER BY r.id`, prepID)
	if err != nil {
		return fmt.Errorf("store: recommendation targets: %w", err)
	}
	for rows.Next() {
		var item int64
		var p place
		if err := rows.Scan(&item, &p.pos, &p.id); err != nil {
			rows.Close()
			return fmt.Errorf("store: recommendation targets: %w", err)
		}
		if _, ok := targets[item]; !ok {
			targets[item] = p
		}
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("store: recommendation targets: %w", err)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: recommendation targets: %w", err)
	}
	items, err := queryList(ctx, tx, scanItem, "agenda items",
		`SELECT `+itemCols+` FROM agenda_items WHERE session_id = ? AND status IN (?, '') ORDER BY position, id`, prepID, model.ItemAccepted)
	if err != nil {
		return err
	}
	before := func(a, b place) int {
		if c := cmp.Compare(a.pos, b.pos); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	}
	if newItem != 0 {
		// Its recommendation is written after this: the target is named.
		target := place{id: newTarget}
		if err := tx.QueryRowContext(ctx, `SELECT position FROM agenda_items WHERE id = ?`, newTarget).Scan(&target.pos); err != nil {
			return fmt.Errorf("store: target of the new item: %w", err)
		}
		targets[newItem] = target
		i := slices.IndexFunc(items, func(it model.AgendaItem) bool { return it.ID == newItem })
		if i < 0 {
			return nil
		}
		it := items[i]
		items = slices.Delete(items, i, i+1)
		at, last := -1, -1
		for k, x := range items {
			p, ok := targets[x.ID]
			if !ok {
				continue
			}
			last = k
			if at < 0 && before(target, p) < 0 {
				at = k
			}
		}
		switch {
		case at >= 0:
		case last >= 0:
			at = last + 1
		default:
			at = len(items)
		}
		items = slices.Insert(items, at, it)
		return s.placeAll(ctx, tx, items)
	}
	var slots []int
	var carried []model.AgendaItem
	for k, it := range items {
		if _, ok := targets[it.ID]; ok {
			slots = append(slots, k)
			carried = append(carried, it)
		}
	}
	sorted := slices.Clone(carried)
	slices.SortStableFunc(sorted, func(a, b model.AgendaItem) int { return before(targets[a.ID], targets[b.ID]) })
	for k, it := range sorted {
		items[slots[k]] = it
	}
	return s.placeAll(ctx, tx, items)
}

// placeAll gives the items the positions 1…n in their order inside tx,
// changing only those whose position differs.
func (s *Store) placeAll(ctx context.Context, tx *sql.Tx, items []model.AgendaItem) error {
	for k, it := range items {
		if it.Position != k+1 {
			if err := s.placeItem(ctx, tx, it.ID, k+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// RecordRecommendation records a recommendation given in a past
// preparatory session (the demo, imported minutes): as recorded, without a
// count, like decisions recorded from the past; its item of the
// preparatory session is taken over from the target item unless rec.ItemID
// names one of that session's items. The box "Beschlussempfehlung
// (IT-PLR)" of that item is set. It never decides anything.
func (s *Store) RecordRecommendation(ctx context.Context, rec model.Recommendation) (int64, error) {
	if err := rec.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkRecordedFromPast(ctx, tx, rec.SessionID); err != nil {
			return err
		}
		se, err := queryOne(ctx, tx, scanSession, fmt.Sprintf("session %d", rec.SessionID), `SELECT `+sessionCols+` FROM sessions WHERE id = ?`, rec.SessionID)
		if err != nil {
			return err
		}
		target, err := queryOne(ctx, tx, scanItem, fmt.Sprintf("agenda item %d", rec.TargetItemID), `SELECT `+itemCols+` FROM agenda_items WHERE id = ?`, rec.TargetItemID)
		if err != nil {
			return err
		}
		var ok int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM sessions p JOIN bodies b ON b.id = p.body_id JOIN sessions t ON t.body_id = b.prepares_id
			WHERE p.id = ? AND t.id = ?`, se.ID, target.SessionID).Scan(&ok); err != nil {
			return fmt.Errorf("store: bodies of a recommendation: %w", err)
		}
		if ok == 0 {
			return model.RuleError("Die %s gibt keine Empfehlungen zu Sitzungen dieses Gremiums.", se.Title())
		}
		itemID := rec.ItemID
		if itemID == 0 {
			if itemID, err = s.prepItemTx(ctx, tx, se, target); err != nil {
				return err
			}
			// The session is held: its agenda was numbered, and the item
			// taken over stands in it with the next number, not as
			// "TOP (ohne Nummer)".
			if err := s.numberRecordedItem(ctx, tx, se.ID, itemID); err != nil {
				return err
			}
		} else {
			var of int64
			if err := tx.QueryRowContext(ctx, `SELECT session_id FROM agenda_items WHERE id = ?`, itemID).Scan(&of); err != nil || of != se.ID {
				return model.InputError("Der TOP der Empfehlung gehört nicht zur %s.", se.Title())
			}
		}
		var proposal sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT MIN(id) FROM decisions WHERE item_id = ?`, target.ID).Scan(&proposal); err != nil {
			return fmt.Errorf("store: proposal of item: %w", err)
		}
		if id, err = s.insert(ctx, tx, "recommendation", target.Title,
			`INSERT INTO recommendations (body_id, session_id, item_id, target_item_id, target_decision_id, kind, green_list, points, consent_state, reference)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			se.BodyID, se.ID, itemID, target.ID, nullID(proposal.Int64), rec.Kind, rec.GreenList, toJSON(nonNil(rec.Points)), rec.Consent, rec.Reference); err != nil {
			return err
		}
		return s.setItemFlag(ctx, tx, itemID, "flag_recommendation")
	})
	return id, err
}

// numberRecordedItem gives an item of a held session that has no number
// the next number of its agenda (model.NextAgendaNumber).
func (s *Store) numberRecordedItem(ctx context.Context, tx *sql.Tx, sessionID, itemID int64) error {
	items, err := queryList(ctx, tx, scanItem, "agenda items", `SELECT `+itemCols+` FROM agenda_items WHERE session_id = ?`, sessionID)
	if err != nil {
		return err
	}
	for _, it := range items {
		if it.ID == itemID && it.Number == "" {
			return s.updatePlain(ctx, tx, "agenda_items", "agenda_item", it.ID, "number = ?, version = version + 1", model.NextAgendaNumber(items))
		}
	}
	return nil
}

// recommendationDecidedTx lets a Beschlussempfehlung take effect in the
// transaction of the count that adopted its decision: the preparatory
// item's box "Beschlussempfehlung (IT-PLR)" is set; an adoption with
// changes gives the prepared proposal the changed text (the text before is
// kept with the recommendation); a recommendation for adoption without
// discussion proposes the item for the Grüne Liste of the prepared session.
func (s *Store) recommendationDecidedTx(ctx context.Context, tx *sql.Tx, d model.Decision) error {
	if d.Status != model.DecisionAdopted {
		return nil
	}
	recs, err := queryList(ctx, tx, scanRecommendation, "recommendations", `SELECT `+recommendationCols+recommendationFrom+` WHERE r.decision_id = ?`, d.ID)
	if err != nil {
		return err
	}
	for _, r := range recs {
		// Given once the session it is for is no longer coming (begun,
		// held, cancelled), it changes neither the proposal's text nor the
		// Grüne Liste: the rule that refuses a recommendation then
		// (forComingSession) holds for the count too, in the session as
		// in written procedure. The preparatory body's decision stands.
		target, err := loadItemTx(ctx, tx, r.TargetItemID)
		if err != nil {
			return err
		}
		prepared, err := loadSessionTx(ctx, tx, target.SessionID)
		if err != nil {
			return err
		}
		if late := prepared.LateRecommendation(); late != "" {
			if err := s.updateVersioned(ctx, tx, "recommendations", "recommendation", r.ID, r.Version, `without_effect = ?`, late); err != nil {
				return err
			}
			continue
		}
		if r.ItemID != 0 { // decided in written procedure: no item carries it
			if err := s.setItemFlag(ctx, tx, r.ItemID, "flag_recommendation"); err != nil {
				return err
			}
		}
		set, args := `consent_state = ?`, []any{r.Consent}
		if r.GreenList {
			args[0] = model.ConsentProposed
		}
		if r.Kind == model.RecommendAdoptChanged && r.TargetDecisionID != 0 {
			target, err := currentDecision(ctx, tx, r.TargetDecisionID)
			if err != nil {
				return err
			}
			// The changed text is the one the preparatory body adopted:
			// its draft's points after the recommending sentence, as they
			// stood at the vote (the secretariat may have worded them on
			// the live page after the proposal). Before, the text typed
			// with the proposal went to the council's proposal, whatever
			// had been adopted.
			if changed := changedText(d); target.Status == model.DecisionDraft && len(changed) > 0 {
				if err := s.updatePlain(ctx, tx, "decisions", "decision", target.ID, `points = ?, version = version + 1`, toJSON(changed)); err != nil {
					return err
				}
				set += `, original_points = ?, points = ?`
				args = append(args, toJSON(nonNil(target.Points)), toJSON(changed))
			}
		}
		if err := s.updateVersioned(ctx, tx, "recommendations", "recommendation", r.ID, r.Version, set, args...); err != nil {
			return err
		}
	}
	return nil
}

// ConfirmGreenList puts an item recommended for adoption without
// discussion on the Grüne Liste of its session (the secretariat's
// confirmation): the item moves to the body's consent section and, while
// the agenda may still be numbered, into the list's block on the agenda
// (gatherGreenList).
func (s *Store) ConfirmGreenList(ctx context.Context, recID int64, version int) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		r, err := queryOne(ctx, tx, scanRecommendation, fmt.Sprintf("recommendation %d", recID), `SELECT `+recommendationCols+recommendationFrom+` WHERE r.id = ?`, recID)
		if err != nil {
			return err
		}
		if r.Consent != model.ConsentProposed {
			return model.RuleError("Nur ein für die Grüne Liste vorgeschlagener TOP kann bestätigt werden; dieser ist %s.", stateWords(r.Consent))
		}
		target, err := queryOne(ctx, tx, scanItem, fmt.Sprintf("agenda item %d", r.TargetItemID), `SELECT `+itemCols+` FROM agenda_items WHERE id = ?`, r.TargetItemID)
		if err != nil {
			return err
		}
		if target.Status != model.ItemAccepted {
			return model.RuleError("„%s“ ist noch nicht auf der Tagesordnung; bitte die Anmeldung zuerst annehmen.", model.InternalText(target.Title))
		}
		if err := checkSessionOpen(ctx, tx, target.SessionID); err != nil {
			return err
		}
		// Not while the list is voted on en bloc: the members vote on it
		// as it stood when the vote opened.
		onList := target
		onList.Consent = true
		if err := checkConsentKept(ctx, tx, onList); err != nil {
			return err
		}
		var consentSection sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT s.id FROM sections s JOIN sessions se ON se.body_id = s.body_id WHERE se.id = ? AND s.consent = 1 ORDER BY s.position LIMIT 1`,
			target.SessionID).Scan(&consentSection); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: consent section: %w", err)
		}
		section := target.SectionID
		if consentSection.Valid {
			section = consentSection.Int64
		}
		if err := s.updatePlain(ctx, tx, "agenda_items", "agenda_item", target.ID, `consent = 1, section_id = ?, version = version + 1`, nullID(section)); err != nil {
			return err
		}
		if err := s.gatherGreenList(ctx, tx, target.SessionID); err != nil {
			return err
		}
		return s.updateVersioned(ctx, tx, "recommendations", "recommendation", r.ID, version, `consent_state = ?, prev_section_id = ?`,
			model.ConsentConfirmed, nullID(target.SectionID))
	})
}

// PullFromGreenList takes an item off the Grüne Liste (or its proposal)
// at the request of a member, before or in the session: it is then
// treated singly, back in its section (on an agenda that may still be
// numbered also in its place: returnToSection). Not while the list is
// being voted on.
func (s *Store) PullFromGreenList(ctx context.Context, recID int64, member string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		r, err := queryOne(ctx, tx, scanRecommendation, fmt.Sprintf("recommendation %d", recID), `SELECT `+recommendationCols+recommendationFrom+` WHERE r.id = ?`, recID)
		if err != nil {
			return err
		}
		return s.pullRecommendationTx(ctx, tx, r, member)
	})
}

// PullItemFromGreenList takes the agenda item off the Grüne Liste at the
// request of a voting member, before or in the session, however it came
// there: by the preparatory body's recommendation (as PullFromGreenList)
// or ticked by the secretariat. The item is then treated singly; ticked,
// it keeps its section (one that is the Grüne Liste itself it leaves for
// none). Not while the list is being voted on, not after the session.
func (s *Store) PullItemFromGreenList(ctx context.Context, itemID int64, member string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		it, err := queryOne(ctx, tx, scanItem, fmt.Sprintf("agenda item %d", itemID), `SELECT `+itemCols+` FROM agenda_items WHERE id = ?`, itemID)
		if err != nil {
			return err
		}
		r, err := queryOne(ctx, tx, scanRecommendation, fmt.Sprintf("recommendation of item %d", itemID),
			`SELECT `+recommendationCols+recommendationFrom+` WHERE r.target_item_id = ? AND r.consent_state IN (?, ?) ORDER BY r.id DESC LIMIT 1`,
			itemID, model.ConsentProposed, model.ConsentConfirmed)
		switch {
		case err == nil:
			return s.pullRecommendationTx(ctx, tx, r, member)
		case !errors.Is(err, ErrNotFound):
			return err
		}
		if !it.Consent {
			return model.RuleError("„%s“ steht nicht auf der Grünen Liste.", model.InternalText(it.Title))
		}
		se, err := loadSessionTx(ctx, tx, it.SessionID)
		if err != nil {
			return err
		}
		if err := checkPull(ctx, tx, se, member); err != nil {
			return err
		}
		if err := checkNotAdopted(ctx, tx, it); err != nil {
			return err
		}
		switch se.Status {
		case model.StatusPlanned, model.StatusConvened, model.StatusRunning:
		default:
			return model.RuleError("„%s“ kann nicht mehr von der Grünen Liste genommen werden: die %s ist %s.", model.InternalText(it.Title), se.Title(), se.Status.Label())
		}
		var consentSection bool
		if it.SectionID != 0 {
			if err := tx.QueryRowContext(ctx, `SELECT consent FROM sections WHERE id = ?`, it.SectionID).Scan(&consentSection); err != nil {
				return fmt.Errorf("store: section of item %d: %w", itemID, err)
			}
		}
		section := it.SectionID
		if consentSection {
			section = 0
		}
		if err := s.updatePlain(ctx, tx, "agenda_items", "agenda_item", it.ID, `consent = 0, section_id = ?, version = version + 1`, nullID(section)); err != nil {
			return err
		}
		if err := s.returnToSection(ctx, tx, se, it.ID, section); err != nil {
			return err
		}
		return s.audit(ctx, tx, "pull", "agenda_item", it.ID, model.PullWish(member))
	})
}

// checkPull checks a request to take an item of session se off the Grüne
// Liste: by a member the session's body lets vote (the AL-Runde's own
// voters for its own list), not while the list is voted on.
func checkPull(ctx context.Context, tx *sql.Tx, se model.Session, member string) error {
	var kind model.MemberKind
	if err := tx.QueryRowContext(ctx, `SELECT kind FROM members WHERE abbrev = ?`, member).Scan(&kind); err != nil {
		return notFound(err, "member "+member)
	}
	if !kind.Votes() {
		return model.RuleError("Nur stimmberechtigte Mitglieder (Bund und Länder) können einen TOP von der Grünen Liste nehmen.")
	}
	body, voters, err := bodyVoters(ctx, tx, se.BodyID)
	if err != nil {
		return err
	}
	if !isVoter(voters, member) {
		names, err := memberNames(ctx, tx)
		if err != nil {
			return err
		}
		return model.RuleError("%s ist im Gremium %s nicht stimmberechtigt und kann keinen TOP von der Grünen Liste der %s nehmen.", names.Of(member), body.Abbrev, se.Title())
	}
	var open int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM ballots WHERE session_id = ? AND decision_id IS NULL AND status = ?`, se.ID, model.VoteOpen).Scan(&open); err != nil {
		return fmt.Errorf("store: open consent vote: %w", err)
	}
	if open > 0 {
		return model.RuleError("Über die Grüne Liste wird gerade abgestimmt; ein TOP kann erst nach Abbruch der Abstimmung herausgenommen werden.")
	}
	return nil
}

// checkNotAdopted refuses taking the item it off the Grüne Liste once a
// decision on it is adopted — by the list's vote en bloc or otherwise
// (model.AgendaItem.CheckPullable).
func checkNotAdopted(ctx context.Context, tx *sql.Tx, it model.AgendaItem) error {
	d, err := queryOne(ctx, tx, scanDecision, fmt.Sprintf("adopted decision of item %d", it.ID),
		`SELECT `+decisionCols+` FROM decisions d WHERE d.item_id = ? AND d.status = ? ORDER BY d.position, d.id LIMIT 1`, it.ID, model.DecisionAdopted)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	return it.CheckPullable(d)
}

// pullRecommendationTx takes the item of the recommendation r off the
// Grüne Liste (or its proposal) at the request of member, inside tx.
func (s *Store) pullRecommendationTx(ctx context.Context, tx *sql.Tx, r model.Recommendation, member string) error {
	target, err := queryOne(ctx, tx, scanItem, fmt.Sprintf("agenda item %d", r.TargetItemID), `SELECT `+itemCols+` FROM agenda_items WHERE id = ?`, r.TargetItemID)
	if err != nil {
		return err
	}
	se, err := loadSessionTx(ctx, tx, target.SessionID)
	if err != nil {
		return err
	}
	if err := checkPull(ctx, tx, se, member); err != nil {
		return err
	}
	if !r.CanPull(se) {
		return model.RuleError("„%s“ kann nicht mehr von der Grünen Liste genommen werden (%s, die %s ist %s).", model.InternalText(target.Title), stateWords(r.Consent), se.Title(), se.Status.Label())
	}
	// CanPull knows the session's status, not whether the list was
	// adopted en bloc in it.
	if err := checkNotAdopted(ctx, tx, target); err != nil {
		return err
	}
	if r.Consent == model.ConsentConfirmed {
		var prev sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT prev_section_id FROM recommendations WHERE id = ?`, r.ID).Scan(&prev); err != nil {
			return fmt.Errorf("store: previous section: %w", err)
		}
		if err := s.updatePlain(ctx, tx, "agenda_items", "agenda_item", target.ID, `consent = 0, section_id = ?, version = version + 1`, nullID(prev.Int64)); err != nil {
			return err
		}
		if err := s.returnToSection(ctx, tx, se, target.ID, prev.Int64); err != nil {
			return err
		}
	}
	return s.updateVersioned(ctx, tx, "recommendations", "recommendation", r.ID, r.Version, `consent_state = ?, pulled_by = ?`, model.ConsentPulled, member)
}

func stateWords(c model.ConsentState) string {
	if c == model.ConsentNone {
		return "nicht für die Grüne Liste empfohlen"
	}
	return c.Label()
}

// AwaitingItem is an item a member registered for a session whose body
// has a preparatory body, with the preparatory session that is to give
// its recommendation (PreparedRegistration says where that stands).
type AwaitingItem struct {
	Item          model.AgendaItem
	Session       model.Session
	PrepSession   int    // the number of the preparatory session, 0 if none is planned
	PrepBody      string // its body's abbreviation
	PrepSessionOn model.Date
}
