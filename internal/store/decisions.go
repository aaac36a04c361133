package store

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

const decisionCols = `d.id, d.body_id, COALESCE(d.session_id, 0), COALESCE(d.item_id, 0), d.position, d.kind, d.year, d.seq, d.label,
	d.title, d.points, d.status, d.result, d.scope, d.adopted_on, d.applicants, d.all_must_consent, d.ks_year, d.count_reason, d.version,
	COALESCE((SELECT internal FROM bodies WHERE bodies.id = d.body_id), 0),
	COALESCE((SELECT prepares_id FROM bodies WHERE bodies.id = d.body_id), 0) <> 0`

func scanDecision(r scanner) (model.Decision, error) {
	var d model.Decision
	var points, adopted, applicants string
	if err := r.Scan(&d.ID, &d.BodyID, &d.SessionID, &d.ItemID, &d.Position, &d.Kind, &d.Number.Year, &d.Number.Seq, &d.Label,
		&d.Title, &points, &d.Status, &d.Result, &d.Scope, &adopted, &applicants, &d.AllMustConsent, &d.SharesYear, &d.CountReason, &d.Version, &d.Internal, &d.Recommends); err != nil {
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
	return insertVotes(ctx, tx, []int64{decisionID}, [][]model.Vote{votes})
}

// voteInsertBatch is how many votes one INSERT of insertVotes writes.
const voteInsertBatch = 200

// insertVotes inserts the votes of decisions (votes[i] those of
// decisionIDs[i]), voteInsertBatch per statement.
func insertVotes(ctx context.Context, tx *sql.Tx, decisionIDs []int64, votes [][]model.Vote) error {
	var args []any
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		q := `INSERT INTO votes (decision_id, member_abbrev, choice) VALUES (?, ?, ?)` + strings.Repeat(`, (?, ?, ?)`, len(args)/3-1)
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("store: votes: %w", err)
		}
		args = args[:0]
		return nil
	}
	for i, id := range decisionIDs {
		for _, v := range votes[i] {
			args = append(args, id, v.Member, v.Choice)
			if len(args) == 3*voteInsertBatch {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	return flush()
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
// number; it is decided only by a count under the body's rule: a vote in
// session (OpenBallot … CloseBallot, RecordShowOfHands) or a written
// procedure. A decision recorded from the past (adopted or rejected, as
// the demo or a bench corpus records them) keeps its recorded result and
// votes and may carry its known number: the body's counter for that year is
// then raised so that new adoptions continue after it; a number held by a
// decision of the register or by an earlier decision is refused at
// "nummer" (one number names one decision), unless the decision is that
// earlier decision (adopted on its day, takeEarlier): then the earlier
// decision's record gives way in the same transaction, as in the minutes
// import. It cannot belong to
// a session that is still planned or running in gremium: there decisions
// are taken by vote. A draft on an agenda item ticks the item's box
// "Beschluss"; a zero Position places the decision after the item's last
// row. With SentOnce, a proposal form sent again stores nothing and gives
// the id of the proposal the first send made.
func (s *Store) CreateDecision(ctx context.Context, d model.Decision, opts ...FormOption) (int64, error) {
	if err := d.Validate(); err != nil {
		return 0, err
	}
	if d.Status == model.DecisionDraft && !d.Number.IsZero() {
		return 0, model.RuleError("Ein Beschlussvorschlag erhält seine Nummer erst mit der Beschlussfassung.")
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.once(ctx, tx, formOptionsOf(opts), "decision_proposal", func() (int64, error) {
			return s.createDecisionChecked(ctx, tx, d)
		})
		return err
	})
	return id, err
}

// createDecisionChecked is CreateDecision inside tx: the rules of a draft
// or of a decision recorded from the past, the row's place, the item's
// box.
func (s *Store) createDecisionChecked(ctx context.Context, tx *sql.Tx, d model.Decision) (int64, error) {
	if d.SessionID != 0 && d.Status == model.DecisionDraft {
		if err := checkSessionOpen(ctx, tx, d.SessionID); err != nil {
			return 0, err
		}
		// A proposal is never public (model.Decision.Public): the
		// internal Stand moves, the public one stays.
		if err := s.dateDraftMinutes(ctx, tx, d.SessionID, false); err != nil {
			return 0, err
		}
	}
	if d.Status == model.DecisionDraft {
		if err := checkApplicants(ctx, tx, d.Applicants); err != nil {
			return 0, err
		}
	} else if d.SessionID != 0 {
		if err := checkRecordedFromPast(ctx, tx, d.SessionID); err != nil {
			return 0, err
		}
		if err := checkNotInProcedure(ctx, tx, d.SessionID); err != nil {
			return 0, err
		}
	}
	if d.ItemID != 0 && d.Status == model.DecisionDraft {
		if open, err := consentBallotAt(ctx, tx, d.ItemID); err != nil {
			return 0, err
		} else if open {
			return 0, model.RuleError("Über die Grüne Liste wird gerade abgestimmt; ein Beschlussvorschlag kann ihr erst nach der Abstimmung hinzugefügt werden.")
		}
	}
	if d.ItemID != 0 {
		var err error
		if d.Position, err = placeRow(ctx, tx, d.ItemID, d.Position); err != nil {
			return 0, err
		}
	}
	id, err := s.createDecisionTx(ctx, tx, d)
	if err != nil {
		return 0, err
	}
	if d.ItemID != 0 && d.Status == model.DecisionDraft {
		return id, s.setItemFlag(ctx, tx, d.ItemID, "flag_decision")
	}
	return id, nil
}

// checkRecordedFromPast refuses a decided decision recorded for a session
// that has not ended: a session held in gremium decides by vote.
func checkRecordedFromPast(ctx context.Context, tx *sql.Tx, sessionID int64) error {
	var status model.SessionStatus
	var number int
	if err := tx.QueryRowContext(ctx, `SELECT status, number FROM sessions WHERE id = ?`, sessionID).Scan(&status, &number); err != nil {
		return notFound(err, fmt.Sprintf("session %d", sessionID))
	}
	switch status {
	case model.StatusPlanned, model.StatusConvened, model.StatusRunning:
		return model.RuleError("In der %d. Sitzung wird durch Abstimmung beschlossen; ein Beschluss kann dort nicht als bereits gefasst erfasst werden.", number)
	}
	return nil
}

// createDecisionTx inserts a decision with its votes inside tx; a known
// number raises the body's counter and gives the label.
func (s *Store) createDecisionTx(ctx context.Context, tx *sql.Tx, d model.Decision) (int64, error) {
	if d.ItemID != 0 {
		// A deferred item is decided in the later session, not here.
		var to int
		if err := tx.QueryRowContext(ctx, `SELECT deferred_to FROM agenda_items WHERE id = ?`, d.ItemID).Scan(&to); err != nil {
			return 0, notFound(err, fmt.Sprintf("agenda item %d", d.ItemID))
		}
		if to > 0 {
			return 0, model.RuleError("Dieser TOP ist vertagt auf die %d. Sitzung; ein Beschluss zu ihm wird dort gefasst.", to)
		}
	}
	if !d.Number.IsZero() {
		pattern, err := bodyPattern(ctx, tx, d.BodyID)
		if err != nil {
			return 0, err
		}
		d.Label = model.FormatDecisionNumber(pattern, d.Number)
		// One number names one decision: one in the register or
		// recorded as an earlier decision is not given again (before,
		// an earlier decision's number was).
		if h, held, err := numberHeld(ctx, tx, d.BodyID, d.Number); err != nil {
			return 0, err
		} else if held {
			if err := s.takeEarlier(ctx, tx, h, d); err != nil {
				return 0, model.AtField("nummer", err)
			}
		}
		if err := raiseCounter(ctx, tx, d.BodyID, d.Number); err != nil {
			return 0, err
		}
	}
	id, err := s.insert(ctx, tx, "decision", cmp.Or(d.Label, d.Title),
		`INSERT INTO decisions (item_id, `+decisionColumns+`) VALUES (?`+strings.Repeat(", ?", decisionValueCount)+`)`,
		append([]any{nullID(d.ItemID)}, decisionValues(d)...)...)
	if err != nil {
		return 0, err
	}
	return id, replaceVotes(ctx, tx, id, d.Votes)
}

// decisionColumns are the columns a new decision sets after item_id, in
// the order of decisionValues.
const decisionColumns = `body_id, session_id, position, kind, year, seq, label, title, points, status, result, scope, adopted_on, applicants,
	all_must_consent, ks_year, count_reason`

// decisionValueCount is the number of decisionColumns.
const decisionValueCount = 17

// decisionValues gives the values of decisionColumns of a new decision.
func decisionValues(d model.Decision) []any {
	return []any{d.BodyID, nullID(d.SessionID), d.Position, d.Kind, d.Number.Year, d.Number.Seq, d.Label,
		d.Title, toJSON(nonNil(d.Points)), d.Status, d.Result, d.Scope, d.AdoptedOn.String(), toJSON(nonNil(d.Applicants)),
		d.AllMustConsent, d.SharesYear, d.CountReason}
}

// insertDecisions inserts decisions of agenda items (an import's new
// ones) with their votes, many per statement: the numbering pattern of
// each body is read once, each body's counter of a year raised once to
// the highest number given, the votes written together.
func (s *Store) insertDecisions(ctx context.Context, tx *sql.Tx, ds []model.Decision) error {
	patterns := map[int64]string{}
	type counter struct {
		body int64
		year int
	}
	highest := map[counter]int{}
	var order []counter
	rows := make([]rowInsert, len(ds))
	for i, d := range ds {
		if d.ItemID == 0 {
			return fmt.Errorf("store: decision %q without an agenda item", d.Title)
		}
		if !d.Number.IsZero() {
			pattern, ok := patterns[d.BodyID]
			if !ok {
				var err error
				if pattern, err = bodyPattern(ctx, tx, d.BodyID); err != nil {
					return err
				}
				patterns[d.BodyID] = pattern
			}
			d.Label = model.FormatDecisionNumber(pattern, d.Number)
			k := counter{d.BodyID, d.Number.Year}
			if _, ok := highest[k]; !ok {
				order = append(order, k)
			}
			highest[k] = max(highest[k], d.Number.Seq)
		}
		rows[i] = rowInsert{cmp.Or(d.Label, d.Title), d.ItemID, decisionValues(d)}
	}
	for _, k := range order {
		if err := raiseCounter(ctx, tx, k.body, model.DecisionNumber{Year: k.year, Seq: highest[k]}); err != nil {
			return err
		}
	}
	ids, err := s.insertRows(ctx, tx, "decisions", "decision", "item_id", decisionColumns, rows)
	if err != nil {
		return err
	}
	votes := make([][]model.Vote, len(ds))
	for i, d := range ds {
		votes[i] = d.Votes
	}
	return insertVotes(ctx, tx, ids, votes)
}

// raiseCounter makes sure the body's counter for n's year is at least n's
// sequence number.
func raiseCounter(ctx context.Context, tx *sql.Tx, bodyID int64, n model.DecisionNumber) error {
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO decision_counters (body_id, year, last) VALUES (?, ?, ?)
		 ON CONFLICT (body_id, year) DO UPDATE SET last = CASE WHEN decision_counters.last > excluded.last THEN decision_counters.last ELSE excluded.last END`,
		bodyID, n.Year, n.Seq); err != nil {
		return fmt.Errorf("store: decision counter: %w", err)
	}
	return nil
}

// pastEarlierDecisions gives seq, the counter's next number for the
// body's year, or — when an earlier decision of that year holds it or a
// higher one — the number after the highest earlier decision, to which it
// raises the counter: numbers go in order of adoption, and an earlier
// decision was adopted before gremium numbered anything after it.
func pastEarlierDecisions(ctx context.Context, tx *sql.Tx, bodyID int64, year, seq int) (int, error) {
	var highest int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM earlier_decisions WHERE body_id = ? AND year = ?`, bodyID, year).Scan(&highest); err != nil {
		return 0, fmt.Errorf("store: next decision number: %w", err)
	}
	if highest < seq {
		return seq, nil
	}
	next := model.DecisionNumber{Year: year, Seq: highest + 1}
	return next.Seq, raiseCounter(ctx, tx, bodyID, next)
}

// numberHolder is what holds a decision number of a body already: a
// decision of the register (its session, 0 for none, and its day), an
// earlier decision (its day), or, inside one import, another decision of
// the same minutes (inFile; session is the imported one's). number is
// the number held, where a list of holders is read (knownNumbers).
type numberHolder struct {
	number          model.DecisionNumber
	earlier, inFile bool
	session         int
	on              model.Date
}

// refusal refuses giving the number label to another decision, as a
// conflict that is ErrDuplicate too, naming what holds it; then gives the
// caller's further words, if any. One number names one decision.
func (h numberHolder) refusal(label, then string) error {
	// The cause, for the log and the command line, says it in English.
	var reason, where string
	switch {
	case h.inFile || h.session != 0:
		where = fmt.Sprintf(" (%d. Sitzung)", h.session)
	case h.earlier:
		where = " as an earlier decision"
	}
	cause := fmt.Errorf("store: decision %s is already recorded%s: %w", label, where, ErrDuplicate)
	switch {
	case h.inFile:
		reason = fmt.Sprintf("Die Nummer %s steht zweimal im Protokoll (%d. Sitzung); eine Nummer nennt einen Beschluss.", label, h.session)
	case h.earlier:
		when := ""
		if !h.on.IsZero() {
			when = " vom " + h.on.German()
		}
		reason = fmt.Sprintf("Die Nummer %s ist bereits vergeben: Beschluss %s ist als früherer Beschluss%s erfasst; eine Nummer nennt einen Beschluss.", label, label, when)
	default:
		when := ""
		switch {
		case h.session != 0:
			when = fmt.Sprintf(" (%d. Sitzung)", h.session)
		case !h.on.IsZero():
			when = " (vom " + h.on.German() + ")"
		}
		reason = fmt.Sprintf("Die Nummer %s hat gremium bereits vergeben: Beschluss %s steht im Beschlussregister%s; eine Nummer nennt einen Beschluss.", label, label, when)
	}
	if then != "" {
		reason += " " + then
	}
	return &model.Error{Class: model.ErrConflict, Reason: reason, Err: cause}
}

// givesWayTo says whether the new decision d, taken on day (d's own date,
// else its session's; zero if unknown), is the earlier decision h holds
// d's number for: h is an earlier decision (not the register's, not
// another of the same minutes), d is adopted, and the two name the same
// day where both name one. The earlier decision's record then gives way
// to d (earlierGivesWay); any other holder refuses the number. The
// minutes import (minutesRows.takesEarlier) and a decision recorded from
// the past (CreateDecision) decide it alike.
func (h numberHolder) givesWayTo(d model.Decision, day model.Date) bool {
	if !h.earlier || h.inFile || d.Status != model.DecisionAdopted {
		return false
	}
	if !d.AdoptedOn.IsZero() {
		day = d.AdoptedOn
	}
	return h.on.IsZero() || day.IsZero() || h.on == day
}

// earlierGivesWay removes, inside tx, the record of the body's earlier
// decision n, audited as removed with what holds the number now (by: "als
// Beschluss der 46. Sitzung importiert"); what cites the number names
// that decision from then on.
func (s *Store) earlierGivesWay(ctx context.Context, tx *sql.Tx, bodyID int64, n model.DecisionNumber, by string) error {
	var id int64
	var label string
	if err := tx.QueryRowContext(ctx, `SELECT id, label FROM earlier_decisions WHERE body_id = ? AND year = ? AND seq = ?`,
		bodyID, n.Year, n.Seq).Scan(&id, &label); err != nil {
		return fmt.Errorf("store: earlier decision %d/%d: %w", n.Year, n.Seq, err)
	}
	if err := s.touch(ctx, tx, "earlier_decision", id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM earlier_decisions WHERE id = ?`, id); err != nil {
		return fmt.Errorf("store: earlier decision: %w", err)
	}
	return s.audit(ctx, tx, "remove", "earlier_decision", id, label+": "+by)
}

// takeEarlier lets the record of the earlier decision h give way to the
// decision d recorded from the past with its number (givesWayTo: d is
// that decision), audited; else it refuses the number, naming both days
// where they differ. Before, every earlier decision's number was refused,
// and the secretariat could not record the decision an earlier decision
// stood for, as the minutes import can.
func (s *Store) takeEarlier(ctx context.Context, tx *sql.Tx, h numberHolder, d model.Decision) error {
	var day model.Date
	session := 0
	if d.SessionID != 0 {
		var on string
		if err := tx.QueryRowContext(ctx, `SELECT date, number FROM sessions WHERE id = ?`, d.SessionID).Scan(&on, &session); err != nil {
			return notFound(err, fmt.Sprintf("session %d", d.SessionID))
		}
		day = parseDate(on)
	}
	if !h.givesWayTo(d, day) {
		then := ""
		if !d.AdoptedOn.IsZero() {
			day = d.AdoptedOn
		}
		if h.earlier && !h.inFile && d.Status == model.DecisionAdopted {
			// Adopted, on another day: the earlier decision is
			// another one.
			then = fmt.Sprintf("Der Beschluss, den Sie erfassen, ist vom %s; an die Stelle des früheren Beschlusses tritt nur ein Beschluss vom %s.", day.German(), h.on.German())
		}
		return h.refusal(d.Label, then)
	}
	by := "als Beschluss erfasst"
	if session != 0 {
		by = fmt.Sprintf("als Beschluss der %d. Sitzung erfasst", session)
	}
	return s.earlierGivesWay(ctx, tx, d.BodyID, d.Number, by)
}

// numberHeld gives what holds the body's number n, if anything does: a
// decision of the register, else an earlier decision.
func numberHeld(ctx context.Context, tx *sql.Tx, bodyID int64, n model.DecisionNumber) (numberHolder, bool, error) {
	var h numberHolder
	var on string
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(NULLIF(d.adopted_on, ''), s.date, ''), COALESCE(s.number, 0) FROM decisions d LEFT JOIN sessions s ON s.id = d.session_id
		WHERE d.body_id = ? AND d.year = ? AND d.seq = ? AND d.seq > 0`, bodyID, n.Year, n.Seq).Scan(&on, &h.session)
	if errors.Is(err, sql.ErrNoRows) {
		h.earlier = true
		err = tx.QueryRowContext(ctx, `SELECT adopted_on FROM earlier_decisions WHERE body_id = ? AND year = ? AND seq = ?`, bodyID, n.Year, n.Seq).Scan(&on)
	}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return numberHolder{}, false, nil
	case err != nil:
		return h, false, fmt.Errorf("store: decision number %s: %w", n.Short(), err)
	}
	h.on = parseDate(on)
	return h, true, nil
}

