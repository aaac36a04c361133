package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gremium/internal/model"
)

// MinutesItem is an agenda item with its minutes rows, as SaveMinutes takes
// them. Row positions must be set; ids are ignored.
type MinutesItem struct {
	// Section names the item's section (Name and Consent; the id is found
	// or the section added by SaveMinutes); an empty name leaves the
	// item's SectionID as it is.
	Section       model.Section
	Item          model.AgendaItem
	Contributions []model.Contribution
	Notes         []model.ProtocolNote
	Remarks       []model.Remark
	Decisions     []model.Decision
}

// MinutesApproval is an approval of earlier minutes that imported minutes
// record ("Bestätigung des Protokolls der 46. Sitzung"): the session
// number and the text of its minutes, kept as the approved version, with
// the stamp of those minutes read before the text was rendered
// (MinutesStamp; required, as for every approval).
type MinutesApproval struct {
	Session int
	Text    string
	Stamp   MinutesStamp
}

// SaveMinutes stores the minutes of a body's session in one transaction:
// the session (created if its number is new, its header updated otherwise),
// the items (matched to the existing ones by order and updated in place,
// surplus ones removed) and their rows (replaced). Decisions are matched by
// number, unnumbered ones by order, so a corrected import keeps their ids.
// While the minutes are not approved, decisions recorded from the past may
// be corrected this way (audited as "correct"); approved minutes refuse
// with ErrImmutable and nothing changes.
//
// An import never decides in gremium's place: it cannot turn an open
// proposal into a decision, cannot change the result or votes of a
// decision counted in gremium (in session or by written procedure), and is
// refused for a session that is running. Decisions new to gremium are
// records from the past and keep their recorded result; a number new to
// the session that the body holds already — a decision of the register,
// an earlier decision, or another decision of the same minutes — refuses
// the import with a conflict naming it (ErrDuplicate, numberHolder), and
// the new numbers move the year's counter past them. A session without
// a chair in the text gets the chair of its year from the body's rotation.
// approval, if set, approves the draft minutes of that earlier session with
// this session's date in the same transaction; if those minutes changed
// after approval.Stamp was read (the text would not be what is frozen),
// the import is refused with a conflict and nothing is stored. The stamp
// is compared first, before the import writes: the import's own rows (a
// section new to the body) are not a change of the earlier minutes.
//
// An imported decision whose number is recorded as an earlier decision
// (SaveEarlierDecision: cited before the session's minutes were in
// gremium) is that decision, when the file records it adopted on the
// day the earlier decision names (or either day is unknown): the earlier
// decision's record gives way to it in the same transaction (audited as
// removed), and what cited the number names the imported decision from
// then on (citations are by number). Adopted on another day, or not
// adopted, the number is refused as before.
//
// The import is one audit entry on the session (action "import"): it names
// src and every row the import created (see audit_import.go). opts may
// ask for OParlAfterCommit (honoured when the session is new).
func (s *Store) SaveMinutes(ctx context.Context, bodyID int64, se model.Session, items []MinutesItem, approval *MinutesApproval, src ImportSource, opts ...WriteOption) (int64, error) {
	if se.Status == "" {
		se.Status = model.StatusMinutesDraft
	}
	if err := se.Validate(); err != nil {
		return 0, err
	}
	var sessionID int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.checkImportedApproval(ctx, tx, bodyID, se.Number, approval); err != nil {
			return err
		}
		cur, err := sessionByNumber(ctx, tx, bodyID, se.Number)
		// Without a chair in the text: the session's recorded one, else the
		// rotation's of its year.
		rotation := ""
		if se.Chair == "" && !se.Date.IsZero() {
			var err error
			if rotation, _, err = chairOfYear(ctx, tx, bodyID, se.Date.Year); err != nil {
				return err
			}
		}
		switch {
		case errors.Is(err, ErrNotFound):
			// A new session only adds public objects: OParl may follow
			// the commit (OParlAfterCommit).
			s.changes(tx).oparlAfterCommit = slices.Contains(opts, OParlAfterCommit)
			sessionID, err = s.insert(ctx, tx, "session", se.Title(),
				`INSERT INTO sessions (body_id, number, date, start_time, end_time, place, chair, status, minutes_stand, approved_in)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				bodyID, se.Number, se.Date.String(), se.StartTime, se.EndTime, se.Place, cmp.Or(se.Chair, rotation), se.Status, se.MinutesStand.String(), se.ApprovedIn)
			if err != nil {
				return err
			}
			if slices.Contains(opts, SearchAfterCommit) {
				if err := markSearchPending(ctx, tx, sessionID); err != nil {
					return err
				}
			}
		case err != nil:
			return err
		default:
			sessionID = cur.ID
			if err := checkSessionOpen(ctx, tx, cur.ID); err != nil {
				return err
			}
			if cur.Status == model.StatusRunning {
				return model.RuleError("Die %d. Sitzung läuft; ihr Protokoll wird live geführt und kann nicht importiert werden.", cur.Number)
			}
			chair := cmp.Or(se.Chair, cur.Chair, rotation)
			if err := s.updateVersioned(ctx, tx, "sessions", "session", cur.ID, cur.Version,
				// The file's Stand is that of both versions: the
				// internal one of an earlier change goes.
				`date = ?, start_time = ?, end_time = ?, place = ?, chair = ?, minutes_stand = ?, minutes_changed = ''`,
				se.Date.String(), se.StartTime, se.EndTime, se.Place, chair, se.MinutesStand.String()); err != nil {
				return err
			}
		}
		// The rows the import creates are named by its one audit entry.
		if err := s.beginImport(tx, src); err != nil {
			return err
		}
		// Registrations that wait for the secretariat are not minutes: the
		// import leaves them alone.
		existing, err := queryList(ctx, tx, scanItem, "agenda items",
			`SELECT `+itemCols+` FROM agenda_items WHERE session_id = ? AND status IN (?, '') ORDER BY position, id`, sessionID, model.ItemAccepted)
		if err != nil {
			return err
		}
		sectionIDs, err := s.sectionsByName(ctx, tx, bodyID, items)
		if err != nil {
			return err
		}
		known, err := knownNumbers(ctx, tx, bodyID, items)
		if err != nil {
			return err
		}
		pattern, err := bodyPattern(ctx, tx, bodyID)
		if err != nil {
			return err
		}
		rows := minutesRows{known: known, session: se.Number, on: se.Date, pattern: pattern}
		// The items first (the existing ones updated in place, the new
		// ones inserted together), then their rows.
		labels := make([]string, len(items))
		itemIDs := make([]int64, len(items))
		var added []rowInsert
		for i, mi := range items {
			it := mi.Item
			it.SessionID = sessionID
			if mi.Section.Name != "" {
				it.SectionID = sectionIDs[mi.Section.Name]
			}
			if err := it.Validate(); err != nil {
				return err
			}
			labels[i] = it.Label()
			if i >= len(existing) {
				added = append(added, rowInsert{it.Label(), sessionID, itemArgs(it)})
				continue
			}
			itemIDs[i] = existing[i].ID
			keepUnminuted(&it, existing[i])
			if err := s.updatePlain(ctx, tx, "agenda_items", "agenda_item", itemIDs[i],
				itemSet+`, version = version + 1`, itemArgs(it)...); err != nil {
				return err
			}
		}
		ids, err := s.insertRows(ctx, tx, "agenda_items", "agenda_item", "session_id", itemColumns, added)
		if err != nil {
			return err
		}
		// ids are those of the items after the existing ones, if any.
		copy(itemIDs[min(len(existing), len(items)):], ids)
		for i, mi := range items {
			if err := s.replaceRows(ctx, tx, bodyID, sessionID, itemIDs[i], i >= len(existing), mi, &rows); err != nil {
				return fmt.Errorf("%s: %w", labels[i], err)
			}
		}
		if err := s.giveWayToImported(ctx, tx, bodyID, rows); err != nil {
			return err
		}
		if err := s.insertDecisions(ctx, tx, rows.decisions); err != nil {
			return err
		}
		if err := s.insertMinutesRows(ctx, tx, rows); err != nil {
			return err
		}
		for _, old := range existing[min(len(items), len(existing)):] {
			if err := s.removeItem(ctx, tx, old.ID); err != nil {
				return err
			}
		}
		if err := s.endImport(ctx, tx, sessionID); err != nil {
			return err
		}
		if approval != nil {
			var status model.SessionStatus
			err := tx.QueryRowContext(ctx, `SELECT status FROM sessions WHERE body_id = ? AND number = ?`, bodyID, approval.Session).Scan(&status)
			if err == nil && status == model.StatusMinutesDraft && approval.Session < se.Number {
				on := se.Date
				if on.IsZero() {
					on = s.Today()
				}
				return s.approveMinutesTx(ctx, tx, bodyID, approval.Session, se.Number, on, approval.Text,
					fmt.Sprintf("genehmigt in der %d. Sitzung (laut importiertem Protokoll)", se.Number))
			}
		}
		return nil
	})
	return sessionID, err
}

// checkImportedApproval compares, inside tx and before the import
// writes, the stamp of the earlier minutes the imported session approves
// (approval) with the stamp read before their text was rendered; nothing
// to compare where the import will not approve them (no approval, no such
// session, not a draft, not earlier).
func (s *Store) checkImportedApproval(ctx context.Context, tx *sql.Tx, bodyID int64, number int, approval *MinutesApproval) error {
	if approval == nil || approval.Session >= number {
		return nil
	}
	earlier, err := sessionByNumber(ctx, tx, bodyID, approval.Session)
	if errors.Is(err, ErrNotFound) || (err == nil && earlier.Status != model.StatusMinutesDraft) {
		return nil
	}
	if err != nil {
		return err
	}
	return s.checkMinutesStamp(ctx, tx, earlier.ID, earlier.Number,
		fmt.Sprintf("das Protokoll der %d. Sitzung, das es genehmigt, ist nicht importiert. Bitte importieren Sie es erneut.", number), approval.Stamp)
}

// sectionsByName gives the ids of the sections the items name, adding those
// the body does not know yet (after its last section), inside tx.
func (s *Store) sectionsByName(ctx context.Context, tx *sql.Tx, bodyID int64, items []MinutesItem) (map[string]int64, error) {
	have, err := queryList(ctx, tx, scanSection, "sections",
		`SELECT id, body_id, name, position, consent FROM sections WHERE body_id = ? ORDER BY position, id`, bodyID)
	if err != nil {
		return nil, err
	}
	ids := map[string]int64{}
	last := 0
	for _, sec := range have {
		ids[sec.Name] = sec.ID
		last = max(last, sec.Position)
	}
	for _, mi := range items {
		name := mi.Section.Name
		if _, ok := ids[name]; ok || name == "" {
			continue
		}
		last++
		id, err := s.insert(ctx, tx, "section", name,
			`INSERT INTO sections (body_id, name, position, consent) VALUES (?, ?, ?, ?)`, bodyID, name, last, mi.Section.Consent)
		if err != nil {
			return nil, err
		}
		ids[name] = id
	}
	return ids, nil
}

// replaceRows replaces an item's rows: it clears the old ones and adds the
// new ones to rows, which SaveMinutes inserts after all items; decisions
// are updated in place where they match, the others added to rows too. An item inserted by this import
// (isNew) has no rows yet: nothing is looked up or cleared.
func (s *Store) replaceRows(ctx context.Context, tx *sql.Tx, bodyID, sessionID, itemID int64, isNew bool, mi MinutesItem, rows *minutesRows) error {
	if !isNew {
		if err := s.clearRows(ctx, tx, itemID); err != nil {
			return err
		}
	}
	for _, c := range mi.Contributions {
		rows.contributions = append(rows.contributions, rowInsert{c.Speaker, itemID,
			[]any{c.Position, c.Speaker, toJSON(nonNil(c.Points)), c.Confidential}})
	}
	for _, n := range mi.Notes {
		rows.notes = append(rows.notes, rowInsert{n.Author, itemID, []any{n.Position, n.Author, n.Text, n.Confidential}})
	}
	for _, m := range mi.Remarks {
		if !m.Kind.Valid() {
			return model.InputError("Die Zeilenart „%s“ ist unbekannt.", m.Kind)
		}
		rows.remarks = append(rows.remarks, rowInsert{string(m.Kind), itemID, []any{m.Position, m.Kind, m.Text, m.Confidential}})
	}
	var old []model.Decision
	if !isNew {
		var err error
		if old, err = queryList(ctx, tx, scanDecision, "decisions",
			`SELECT `+decisionCols+` FROM decisions d WHERE d.item_id = ? ORDER BY d.position, d.id`, itemID); err != nil {
			return err
		}
	}
	for i := range old {
		if err := s.loadVotes(ctx, tx, &old[i]); err != nil {
			return err
		}
	}
	used := make([]bool, len(old))
	match := func(d model.Decision) int {
		for i, o := range old {
			if used[i] {
				continue
			}
			if (!d.Number.IsZero() && o.Number == d.Number) || (d.Number.IsZero() && o.Number.IsZero()) {
				return i
			}
		}
		return -1
	}
	for _, d := range mi.Decisions {
		d.BodyID, d.SessionID, d.ItemID = bodyID, sessionID, itemID
		if err := d.Validate(); err != nil {
			return err
		}
		i := match(d)
		if i < 0 {
			// One number names one decision: a number of the register,
			// of an earlier decision or given twice in the file refuses
			// the import (insertDecisions raises the counter past the
			// others, as an adoption moves it).
			if !d.Number.IsZero() {
				if h, ok := rows.known[d.Number]; ok {
					if !rows.takesEarlier(h, d) {
						return h.refusal(model.FormatDecisionNumber(rows.pattern, d.Number), "Bitte die Nummer im Protokoll prüfen; es ist nichts gespeichert.")
					}
					// The earlier decision's record gives way to it
					// (giveWayToImported).
					rows.earlier = append(rows.earlier, d.Number)
				}
				rows.known[d.Number] = numberHolder{inFile: true, session: rows.session}
			}
			// Inserted with the other new decisions after all items.
			rows.decisions = append(rows.decisions, d)
			continue
		}
		used[i] = true
		if err := importMayChange(old[i], d); err != nil {
			return err
		}
		if old[i].CountReason != "" {
			// Counted in gremium: the import keeps it as it is, only its
			// place among the rows may change.
			if d.Position != old[i].Position {
				if err := s.updatePlain(ctx, tx, "decisions", "decision", old[i].ID, `position = ?`, d.Position); err != nil {
					return err
				}
			}
			continue
		}
		if err := s.updatePlain(ctx, tx, "decisions", "decision", old[i].ID,
			`position = ?, kind = ?, title = ?, points = ?, status = ?, result = ?, scope = ?, adopted_on = ?, applicants = ?, version = version + 1`,
			d.Position, d.Kind, d.Title, toJSON(nonNil(d.Points)), d.Status, d.Result, d.Scope, d.AdoptedOn.String(), toJSON(nonNil(d.Applicants))); err != nil {
			return err
		}
		if err := replaceVotes(ctx, tx, old[i].ID, d.Votes); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, "correct", "decision", old[i].ID, "import"); err != nil {
			return err
		}
	}
	for i, o := range old {
		if !used[i] {
			if err := s.removeDecision(ctx, tx, o); err != nil {
				return err
			}
		}
	}
	return nil
}

// minutesRows are the minutes rows an import writes, per table, and the
// decision numbers the body holds (knownNumbers), with those the import
// adds.
type minutesRows struct {
	contributions, notes, remarks []rowInsert
	decisions                     []model.Decision // new to the store
	known                         map[model.DecisionNumber]numberHolder
	session                       int        // the number of the imported session
	on                            model.Date // its date (zero if unknown)
	pattern                       string     // the body's numbering pattern
	// earlier are the numbers of earlier decisions that decisions of the
	// file are (takesEarlier): their records give way.
	earlier []model.DecisionNumber
}

// takesEarlier says whether the new decision d of the imported minutes is
// the earlier decision h holds its number for: h is an earlier decision
// (not the register's, not another of the file), d is adopted, and the
// two name the same day where both name one (d's own date, else its
// session's). Before, every such number refused the import, and the
// minutes of the session that took a cited decision could not come in.
func (rows *minutesRows) takesEarlier(h numberHolder, d model.Decision) bool {
	return h.givesWayTo(d, rows.on)
}

// giveWayToImported removes, inside tx, the records of the body's earlier
// decisions whose numbers the imported minutes of session number hold
// (rows.earlier), each audited as removed with the session that now
// holds it; what cites the number names the imported decision then.
func (s *Store) giveWayToImported(ctx context.Context, tx *sql.Tx, bodyID int64, rows minutesRows) error {
	for _, n := range rows.earlier {
		if err := s.earlierGivesWay(ctx, tx, bodyID, n, fmt.Sprintf("als Beschluss der %d. Sitzung importiert", rows.session)); err != nil {
			return err
		}
	}
	return nil
}

// knownNumbers gives the numbers the body holds already in the years of
// the decisions of items — its decisions' (with the number of their
// session, 0 for none) and its earlier decisions' (with their day) —
// with what holds each: one query each instead of one per new decision.
// Before, the earlier decisions were not asked, and an imported
// B-2025/03-IT stood beside the earlier decision of that number.
func knownNumbers(ctx context.Context, tx *sql.Tx, bodyID int64, items []MinutesItem) (map[model.DecisionNumber]numberHolder, error) {
	known := map[model.DecisionNumber]numberHolder{}
	var years []any
	seen := map[int]bool{}
	for _, mi := range items {
		for _, d := range mi.Decisions {
			if y := d.Number.Year; !d.Number.IsZero() && !seen[y] {
				seen[y] = true
				years = append(years, y)
			}
		}
	}
	if len(years) == 0 {
		return known, nil
	}
	in := `IN (?` + strings.Repeat(", ?", len(years)-1) + `)`
	args := append([]any{bodyID}, years...)
	// The earlier decisions first: where a database from before holds a
	// number twice, the register's decision is named.
	for _, q := range []struct {
		earlier bool
		query   string
	}{
		{true, `SELECT year, seq, 0, adopted_on FROM earlier_decisions WHERE body_id = ? AND year ` + in},
		{false, `SELECT d.year, d.seq, COALESCE(s.number, 0), d.adopted_on FROM decisions d LEFT JOIN sessions s ON s.id = d.session_id
			WHERE d.body_id = ? AND d.year ` + in + ` AND d.seq > 0`},
	} {
		held, err := queryList(ctx, tx, func(r scanner) (numberHolder, error) {
			var h numberHolder
			var on string
			err := r.Scan(&h.number.Year, &h.number.Seq, &h.session, &on)
			h.earlier, h.on = q.earlier, parseDate(on)
			return h, err
		}, "decision numbers", q.query, args...)
		if err != nil {
			return nil, err
		}
		for _, h := range held {
			known[h.number] = h
		}
	}
	return known, nil
}

// rowInsert is one row to insert by insertRows: the id of the row it
// belongs to (the item of a minutes row, the session of an item), the
// values of its columns after that id, and the detail of its audit entry.
type rowInsert struct {
	detail   string
	parentID int64
	values   []any
}

// itemColumns are the columns of agenda_items after session_id, in the
// order of itemArgs.
const itemColumns = `section_id, number, title, points, goal, sources, reporters,
	flag_decision, flag_note, flag_recommendation, flag_followup, consent, position,
	impact_stated, impact_conferences, impact_note, status, registered_by, registered_at, late,
	deferred_to, deferred_from, deferral_reason, decline_reason`

// itemSet sets the columns of itemColumns from itemArgs in an UPDATE.
var itemSet = strings.ReplaceAll(strings.Join(strings.Fields(itemColumns), " "), ",", " = ?,") + " = ?"

// insertMinutesRows inserts the rows an import collected, table by table.
func (s *Store) insertMinutesRows(ctx context.Context, tx *sql.Tx, rows minutesRows) error {
	for _, t := range []struct {
		table, entity, cols string
		rows                []rowInsert
	}{
		{"contributions", "contribution", "position, speaker, points, confidential", rows.contributions},
		{"protocol_notes", "protocol_note", "position, author, text, confidential", rows.notes},
		{"remarks", "remark", "position, kind, text, confidential", rows.remarks},
	} {
		if _, err := s.insertRows(ctx, tx, t.table, t.entity, "item_id", t.cols, t.rows); err != nil {
			return err
		}
	}
	return nil
}

// rowInsertBatch is how many rows one INSERT of insertRows writes.
const rowInsertBatch = 100

// insertRows inserts rows into table (columns id, parent, then cols;
// every row with the same number of values), rowInsertBatch rows per
// statement, audits each as created and gives their ids in the order of
// rows; the audit takes the state of a kind without dependent parts from
// the insert (RETURNING *). The ids are reserved here at once, above
// every id the table ever gave (reserveIDs, kept_ids.go): the transaction
// holds the write lock, so no other writer takes one meanwhile. On
// PostgreSQL this skips the trigger's work, whose dynamic query per row was
// most of an import's time there.
func (s *Store) insertRows(ctx context.Context, tx *sql.Tx, table, entity, parent, cols string, rows []rowInsert) ([]int64, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	first, err := s.reserveIDs(ctx, tx, table, len(rows))
	if err != nil {
		return nil, err
	}
	last := first - 1
	e := entityByName(entity)
	if e == nil {
		return nil, fmt.Errorf("store: insert: unknown entity %q", entity)
	}
	whole := len(e.parts) == 0 // the row is the object's whole audited state
	bulk := s.importing(tx) != nil
	if bulk {
		// Part of an import: its one entry names the rows (audit_import.go).
		whole = false
	}
	out := make([]int64, 0, len(rows))
	one := "(?, ?" + strings.Repeat(", ?", len(rows[0].values)) + ")"
	for len(rows) > 0 {
		n := min(len(rows), rowInsertBatch)
		chunk := rows[:n]
		rows = rows[n:]
		args := make([]any, 0, (2+len(chunk[0].values))*n)
		for i, r := range chunk {
			args = append(args, last+int64(len(out)+i)+1, r.parentID)
			args = append(args, r.values...)
		}
		q := `INSERT INTO ` + table + ` (id, ` + parent + `, ` + cols + `) VALUES ` + one + strings.Repeat(", "+one, n-1)
		var inserted map[int64]state
		var err error
		if whole {
			// The rows as stored are their audited state: given back by
			// the insert instead of read again at the end.
			inserted, err = s.rowMapsByID(ctx, tx, q+` RETURNING *`, args...)
		} else {
			_, err = tx.ExecContext(ctx, q, args...)
		}
		if err != nil {
			if isUniqueViolation(err) {
				return nil, fmt.Errorf("store: create %s: %w", entity, ErrDuplicate)
			}
			return nil, fmt.Errorf("store: create %s: %w", entity, err)
		}
		if bulk {
			for range chunk {
				out = append(out, last+int64(len(out))+1)
			}
			if err := s.importCreated(ctx, tx, entity, out[len(out)-n:]); err != nil {
				return nil, err
			}
			continue
		}
		for _, r := range chunk {
			id := last + int64(len(out)) + 1
			if err := s.created(ctx, tx, entity, id); err != nil {
				return nil, err
			}
			if whole {
				if err := s.insertedAs(ctx, tx, entity, id, inserted[id]); err != nil {
					return nil, err
				}
			}
			if err := s.audit(ctx, tx, "create", entity, id, r.detail); err != nil {
				return nil, err
			}
			out = append(out, id)
		}
	}
	return out, nil
}

// maxID gives the highest id of table (0 if it is empty).
func maxID(ctx context.Context, tx *sql.Tx, table string) (int64, error) {
	var id int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM `+table).Scan(&id); err != nil {
		return 0, fmt.Errorf("store: highest id of %s: %w", table, err)
	}
	return id, nil
}

// importMayChange refuses an import that would decide in gremium's place:
// a proposal still open in gremium imported as decided, or a decision
// counted in gremium imported with another result, number or votes.
func importMayChange(old, d model.Decision) error {
	if old.Status == model.DecisionDraft && d.Status != model.DecisionDraft {
		return model.RuleError("%s ist in gremium ein offener Beschlussvorschlag; beschlossen wird er durch Abstimmung, nicht durch einen Import.", old.DisplayTitle())
	}
	if old.CountReason == "" {
		return nil
	}
	if d.Status != old.Status || d.Number != old.Number || d.Result != old.Result || !sameVotes(d.Votes, old.Votes) {
		return model.RuleError("%s wurde in gremium abgestimmt (%s); ein Import ändert weder Ergebnis noch Nummer noch Stimmen. Berichtigungen werden als neue Fassung angelegt.", old.DisplayTitle(), model.ResultInBrackets(old.Result))
	}
	return nil
}

// sameVotes compares vote lists; an import that gives none keeps them.
func sameVotes(a, b []model.Vote) bool {
	if len(a) == 0 {
		return true
	}
	if len(a) != len(b) {
		return false
	}
	by := map[string]model.VoteChoice{}
	for _, v := range b {
		by[v.Member] = v.Choice
	}
	for _, v := range a {
		if by[v.Member] != v.Choice {
			return false
		}
	}
	return true
}

// removeDecision deletes an unnumbered decision that a corrected import no
// longer contains. Numbered decisions are never removed: their number is
// given and must not come back.
func (s *Store) removeDecision(ctx context.Context, tx *sql.Tx, d model.Decision) error {
	if !d.Number.IsZero() {
		return fmt.Errorf("store: decision %s is missing from the import; numbered decisions are never removed: %w", d.Label, ErrImmutable)
	}
	var refs int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM debrief_entries WHERE decision_id = ?) + (SELECT COUNT(*) FROM follow_ups WHERE decision_id = ?)`,
		d.ID, d.ID).Scan(&refs); err != nil {
		return fmt.Errorf("store: decision references: %w", err)
	}
	if refs > 0 {
		return model.RuleError("%s ist mit Aufträgen oder einer Nachbesprechung verknüpft und kann durch einen Import nicht entfernt werden.", d.DisplayTitle())
	}
	if err := s.touch(ctx, tx, "decision", d.ID); err != nil {
		return err
	}
	for _, q := range []string{`DELETE FROM votes WHERE decision_id = ?`, `DELETE FROM relevance_feedback WHERE decision_id = ?`, `DELETE FROM co_applications WHERE decision_id = ?`} {
		if _, err := tx.ExecContext(ctx, q, d.ID); err != nil {
			return fmt.Errorf("store: remove decision rows: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM decisions WHERE id = ?`, d.ID); err != nil {
		return fmt.Errorf("store: remove decision: %w", err)
	}
	return s.audit(ctx, tx, "remove", "decision", d.ID, d.Label)
}

