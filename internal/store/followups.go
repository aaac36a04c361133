package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gremium/internal/model"
)

const followUpCols = `f.id, COALESCE(f.decision_id, 0), COALESCE(f.item_id, 0), f.text, f.responsible, f.due_on, f.due_session, f.status, f.done_on,
	f.source_kind, f.source_id, f.evidence_text, COALESCE(f.evidence_document_id, 0), COALESCE(f.evidence_decision_id, 0), COALESCE(f.evidence_item_id, 0),
	f.proposal_key, f.version, ` + followUpNumberCol

func scanFollowUp(r scanner) (model.FollowUp, error) {
	var f model.FollowUp
	var due, done string
	if err := r.Scan(&f.ID, &f.DecisionID, &f.ItemID, &f.Text, &f.Responsible, &due, &f.DueSession, &f.Status, &done,
		&f.Source, &f.SourceID, &f.EvidenceText, &f.EvidenceDocumentID, &f.EvidenceDecisionID, &f.EvidenceItemID,
		&f.ProposalKey, &f.Version, &f.Number); err != nil {
		return f, err
	}
	f.DueDate, f.DoneOn = parseDate(due), parseDate(done)
	return f, nil
}

// checkFollowUpRefs checks inside tx that the rows a follow-up names exist:
// its source row (in its item) and the evidence's document, decision and
// item.
func checkFollowUpRefs(ctx context.Context, tx *sql.Tx, f model.FollowUp) error {
	exists := func(table string, id int64, what string) error {
		if id == 0 {
			return nil
		}
		var one int
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM `+table+` WHERE id = ?`, id).Scan(&one); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return model.InputError("%s existiert nicht (mehr).", what)
			}
			return fmt.Errorf("store: follow-up reference %s %d: %w", table, id, err)
		}
		return nil
	}
	switch f.Source {
	case model.SourceItem, model.SourceDecision:
	case model.SourceContribution, model.SourceNote, model.SourceRemark:
		table := map[model.FollowUpSource]string{model.SourceContribution: "contributions", model.SourceNote: "protocol_notes", model.SourceRemark: "remarks"}[f.Source]
		var itemID int64
		if err := tx.QueryRowContext(ctx, `SELECT item_id FROM `+table+` WHERE id = ?`, f.SourceID).Scan(&itemID); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return model.InputError("Die Quelle des Auftrags (%s) existiert nicht (mehr).", f.Source.Label())
			}
			return fmt.Errorf("store: follow-up source: %w", err)
		}
		if f.ItemID != 0 && itemID != f.ItemID {
			return model.InputError("Die Quelle des Auftrags gehört zu einem anderen Tagesordnungspunkt.")
		}
	default:
		return model.InputError("Die Quelle „%s“ eines Auftrags ist unbekannt.", f.Source)
	}
	if err := exists("documents", f.EvidenceDocumentID, "Das Dokument des Nachweises"); err != nil {
		return err
	}
	if err := exists("decisions", f.EvidenceDecisionID, "Der Beschluss des Nachweises"); err != nil {
		return err
	}
	return exists("agenda_items", f.EvidenceItemID, "Der Tagesordnungspunkt des Nachweises")
}

// checkFollowUpDecision refuses, inside tx, a follow-up given as ordered
// by a proposal that was rejected — a rejected proposal orders nothing
// (the minutes' follow-up proposals leave its points out for the same
// reason) — or by a decision of another agenda item than the follow-up's.
// A proposal not decided yet may carry one (the live page records it
// before the vote); a follow-up whose proposal is rejected afterwards
// stays as it was given and can still be edited, since only a change of
// its decision is checked again.
func checkFollowUpDecision(ctx context.Context, tx *sql.Tx, f model.FollowUp) error {
	if f.DecisionID == 0 {
		return nil
	}
	var status model.DecisionStatus
	var itemID int64
	if err := tx.QueryRowContext(ctx, `SELECT status, COALESCE(item_id, 0) FROM decisions WHERE id = ?`, f.DecisionID).Scan(&status, &itemID); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return model.AtField("beschluss", model.InputError("Der Beschluss des Auftrags existiert nicht (mehr)."))
		}
		return fmt.Errorf("store: follow-up decision %d: %w", f.DecisionID, err)
	}
	if f.ItemID != 0 && itemID != f.ItemID {
		return model.AtField("beschluss", model.InputError("Der gewählte Beschluss gehört zu einem anderen Tagesordnungspunkt als der Auftrag."))
	}
	if status == model.DecisionRejected {
		return model.AtField("beschluss", model.RuleError(
			"Der gewählte Beschlussvorschlag ist abgelehnt und ordnet nichts an. Einen Auftrag aus der Beratung bitte „aus der Diskussion“ eintragen."))
	}
	return nil
}

// dropFollowUpsOfRejected sets, inside tx, the follow-ups still owed
// that were given as ordered by proposal d — recorded on the live page
// before the vote — to entfallen, now that d is rejected: a rejected
// proposal orders nothing (checkFollowUpDecision refuses new ones), and
// a follow-up left open would be listed, reminded of and reported as
// overdue to its responsible members. The reason names the proposal and
// the day; each change is audited, and the secretariat can set the
// follow-up back (from the discussion) if it was meant otherwise.
func (s *Store) dropFollowUpsOfRejected(ctx context.Context, tx *sql.Tx, d model.Decision) error {
	owed, err := queryList(ctx, tx, scanFollowUp, "follow-ups of the rejected proposal",
		`SELECT `+followUpCols+` FROM follow_ups f WHERE f.decision_id = ? AND f.status IN (?, ?) ORDER BY f.id`,
		d.ID, model.FollowUpOpen, model.FollowUpInProgress)
	if err != nil {
		return err
	}
	reason := fmt.Sprintf("Der Beschlussvorschlag „%s“, der den Auftrag vorsah, wurde am %s abgelehnt.", model.InternalText(d.DisplayTitle()), d.AdoptedOn.German())
	for _, f := range owed {
		if err := s.updateVersioned(ctx, tx, "follow_ups", "follow_up", f.ID, f.Version,
			`status = ?, done_on = ?, evidence_text = ?, evidence_document_id = ?, evidence_decision_id = ?, evidence_item_id = ?`,
			model.FollowUpDropped, "", reason, nil, nil, nil); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, "status", "follow_up", f.ID, "entfallen: Beschlussvorschlag abgelehnt"); err != nil {
			return err
		}
	}
	return nil
}

// dropFollowUpsOfUndecided sets, inside tx, the follow-ups still owed
// that were given as ordered by a proposal of session se that ends
// undecided — recorded on the live page before a vote that did not come
// — to entfallen, as dropFollowUpsOfRejected does for a rejected one: an
// undecided proposal orders nothing yet, and a follow-up left open would
// be listed, reminded of and reported as overdue to its responsible
// members. Each keeps the session in undecided_in, so that the count
// that adopts the proposal later owes it again
// (restoreFollowUpsOfAdopted); the reason names the proposal and the
// session, each change is audited. It gives the follow-ups dropped, in
// order of entry.
func (s *Store) dropFollowUpsOfUndecided(ctx context.Context, tx *sql.Tx, se model.Session) (out []model.FollowUp, err error) {
	owed, err := queryList(ctx, tx, scanFollowUp, "follow-ups of undecided proposals",
		`SELECT `+followUpCols+` FROM follow_ups f JOIN decisions d ON d.id = f.decision_id
		 WHERE d.session_id = ? AND d.status = ? AND f.status IN (?, ?) ORDER BY f.id`,
		se.ID, model.DecisionDraft, model.FollowUpOpen, model.FollowUpInProgress)
	if err != nil || len(owed) == 0 {
		return nil, err
	}
	proposals := map[int64]model.Decision{}
	for _, f := range owed {
		d, ok := proposals[f.DecisionID]
		if !ok {
			if d, err = currentDecision(ctx, tx, f.DecisionID); err != nil {
				return nil, err
			}
			proposals[d.ID] = d
		}
		title := d.Title // "Beschlussvorschlag – …" would name it twice
		if title == "" {
			title = d.DisplayTitle()
		}
		reason := fmt.Sprintf("Der Beschlussvorschlag „%s“, der den Auftrag vorsah, blieb in der %s unentschieden.", model.InternalText(title), se.Title())
		if err := s.updateVersioned(ctx, tx, "follow_ups", "follow_up", f.ID, f.Version,
			`status = ?, done_on = ?, evidence_text = ?, evidence_document_id = ?, evidence_decision_id = ?, evidence_item_id = ?, undecided_in = ?`,
			model.FollowUpDropped, "", reason, nil, nil, nil, se.ID); err != nil {
			return nil, err
		}
		if err := s.audit(ctx, tx, "status", "follow_up", f.ID, "entfallen: Beschlussvorschlag unentschieden"); err != nil {
			return nil, err
		}
		f.Status, f.DoneOn, f.EvidenceText, f.EvidenceDocumentID, f.EvidenceDecisionID, f.EvidenceItemID = model.FollowUpDropped, model.Date{}, reason, 0, 0, 0
		f.Version++
		out = append(out, f)
	}
	return out, nil
}

// restoreFollowUpsOfAdopted sets, inside tx, the follow-ups of proposal
// d — adopted now by a count, in a later session — that the end of a
// session dropped because d stayed undecided there
// (dropFollowUpsOfUndecided, undecided_in) back to offen: what d orders
// is owed from its adoption. A follow-up dropped by hand, or reported on
// since, has undecided_in cleared and stays as it is. Each change is
// audited with d's number.
func (s *Store) restoreFollowUpsOfAdopted(ctx context.Context, tx *sql.Tx, d model.Decision) error {
	dropped, err := queryList(ctx, tx, scanFollowUp, "follow-ups of the adopted proposal",
		`SELECT `+followUpCols+` FROM follow_ups f WHERE f.decision_id = ? AND f.status = ? AND f.undecided_in <> 0 ORDER BY f.id`,
		d.ID, model.FollowUpDropped)
	if err != nil {
		return err
	}
	for _, f := range dropped {
		if err := s.updateVersioned(ctx, tx, "follow_ups", "follow_up", f.ID, f.Version,
			`status = ?, done_on = ?, evidence_text = ?, evidence_document_id = ?, evidence_decision_id = ?, evidence_item_id = ?, undecided_in = ?`,
			model.FollowUpOpen, "", "", nil, nil, nil, 0); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, "status", "follow_up", f.ID, fmt.Sprintf("offen: Beschlussvorschlag angenommen (%s)", d.Label)); err != nil {
			return err
		}
	}
	return nil
}

// checkFollowUpDeadline refuses, inside tx, a deadline of f before the
// session it is given in (model.FollowUp.CheckDeadline): the session of its
// item, or of its decision's item. A follow-up confirmed from a proposal
// of approved minutes (confirming, ProposalKey set) keeps what the minutes
// say, whatever the deadline: they are the record.
func checkFollowUpDeadline(ctx context.Context, tx *sql.Tx, f model.FollowUp, confirming bool) error {
	if f.DueDate.IsZero() && f.DueSession == 0 {
		return nil
	}
	var itemID int64
	switch {
	case f.ItemID != 0:
		itemID = f.ItemID
	case f.DecisionID != 0:
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(item_id, 0) FROM decisions WHERE id = ?`, f.DecisionID).Scan(&itemID); err != nil {
			return notFound(err, fmt.Sprintf("decision %d", f.DecisionID))
		}
	}
	if itemID == 0 {
		return nil // a written procedure's: no session
	}
	se, err := queryOne(ctx, tx, scanSession, fmt.Sprintf("session of item %d", itemID),
		`SELECT `+sessionCols+` FROM sessions WHERE id = (SELECT session_id FROM agenda_items WHERE id = ?)`, itemID)
	if err != nil {
		return err
	}
	if confirming && se.Status.MinutesFrozen() {
		return nil
	}
	var kind model.BodyKind
	var prepares int64
	if err := tx.QueryRowContext(ctx, `SELECT kind, COALESCE(prepares_id, 0) FROM bodies WHERE id = ?`, se.BodyID).Scan(&kind, &prepares); err != nil {
		return fmt.Errorf("store: follow-up deadline: %w", err)
	}
	after := 0
	switch {
	case kind == model.BodyPlanningCouncil:
		after = se.Number
	case prepares != 0:
		// "zur N. Sitzung" in the AL-Runde means the council's N-th
		// session: it must come after the council's sessions held (or
		// dated) up to the AL-Runde's day, and be no earlier than the
		// session the AL-Runde prepares.
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(number), 0) FROM sessions WHERE body_id = ? AND date <> '' AND date <= ?`,
			prepares, se.Date.String()).Scan(&after); err != nil {
			return fmt.Errorf("store: follow-up deadline: %w", err)
		}
		var prepared int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE((SELECT p.number FROM sessions a JOIN sessions p ON p.id = a.prepares_session_id WHERE a.id = ?), 0)`, se.ID).Scan(&prepared); err != nil {
			return fmt.Errorf("store: follow-up deadline: %w", err)
		}
		after = max(after, prepared-1)
	}
	return f.CheckDeadline(se, after)
}