// ownNumbered selects, on decisions d, those gremium numbered itself: a
// count in session or in written procedure (decideTx) keeps its
// explanation (model.Decision.Counted), a decision recorded from minutes
// or from the past has none.
const ownNumbered = `d.count_reason <> ''`

// decisionNumbering reads where the body's numbers of year stand
// (model.DecisionNumbering) in q: the next number as decideTx gives it —
// after the counter and after every earlier decision of the year
// (pastEarlierDecisions) — and the first number gremium gave itself.
func decisionNumbering(ctx context.Context, q queryer, bodyID int64, year int) (model.DecisionNumbering, error) {
	n := model.DecisionNumbering{Year: year}
	pattern, err := bodyPattern(ctx, q, bodyID)
	if err != nil {
		return n, err
	}
	var last, earlier int
	if err := q.QueryRowContext(ctx, `SELECT COALESCE((SELECT last FROM decision_counters WHERE body_id = ? AND year = ?), 0),
		COALESCE((SELECT MAX(seq) FROM earlier_decisions WHERE body_id = ? AND year = ?), 0)`, bodyID, year, bodyID, year).Scan(&last, &earlier); err != nil {
		return n, fmt.Errorf("store: decision numbering: %w", err)
	}
	n.Next = model.FormatDecisionNumber(pattern, model.DecisionNumber{Year: year, Seq: max(last, earlier) + 1})
	var on string
	err = q.QueryRowContext(ctx, `SELECT d.seq, COALESCE(NULLIF(d.adopted_on, ''), s.date, ''), COALESCE(s.number, 0) FROM decisions d LEFT JOIN sessions s ON s.id = d.session_id
		WHERE d.body_id = ? AND d.year = ? AND d.seq > 0 AND `+ownNumbered+` ORDER BY d.seq LIMIT 1`, bodyID, year).Scan(&n.FirstOwnSeq, &on, &n.FirstOwnSession)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return n, nil
	case err != nil:
		return n, fmt.Errorf("store: decision numbering: %w", err)
	}
	n.FirstOwn = model.FormatDecisionNumber(pattern, model.DecisionNumber{Year: year, Seq: n.FirstOwnSeq})
	n.FirstOwnOn = parseDate(on)
	return n, nil
}

