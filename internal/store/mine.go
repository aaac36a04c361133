package store

// Queries of the personal page (Mein Bereich): what waits for a member
// office, a spokesperson or the secretariat. Each is one indexed query, so
// the page stays cheap on a large register.

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"gremium/internal/model"
)

// RegistrationsOf gives the agenda items a member registered (at most
// limit, all for 0), newest session first.
func (s *Store) RegistrationsOf(ctx context.Context, bodyID int64, member string, limit int) ([]model.AgendaItem, error) {
	return queryList(ctx, s.db, scanItem, "registrations", registrationsOf, member, bodyID, limitOrAll(limit))
}

// registrationsOf selects a member's registrations (arguments: the
// member, the body's id, the limit). Their order is taken from the
// covering index agenda_items_registrations (migration 00280: member,
// session, position and the row id) and the sessions' numbers by id, so
// that only the rows of the page are read from agenda_items, not every row
// the member registered (with its texts) to sort them. The session of
// each registration is looked up once, for its body and its number: a
// CROSS JOIN, which SQLite never reorders, keeps the member's index
// entries the outer loop — with a plain join (or "session_id IN (SELECT …
// WHERE body_id = ?)") SQLite, once ANALYZE has run, walks every session
// and probes each for the member's items, or reads every item of the
// body's sessions, whoever the member. What is left per registration is
// that lookup and the sort before the LIMIT; sorting none would need the
// session's number copied into every agenda item (docs/performance.md).
const registrationsOf = `SELECT ` + itemCols + ` FROM agenda_items WHERE id IN (
		SELECT a.id FROM agenda_items a CROSS JOIN sessions se WHERE a.registered_by = ? AND se.id = a.session_id AND se.body_id = ?
		ORDER BY se.number DESC, a.position, a.id LIMIT ?)
	ORDER BY (SELECT number FROM sessions WHERE sessions.id = agenda_items.session_id) DESC, position, id`

// PendingRegistrations gives the registrations that wait for the
// secretariat's decision, whatever the stage of their session: one still
// undecided when its session opened stays (the secretariat decides it or
// moves it to a later session: MoveRegistration); before, it dropped off
// the list and could not be moved anymore.
func (s *Store) PendingRegistrations(ctx context.Context, bodyID int64) ([]model.AgendaItem, error) {
	return queryList(ctx, s.db, scanItem, "pending registrations",
		`SELECT `+itemCols+` FROM agenda_items WHERE status = ? AND session_id IN (SELECT id FROM sessions WHERE body_id = ?)
		 ORDER BY (SELECT number FROM sessions WHERE sessions.id = agenda_items.session_id), registered_at, id`,
		model.ItemRegistered, bodyID)
}

// SessionsInStatus gives the body's sessions in one of the statuses,
// oldest first.
func (s *Store) SessionsInStatus(ctx context.Context, bodyID int64, statuses ...model.SessionStatus) ([]model.Session, error) {
	if len(statuses) == 0 {
		return nil, nil
	}
	args := []any{bodyID}
	for _, st := range statuses {
		args = append(args, st)
	}
	all, err := queryList(ctx, s.db, func(r scanner) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	}, "sessions", `SELECT id FROM sessions WHERE body_id = ? AND status IN (?`+strings.Repeat(", ?", len(statuses)-1)+`) ORDER BY number`, args...)
	if err != nil {
		return nil, err
	}
	out := make([]model.Session, 0, len(all))
	for _, id := range all {
		se, err := s.Session(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, se)
	}
	return out, nil
}