// CreateFollowUp stores a follow-up (Auftrag).
//
// A follow-up on an agenda item ticks the item's box "Follow-Up", unless
// the item's minutes are approved or in a written procedure (the box is
// part of the text approved). A
// follow-up confirmed from a proposal (ProposalKey set) is refused with
// ErrDuplicate when that proposal was confirmed already. A deadline before
// the session the follow-up is given in is refused (checkFollowUpDeadline).
//
// The live page's form is guarded by its one-time key (SentOnce): sent
// twice, it stores one follow-up.
func (s *Store) CreateFollowUp(ctx context.Context, f model.FollowUp, opts ...FormOption) (int64, error) {
	if err := f.Validate(); err != nil {
		return 0, err
	}
	if f.Source == model.SourceDecision && f.SourceID == 0 {
		f.SourceID = f.DecisionID
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		if err := checkFollowUpRefs(ctx, tx, f); err != nil {
			return err
		}
		if err := checkFollowUpDecision(ctx, tx, f); err != nil {
			return err
		}
		if err := checkFollowUpDeadline(ctx, tx, f, f.ProposalKey != ""); err != nil {
			return err
		}
		if f.ProposalKey != "" {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM follow_ups WHERE proposal_key = ?) + (SELECT count(*) FROM follow_up_dismissals WHERE proposal_key = ?)`,
				f.ProposalKey, f.ProposalKey).Scan(&n); err != nil {
				return fmt.Errorf("store: follow-up proposal: %w", err)
			}
			if n > 0 {
				return fmt.Errorf("store: follow-up proposal %s: %w", f.ProposalKey, ErrDuplicate)
			}
		}
		id, err = s.once(ctx, tx, formOptionsOf(opts), "follow_up", func() (int64, error) {
			id, err := s.insert(ctx, tx, "follow_up", f.Responsible,
				`INSERT INTO follow_ups (decision_id, item_id, text, responsible, due_on, due_session, status, done_on,
					source_kind, source_id, evidence_text, evidence_document_id, evidence_decision_id, evidence_item_id, proposal_key, responsible_keys, responsible_public_keys)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				nullID(f.DecisionID), nullID(f.ItemID), f.Text, f.Responsible, f.DueDate.String(), f.DueSession, f.Status, f.DoneOn.String(),
				f.Source, f.SourceID, f.EvidenceText, nullID(f.EvidenceDocumentID), nullID(f.EvidenceDecisionID), nullID(f.EvidenceItemID), f.ProposalKey, f.ResponsibleKeys(), f.PublicResponsibleKeys())
			if err != nil || f.ItemID == 0 {
				return id, err
			}
			// The box is part of the minutes: approved minutes, and
			// minutes in a written procedure, keep the text approved (the
			// follow-up is given all the same).
			if err := checkItemOpen(ctx, tx, f.ItemID); model.ClassOf(err) == model.ErrRule {
				return id, nil
			} else if err != nil {
				return id, err
			}
			return id, s.setItemFlag(ctx, tx, f.ItemID, "flag_followup")
		})
		return err
	})
	return id, err
}