// removeItem deletes an agenda item that a corrected import no longer
// contains, with its rows.
func (s *Store) removeItem(ctx context.Context, tx *sql.Tx, itemID int64) error {
	var refs int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM follow_ups WHERE item_id = ?) + (SELECT COUNT(*) FROM requests WHERE item_id = ?)
		+ (SELECT COUNT(*) FROM recommendations WHERE item_id = ? OR target_item_id = ?) + (SELECT COUNT(*) FROM agenda_items WHERE deferred_from_item_id = ?)`,
		itemID, itemID, itemID, itemID, itemID).Scan(&refs); err != nil {
		return fmt.Errorf("store: item references: %w", err)
	}
	if refs > 0 {
		return model.RuleError("Ein Tagesordnungspunkt ist mit Aufträgen, Anliegen, Beschlussempfehlungen oder seinem vertagten TOP verknüpft und kann durch einen Import nicht entfernt werden.")
	}
	ds, err := queryList(ctx, tx, scanDecision, "decisions", `SELECT `+decisionCols+` FROM decisions d WHERE d.item_id = ?`, itemID)
	if err != nil {
		return err
	}
	for _, d := range ds {
		if err := s.removeDecision(ctx, tx, d); err != nil {
			return err
		}
	}
	if err := s.clearRows(ctx, tx, itemID); err != nil {
		return err
	}
	if err := s.touch(ctx, tx, "agenda_item", itemID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM agenda_items WHERE id = ?`, itemID); err != nil {
		return fmt.Errorf("store: remove item: %w", err)
	}
	return s.audit(ctx, tx, "remove", "agenda_item", itemID, "")
}