// DecisionNumbering gives where the body's decision numbers of year
// stand: the number the next decision adopted in that year gets and the
// first number gremium gave itself that year (model.DecisionNumbering;
// its NextSentence is what the secretariat reads beside the earlier
// decisions).
func (s *Store) DecisionNumbering(ctx context.Context, bodyID int64, year int) (model.DecisionNumbering, error) {
	return decisionNumbering(ctx, s.rd, bodyID, year)
}

// Decision gives the decision with the id, with its votes and corrections.
func (s *Store) Decision(ctx context.Context, id int64) (model.Decision, error) {
	d, err := queryOne(ctx, s.rd, scanDecision, fmt.Sprintf("decision %d", id), `SELECT `+decisionCols+` FROM decisions d WHERE d.id = ?`, id)
	if err != nil {
		return d, err
	}
	if err := s.loadVotes(ctx, s.rd, &d); err != nil {
		return d, err
	}
	return d, loadCorrections(ctx, s.rd, &d)
}

// DecisionByNumber gives a body's decision by its number (2025/26).
func (s *Store) DecisionByNumber(ctx context.Context, bodyID int64, n model.DecisionNumber) (model.Decision, error) {
	d, err := queryOne(ctx, s.rd, scanDecision, "decision "+n.Short(),
		`SELECT `+decisionCols+` FROM decisions d WHERE d.body_id = ? AND d.year = ? AND d.seq = ? AND d.seq > 0`, bodyID, n.Year, n.Seq)
	if err != nil {
		return d, err
	}
	if err := s.loadVotes(ctx, s.rd, &d); err != nil {
		return d, err
	}
	return d, loadCorrections(ctx, s.rd, &d)
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
// unnumbered ones, each with its newest correction as its only one
// (Decision.Corrected gives the text as last corrected, Title the text as
// adopted). Votes are not loaded (see Decision).
func (s *Store) Decisions(ctx context.Context, f DecisionFilter) ([]model.Decision, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = noLimit
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
	return queryList(ctx, s.rd, scanCorrectedDecision, "decisions",
		`SELECT `+correctedCols+` FROM decisions d`+newestCorrection+w.sql()+`
		 ORDER BY d.seq = 0, d.year DESC, d.seq DESC, d.position, d.id LIMIT ?`, append(w.args, limit)...)
}

// ItemDecisions gives the decisions of an agenda item in minutes order, with
// their votes.
func (s *Store) ItemDecisions(ctx context.Context, itemID int64) ([]model.Decision, error) {
	ds, err := queryList(ctx, s.rd, scanDecision, "decisions",
		`SELECT `+decisionCols+` FROM decisions d WHERE d.item_id = ? ORDER BY d.position, d.id`, itemID)
	if err != nil {
		return nil, err
	}
	for i := range ds {
		if err := s.loadVotes(ctx, s.rd, &ds[i]); err != nil {
			return nil, err
		}
	}
	return ds, nil
}

func currentDecision(ctx context.Context, tx *sql.Tx, id int64) (model.Decision, error) {
	return queryOne(ctx, tx, scanDecision, fmt.Sprintf("decision %d", id), `SELECT `+decisionCols+` FROM decisions d WHERE d.id = ?`, id)
}

// UpdateDecision changes a draft decision (title, points, scope, kind,
// "Zustimmung aller Mitglieder erforderlich", …); d.Version must be the
// version read. Its votes and result come only from a count. Adopted and
// rejected decisions are immutable (see CorrectDecision).
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
		// An undecided proposal stands in the minutes as a
		// Beschlussvorschlag: approved minutes, and minutes in a written
		// procedure, keep it as it is.
		for _, id := range []int64{cur.SessionID, d.SessionID} {
			if id != 0 {
				if err := checkSessionOpen(ctx, tx, id); err != nil {
					return err
				}
				if err := s.dateDraftMinutes(ctx, tx, id, false); err != nil { // a proposal: internal only
					return err
				}
			}
		}
		if err := checkApplicants(ctx, tx, d.Applicants); err != nil {
			return err
		}
		if open, err := openBallotOf(ctx, tx, d.ID); err != nil {
			return err
		} else if open {
			return model.RuleError("Über %s wird gerade abgestimmt; der Vorschlag kann erst nach der Abstimmung geändert werden.", cur.DisplayTitle())
		}
		if d.ItemID != 0 && d.ItemID != cur.ItemID {
			if open, err := consentBallotAt(ctx, tx, d.ItemID); err != nil {
				return err
			} else if open {
				return model.RuleError("Über die Grüne Liste wird gerade abgestimmt; ein Beschlussvorschlag kann ihr erst nach der Abstimmung hinzugefügt werden.")
			}
		}
		// Nor while a written procedure runs on it: the members vote on
		// the text sent to them, and its count gives that text (to the
		// council's proposal, for an "Annahme mit Änderungen"). Before, an
		// edit here was taken and the votes already cast counted for it.
		if open, err := openProcedureOf(ctx, tx, d.ID); err != nil {
			return err
		} else if open {
			return model.RuleError("Über %s wird im Umlaufverfahren abgestimmt; der Vorschlag kann nicht mehr geändert werden.", cur.DisplayTitle())
		}
		// A co-applicant no longer named is no longer asked.
		if !slices.Equal(cur.Applicants, d.Applicants) {
			if _, err := s.dropUnnamedCoApplicationsTx(ctx, tx, d, ""); err != nil {
				return err
			}
		}
		// The votes of a draft are never set here: they come from a count.
		return s.updateVersioned(ctx, tx, "decisions", "decision", d.ID, d.Version,
			`session_id = ?, item_id = ?, position = ?, kind = ?, title = ?, points = ?, scope = ?, applicants = ?, all_must_consent = ?`,
			nullID(d.SessionID), nullID(d.ItemID), d.Position, d.Kind, d.Title, toJSON(nonNil(d.Points)), d.Scope, toJSON(nonNil(d.Applicants)), d.AllMustConsent)
	})
}