// FollowUp gives the follow-up with the id.
func (s *Store) FollowUp(ctx context.Context, id int64) (model.FollowUp, error) {
	return queryOne(ctx, s.rd, scanFollowUp, fmt.Sprintf("follow-up %d", id), `SELECT `+followUpCols+` FROM follow_ups f WHERE f.id = ?`, id)
}

// FollowUpFilter selects follow-ups; zero fields select all.
type FollowUpFilter struct {
	DecisionID int64
	ItemID     int64
	Status     model.FollowUpStatus
	// SessionID selects the follow-ups given in a session (by their item,
	// or their decision's item).
	SessionID int64
	// Pending selects the follow-ups still owed (offen, in Arbeit).
	Pending bool
	// Member selects the follow-ups whose responsible ones include the
	// member or body (as written, e.g. "HE", "FITKO").
	Member string
	// Members selects, as Member does, the follow-ups naming any of them
	// (a member by abbreviation and by name: "HE", "Hessen").
	Members []string
}

// where gives the filter's conditions as the internal audience applies
// them (whereAs).
func (f FollowUpFilter) where() where { return f.whereAs(model.Internal) }

// whereAs gives the filter's conditions for the audience a: for the
// public, Member and Members match only the responsible ones the public
// text names (model.FollowUp.PublicResponsibleKeys), never one in a
// passage it blacks out.
func (f FollowUpFilter) whereAs(a model.Audience) where {
	keys := "f.responsible_keys"
	if a.IsPublic() {
		keys = "f.responsible_public_keys"
	}
	var w where
	if f.DecisionID != 0 {
		w.add("f.decision_id = ?", f.DecisionID)
	}
	if f.ItemID != 0 {
		w.add("f.item_id = ?", f.ItemID)
	}
	if f.Status != "" {
		w.add("f.status = ?", f.Status)
	}
	if f.Pending {
		w.add("f.status IN (?, ?)", model.FollowUpOpen, model.FollowUpInProgress)
	}
	if f.SessionID != 0 {
		w.add(`COALESCE(f.item_id, (SELECT item_id FROM decisions WHERE id = f.decision_id)) IN (SELECT id FROM agenda_items WHERE session_id = ?)`, f.SessionID)
	}
	if members := f.Members; f.Member != "" || len(members) > 0 {
		if f.Member != "" {
			members = append([]string{f.Member}, members...)
		}
		// Exactly model.FollowUp.ResponsibleIs: the key between commas in
		// the kept keys (LIKE rather than instr, which PostgreSQL lacks).
		var ors []string
		var args []any
		for _, m := range members {
			if key := model.ResponsibleKey(m); key != "" {
				ors = append(ors, keys+` LIKE ? ESCAPE '\'`)
				args = append(args, "%,"+likeEscape(key)+",%")
			}
		}
		if len(ors) == 0 {
			ors = []string{"1 = 0"}
		}
		w.add("("+strings.Join(ors, " OR ")+")", args...)
	}
	return w
}

