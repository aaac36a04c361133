package store

// Structured corrections (Berichtigungen) of approved minutes: one row at
// a time, proposed with its reason and approved like the minutes, in a
// later session while it runs or by written procedure (Umlaufverfahren).
// The approval changes the row and keeps the minutes as a new version in
// one transaction; the approved versions stay.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"gremium/internal/model"
)

// selectCorrections reads corrections (minutes_corrections, as mc) with
// the written procedure on each (model.MinutesCorrection.Procedure): the
// one whose close approved it, or the one open on it — at most one of
// the two, as a procedure starts only on a proposed correction without
// an open one (correctionInProcedure); the newest, should there be more.
// Before, a correction approved by written procedure was read without
// it, and said "genehmigt am …" as if approved in no session at all.
const selectCorrections = `SELECT mc.id, mc.session_id, mc.item_id, mc.row_kind, mc.row_id, mc.row_version, mc.speaker, mc.confidential,
	mc.before_text, mc.after_text, mc.reason, mc.status, mc.created_by, mc.created_at, mc.approved_in, mc.approved_on, mc.minutes_version, mc.version,
	COALESCE(wp.id, 0), COALESCE(wd.title, ''), COALESCE(wp.deadline, ''), COALESCE(wp.status, '')
	FROM minutes_corrections mc
	LEFT JOIN written_procedures wp ON wp.id = (SELECT MAX(cp.procedure_id) FROM correction_procedures cp JOIN written_procedures p ON p.id = cp.procedure_id
		WHERE cp.correction_id = mc.id AND (cp.outcome = '` + CorrectionProcedureApproved + `' OR p.status = '` + string(model.ProcedureOpen) + `'))
	LEFT JOIN decisions wd ON wd.id = wp.decision_id`

func scanCorrection(r scanner) (model.MinutesCorrection, error) {
	var c model.MinutesCorrection
	var created, approved, deadline string
	var status model.ProcedureStatus
	err := r.Scan(&c.ID, &c.SessionID, &c.ItemID, &c.RowKind, &c.RowID, &c.RowVersion, &c.Speaker, &c.Confidential, &c.Before, &c.After, &c.Reason,
		&c.Status, &c.CreatedBy, &created, &c.ApprovedIn, &approved, &c.MinutesVersion, &c.Version,
		&c.Procedure.ID, &c.Procedure.Title, &deadline, &status)
	c.CreatedAt, _ = time.Parse(time.RFC3339, created)
	c.ApprovedOn = parseDate(approved)
	c.Procedure.Deadline, _ = time.Parse(time.RFC3339, deadline)
	c.Procedure.Open = status == model.ProcedureOpen
	return c, err
}

// correctedRow is the stored state of a row a correction names.
type correctedRow struct {
	itemID, sessionID int64
	version           int
	speaker, text     string
	confidential      bool
}

// loadCorrectedRow reads the row of kind ("ON", "PN", "text") and id, with
// its session; the text of a contribution is its points, one per line.
func loadCorrectedRow(ctx context.Context, q queryer, kind string, id int64) (correctedRow, error) {
	var row correctedRow
	var err error
	switch kind {
	case "ON":
		var c model.Contribution
		if c, err = queryOne(ctx, q, scanContribution, fmt.Sprintf("contribution %d", id),
			selectContributions+` WHERE id = ?`, id); err == nil {
			row = correctedRow{itemID: c.ItemID, version: c.Version, speaker: c.Speaker, text: strings.Join(c.Points, "\n"), confidential: c.Confidential}
		}
	case "PN":
		var n model.ProtocolNote
		if n, err = queryOne(ctx, q, scanNote, fmt.Sprintf("protocol note %d", id),
			selectNotes+` WHERE id = ?`, id); err == nil {
			row = correctedRow{itemID: n.ItemID, version: n.Version, speaker: n.Author, text: n.Text, confidential: n.Confidential}
		}
	case "text":
		var m model.Remark
		if m, err = queryOne(ctx, q, scanRemark, fmt.Sprintf("remark %d", id),
			selectRemarks+` WHERE id = ?`, id); err == nil {
			row = correctedRow{itemID: m.ItemID, version: m.Version, text: m.Text, confidential: m.Confidential}
		}
	default:
		return row, model.InputError("Berichtigt werden Wortbeiträge, Protokollnotizen und Vermerke.")
	}
	if err != nil {
		return row, err
	}
	if err := q.QueryRowContext(ctx, `SELECT session_id FROM agenda_items WHERE id = ?`, row.itemID).Scan(&row.sessionID); err != nil {
		return row, notFound(err, "agenda item")
	}
	return row, nil
}