// SessionsOwingDebrief gives the body's sessions with approved minutes
// whose debrief (Nachbesprechung) may still be owed: no invitation to
// their debrief was sent, the secretariat did not note that none is
// needed ("Nachbesprechung entfällt", WaiveDebrief), and one of their
// adopted decisions is assessed
// relevant for one of the conferences or its registration names a
// conference as affected; by number. It is the candidates, read in one
// statement however long the body's history: whether a decision is
// relevant by the rule of RelevantDecisionsSince (a profile's "nicht
// relevant" overrides the registration) the caller asks per session, as
// for the sessions whose minutes are not yet approved. The secretariat's
// "Mein Bereich" lists them beside those.
func (s *Store) SessionsOwingDebrief(ctx context.Context, bodyID int64, conferenceIDs []int64) ([]model.Session, error) {
	if len(conferenceIDs) == 0 {
		return nil, nil
	}
	args := []any{bodyID, model.StatusMinutesApproved, model.DecisionAdopted}
	for _, id := range conferenceIDs {
		args = append(args, id)
	}
	ids, err := queryList(ctx, s.db, func(r scanner) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	}, "sessions owing a debrief", `SELECT s.id FROM sessions s
		 WHERE s.body_id = ? AND s.status = ?
		   AND NOT EXISTS (SELECT 1 FROM debriefs b WHERE b.session_id = s.id AND (b.sent = 1 OR b.waived_at != ''))
		   AND EXISTS (SELECT 1 FROM decisions d LEFT JOIN agenda_items i ON i.id = d.item_id
		               WHERE d.session_id = s.id AND d.status = ?
		                 AND (EXISTS (SELECT 1 FROM decision_relevance r WHERE r.decision_id = d.id AND r.relevant = 1 AND r.conference_id IN (?`+strings.Repeat(", ?", len(conferenceIDs)-1)+`))
		                      OR COALESCE(i.impact_conferences, '[]') != '[]'))
		 ORDER BY s.number`, args...)
	if err != nil {
		return nil, err
	}
	out := make([]model.Session, 0, len(ids))
	for _, id := range ids {
		se, err := s.Session(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, se)
	}
	return out, nil
}

// RelevantDecision is an adopted decision relevant for a FachMK: assessed
// so in its decision profile or, where the profile does not assess that
// conference, named in the impact statement of the registration.
type RelevantDecision struct {
	Decision     model.Decision
	ConferenceID int64
	Reason       string
	// AssessedAt is when the decision profile assessed the conference
	// relevant; zero where the registration's impact statement is the
	// reason.
	AssessedAt time.Time
}

// ImpactReason is the reason of a RelevantDecision that rests on the
// registration's impact statement (the profile does not assess that
// conference).
const ImpactReason = "Betroffenheit laut Anmeldung"

// RelevantDecisionsSince gives the adopted decisions relevant for one of
// the conferences, taken in the session sessionID or adopted on or after
// the day since (written procedures after that session), newest first;
// with neither (0 and the zero date) every one. Each carries its text as
// last corrected (model.Decision.Corrected), as the register shows it.
// Relevant is what the debrief pack takes: the decision profile's
// assessment of the conference where it has one, else whether the
// registration states the conference as affected (GO § 4); a profile that
// assesses only some conferences does not drop the others the member
// named. So the spokesperson's area, the
// secretariat's due debriefs and the pack name the same decisions.
func (s *Store) RelevantDecisionsSince(ctx context.Context, conferenceIDs []int64, sessionID int64, since model.Date) ([]RelevantDecision, error) {
	if len(conferenceIDs) == 0 {
		return nil, nil
	}
	in := "(?" + strings.Repeat(", ?", len(conferenceIDs)-1) + ")"
	var confs []any
	for _, id := range conferenceIDs {
		confs = append(confs, id)
	}
	args := append(append(append([]any{}, confs...), ImpactReason), confs...)
	args = append(args, model.DecisionAdopted)
	var conds []string
	if sessionID != 0 {
		conds = append(conds, "d.session_id = ?")
		args = append(args, sessionID)
	}
	if !since.IsZero() {
		conds = append(conds, "d.adopted_on >= ?")
		args = append(args, since.String())
	}
	cond := "1 = 1"
	if len(conds) > 0 {
		cond = strings.Join(conds, " OR ")
	}
	return queryList(ctx, s.db, func(r scanner) (RelevantDecision, error) {
		var rd RelevantDecision
		var at string
		d, err := scanCorrectedDecision(multiScanner{r, []any{&rd.ConferenceID, &rd.Reason, &at}})
		rd.Decision = d.Corrected()
		rd.AssessedAt, _ = time.Parse(time.RFC3339, at)
		return rd, err
	}, "relevant decisions",
		`SELECT `+correctedCols+`, r.conference_id, r.reason, r.assessed_at FROM decisions d`+newestCorrection+` JOIN (
			SELECT decision_id, conference_id, reason, assessed_at FROM decision_relevance WHERE relevant = 1 AND conference_id IN `+in+`
			UNION ALL
			SELECT d2.id, j.value, CAST(? AS TEXT), '' FROM agenda_items i, `+s.jsonInts("i.impact_conferences")+` j, decisions d2
			 WHERE d2.item_id = i.id AND i.impact_conferences != '[]' AND j.value IN `+in+`
			   AND NOT EXISTS (SELECT 1 FROM decision_relevance x WHERE x.decision_id = d2.id AND x.conference_id = j.value)
		 ) r ON r.decision_id = d.id
		 WHERE d.status = ? AND (`+cond+`)
		 ORDER BY d.year DESC, d.seq DESC, d.id DESC`, args...)
}