// FollowUps gives the follow-ups matching f, in order of creation.
func (s *Store) FollowUps(ctx context.Context, f FollowUpFilter) ([]model.FollowUp, error) {
	w := f.where()
	return queryList(ctx, s.db, scanFollowUp, "follow-ups", `SELECT `+followUpCols+` FROM follow_ups f`+w.sql()+` ORDER BY f.id`, w.args...)
}

// FollowUpSession gives the session a follow-up was given in (by its
// agenda item, or its decision's item), 0 for one without (a decision of
// a written procedure): the session whose documents its report may name
// as evidence.
func (s *Store) FollowUpSession(ctx context.Context, id int64) (int64, error) {
	var sessionID int64
	err := s.rd.QueryRowContext(ctx, `SELECT COALESCE(i.session_id, 0) FROM follow_ups f
		LEFT JOIN decisions d ON d.id = f.decision_id
		LEFT JOIN agenda_items i ON i.id = COALESCE(f.item_id, d.item_id)
		WHERE f.id = ?`, id).Scan(&sessionID)
	if err != nil {
		return 0, notFound(err, fmt.Sprintf("follow-up %d", id))
	}
	return sessionID, nil
}

// FollowUpEntry is a follow-up with the session and agenda item it was
// given in (zero if it has none).
type FollowUpEntry struct {
	model.FollowUp
	SessionID     int64
	SessionNumber int
	// SessionSlug and SessionAbbrev: the session's body's address part
	// and abbreviation ("al-runde", "AL-Runde"; "" for the council), so
	// that a follow-up of the AL-Runde is named and linked as one.
	SessionSlug     string
	SessionAbbrev   string
	SessionInternal bool // the session's body is internal (the AL-Runde)
	ItemNumber      string
	ItemTitle       string
}