// decideTx records the outcome of a count on a draft decision inside tx:
// adopted, it gets the next number of its body for the year of on, in the
// same transaction, so numbers are gapless and in order of adoption even
// when decisions are decided at the same moment; rejected, it gets none.
// phrase is the result phrase for the minutes, votes the votes as counted.
// No other path sets a decision adopted.
func (s *Store) decideTx(ctx context.Context, tx *sql.Tx, id int64, tally model.Tally, phrase string, on model.Date, votes []model.Vote) (model.Decision, error) {
	cur, err := currentDecision(ctx, tx, id)
	if err != nil {
		return cur, err
	}
	if cur.Status != model.DecisionDraft {
		return cur, fmt.Errorf("store: decision %s is already %s: %w", cur.DisplayTitle(), cur.Status.Label(), ErrImmutable)
	}
	if on.IsZero() {
		return cur, model.InputError("Das Datum der Beschlussfassung fehlt.")
	}
	if cur.SessionID != 0 {
		if err := checkSessionOpen(ctx, tx, cur.SessionID); err != nil {
			return cur, err
		}
	}
	action, status := "reject", model.DecisionRejected
	var n model.DecisionNumber
	label := ""
	if tally.Adopted {
		// No path adopts a proposal the application rule refuses, counting
		// only confirmed co-applicants.
		if err := checkApplicationAtVote(ctx, tx, cur); err != nil {
			return cur, err
		}
		action, status = "adopt", model.DecisionAdopted
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
		// Past the earlier decisions of the year too: their numbers were
		// given before gremium (B-2025/01-IT of 01.03.2025 was given
		// again in session 47). SaveEarlierDecision moves the counter;
		// this heals a counter recorded before it did.
		if seq, err = pastEarlierDecisions(ctx, tx, cur.BodyID, on.Year, seq); err != nil {
			return cur, err
		}
		n = model.DecisionNumber{Year: on.Year, Seq: seq}
		label = model.FormatDecisionNumber(pattern, n)
	}
	if err := s.updateVersioned(ctx, tx, "decisions", "decision", id, cur.Version,
		`status = ?, year = ?, seq = ?, label = ?, result = ?, adopted_on = ?, ks_year = ?, count_reason = ?`,
		status, n.Year, n.Seq, label, phrase, on.String(), tally.SharesYear, tally.Reason); err != nil {
		if errors.Is(err, ErrDuplicate) {
			return cur, fmt.Errorf("store: decision number %s already taken: %w", label, err)
		}
		return cur, err
	}
	if err := replaceVotes(ctx, tx, id, votes); err != nil {
		return cur, err
	}
	detail := label
	if detail == "" {
		detail = tally.Reason
	}
	if err := s.audit(ctx, tx, action, "decision", id, detail); err != nil {
		return cur, err
	}
	if err := s.noticeDecisionRelevant(ctx, tx, id); err != nil {
		return cur, err
	}
	// The request the item came from learns the outcome (requests.go).
	if err := s.requestFollowsItem(ctx, tx, cur.ItemID); err != nil {
		return cur, err
	}
	out, err := currentDecision(ctx, tx, id)
	if err != nil {
		return out, err
	}
	if err := s.recommendationDecidedTx(ctx, tx, out); err != nil { // a Beschlussempfehlung takes effect with its count
		return out, err
	}
	if status == model.DecisionRejected {
		// What the rejected proposal would have ordered is not owed.
		if err := s.dropFollowUpsOfRejected(ctx, tx, out); err != nil {
			return out, err
		}
	} else {
		// What a proposal left undecided in an earlier session orders
		// is owed from its adoption.
		if err := s.restoreFollowUpsOfAdopted(ctx, tx, out); err != nil {
			return out, err
		}
	}
	return out, s.loadVotes(ctx, tx, &out)
}