// ProposeMinutesCorrection stores a correction of one row of approved
// minutes (c.RowKind, c.RowID, the corrected text c.After with its marks,
// c.Reason); the row's current text and version are read here. It gives
// the correction's id.
func (s *Store) ProposeMinutesCorrection(ctx context.Context, c model.MinutesCorrection) (int64, error) {
	// The reason is public with the approved correction: its typed marks
	// are confidential passages, whoever calls.
	if err := c.MarkReason(); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		row, err := loadCorrectedRow(ctx, tx, c.RowKind, c.RowID)
		if err != nil {
			return err
		}
		se, err := loadSessionTx(ctx, tx, row.sessionID)
		if err != nil {
			return err
		}
		if c.SessionID != 0 && c.SessionID != se.ID {
			return model.NotFoundError("Diese Zeile gehört nicht zum Protokoll der %d. Sitzung.", se.Number)
		}
		if !se.Status.MinutesFrozen() {
			return model.RuleError("Nur ein genehmigtes Protokoll wird berichtigt; das Protokoll der %d. Sitzung ist „%s“ und wird direkt bearbeitet.", se.Number, se.Status.Label())
		}
		// A new proposal is part of the minutes' stamp: it would keep
		// the procedure's result from taking effect.
		if err := correctionInProcedure(ctx, tx, se.ID, se.Number); err != nil {
			return err
		}
		c.SessionID, c.ItemID, c.RowVersion, c.Speaker, c.Confidential, c.Before = se.ID, row.itemID, row.version, row.speaker, row.confidential, row.text
		c.Reason, c.After = strings.TrimSpace(c.Reason), strings.TrimSpace(c.After)
		if err := c.Validate(); err != nil {
			return err
		}
		var open int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM minutes_corrections WHERE row_kind = ? AND row_id = ? AND status = ?`,
			c.RowKind, c.RowID, model.CorrectionProposed).Scan(&open); err != nil {
			return fmt.Errorf("store: open corrections: %w", err)
		}
		if open > 0 {
			return model.ConflictError("Für diese Zeile liegt bereits eine Berichtigung zur Genehmigung vor.")
		}
		id, err = s.insert(ctx, tx, "minutes_correction", c.RowKindLabel(),
			`INSERT INTO minutes_corrections (session_id, item_id, row_kind, row_id, row_version, speaker, confidential, before_text, after_text, reason,
			   status, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.SessionID, c.ItemID, c.RowKind, c.RowID, c.RowVersion, c.Speaker, c.Confidential, c.Before, c.After, c.Reason,
			model.CorrectionProposed, actorFrom(ctx), s.now().UTC().Format(time.RFC3339))
		return err
	})
	return id, err
}

// MinutesCorrection gives the correction with the id.
func (s *Store) MinutesCorrection(ctx context.Context, id int64) (model.MinutesCorrection, error) {
	return queryOne(ctx, s.db, scanCorrection, fmt.Sprintf("minutes correction %d", id), selectCorrections+` WHERE mc.id = ?`, id)
}

// MinutesCorrections gives the corrections of a session's minutes, oldest
// first (the history).
func (s *Store) MinutesCorrections(ctx context.Context, sessionID int64) ([]model.MinutesCorrection, error) {
	return queryList(ctx, s.db, scanCorrection, "minutes corrections",
		selectCorrections+` WHERE mc.session_id = ? ORDER BY mc.id`, sessionID)
}