// Session gives the session the follow-up was given in as far as the
// entry knows it (number, body), for its Title and Path; the zero session
// when none.
func (e FollowUpEntry) Session() model.Session {
	return model.Session{ID: e.SessionID, Number: e.SessionNumber, BodySlug: e.SessionSlug, BodyAbbrev: e.SessionAbbrev, Internal: e.SessionInternal}
}

// FollowUpEntries gives the follow-ups matching f with their session and
// item, in order of creation.
func (s *Store) FollowUpEntries(ctx context.Context, f FollowUpFilter) ([]FollowUpEntry, error) {
	w := f.where()
	return queryList(ctx, s.db, func(r scanner) (FollowUpEntry, error) {
		var e FollowUpEntry
		var due, done string
		err := r.Scan(&e.ID, &e.DecisionID, &e.ItemID, &e.Text, &e.Responsible, &due, &e.DueSession, &e.Status, &done,
			&e.Source, &e.SourceID, &e.EvidenceText, &e.EvidenceDocumentID, &e.EvidenceDecisionID, &e.EvidenceItemID,
			&e.ProposalKey, &e.Version, &e.Number, &e.SessionID, &e.SessionNumber, &e.SessionSlug, &e.SessionAbbrev, &e.SessionInternal, &e.ItemNumber, &e.ItemTitle)
		e.DueDate, e.DoneOn = parseDate(due), parseDate(done)
		return e, err
	}, "follow-up entries", `SELECT `+followUpCols+`, COALESCE(se.id, 0), COALESCE(se.number, 0), COALESCE(sb.slug, ''), COALESCE(sb.abbrev, ''), COALESCE(sb.internal, 0), COALESCE(i.number, ''), COALESCE(i.title, '')
		FROM follow_ups f
		LEFT JOIN agenda_items i ON i.id = COALESCE(f.item_id, (SELECT item_id FROM decisions WHERE id = f.decision_id))
		LEFT JOIN sessions se ON se.id = i.session_id
		LEFT JOIN bodies sb ON sb.id = se.body_id`+w.sql()+` ORDER BY f.id`, w.args...)
}

// UpdateFollowUp changes a follow-up; f.Version must be the version read.
// A changed deadline before the session the follow-up was given in is
// refused (checkFollowUpDeadline); an unchanged one stays as it is, so an
// old follow-up's text can still be corrected.
func (s *Store) UpdateFollowUp(ctx context.Context, f model.FollowUp) error {
	if err := f.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkFollowUpRefs(ctx, tx, f); err != nil {
			return err
		}
		old, err := queryOne(ctx, tx, scanFollowUp, fmt.Sprintf("follow-up %d", f.ID), `SELECT `+followUpCols+` FROM follow_ups f WHERE f.id = ?`, f.ID)
		if err != nil {
			return err
		}
		if old.DecisionID != f.DecisionID {
			if err := checkFollowUpDecision(ctx, tx, f); err != nil {
				return err
			}
		}
		changed := f // only what the edit changes is checked
		if old.DueDate == f.DueDate {
			changed.DueDate = model.Date{}
		}
		if old.DueSession == f.DueSession {
			changed.DueSession = 0
		}
		if err := checkFollowUpDeadline(ctx, tx, changed, false); err != nil {
			return err
		}
		// A follow-up the end of a session dropped as undecided is set
		// back by its proposal's adoption only while it stays as dropped,
		// with that proposal (undecided_in).
		undecided := `undecided_in`
		if old.Status != f.Status || old.DecisionID != f.DecisionID {
			undecided = `0`
		}
		return s.updateVersioned(ctx, tx, "follow_ups", "follow_up", f.ID, f.Version,
			`decision_id = ?, item_id = ?, text = ?, responsible = ?, due_on = ?, due_session = ?, status = ?, done_on = ?,
			 source_kind = ?, source_id = ?, evidence_text = ?, evidence_document_id = ?, evidence_decision_id = ?, evidence_item_id = ?, responsible_keys = ?, responsible_public_keys = ?,
			 undecided_in = `+undecided,
			nullID(f.DecisionID), nullID(f.ItemID), f.Text, f.Responsible, f.DueDate.String(), f.DueSession, f.Status, f.DoneOn.String(),
			f.Source, f.SourceID, f.EvidenceText, nullID(f.EvidenceDocumentID), nullID(f.EvidenceDecisionID), nullID(f.EvidenceItemID), f.ResponsibleKeys(), f.PublicResponsibleKeys())
	})
}