// countedVotes lists the votes of a tally in list order, as they are kept
// with the decision: the voters present with their vote (keine for a
// present member who did not vote); absent members get no entry, so no
// vote is ever shown for them.
func countedVotes(voters []model.Member, t model.Tally) []model.Vote {
	by := map[string]model.VoteChoice{}
	for _, m := range t.Yes {
		by[m] = model.VoteYes
	}
	for _, m := range t.No {
		by[m] = model.VoteNo
	}
	for _, m := range t.Abstaining {
		by[m] = model.VoteAbstain
	}
	for _, m := range t.NotVoting {
		by[m] = model.VoteNone
	}
	var out []model.Vote
	for _, m := range voters {
		if c, ok := by[m.Abbrev]; ok {
			out = append(out, model.Vote{Member: m.Abbrev, Choice: c})
		}
	}
	return out
}

// CorrectDecision keeps a correction (Berichtigung) of an adopted or
// rejected decision as a new version with its reason; the decision as
// decided stays unchanged, and its number, result and votes are never
// corrected. A title or points not given stay as last corrected; a
// correction that changes nothing is refused
// (model.DecisionCorrection.CheckChanges). It gives the correction's
// version number.
//
// It corrects the text as it stands when it writes: for a caller that
// read the text earlier (a form), CorrectDecisionOver.
func (s *Store) CorrectDecision(ctx context.Context, c model.DecisionCorrection) (int, error) {
	return s.correctDecision(ctx, c, nil)
}