// ProposedCorrections gives the corrections of a body's minutes that wait
// for approval, with the number of the session each corrects.
func (s *Store) ProposedCorrections(ctx context.Context, bodyID int64) ([]model.MinutesCorrection, map[int64]int, error) {
	list, err := queryList(ctx, s.db, scanCorrection, "proposed corrections",
		selectCorrections+` WHERE mc.status = ? AND EXISTS (SELECT 1 FROM sessions WHERE sessions.id = mc.session_id AND sessions.body_id = ?) ORDER BY mc.id`,
		model.CorrectionProposed, bodyID)
	if err != nil {
		return nil, nil, err
	}
	numbers := map[int64]int{}
	for _, c := range list {
		if _, ok := numbers[c.SessionID]; ok {
			continue
		}
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT number FROM sessions WHERE id = ?`, c.SessionID).Scan(&n); err != nil {
			return nil, nil, fmt.Errorf("store: session of correction: %w", err)
		}
		numbers[c.SessionID] = n
	}
	return list, numbers, nil
}

// ApproveMinutesCorrection approves a proposed correction in the running
// session approvingNumber (a later session of the same body), like the
// minutes: the row takes the corrected text — refused with a conflict if
// it changed since the proposal — and text, the minutes as corrected, is
// kept as a new version with the reason. It gives the version number.
// read is the stamp of the minutes (MinutesStamp) read before text was
// rendered: if they changed since (another correction approved, the
// correction itself changed, anything else the minutes show), the
// approval is refused with a conflict, so that the version kept is the
// rows as corrected. It is required: an empty stamp is an error, never an
// approval unchecked.
func (s *Store) ApproveMinutesCorrection(ctx context.Context, id int64, approvingNumber int, text string, read MinutesStamp) (int, error) {
	var v int
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		c, err := queryOne(ctx, tx, scanCorrection, fmt.Sprintf("minutes correction %d", id), selectCorrections+` WHERE mc.id = ?`, id)
		if err != nil {
			return err
		}
		if c.Status != model.CorrectionProposed {
			return model.RuleError("Diese Berichtigung ist bereits genehmigt.")
		}
		cur, err := loadSessionTx(ctx, tx, c.SessionID)
		if err != nil {
			return err
		}
		approving, err := approvingSessionTx(ctx, tx, cur, approvingNumber, "Eine Berichtigung wird wie das Protokoll")
		if err != nil {
			return err
		}
		// Like the minutes' approval, a decision of the council: the
		// quorum a vote at the item called needs.
		if err := checkQuorumAt(ctx, tx, approving, approving.CurrentItemID); err != nil {
			return quorumRefusal(err, "Die Berichtigung ist nicht genehmigt")
		}
		// Not while a written procedure approves a correction of these
		// minutes: its result would approve a text no longer theirs.
		if err := correctionInProcedure(ctx, tx, cur.ID, cur.Number); err != nil {
			return err
		}
		if err := s.checkMinutesStamp(ctx, tx, cur.ID, cur.Number, "die Berichtigung ist nicht genehmigt. Bitte prüfen Sie sie und genehmigen Sie erneut.", read); err != nil {
			return err
		}
		if err := s.applyCorrection(ctx, tx, c); err != nil {
			return err
		}
		on := approving.Date
		if on.IsZero() {
			on = s.Today()
		}
		note := fmt.Sprintf("Berichtigung (%s): %s; genehmigt in der %d. Sitzung", c.RowKindLabel(), model.PublicText(c.Reason), approvingNumber)
		if v, err = s.addMinutesVersion(ctx, tx, MinutesVersion{SessionID: cur.ID, Stand: on, Note: note, Text: text}); err != nil {
			return err
		}
		return s.updateVersioned(ctx, tx, "minutes_corrections", "minutes_correction", c.ID, c.Version,
			`status = ?, approved_in = ?, approved_on = ?, minutes_version = ?`, model.CorrectionApproved, approvingNumber, on.String(), v)
	})
	return v, err
}

// applyCorrection writes the corrected text into the row, checked against
// the row's version at the proposal.
func (s *Store) applyCorrection(ctx context.Context, tx *sql.Tx, c model.MinutesCorrection) error {
	switch c.RowKind {
	case "ON":
		var points []string
		for _, l := range strings.Split(c.After, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				points = append(points, l)
			}
		}
		return s.updateVersioned(ctx, tx, "contributions", "contribution", c.RowID, c.RowVersion, `points = ?`, toJSON(points))
	case "PN":
		return s.updateVersioned(ctx, tx, "protocol_notes", "protocol_note", c.RowID, c.RowVersion, `text = ?`, c.After)
	case "text":
		return s.updateVersioned(ctx, tx, "remarks", "remark", c.RowID, c.RowVersion, `text = ?`, c.After)
	}
	return model.InputError("Unbekannte Art der Zeile „%s“.", c.RowKind)
}

// CorrectionProcedure is the written procedure (Umlaufverfahren) that
// approves a correction of approved minutes, as minutes may be approved
// ("Bestätigung der Berichtigung des Protokolls der 48. Sitzung").
type CorrectionProcedure struct {
	ProcedureID  int64
	CorrectionID int64
	Status       model.ProcedureStatus
	Title        string    // the proposal's title
	Deadline     time.Time // an instant; shown in German time
	// Outcome is what the procedure's close did with the correction:
	// "" while it is open, CorrectionApproved when it approved it, else
	// why the correction still waits (not adopted, or changed since the
	// procedure started).
	Outcome string
}

// Open reports whether the procedure is still open.
func (p CorrectionProcedure) Open() bool { return p.Status == model.ProcedureOpen }

// Outcomes of a correction's written procedure at its close
// (CorrectionProcedure.Outcome).
const (
	CorrectionProcedureApproved = "genehmigt"
	CorrectionProcedureRejected = "nicht bestätigt"
	CorrectionProcedureStale    = "nicht übernommen: die Berichtigung oder das Protokoll wurde geändert, seit das Umlaufverfahren eingeleitet wurde"
)

const correctionProcedureSelect = `SELECT cp.procedure_id, cp.correction_id, p.status, d.title, p.deadline, cp.outcome
	FROM correction_procedures cp JOIN written_procedures p ON p.id = cp.procedure_id JOIN decisions d ON d.id = p.decision_id`

func scanCorrectionProcedure(r scanner) (CorrectionProcedure, error) {
	var p CorrectionProcedure
	var deadline string
	err := r.Scan(&p.ProcedureID, &p.CorrectionID, &p.Status, &p.Title, &deadline, &p.Outcome)
	p.Deadline, _ = time.Parse(time.RFC3339, deadline)
	return p, err
}

// ProcedureOfCorrection gives the written procedure with the id if it
// approves a correction, and false if it approves none.
func (s *Store) ProcedureOfCorrection(ctx context.Context, procedureID int64) (CorrectionProcedure, bool, error) {
	list, err := queryList(ctx, s.rd, scanCorrectionProcedure, "correction procedure", correctionProcedureSelect+` WHERE cp.procedure_id = ?`, procedureID)
	if err != nil || len(list) == 0 {
		return CorrectionProcedure{}, false, err
	}
	return list[0], true, nil
}

// CorrectionProcedures gives the written procedures started on the
// correction with the id, the newest first.
func (s *Store) CorrectionProcedures(ctx context.Context, correctionID int64) ([]CorrectionProcedure, error) {
	return queryList(ctx, s.rd, scanCorrectionProcedure, "correction procedures", correctionProcedureSelect+` WHERE cp.correction_id = ? ORDER BY cp.procedure_id DESC`, correctionID)
}

// StartCorrectionProcedure starts a written procedure that approves the
// proposed correction with the id, in one transaction, as
// StartProcedure starts one approving draft minutes: ps.MinutesText is
// the minutes as corrected, sent to the members, and ps.MinutesStamp the
// stamp of the corrected minutes read before that text was rendered —
// required; if the minutes changed since, nothing starts (a conflict).
// While the procedure is open the minutes are not corrected otherwise
// (correctionInProcedure). Adopted, the procedure approves the correction
// with that text as the new version (approveCorrectionByProcedureTx);
// rejected, the correction waits as before. ps.ApprovesSession must be 0.
// It gives the procedure's id; with SentOnce the same form sent again
// starts nothing and gives the procedure the first send started.
func (s *Store) StartCorrectionProcedure(ctx context.Context, correctionID int64, ps ProcedureStart, opts ...FormOption) (int64, error) {
	if ps.ApprovesSession != 0 {
		return 0, model.InputError("Ein Umlaufverfahren bestätigt entweder ein Protokoll oder eine Berichtigung.")
	}
	if strings.TrimSpace(ps.MinutesText) == "" {
		return 0, model.InputError("Für die Genehmigung einer Berichtigung im Umlaufverfahren fehlt der Text des berichtigten Protokolls.")
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.once(ctx, tx, formOptionsOf(opts), "procedure", func() (int64, error) {
			c, err := queryOne(ctx, tx, scanCorrection, fmt.Sprintf("minutes correction %d", correctionID), selectCorrections+` WHERE mc.id = ?`, correctionID)
			if err != nil {
				return 0, err
			}
			if c.Status != model.CorrectionProposed {
				return 0, model.AtField("berichtigung", model.RuleError("Diese Berichtigung ist bereits genehmigt."))
			}
			se, err := loadSessionTx(ctx, tx, c.SessionID)
			if err != nil {
				return 0, err
			}
			if se.BodyID != ps.Decision.BodyID {
				return 0, model.AtField("berichtigung", model.RuleError("Die Berichtigung des Protokolls der %d. Sitzung genehmigt das Gremium dieser Sitzung.", se.Number))
			}
			if err := correctionInProcedure(ctx, tx, se.ID, se.Number); err != nil {
				return 0, model.AtField("berichtigung", err)
			}
			if err := s.checkMinutesStamp(ctx, tx, se.ID, se.Number, "das Umlaufverfahren ist nicht eingeleitet. Bitte prüfen Sie es und leiten Sie das Verfahren erneut ein.", ps.MinutesStamp); err != nil {
				return 0, model.AtField("berichtigung", err)
			}
			if err := s.touch(ctx, tx, "minutes_correction", c.ID); err != nil {
				return 0, err
			}
			id, _, err := s.startProcedureTx(ctx, tx, ps)
			if err != nil {
				return 0, err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO correction_procedures (procedure_id, correction_id, correction_version, minutes_stamp) VALUES (?, ?, ?, ?)`,
				id, c.ID, c.Version, string(ps.MinutesStamp)); err != nil {
				return 0, fmt.Errorf("store: correction procedure: %w", err)
			}
			return id, s.audit(ctx, tx, "update", "minutes_correction", c.ID, fmt.Sprintf("zur Genehmigung im Umlaufverfahren „%s“ (Frist: %s)", model.PublicText(ps.Decision.Title), model.BerlinDateTime(ps.Deadline)))
		})
		return err
	})
	return id, err
}