// FollowUpReport is what a responsible member's office or the secretariat
// reports on a follow-up: its new status, the evidence when it is erledigt
// (the reason, Begründung, in EvidenceText when it is entfallen), and a
// comment on the progress.
type FollowUpReport struct {
	ID                 int64
	Version            int // the version read
	Status             model.FollowUpStatus
	DoneOn             model.Date
	EvidenceText       string
	EvidenceDocumentID int64
	EvidenceDecisionID int64
	EvidenceItemID     int64
	Comment            string
	Author             string // the account's name
	Member             string // the member the author acts for; "" for the secretariat
}

// NewFollowUpReport starts the report of the account u on follow-up id in
// the version read: the author is the account's name, the member it acts
// for its own ("" for the secretariat).
func NewFollowUpReport(u *model.User, id int64, version int, status model.FollowUpStatus) FollowUpReport {
	rep := FollowUpReport{ID: id, Version: version, Status: status, Author: u.Name, Member: u.MemberAbbrev}
	if u.Role == model.RoleSecretariat {
		rep.Member = ""
	}
	if rep.Author == "" {
		rep.Author = u.Username
	}
	return rep
}

// ReportFollowUp records a report on a follow-up in one transaction: the
// status and evidence (for entfallen the reason, which it needs; another
// status that is not erledigt clears the evidence) and the comment, if any. A stale version gives ErrConflict.
func (s *Store) ReportFollowUp(ctx context.Context, rep FollowUpReport) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		f, err := queryOne(ctx, tx, scanFollowUp, fmt.Sprintf("follow-up %d", rep.ID), `SELECT `+followUpCols+` FROM follow_ups f WHERE f.id = ?`, rep.ID)
		if err != nil {
			return err
		}
		if f.Version != rep.Version {
			return fmt.Errorf("store: report follow-up %d (version %d): %w", rep.ID, rep.Version, ErrConflict)
		}
		f.Status = rep.Status
		f.DoneOn, f.EvidenceText, f.EvidenceDocumentID, f.EvidenceDecisionID, f.EvidenceItemID =
			model.Date{}, "", 0, 0, 0
		switch rep.Status {
		case model.FollowUpDone:
			f.DoneOn, f.EvidenceText, f.EvidenceDocumentID, f.EvidenceDecisionID, f.EvidenceItemID =
				rep.DoneOn, strings.TrimSpace(rep.EvidenceText), rep.EvidenceDocumentID, rep.EvidenceDecisionID, rep.EvidenceItemID
		case model.FollowUpDropped:
			f.EvidenceText = strings.TrimSpace(rep.EvidenceText)
			if err := f.CheckDropped(); err != nil {
				return err
			}
		}
		if err := f.Validate(); err != nil {
			return err
		}
		if err := model.CheckDoneOn("erledigt_am", f.DoneOn, s.Today()); err != nil {
			return err
		}
		if err := doneAfterGiven(ctx, tx, f); err != nil {
			return err
		}
		if err := checkFollowUpRefs(ctx, tx, f); err != nil {
			return err
		}
		// A report is the word of the office or the secretariat on the
		// follow-up: one the end of a session dropped as undecided is no
		// longer set back by the proposal's adoption (undecided_in).
		if err := s.updateVersioned(ctx, tx, "follow_ups", "follow_up", f.ID, f.Version,
			`status = ?, done_on = ?, evidence_text = ?, evidence_document_id = ?, evidence_decision_id = ?, evidence_item_id = ?, undecided_in = 0`,
			f.Status, f.DoneOn.String(), f.EvidenceText, nullID(f.EvidenceDocumentID), nullID(f.EvidenceDecisionID), nullID(f.EvidenceItemID)); err != nil {
			return err
		}
		if c := strings.TrimSpace(rep.Comment); c != "" {
			return s.addFollowUpComment(ctx, tx, model.FollowUpComment{FollowUpID: f.ID, Author: rep.Author, Member: rep.Member, Text: c})
		}
		return nil
	})
}