// multiScanner appends more destinations to a scan, so a row scanner of
// one table can read a row that carries further columns after its own.
type multiScanner struct {
	r    scanner
	more []any
}

func (m multiScanner) Scan(dest ...any) error { return m.r.Scan(append(dest, m.more...)...) }

func limitOrAll(n int) int {
	if n <= 0 {
		return noLimit
	}
	return n
}

// ProfilesToAssess gives the adopted decisions of the body whose item the
// member reports on (BE) and whose decision profile (Beschluss-Steckbrief)
// nobody has filled in yet, newest first (at most limit, all for 0): what
// the reporting member still has to assess.
func (s *Store) ProfilesToAssess(ctx context.Context, bodyID int64, member string, limit int) ([]model.Decision, error) {
	return queryList(ctx, s.db, scanDecision, "profiles to assess",
		`SELECT `+decisionCols+` FROM decisions d WHERE d.body_id = ? AND d.status = ? AND d.profile_version = 0
		   AND d.item_id IN (SELECT item_id FROM item_refs WHERE kind = 'be' AND value = ?)
		   AND NOT EXISTS (SELECT 1 FROM decision_relevance r WHERE r.decision_id = d.id)
		 ORDER BY d.year DESC, d.seq DESC, d.id DESC LIMIT ?`, bodyID, model.DecisionAdopted, member, limitOrAll(limit))
}

// WithdrawRegistration deletes an agenda item its member registered, with
// its decision proposal, while the secretariat has not decided on it: the
// member withdraws it (member "" for the secretariat, which may withdraw
// any). version is the item's version the member saw; a changed item is
// a conflict, a decided one is refused.
func (s *Store) WithdrawRegistration(ctx context.Context, itemID int64, version int, member string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		it, err := loadItemTx(ctx, tx, itemID)
		if err != nil {
			return err
		}
		switch {
		case member != "" && it.RegisteredBy != member:
			return model.ForbiddenError("Eine Anmeldung zieht das Mitglied zurück, das sie gemacht hat.")
		case it.Status != model.ItemRegistered:
			return model.RuleError("Über die Anmeldung „%s“ hat die Geschäftsstelle schon entschieden (%s); sie kann nicht mehr zurückgezogen werden.", model.InternalText(it.Title), it.Status.Label())
		case it.Version != version:
			return model.ConflictError("Die Anmeldung wurde inzwischen geändert; bitte den neuen Stand prüfen.")
		}
		return s.removeItem(ctx, tx, itemID)
	})
}