// approveCorrectionByProcedureTx ends, inside the close's transaction tx,
// what written procedure p does to the correction it approves (none: it
// does nothing). Adopted, the correction is approved as in a session
// (ApproveMinutesCorrection): the row takes the corrected text and the
// text sent to the members (p.MinutesText) is kept as the new version of
// the minutes, dated on — but only if neither the correction nor the
// minutes changed since the procedure started (their stamp): the result
// never approves a text the members were not sent. Then, and when the
// procedure is not adopted, the correction waits for approval as before,
// and the outcome is recorded with the procedure.
func (s *Store) approveCorrectionByProcedureTx(ctx context.Context, tx *sql.Tx, p model.WrittenProcedure, adopted bool, on model.Date, closedAt time.Time) error {
	var correctionID int64
	var version int
	var stamp string
	err := tx.QueryRowContext(ctx, `SELECT correction_id, correction_version, minutes_stamp FROM correction_procedures WHERE procedure_id = ?`, p.ID).
		Scan(&correctionID, &version, &stamp)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return fmt.Errorf("store: correction of procedure %d: %w", p.ID, err)
	}
	c, err := queryOne(ctx, tx, scanCorrection, fmt.Sprintf("minutes correction %d", correctionID), selectCorrections+` WHERE mc.id = ?`, correctionID)
	if err != nil {
		return err
	}
	if err := s.touch(ctx, tx, "minutes_correction", c.ID); err != nil {
		return err
	}
	outcome := CorrectionProcedureRejected
	if adopted {
		outcome = CorrectionProcedureStale
		if c.Status == model.CorrectionProposed && c.Version == version {
			now, err := s.minutesStamp(ctx, tx, c.SessionID)
			if err != nil {
				return err
			}
			if string(now) == stamp {
				outcome = CorrectionProcedureApproved
			}
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE correction_procedures SET outcome = ? WHERE procedure_id = ?`, outcome, p.ID); err != nil {
		return fmt.Errorf("store: correction procedure: %w", err)
	}
	if outcome != CorrectionProcedureApproved {
		return s.audit(ctx, tx, "close", "minutes_correction", c.ID, "Umlaufverfahren: "+outcome+"; die Berichtigung liegt weiter zur Genehmigung vor")
	}
	if err := s.applyCorrection(ctx, tx, c); err != nil {
		return err
	}
	note := fmt.Sprintf("Berichtigung (%s): %s; bestätigt im Umlaufverfahren (%s)", c.RowKindLabel(), model.PublicText(c.Reason), model.BerlinDateTime(closedAt))
	v, err := s.addMinutesVersion(ctx, tx, MinutesVersion{SessionID: c.SessionID, Stand: on, Note: note, Text: p.MinutesText})
	if err != nil {
		return err
	}
	if err := s.updateVersioned(ctx, tx, "minutes_corrections", "minutes_correction", c.ID, c.Version,
		`status = ?, approved_in = ?, approved_on = ?, minutes_version = ?`, model.CorrectionApproved, 0, on.String(), v); err != nil {
		return err
	}
	return s.audit(ctx, tx, "approve", "minutes_correction", c.ID, note)
}