// AddFollowUpComment adds a comment to a follow-up. With SentOnce the same
// form sent again stores nothing.
func (s *Store) AddFollowUpComment(ctx context.Context, c model.FollowUpComment, opts ...FormOption) error {
	if strings.TrimSpace(c.Text) == "" {
		return model.InputError("Ein Kommentar braucht einen Text.")
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var one int
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM follow_ups WHERE id = ?`, c.FollowUpID).Scan(&one); err != nil {
			return notFound(err, fmt.Sprintf("follow-up %d", c.FollowUpID))
		}
		_, err := s.once(ctx, tx, formOptionsOf(opts), "follow_up_comment", func() (int64, error) {
			return c.FollowUpID, s.addFollowUpComment(ctx, tx, c)
		})
		return err
	})
}

// addFollowUpComment inserts a comment inside tx; the comments are a part
// of the follow-up's audit record.
func (s *Store) addFollowUpComment(ctx context.Context, tx *sql.Tx, c model.FollowUpComment) error {
	if err := s.touch(ctx, tx, "follow_up", c.FollowUpID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO follow_up_comments (follow_up_id, author, member, text, created_at) VALUES (?, ?, ?, ?, ?)`,
		c.FollowUpID, c.Author, c.Member, strings.TrimSpace(c.Text), s.now().UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("store: follow-up comment: %w", err)
	}
	return s.audit(ctx, tx, "comment", "follow_up", c.FollowUpID, c.Member)
}

// FollowUpComments gives the comments on a follow-up, oldest first.
func (s *Store) FollowUpComments(ctx context.Context, followUpID int64) ([]model.FollowUpComment, error) {
	return queryList(ctx, s.db, func(r scanner) (model.FollowUpComment, error) {
		var c model.FollowUpComment
		var at string
		err := r.Scan(&c.ID, &c.FollowUpID, &c.Author, &c.Member, &c.Text, &at)
		c.At, _ = time.Parse(time.RFC3339, at)
		return c, err
	}, "follow-up comments", `SELECT id, follow_up_id, author, member, text, created_at FROM follow_up_comments WHERE follow_up_id = ? ORDER BY id`, followUpID)
}

// DismissFollowUpProposal records that the secretariat dismissed a proposed
// follow-up of a session, so that it is not proposed again.
func (s *Store) DismissFollowUpProposal(ctx context.Context, sessionID int64, key, text, by string) error {
	if key == "" {
		return model.InputError("Der Vorschlag ist unbekannt.")
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := s.insert(ctx, tx, "follow_up_dismissal", key,
			`INSERT INTO follow_up_dismissals (session_id, proposal_key, text, dismissed_by) VALUES (?, ?, ?, ?)`, sessionID, key, text, by)
		return err
	})
}

// HandledFollowUpProposals gives the keys of a session's proposals that
// were confirmed (a follow-up carries the key) or dismissed. The
// proposals from the written procedures its minutes list are confirmed
// into follow-ups of the procedure's decision, which has no item: those
// follow-ups' keys are given too (keys name their session, so another
// session's do no harm).
func (s *Store) HandledFollowUpProposals(ctx context.Context, sessionID int64) (map[string]bool, error) {
	keys, err := queryList(ctx, s.db, func(r scanner) (string, error) {
		var k string
		return k, r.Scan(&k)
	}, "handled proposals", `SELECT proposal_key FROM follow_up_dismissals WHERE session_id = ?
		UNION SELECT f.proposal_key FROM follow_ups f WHERE f.proposal_key != ''
			AND COALESCE(f.item_id, (SELECT item_id FROM decisions WHERE id = f.decision_id)) IN (SELECT id FROM agenda_items WHERE session_id = ?)
		UNION SELECT f.proposal_key FROM follow_ups f JOIN written_procedures p ON p.decision_id = f.decision_id
			WHERE f.proposal_key != '' AND f.item_id IS NULL`,
		sessionID, sessionID)
	if err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(keys))
	for _, k := range keys {
		out[k] = true
	}
	return out, nil
}