// selectItemRows finds the minutes rows of an item, for clearRows.
const selectItemRows = `SELECT 'contribution', id FROM contributions WHERE item_id = ?1
		UNION ALL SELECT 'protocol_note', id FROM protocol_notes WHERE item_id = ?1
		UNION ALL SELECT 'remark', id FROM remarks WHERE item_id = ?1`

// clearRows deletes the minutes rows (contributions, protocol notes,
// remarks) of an item; each is logged as removed. One query finds them, so
// that a new item costs one statement.
func (s *Store) clearRows(ctx context.Context, tx *sql.Tx, itemID int64) error {
	stmt, err := s.prepared(ctx, tx, selectItemRows)
	if err != nil {
		return fmt.Errorf("store: minutes rows: %w", err)
	}
	type row struct {
		entity string
		id     int64
	}
	var rows []row
	res, err := stmt.QueryContext(ctx, itemID)
	if err != nil {
		return fmt.Errorf("store: minutes rows: %w", err)
	}
	for res.Next() {
		var r row
		if err := res.Scan(&r.entity, &r.id); err != nil {
			res.Close()
			return fmt.Errorf("store: minutes rows: %w", err)
		}
		rows = append(rows, r)
	}
	res.Close()
	if err := res.Err(); err != nil || len(rows) == 0 {
		return err
	}
	for _, r := range rows {
		if err := s.touch(ctx, tx, r.entity, r.id); err != nil {
			return err
		}
	}
	for _, table := range []string{"contributions", "protocol_notes", "remarks"} {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE item_id = ?", itemID); err != nil {
			return fmt.Errorf("store: clear %s: %w", table, err)
		}
	}
	return nil
}

// keepUnminuted gives an item of imported minutes what the stored item
// has and minutes do not carry: who registered it, when and whether late,
// and the statement on the FachMK planning. A corrected import must not
// wipe them.
func keepUnminuted(it *model.AgendaItem, stored model.AgendaItem) {
	if it.RegisteredBy == "" && it.RegisteredAt.IsZero() {
		it.RegisteredBy, it.RegisteredAt, it.Late = stored.RegisteredBy, stored.RegisteredAt, stored.Late
	}
	if !it.Impact.Stated && len(it.Impact.ConferenceIDs) == 0 && it.Impact.Note == "" {
		it.Impact = stored.Impact
	}
}