// CorrectDecisionOver is CorrectDecision for a correction based on the
// decision's text in version basedOn (model.Decision.Fassung: 0 for the
// text as decided, else the newest correction's version the form showed).
// When the decision has been corrected since, it is refused as a conflict
// (model.DecisionCorrection.CheckBasis) and nothing is kept: two windows
// opened the same form, and the second's save took back the first's
// correction, which it had never shown, without a word.
func (s *Store) CorrectDecisionOver(ctx context.Context, c model.DecisionCorrection, basedOn int) (int, error) {
	return s.correctDecision(ctx, c, &basedOn)
}

func (s *Store) correctDecision(ctx context.Context, c model.DecisionCorrection, basedOn *int) (int, error) {
	// The occasion is public with the correction: its typed marks are
	// confidential passages, whoever calls. Every reason at once, with
	// the one against the decision's current text below.
	refused := errors.Join(c.Validate(), c.MarkReason())
	var v int
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		cur, err := currentDecision(ctx, tx, c.DecisionID)
		if err != nil {
			return err
		}
		if cur.Status == model.DecisionDraft {
			return model.RuleError("Ein Beschlussvorschlag wird bearbeitet, nicht berichtigt.")
		}
		if err := loadCorrections(ctx, tx, &cur); err != nil {
			return err
		}
		// Based on an older text, it is refused first: whether it changes
		// anything is no question against a text its author did not see.
		if basedOn != nil {
			if err := c.CheckBasis(cur, *basedOn); err != nil {
				return errors.Join(err, refused)
			}
		}
		// A correction that changes nothing is refused, as a minutes
		// correction with the row's text is.
		if err := errors.Join(refused, c.CheckChanges(cur)); err != nil {
			return err
		}
		// What it does not correct stays as last corrected (before, as
		// adopted: a correction of the points alone took back an earlier
		// correction of the title).
		title, points := cur.Current()
		if c.Title == "" {
			c.Title = title
		}
		if len(c.Points) == 0 {
			c.Points = points
		}
		if err := s.touch(ctx, tx, "decision", c.DecisionID); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM decision_corrections WHERE decision_id = ?`, c.DecisionID).Scan(&v); err != nil {
			return fmt.Errorf("store: correction: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO decision_corrections (decision_id, version, title, points, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			c.DecisionID, v, c.Title, toJSON(nonNil(c.Points)), c.Reason, actorFrom(ctx), s.now().UTC().Format(time.RFC3339)); err != nil {
			return fmt.Errorf("store: correction: %w", err)
		}
		return s.audit(ctx, tx, "correct", "decision", c.DecisionID, fmt.Sprintf("Berichtigung %d: %s", v, c.Reason))
	})
	return v, err
}

func loadCorrections(ctx context.Context, q queryer, d *model.Decision) error {
	cs, err := queryList(ctx, q, func(r scanner) (model.DecisionCorrection, error) {
		var c model.DecisionCorrection
		var points, at string
		if err := r.Scan(&c.DecisionID, &c.Version, &c.Title, &points, &c.Reason, &c.By, &at); err != nil {
			return c, err
		}
		c.At, _ = time.Parse(time.RFC3339, at)
		var err error
		c.Points, err = fromJSON[model.Point](points)
		return c, err
	}, "corrections", `SELECT decision_id, version, title, points, reason, created_by, created_at FROM decision_corrections WHERE decision_id = ? ORDER BY version`, d.ID)
	d.Corrections = cs
	return err
}

// SaveEarlierDecision records a decision taken before the body used
// gremium, with its number and date, so that it can be cited (a
// spokesperson assignment by B-2022/43-IT). Each refusal is at its field:
// a date after today (model.EarlierDecision.CheckTaken); a number that
// gremium has given (the register's decision needs no marker, and one
// number names one decision); a number recorded as an earlier decision
// already; in a year in which gremium numbered decisions itself, a number
// after the first of them or a date after its day
// (model.EarlierDecision.CheckBefore: B-2026/400-IT, a slip, moved the
// numbering of 2026 from 12 to 401). The year's counter moves past the
// number, so gremium never gives it again (B-2025/01-IT, recorded, was
// given to the next decision of session 47); in a year in which gremium
// numbered nothing itself, DecisionNumbering says where numbering goes
// on, and DeleteEarlierDecision takes a slip back.
//
// Title and note take [[…]] for confidential passages as the decision text
// does (model.MarkFields; only the secretariat reads them).
func (s *Store) SaveEarlierDecision(ctx context.Context, e model.EarlierDecision) (int64, error) {
	if err := errors.Join(e.Validate(), e.CheckTaken(s.Today()), model.MarkFields(model.MarkedField{Field: "titel", Text: &e.Title}, model.MarkedField{Field: "hinweis", Text: &e.Note})); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		pattern, err := bodyPattern(ctx, tx, e.BodyID)
		if err != nil {
			return err
		}
		e.Label = model.FormatDecisionNumber(pattern, e.Number)
		// The counter first: an adoption of the same year writes the same
		// row, so the two are ordered even where no other lock orders
		// them (every write holds the store's write lock besides), and
		// the register read below sees a number given just before.
		if err := raiseCounter(ctx, tx, e.BodyID, e.Number); err != nil {
			return err
		}
		var on string
		var session int
		err = tx.QueryRowContext(ctx, `SELECT COALESCE(NULLIF(d.adopted_on, ''), s.date, ''), COALESCE(s.number, 0) FROM decisions d LEFT JOIN sessions s ON s.id = d.session_id
			WHERE d.body_id = ? AND d.year = ? AND d.seq = ? AND d.seq > 0 ORDER BY d.id LIMIT 1`, e.BodyID, e.Number.Year, e.Number.Seq).Scan(&on, &session)
		switch {
		case err == nil:
			return model.AtField("nummer", model.ConflictError("Die Nummer %s hat gremium bereits vergeben: Beschluss %s%s steht im Beschlussregister und kann ohne Vermerk zitiert werden. Als früherer Beschluss lässt sich nur eine Nummer erfassen, die nicht im Register steht.",
				e.Label, e.Label, model.DecisionWhen(session, parseDate(on))))
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("store: earlier decision: %w", err)
		}
		err = tx.QueryRowContext(ctx, `SELECT adopted_on FROM earlier_decisions WHERE body_id = ? AND year = ? AND seq = ?`, e.BodyID, e.Number.Year, e.Number.Seq).Scan(&on)
		switch {
		case err == nil:
			return earlierTwice(e.Label, parseDate(on))
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("store: earlier decision: %w", err)
		}
		// Before gremium's own decisions of its year, in number and day.
		numbering, err := decisionNumbering(ctx, tx, e.BodyID, e.Number.Year)
		if err != nil {
			return err
		}
		if err := e.CheckBefore(numbering); err != nil {
			return err
		}
		id, err = s.insert(ctx, tx, "earlier_decision", e.Label,
			`INSERT INTO earlier_decisions (body_id, year, seq, label, adopted_on, title, note) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			e.BodyID, e.Number.Year, e.Number.Seq, e.Label, e.AdoptedOn.String(), e.Title, e.Note)
		if errors.Is(err, ErrDuplicate) {
			return earlierTwice(e.Label, model.Date{})
		}
		return err
	})
	return id, err
}