// FollowUpDecisions gives the decisions with the ids, by id, in one query:
// what lists need to ask the publication gate, to link the decision and to
// name it as last corrected (each with its newest correction as its only
// one, as Decisions; votes are not loaded).
func (s *Store) FollowUpDecisions(ctx context.Context, ids []int64) (map[int64]model.Decision, error) {
	out := make(map[int64]model.Decision, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	list, err := queryList(ctx, s.db, scanCorrectedDecision, "follow-up decisions",
		`SELECT `+correctedCols+` FROM decisions d`+newestCorrection+` WHERE d.id IN (SELECT value FROM `+s.jsonInts("?")+` j)`, toJSON(ids))
	if err != nil {
		return nil, err
	}
	for _, d := range list {
		out[d.ID] = d
	}
	return out, nil
}

// EvidenceDecision finds the decision of the body that closed a follow-up
// by its number as typed ("B-2025/30-IT"); 0 when ref is empty. A number
// that is none, carries another body's prefix or suffix (BE-2026/01-AL),
// or names no decision of the body, is an input error with the German
// reason (the report form and the JSON API alike).
func (s *Store) EvidenceDecision(ctx context.Context, bodyID int64, ref string) (int64, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return 0, nil
	}
	n, ok := model.ParseDecisionRef(ref)
	if !ok {
		return 0, model.InputError("Der Beschluss des Nachweises wird mit seiner Nummer angegeben, zum Beispiel B-2025/30-IT.")
	}
	b, err := s.Body(ctx, bodyID)
	if err != nil {
		return 0, err
	}
	d, err := s.DecisionByNumber(ctx, bodyID, n)
	if !model.DecisionRefFits(b.DecisionPattern, ref) {
		// BE-2026/01-AL is a recommendation of the AL-Runde, not the
		// council's B-2026/01-IT. The number written as the body writes
		// it is offered only where such a decision exists (before:
		// "… wie B-2099/01-IT", which does not).
		if err == nil {
			return 0, model.InputError("%s ist keine Nummer eines Beschlusses des %s; gemeint ist vielleicht %s.",
				ref, b.Abbrev, model.FormatDecisionNumber(b.DecisionPattern, n))
		}
		if errors.Is(err, ErrNotFound) {
			written := model.FormatDecisionNumber(b.DecisionPattern, n)
			if digitsOut(ref) == digitsOut(written) {
				// The body's number, written without its zeros
				// (B-2099/1-IT): it is not there, not written wrong.
				return 0, model.InputError("Einen Beschluss %s gibt es nicht.", written)
			}
			return 0, model.InputError("%s ist keine Nummer eines Beschlusses des %s, und einen Beschluss %s gibt es nicht.",
				ref, b.Abbrev, written)
		}
		return 0, err
	}
	if errors.Is(err, ErrNotFound) {
		return 0, model.InputError("Der Beschluss %s ist nicht erfasst.", ref)
	}
	if err != nil {
		return 0, err
	}
	return d.ID, nil
}

// EvidenceItem finds the agenda item of the body that closed a follow-up by
// the session's number and the item's number as typed ("48", "05"; "5"
// finds "05"); 0 when session is empty. Anything else that finds no item
// is an input error with the German reason.
func (s *Store) EvidenceItem(ctx context.Context, bodyID int64, session, item string) (int64, error) {
	session, item = strings.TrimSpace(session), strings.TrimSpace(item)
	if session == "" {
		return 0, nil
	}
	nr, err := strconv.Atoi(session)
	if err != nil || nr <= 0 || item == "" {
		// At the field that is wrong: the session's number, else the
		// missing TOP.
		field := "nachweis_top"
		if err != nil || nr <= 0 {
			field = "nachweis_sitzung"
		}
		return 0, model.AtField(field, model.InputError("Der Tagesordnungspunkt des Nachweises wird mit Sitzung und TOP-Nummer angegeben, zum Beispiel 48 und 05."))
	}
	se, err := s.SessionByNumber(ctx, bodyID, nr)
	if errors.Is(err, ErrNotFound) {
		return 0, model.AtField("nachweis_sitzung", model.InputError("Die %d. Sitzung ist nicht erfasst.", nr))
	}
	if err != nil {
		return 0, err
	}
	items, err := s.Items(ctx, se.ID)
	if err != nil {
		return 0, err
	}
	for _, it := range items {
		if it.Number == item || strings.TrimLeft(it.Number, "0") == strings.TrimLeft(item, "0") && it.Number != "" {
			return it.ID, nil
		}
	}
	return 0, model.AtField("nachweis_top", model.InputError("Die %d. Sitzung hat keinen TOP %s.", nr, item))
}

// doneAfterGiven refuses a completion date before the session the
// follow-up was given in (by its item, else by its decision's item), at
// the form's field: "erledigt am 01.01.2020" was taken for a follow-up of
// the 47th session of 26.06.2025. A follow-up of no session (a written
// procedure's decision without an item) has no such bound.
func doneAfterGiven(ctx context.Context, tx *sql.Tx, f model.FollowUp) error {
	if f.DoneOn.IsZero() {
		return nil
	}
	var sessionID int64
	err := tx.QueryRowContext(ctx, `SELECT session_id FROM agenda_items WHERE id = COALESCE(NULLIF(?, 0), (SELECT item_id FROM decisions WHERE id = ?))`,
		f.ItemID, f.DecisionID).Scan(&sessionID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: session of follow-up %d: %w", f.ID, err)
	}
	se, err := loadSessionTx(ctx, tx, sessionID)
	if err != nil {
		return err
	}
	if se.Date.IsZero() || !f.DoneOn.Before(se.Date) {
		return nil
	}
	return model.AtField("erledigt_am", model.InputError("Das Datum der Erledigung %s liegt vor der %s vom %s, in der der Auftrag erteilt wurde; bitte das Datum angeben, an dem erledigt wurde.",
		f.DoneOn.German(), se.Title(), se.Date.German()))
}

// digitsOut gives s without its digits: two decision numbers with the
// same prefix, separators and suffix give the same text.
func digitsOut(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return -1
		}
		return r
	}, s)
}