// UpdateRegistration changes the pending registration itemID as the
// member's office sent it again (g, checked by the form or the API with
// model.Registration.Check and CheckSources, as a new registration), in
// one transaction: the item and its decision proposal — changed, added
// or, without one, deleted. member is as for WithdrawRegistration ("" for
// the secretariat); version is the item's version the member saw. A
// decided registration, a session that takes no more registrations and a
// passed registration deadline refuse the change
// (model.AgendaItem.RegistrationChange). It gives the item as stored.
//
// With ConfirmCoApplicants an applicant newly named is asked to confirm,
// one no longer named loses its co-application (nameCoApplicantsTx). A
// change of what is applied for (model.Substance: the item's title and
// goal, the proposal's kind, title and points) asks every co-applicant
// that has answered again (askAgainTx), whoever changes it; AskedAgain
// reports whom.
func (s *Store) UpdateRegistration(ctx context.Context, itemID int64, version int, member string, g model.Registration, opts ...RegistrationOption) (model.AgendaItem, error) {
	var o registrationOptions
	for _, f := range opts {
		f(&o)
	}
	var out model.AgendaItem
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		it, err := loadRegistrationTx(ctx, tx, itemID)
		if err != nil {
			return err
		}
		if member != "" && it.RegisteredBy != member {
			return model.ForbiddenError("Eine Anmeldung ändert das Mitglied, das sie gemacht hat.")
		}
		se, err := loadSessionTx(ctx, tx, it.SessionID)
		if err != nil {
			return err
		}
		if err := it.RegistrationChange(se, s.Today()); err != nil {
			return err
		}
		if it.Version != version {
			return model.ConflictError("Die Anmeldung wurde inzwischen geändert; bitte den neuen Stand prüfen.")
		}
		g.Member = it.RegisteredBy
		changed := g.Change(it)
		if err := changed.Validate(); err != nil {
			return err
		}
		before, err := queryList(ctx, tx, scanDecision, "decisions", `SELECT `+decisionCols+` FROM decisions d WHERE d.item_id = ? ORDER BY d.position, d.id LIMIT 1`, it.ID)
		if err != nil {
			return err
		}
		if err := s.updateVersioned(ctx, tx, "agenda_items", "agenda_item", it.ID, it.Version, itemSet, itemArgs(changed)...); err != nil {
			return err
		}
		if member != "" {
			// Changed by the member office: a change the secretariat
			// asked for is answered, the registration waits for the
			// secretariat again (registration_change_request.go).
			if err := s.answerChangeRequest(ctx, tx, &changed, version); err != nil {
				return err
			}
		}
		d, err := s.replaceProposal(ctx, tx, it, g.Draft(se.BodyID))
		if err != nil {
			return err
		}
		if d.ID != 0 && o.confirm {
			if err := s.nameCoApplicantsTx(ctx, tx, d, it.RegisteredBy); err != nil {
				return err
			}
		}
		// What the co-applicants applied for changed: their answers were
		// given to another text (by the office or the secretariat alike).
		if d.ID != 0 && len(before) == 1 && before[0].ID == d.ID && !model.SubstanceOf(it, before[0]).Equal(model.SubstanceOf(changed, d)) {
			asked, err := s.askAgainTx(ctx, tx, d, it.RegisteredBy)
			if err != nil {
				return err
			}
			if o.askedAgain != nil {
				*o.askedAgain = asked
			}
		}
		out, err = loadItemTx(ctx, tx, it.ID)
		return err
	})
	return out, err
}

// replaceProposal makes proposal the decision proposal of the registered
// item it inside tx: the draft it has is changed (title, points,
// applicants), one is added where it has none, and nil deletes it. It
// gives the proposal as stored (the zero Decision when deleted).
func (s *Store) replaceProposal(ctx context.Context, tx *sql.Tx, it model.AgendaItem, proposal *model.Decision) (model.Decision, error) {
	drafts, err := queryList(ctx, tx, scanDecision, "decisions", `SELECT `+decisionCols+` FROM decisions d WHERE d.item_id = ? ORDER BY d.position, d.id`, it.ID)
	if err != nil {
		return model.Decision{}, err
	}
	if proposal == nil {
		for _, d := range drafts {
			if err := s.removeDecision(ctx, tx, d); err != nil {
				return model.Decision{}, err
			}
		}
		return model.Decision{}, nil
	}
	if err := proposal.Validate(); err != nil {
		return model.Decision{}, err
	}
	if err := checkApplicants(ctx, tx, proposal.Applicants); err != nil {
		return model.Decision{}, err
	}
	if len(drafts) == 0 {
		d := *proposal
		d.SessionID, d.ItemID = it.SessionID, it.ID
		if d.Position, err = placeRow(ctx, tx, it.ID, 0); err != nil {
			return d, err
		}
		d.ID, err = s.createDecisionTx(ctx, tx, d)
		return d, err
	}
	d := drafts[0]
	if d.Status != model.DecisionDraft {
		return d, fmt.Errorf("store: decision %s is %s: %w", d.DisplayTitle(), d.Status.Label(), ErrImmutable)
	}
	d.Title, d.Points, d.Applicants = proposal.Title, proposal.Points, proposal.Applicants
	return d, s.updateVersioned(ctx, tx, "decisions", "decision", d.ID, d.Version, `title = ?, points = ?, applicants = ?`,
		proposal.Title, toJSON(nonNil(proposal.Points)), toJSON(nonNil(proposal.Applicants)))
}