// earlierTwice refuses, at its number, an earlier decision recorded
// already (on: its recorded date, zero when not known here).
func earlierTwice(label string, on model.Date) error {
	when := ""
	if !on.IsZero() {
		when = " (vom " + on.German() + ")"
	}
	return model.AtField("nummer", model.ConflictError("Beschluss %s ist bereits als früherer Beschluss erfasst%s; er kann zitiert werden. Eine Nummer nennt einen Beschluss.", label, when))
}

// EarlierDecisions gives the earlier decisions of a body, by number, each
// with what cites it (model.EarlierDecision.CitedBy).
func (s *Store) EarlierDecisions(ctx context.Context, bodyID int64) ([]model.EarlierDecision, error) {
	es, err := queryList(ctx, s.rd, scanEarlier, "earlier decisions",
		`SELECT `+earlierCols+` FROM earlier_decisions WHERE body_id = ? ORDER BY year, seq`, bodyID)
	if err != nil || len(es) == 0 {
		return es, err
	}
	cites, err := earlierCitations(ctx, s.rd, bodyID)
	if err != nil {
		return nil, err
	}
	for i := range es {
		es[i].CitedBy = cites[es[i].Number]
	}
	return es, nil
}

// earlierCols are the columns scanEarlier reads.
const earlierCols = `id, body_id, year, seq, label, adopted_on, title, note`

// earlierCitations gives, by number, what cites an earlier decision of
// the body: the spokesperson assignments whose decision names the number
// (citedDecision reads them for the council, the first body of its kind),
// unless the register holds an adopted decision of that number, which
// the citation means then.
func earlierCitations(ctx context.Context, q queryer, bodyID int64) (map[model.DecisionNumber][]string, error) {
	out := map[model.DecisionNumber][]string{}
	var council int64
	err := q.QueryRowContext(ctx, `SELECT id FROM bodies WHERE kind = ? ORDER BY id LIMIT 1`, model.BodyPlanningCouncil).Scan(&council)
	if errors.Is(err, sql.ErrNoRows) || err == nil && council != bodyID {
		return out, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: council: %w", err)
	}
	type citation struct{ ref, member, conference string }
	cs, err := queryList(ctx, q, func(r scanner) (citation, error) {
		var c citation
		return c, r.Scan(&c.ref, &c.member, &c.conference)
	}, "citations", `SELECT a.decision_ref, a.member_abbrev, b.abbrev FROM spokesperson_assignments a JOIN bodies b ON b.id = a.conference_id ORDER BY a.id`)
	if err != nil {
		return nil, err
	}
	inRegister := map[model.DecisionNumber]bool{}
	for _, c := range cs {
		n, ok := model.ParseDecisionRef(c.ref)
		if !ok {
			continue
		}
		held, asked := inRegister[n]
		if !asked {
			var found int
			switch err := q.QueryRowContext(ctx, `SELECT 1 FROM decisions WHERE body_id = ? AND year = ? AND seq = ? AND seq > 0 AND status = ?`,
				bodyID, n.Year, n.Seq, model.DecisionAdopted).Scan(&found); {
			case err == nil:
				held = true
			case !errors.Is(err, sql.ErrNoRows):
				return nil, fmt.Errorf("store: cited decision: %w", err)
			}
			inRegister[n] = held
		}
		if !held {
			out[n] = append(out[n], fmt.Sprintf("Sprecherfunktion %s für %s", c.member, c.conference))
		}
	}
	return out, nil
}

// DeleteEarlierDecision removes the earlier decision with the id, recorded
// by mistake — to correct its number or date, it is removed and recorded
// again. One that is cited (a spokesperson assignment by its number) is
// refused: the citation would lose its decision. The year's counter goes
// back to the highest number given that year, in the register or to
// another earlier decision — never below it, so no number of the
// register is given again — and B-2026/400-IT, a slip, no longer moves
// the numbering. It gives the removed decision.
func (s *Store) DeleteEarlierDecision(ctx context.Context, id int64) (model.EarlierDecision, error) {
	var e model.EarlierDecision
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		if e, err = queryOne(ctx, tx, scanEarlier, fmt.Sprintf("earlier decision %d", id), `SELECT `+earlierCols+` FROM earlier_decisions WHERE id = ?`, id); err != nil {
			return err
		}
		cites, err := earlierCitations(ctx, tx, e.BodyID)
		if err != nil {
			return err
		}
		if by := cites[e.Number]; len(by) > 0 {
			return model.RuleError("Beschluss %s wird zitiert (%s) und kann nicht entfernt werden; eine Zitierung verlöre ihren Beschluss.", e.Label, strings.Join(by, ", "))
		}
		if err := s.touch(ctx, tx, "earlier_decision", id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM earlier_decisions WHERE id = ?`, id); err != nil {
			return fmt.Errorf("store: earlier decision: %w", err)
		}
		var highest int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM (
				SELECT seq FROM decisions WHERE body_id = ? AND year = ? AND seq > 0
				UNION ALL SELECT seq FROM earlier_decisions WHERE body_id = ? AND year = ?) given`,
			e.BodyID, e.Number.Year, e.BodyID, e.Number.Year).Scan(&highest); err != nil {
			return fmt.Errorf("store: decision counter: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE decision_counters SET last = ? WHERE body_id = ? AND year = ? AND last > ?`,
			highest, e.BodyID, e.Number.Year, highest); err != nil {
			return fmt.Errorf("store: decision counter: %w", err)
		}
		return s.audit(ctx, tx, "remove", "earlier_decision", id, e.Label)
	})
	return e, err
}

func scanEarlier(r scanner) (model.EarlierDecision, error) {
	var e model.EarlierDecision
	var on string
	err := r.Scan(&e.ID, &e.BodyID, &e.Number.Year, &e.Number.Seq, &e.Label, &on, &e.Title, &e.Note)
	e.AdoptedOn = parseDate(on)
	return e, err
}

// citedDecision checks that ref names an adopted decision of body bodyID
// (in the register, or recorded as an earlier decision with its date) and
// gives the day it was adopted — its own date, else its session's (zero
// when neither is recorded) — and the number of its session (0 for an
// earlier decision or one without a session).
//
// Where a number names both (a database from before adoption numbered
// past the earlier decisions: B-2025/01-IT, recorded, was given again in
// session 47), gremium's own decision is meant: the register is the
// record, its decision is the one the number leads to on every page, and
// no path gives such a pair any more (SaveEarlierDecision,
// createDecisionTx, the import and decideTx refuse or number past a
// number held). The order is fixed by the register first, so the
// answer never depends on the rows' order.
func citedDecision(ctx context.Context, tx *sql.Tx, bodyID int64, ref string) (model.Date, int, error) {
	n, ok := model.ParseDecisionRef(ref)
	if !ok {
		return model.Date{}, 0, model.RuleError("„%s“ ist keine Beschlussnummer (z. B. B-2025/31-IT).", ref)
	}
	var on string
	var session int
	err := tx.QueryRowContext(ctx, `SELECT on_day, session FROM (
			SELECT COALESCE(NULLIF(d.adopted_on, ''), s.date, '') AS on_day, COALESCE(s.number, 0) AS session, 0 AS pos FROM decisions d LEFT JOIN sessions s ON s.id = d.session_id
			 WHERE d.body_id = ? AND d.year = ? AND d.seq = ? AND d.seq > 0 AND d.status = ?
			UNION ALL
			SELECT adopted_on, 0, 1 FROM earlier_decisions WHERE body_id = ? AND year = ? AND seq = ?) found
		ORDER BY pos LIMIT 1`,
		bodyID, n.Year, n.Seq, model.DecisionAdopted, bodyID, n.Year, n.Seq).Scan(&on, &session)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Date{}, 0, model.RuleError("Beschluss %s steht nicht im Beschlussregister; bitte einen gefassten Beschluss angeben oder ihn als früheren Beschluss mit Nummer und Datum erfassen.", n.Short())
	}
	if err != nil {
		return model.Date{}, 0, fmt.Errorf("store: cited decision: %w", err)
	}
	return parseDate(on), session, nil
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

// checkQuorumAt refuses a decision of the council taken in the running
// session se at item itemID (0: the first) — the approval of minutes or of
// a correction — without the quorum a vote there needs: established
// (checkQuorum), and enough voters present or represented at the item
// (model.QuorumAt, as model.Feasible checks it before a vote).
func checkQuorumAt(ctx context.Context, tx *sql.Tx, se model.Session, itemID int64) error {
	if err := checkQuorum(ctx, tx, se.ID); err != nil {
		return err
	}
	body, voters, err := bodyVoters(ctx, tx, se.BodyID)
	if err != nil {
		return err
	}
	present, err := presentAt(ctx, tx, se.ID, itemID)
	if err != nil {
		return err
	}
	return model.QuorumAt(voters, present, body.Quorum())
}

// checkApplicants refuses a decision proposal that neither the Bund nor
// three Länder applied for, or whose applicants name no member
// (model.CheckApplication names every one of them).
func checkApplicants(ctx context.Context, tx *sql.Tx, applicants []string) error {
	kinds, err := memberKinds(ctx, tx, applicants)
	if err != nil {
		return err
	}
	return model.CheckApplication(applicants, kinds)
}

// memberKinds gives the kind of each of the abbreviations that names a
// member (the others are missing from the map).
func memberKinds(ctx context.Context, tx *sql.Tx, abbrevs []string) (map[string]model.MemberKind, error) {
	kinds := map[string]model.MemberKind{}
	for _, a := range abbrevs {
		var k model.MemberKind
		switch err := tx.QueryRowContext(ctx, `SELECT kind FROM members WHERE abbrev = ?`, a).Scan(&k); {
		case err == nil:
			kinds[a] = k
		case !errors.Is(err, sql.ErrNoRows):
			return nil, fmt.Errorf("store: member %q: %w", a, err)
		}
	}
	return kinds, nil
}

// CheckSources refuses the sources (Quelle) typed for an agenda item of the
// body that name one of its decisions by number (model.DecisionRefFits:
// "B-2025/99-IT", "Beschluss 2025/99") which gremium does not hold: an
// input error at the field "quelle" naming each (nil: all may be stored).
// Free text without a number, another body's number, and numbers of years
// before the first year gremium holds decisions of the body for (the real
// minutes cite B-2022/42-IT, older than the register) are kept as typed.
func (s *Store) CheckSources(ctx context.Context, bodyID int64, refs []string) error {
	b, err := s.Body(ctx, bodyID)
	if err != nil {
		return err
	}
	var first sql.NullInt64
	if err := s.rd.QueryRowContext(ctx, `SELECT MIN(year) FROM decisions WHERE body_id = ? AND seq > 0`, bodyID).Scan(&first); err != nil {
		return fmt.Errorf("store: first decision year: %w", err)
	}
	var unheld []string
	for _, ref := range refs {
		n, ok := model.ParseDecisionRef(ref)
		if !ok || !model.DecisionRefFits(b.DecisionPattern, ref) || !first.Valid || int64(n.Year) < first.Int64 {
			continue
		}
		if _, _, err := s.DecisionLabel(ctx, bodyID, n); errors.Is(err, ErrNotFound) {
			unheld = append(unheld, model.FormatDecisionNumber(b.DecisionPattern, n))
		} else if err != nil {
			return err
		}
	}
	switch len(unheld) {
	case 0:
		return nil
	case 1:
		return model.AtField("quelle", model.InputError("Der Beschluss %s ist nicht erfasst. Bitte die Nummer prüfen; eine Quelle ohne Beschlussnummer wird als Text übernommen.", unheld[0]))
	}
	return model.AtField("quelle", model.InputError("Die Beschlüsse %s sind nicht erfasst. Bitte die Nummern prüfen; eine Quelle ohne Beschlussnummer wird als Text übernommen.", strings.Join(unheld, ", ")))
}