// PreparedRegistration is an item a member registered for a coming
// session of a body with a preparatory body (the IT-PLR's AL-Runde), with
// where its Beschlussempfehlung stands: still awaited, given (with its
// wording), or not given by a preparatory session that has been held.
type PreparedRegistration struct {
	AwaitingItem
	// PrepOver reports that the preparatory session is no longer ahead
	// of the item: it has begun, been held or been cancelled.
	PrepOver bool
	// PrepRunning reports that it is being held now.
	PrepRunning bool
	// PrepCancelled reports that it was cancelled.
	PrepCancelled bool
	// Recommendation is the newest recommendation given for the item (by
	// the preparatory body's vote or recorded from imported minutes); nil
	// if none is.
	Recommendation *model.Recommendation
}

// Awaits reports whether the item still awaits the recommendation: none
// is given and the preparatory session that would give it is not over
// (or none is planned yet).
func (p PreparedRegistration) Awaits() bool {
	return p.Recommendation == nil && (!p.PrepOver || p.PrepRunning)
}

// PreparedRegistrations gives the items the member registered for
// sessions not yet held of a body with a preparatory body, each with
// where its recommendation stands (PreparedRegistration). It gives the
// items of sessions still being prepared (geplant, einberufen) that are
// not cancelled, whose agenda is not published and whose day is not set
// or has not passed: an item of a session whose agenda is published,
// whose day has passed, or that is cancelled, is left out (it is on the
// agenda, or was, as the member's registrations say), and so is a
// declined or deferred one. Its preparatory session is the one not
// cancelled, else the newest. One statement for the list, then per item
// (bounded by the member's coming registrations, not by the register's
// history) its item, session and recommendation.
func (s *Store) PreparedRegistrations(ctx context.Context, member string) ([]PreparedRegistration, error) {
	type row struct {
		p     PreparedRegistration
		recID int64
	}
	rows, err := queryList(ctx, s.db, func(r scanner) (row, error) {
		var out row
		a := &out.p
		var sessionID int64
		var prepNumber sql.NullInt64
		var prepDate, prepStatus, prepCancelled sql.NullString
		var recID sql.NullInt64
		if err := r.Scan(&a.Item.ID, &sessionID, &a.PrepBody, &prepNumber, &prepDate, &prepStatus, &prepCancelled, &recID); err != nil {
			return out, err
		}
		a.Item.SessionID, a.PrepSession, a.PrepSessionOn = sessionID, int(prepNumber.Int64), parseDate(prepDate.String)
		status := model.SessionStatus(prepStatus.String)
		a.PrepCancelled = prepCancelled.String != ""
		a.PrepOver = prepNumber.Valid && (a.PrepCancelled || !status.Ahead())
		a.PrepRunning = prepNumber.Valid && !a.PrepCancelled && status == model.StatusRunning
		out.recID = recID.Int64
		return out, nil
	}, "prepared registrations", `SELECT i.id, i.session_id, pb.abbrev, ps.number, ps.date, ps.status, ps.cancelled_reason,
		  (SELECT r.id FROM recommendations r LEFT JOIN decisions d ON d.id = r.decision_id
		    WHERE r.target_item_id = i.id AND (r.decision_id IS NULL OR d.status = ?) ORDER BY r.id DESC LIMIT 1)
		FROM agenda_items i JOIN sessions se ON se.id = i.session_id JOIN bodies pb ON pb.prepares_id = se.body_id
		LEFT JOIN sessions ps ON ps.id = (SELECT x.id FROM sessions x WHERE x.prepares_session_id = se.id AND x.body_id = pb.id
		                                  ORDER BY CASE WHEN x.cancelled_reason = '' THEN 0 ELSE 1 END, x.number DESC LIMIT 1)
		WHERE i.registered_by = ? AND i.status != ? AND i.deferred_to = 0 AND se.status IN (?, ?) AND se.cancelled_reason = ''
		  AND se.agenda_published = 0 AND (se.date = '' OR se.date >= ?)
		ORDER BY se.number, i.position, i.id`, model.DecisionAdopted, member, model.ItemDeclined, model.StatusPlanned, model.StatusConvened, s.Today().String())
	if err != nil {
		return nil, err
	}
	out := make([]PreparedRegistration, 0, len(rows))
	for _, r := range rows {
		p := r.p
		if p.Item, err = s.Item(ctx, p.Item.ID); err != nil {
			return nil, err
		}
		if p.Session, err = s.Session(ctx, p.Item.SessionID); err != nil {
			return nil, err
		}
		if r.recID != 0 {
			rec, err := s.Recommendation(ctx, r.recID)
			if err != nil {
				return nil, err
			}
			p.Recommendation = &rec
		}
		out = append(out, p)
	}
	return out, nil
}
