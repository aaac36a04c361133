package store

import (
	"context"
	"database/sql"
	"errors"
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
// newest table of that year or before, and the year it is of. Tables
// loaded with SaveShares come first; the built-in ones (2014–2016,
// model.BuiltinShares) fill in, so the rule works without any loading.
func (s *Store) SharesFor(ctx context.Context, year int) (model.Shares, int, error) {
	return sharesFor(ctx, s.rd, year)
}

func allShares(ctx context.Context, q queryer) (map[int]model.Shares, error) {
	out := model.BuiltinShares()
	loaded := map[int]model.Shares{}
	rows, err := q.QueryContext(ctx, `SELECT year, abbrev, share FROM ks_shares`)
	if err != nil {
		return nil, fmt.Errorf("store: shares: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var y int
		var a string
		var v float64
		if err := rows.Scan(&y, &a, &v); err != nil {
			return nil, fmt.Errorf("store: shares: %w", err)
		}
		if loaded[y] == nil {
			loaded[y] = model.Shares{}
		}
		loaded[y][a] = v
	}
	for y, sh := range loaded {
		out[y] = sh // a loaded table replaces the built-in one of its year
	}
	return out, rows.Err()
}

func sharesFor(ctx context.Context, q queryer, year int) (model.Shares, int, error) {
	all, err := allShares(ctx, q)
	if err != nil {
		return nil, 0, err
	}
	sh, y, ok := model.SharesFor(all, year)
	if !ok {
		return nil, 0, fmt.Errorf("%w (%d)", ErrNoShares, year)
	}
	return sh, y, nil
}

// SharesYears lists the years with a table, loaded or built in.
func (s *Store) SharesYears(ctx context.Context) ([]int, error) {
	all, err := allShares(ctx, s.db)
	if err != nil {
		return nil, err
	}
	return model.SharesYears(all), nil
}

// VotingMembers gives the members with a vote (Bund and Länder) in list order.
func (s *Store) VotingMembers(ctx context.Context) ([]model.Member, error) {
	return votingMembers(ctx, s.db)
}

func votingMembers(ctx context.Context, q queryer) ([]model.Member, error) {
	return queryList(ctx, q, scanMember, "voting members",
		`SELECT `+memberCols+` FROM members WHERE kind IN (?, ?) ORDER BY position, abbrev`, model.MemberBund, model.MemberLand)
}

// BodyVoters gives a body's voting members under its rules (for the
// IT-Planungsrat: the Bund and the 16 Länder) in list order.
func (s *Store) BodyVoters(ctx context.Context, bodyID int64) ([]model.Member, error) {
	b, err := s.Body(ctx, bodyID)
	if err != nil {
		return nil, err
	}
	all, err := votingMembers(ctx, s.db)
	if err != nil {
		return nil, err
	}
	return b.Rules.VotersOf(all), nil
}

// bodyVoters gives a body, its rules and voters inside tx.
func bodyVoters(ctx context.Context, tx *sql.Tx, bodyID int64) (model.Body, []model.Member, error) {
	b, err := bodyByID(ctx, tx, bodyID)
	if err != nil {
		return b, nil, err
	}
	all, err := votingMembers(ctx, tx)
	if err != nil {
		return b, nil, err
	}
	return b, b.Rules.VotersOf(all), nil
}

// ---- attendance and quorum ----

const attendanceCols = `a.member_abbrev, a.presence, a.person, a.from_item_id, a.until_item_id`

func scanAttendance(r scanner) (model.Attendance, error) {
	var a model.Attendance
	err := r.Scan(&a.Member, &a.Presence, &a.Person, &a.FromItemID, &a.UntilItemID)
	return a, err
}

// Attendance gives a session's attendance list in member order; members
// without a line are absent.
func (s *Store) Attendance(ctx context.Context, sessionID int64) ([]model.Attendance, error) {
	return attendance(ctx, s.rd, sessionID)
}

func attendance(ctx context.Context, q queryer, sessionID int64) ([]model.Attendance, error) {
	return queryList(ctx, q, scanAttendance, "attendance",
		`SELECT `+attendanceCols+` FROM session_attendance a
		 LEFT JOIN members m ON m.abbrev = a.member_abbrev WHERE a.session_id = ? ORDER BY COALESCE(m.position, 999), a.member_abbrev`, sessionID)
}

// itemOrder gives the ids of a session's accepted items in agenda order.
func itemOrder(ctx context.Context, q queryer, sessionID int64) ([]int64, error) {
	return queryList(ctx, q, func(r scanner) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	}, "item order", `SELECT id FROM agenda_items WHERE session_id = ? AND status IN (?, '') ORDER BY position, id`, sessionID, model.ItemAccepted)
}

// presentAt gives the members present or represented at an item of a
// session (itemID 0: at the start, the first item; model.PresentAt).
func presentAt(ctx context.Context, q queryer, sessionID, itemID int64) (map[string]bool, error) {
	list, order, err := attendanceOrder(ctx, q, sessionID)
	if err != nil {
		return nil, err
	}
	return model.PresentAt(list, order, itemID), nil
}

// attendanceOrder gives a session's attendance list and, if any is
// recorded, its items in agenda order: what model.PresentAt and
// model.FloorOpen decide by (without a list nobody is recorded present).
func attendanceOrder(ctx context.Context, q queryer, sessionID int64) ([]model.Attendance, []int64, error) {
	list, err := attendance(ctx, q, sessionID)
	if err != nil || len(list) == 0 {
		return nil, nil, err
	}
	order, err := itemOrder(ctx, q, sessionID)
	return list, order, err
}

// SaveAttendance replaces a session's attendance list (Anwesenheitsliste)
// in one transaction: who is present, represented (by a person of the same
// member — a new name, of a representative or of the person present,
// becomes a person of that member) or absent, and who
// arrives late or leaves early. While the session runs, the quorum is
// established again from the list (Feststellung der Beschlussfähigkeit),
// and its result and reason are given. Approved minutes refuse. The list
// is saved whatever was stored before; a form saves with
// SaveAttendanceOver.
func (s *Store) SaveAttendance(ctx context.Context, sessionID int64, list []model.Attendance) (bool, string, error) {
	return s.saveAttendance(ctx, sessionID, "", list)
}

// SaveAttendanceOver is SaveAttendance for a list drawn from the stored
// list of version drawn (model.AttendanceVersion of the list read): when
// the list was saved since (another window, another member of the
// secretariat), nothing is saved and ErrConflict is returned, so that
// their lines are not lost silently.
func (s *Store) SaveAttendanceOver(ctx context.Context, sessionID int64, drawn string, list []model.Attendance) (bool, string, error) {
	if drawn == "" {
		return false, "", fmt.Errorf("store: attendance of session %d without the version it was drawn from: %w", sessionID, ErrConflict)
	}
	return s.saveAttendance(ctx, sessionID, drawn, list)
}

func (s *Store) saveAttendance(ctx context.Context, sessionID int64, drawn string, list []model.Attendance) (bool, string, error) {
	var ok bool
	var reason string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		se, err := queryOne(ctx, tx, scanSession, fmt.Sprintf("session %d", sessionID), `SELECT `+sessionCols+` FROM sessions WHERE id = ?`, sessionID)
		if err != nil {
			return err
		}
		if err := checkSessionOpen(ctx, tx, sessionID); err != nil {
			return err
		}
		if drawn != "" {
			stored, err := attendance(ctx, tx, sessionID)
			if err != nil {
				return err
			}
			if model.AttendanceVersion(stored) != drawn {
				return fmt.Errorf("store: attendance of session %d (version %s): %w", sessionID, drawn, ErrConflict)
			}
		}
		body, err := bodyByID(ctx, tx, se.BodyID)
		if err != nil {
			return err
		}
		if open, err := hasOpenBallot(ctx, tx, sessionID); err != nil {
			return err
		} else if open {
			return model.RuleError("Während einer Abstimmung bleibt die Anwesenheit unverändert; bitte die Abstimmung zuerst schließen oder abbrechen.")
		}
		names, err := memberNames(ctx, tx)
		if err != nil {
			return err
		}
		items := map[int64]bool{}
		order, err := itemOrder(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		for _, id := range order {
			items[id] = true
		}
		if err := s.touch(ctx, tx, "session", sessionID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM session_attendance WHERE session_id = ?`, sessionID); err != nil {
			return fmt.Errorf("store: attendance: %w", err)
		}
		// Every line is checked and every reason given (errors.Join, each
		// at its line's field): a missing representative in one line does
		// not hide a span the wrong way round in another.
		seen := map[string]bool{}
		var lines []string
		var refused []error
		for _, a := range list {
			a.Person = strings.TrimSpace(a.Person)
			if seen[a.Member] {
				refused = append(refused, model.InputError("%s steht zweimal in der Anwesenheitsliste.", names.Of(a.Member)))
				continue
			}
			seen[a.Member] = true
			m, err := queryOne(ctx, tx, scanMember, "member "+a.Member, `SELECT `+memberCols+` FROM members WHERE abbrev = ?`, a.Member)
			if err != nil {
				if errors.Is(err, ErrNotFound) {
					refused = append(refused, model.InputError("„%s“ ist kein Mitglied.", a.Member))
					continue
				}
				return err
			}
			if !body.Seats(m) {
				refused = append(refused, model.AtField("anwesenheit_"+a.Member, model.RuleError("%s hat keinen Sitz in der %s: sie ist die Runde von Bund und Ländern.", m.Name, body.Abbrev)))
				continue
			}
			personMember := ""
			if a.Person != "" {
				var known bool
				var err error
				if personMember, known, err = memberOfPerson(ctx, tx, a.Person, a.Member); err != nil {
					return err
				}
				// Whoever acts for a member — its representative or the
				// person named for it when present — becomes a person of
				// that member: named for another member later (or further
				// down this list), it is refused.
				if !known && (a.Presence == model.Represented || a.Presence == model.Present) {
					if _, err := s.insert(ctx, tx, "person", a.Person, `INSERT INTO persons (name, member_abbrev) VALUES (?, ?)`, a.Person, a.Member); err != nil {
						return err
					}
				}
			}
			bad := model.ErrorsOf(a.Validate(personMember, names))
			known := true
			for i, id := range []int64{a.FromItemID, a.UntilItemID} {
				if id != 0 && !items[id] {
					known = false
					bad = append(bad, model.AtField([]string{"ab_", "bis_"}[i]+a.Member, model.InputError("%s von %s nennt einen TOP, der nicht auf der Tagesordnung steht.", []string{"Die Ankunft", "Der Weggang"}[i], m.Name)))
				}
			}
			if known {
				if err := a.CheckSpan(order, func(id int64) string {
					it, err := queryOne(ctx, tx, scanItem, fmt.Sprintf("agenda item %d", id), `SELECT `+itemCols+` FROM agenda_items WHERE id = ?`, id)
					if err != nil {
						return "dem gewählten TOP"
					}
					return it.Label()
				}, names); err != nil {
					bad = append(bad, err)
				}
			}
			if len(bad) > 0 {
				refused = append(refused, bad...)
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO session_attendance (session_id, member_abbrev, presence, person, from_item_id, until_item_id) VALUES (?, ?, ?, ?, ?, ?)`,
				sessionID, a.Member, a.Presence, a.Person, a.FromItemID, a.UntilItemID); err != nil {
				return fmt.Errorf("store: attendance: %w", err)
			}
			lines = append(lines, a.Member+" "+string(a.Presence))
		}
		if len(refused) > 0 {
			return errors.Join(refused...)
		}
		if err := attendanceKeepsVotes(ctx, tx, sessionID, list, order, names); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, "attendance", "session", sessionID, strings.Join(lines, ", ")); err != nil {
			return err
		}
		if se.Status != model.StatusRunning {
			return nil
		}
		ok, reason, err = s.quorumTx(ctx, tx, se)
		return err
	})
	return ok, reason, err
}

// attendanceKeepsVotes refuses an attendance list that contradicts the
// counts of the session: a member whose vote (or presence without a vote,
// "keine") a counted decision records must be present or represented at
// that decision's item. Counted decisions are immutable, so the list is
// what must agree; before, a member who had voted could be recorded
// absent after the session, and the minutes said "Hessen: abwesend"
// beside "Hessen: Ja" in the decision. Each reason is at the member's
// line and names the member as the pages do (names: "Hessen", not "HE").
func attendanceKeepsVotes(ctx context.Context, tx *sql.Tx, sessionID int64, list []model.Attendance, order []int64, names model.MemberNames) error {
	rows, err := tx.QueryContext(ctx, `SELECT v.member_abbrev, d.item_id, COALESCE(d.label, '') FROM votes v JOIN decisions d ON d.id = v.decision_id
		WHERE d.session_id = ? AND d.item_id IS NOT NULL AND d.status IN (?, ?) ORDER BY d.item_id, d.position, v.member_abbrev`,
		sessionID, model.DecisionAdopted, model.DecisionRejected)
	if err != nil {
		return fmt.Errorf("store: votes of session: %w", err)
	}
	type vote struct {
		member, label string
		item          int64
	}
	var votes []vote
	for rows.Next() {
		var v vote
		if err := rows.Scan(&v.member, &v.item, &v.label); err != nil {
			rows.Close()
			return fmt.Errorf("store: votes of session: %w", err)
		}
		votes = append(votes, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: votes of session: %w", err)
	}
	present := map[int64]map[string]bool{}
	said := map[string]bool{}
	var refused []error
	for _, v := range votes {
		if present[v.item] == nil {
			present[v.item] = model.PresentAt(list, order, v.item)
		}
		if present[v.item][v.member] || said[v.member] {
			continue
		}
		said[v.member] = true
		item := "dem TOP"
		if it, err := queryOne(ctx, tx, scanItem, fmt.Sprintf("agenda item %d", v.item), `SELECT `+itemCols+` FROM agenda_items WHERE id = ?`, v.item); err == nil {
			item = it.Label()
		}
		decision := ""
		if v.label != "" {
			decision = " (" + v.label + ")"
		}
		refused = append(refused, model.AtField("anwesenheit_"+v.member, model.RuleError(
			"%s ist bei der Abstimmung zu %s%s als anwesend gezählt; die Anwesenheitsliste muss %s dort als anwesend oder vertreten führen. Ein gezähltes Ergebnis bleibt, wie es ist.",
			names.Of(v.member), item, decision, names.Of(v.member))))
	}
	return errors.Join(refused...)
}

// EstablishQuorum checks, while a session runs, whether it has a quorum
// under its body's rule, from the attendance at the current item (or at
// the start), records the result (Feststellung der Beschlussfähigkeit) and
// gives the reason.
func (s *Store) EstablishQuorum(ctx context.Context, sessionID int64) (bool, string, error) {
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
		ok, reason, err = s.quorumTx(ctx, tx, se)
		return err
	})
	return ok, reason, err
}

// quorumTx establishes the quorum of a running session inside tx and
// records the finding where it was made (Feststellung der
// Beschlussfähigkeit; SessionRecord.Quorum, which the minutes give at
// its item):
//
//   - at the opening (no item called or taken up yet) it is the opening
//     finding, which a later check at the opening replaces: the list is
//     still being completed before the first item;
//   - later, a finding that differs from the last one recorded is added
//     at the item under discussion (after the items, at the last one
//     taken up); one that says the same adds nothing.
//
// sessions.quorum always holds the result in force, which a vote checks.
// Before, every check overwrote the one finding kept with the item
// called: the opening finding moved to TOP 01 when the attendance was
// saved again there.
func (s *Store) quorumTx(ctx context.Context, tx *sql.Tx, se model.Session) (bool, string, error) {
	body, voters, err := bodyVoters(ctx, tx, se.BodyID)
	if err != nil {
		return false, "", err
	}
	present, err := presentAt(ctx, tx, se.ID, se.CurrentItemID)
	if err != nil {
		return false, "", err
	}
	ok, reason := model.CheckQuorum(voters, present, body.Quorum())
	result := "nein"
	if ok {
		result = "ja"
	}
	var stored string
	if err := tx.QueryRowContext(ctx, `SELECT quorum_findings FROM sessions WHERE id = ?`, se.ID).Scan(&stored); err != nil {
		return false, "", fmt.Errorf("store: quorum findings: %w", err)
	}
	findings, err := fromJSON[QuorumFinding](stored)
	if err != nil {
		return false, "", err
	}
	at := se.CurrentItemID
	if at == 0 {
		// Not at an item: at the opening, or after the items, where it
		// belongs to the last one taken up.
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE((SELECT id FROM agenda_items WHERE session_id = ? AND taken_up > 0 ORDER BY taken_up DESC LIMIT 1), 0)`,
			se.ID).Scan(&at); err != nil {
			return false, "", fmt.Errorf("store: quorum: last item taken up: %w", err)
		}
	}
	finding := QuorumFinding{ItemID: at, Result: result, Reason: reason}
	switch n := len(findings); {
	case n > 0 && findings[n-1].Result == result && findings[n-1].Reason == reason:
		if se.Quorum == result {
			return ok, reason, nil // the same finding: nothing to record
		}
	case n > 0 && at == 0 && findings[n-1].ItemID == 0:
		findings[n-1] = finding // the opening finding, the list completed
	default:
		findings = append(findings, finding)
	}
	if err := s.touch(ctx, tx, "session", se.ID); err != nil {
		return false, "", err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE sessions SET quorum = ?, quorum_findings = ?, version = version + 1 WHERE id = ?`,
		result, toJSON(findings), se.ID); err != nil {
		return false, "", fmt.Errorf("store: quorum: %w", err)
	}
	return ok, reason, s.audit(ctx, tx, "quorum", "session", se.ID, reason)
}

// ---- written procedures ----

const procedureCols = `id, decision_id, started_at, deadline, status, closed_at, result, reminded, approves_session, minutes_text, ended_early`

func scanProcedure(r scanner) (model.WrittenProcedure, error) {
	var p model.WrittenProcedure
	var started, deadline, closed string
	if err := r.Scan(&p.ID, &p.DecisionID, &started, &deadline, &p.Status, &closed, &p.Result, &p.Reminded, &p.ApprovesSession, &p.MinutesText, &p.EndedEarly); err != nil {
		return p, err
	}
	p.Started, _ = time.Parse(time.RFC3339, started)
	p.Deadline, _ = time.Parse(time.RFC3339, deadline)
	p.Closed, _ = time.Parse(time.RFC3339, closed)
	return p, nil
}

// ProcedureStart is what starting a written procedure takes.
type ProcedureStart struct {
	// Decision is the new proposal: a draft outside any session. Its kind
	// fixes the rule (the body's rules); there is none to choose.
	Decision model.Decision
	// Deadline is the instant the procedure closes (entered in German
	// time, model.ParseBerlinTime).
	Deadline time.Time
	// ApprovesSession is the number of the session whose minutes the
	// procedure approves, with MinutesText the text sent to the members;
	// 0 for any other decision.
	ApprovesSession int
	MinutesText     string
	// MinutesStamp is the stamp of those minutes read before MinutesText
	// was rendered: if they changed since, the procedure is not started
	// (a conflict), so that the members are sent the minutes as stored.
	// Required with ApprovesSession: empty is an error, never a start
	// unchecked.
	MinutesStamp MinutesStamp
}

// StartProcedure starts a written procedure (Umlaufverfahren) on a new
// decision proposal with a deadline, in one transaction. It gives the
// procedure's id. The notification that the procedure started is queued in
// the same transaction. With SentOnce the same form sent again starts
// nothing and gives the procedure the first send started.
func (s *Store) StartProcedure(ctx context.Context, ps ProcedureStart, opts ...FormOption) (int64, error) {
	d := ps.Decision
	if d.Status != model.DecisionDraft || d.SessionID != 0 || d.ItemID != 0 {
		return 0, model.RuleError("Ein Umlaufverfahren entscheidet über einen neuen Beschlussvorschlag außerhalb einer Sitzung.")
	}
	if !ps.Deadline.After(s.now()) {
		return 0, model.InputError("Die Frist eines Umlaufverfahrens muss in der Zukunft liegen.")
	}
	if err := d.Validate(); err != nil {
		return 0, err
	}
	if ps.ApprovesSession != 0 && strings.TrimSpace(ps.MinutesText) == "" {
		return 0, model.InputError("Für die Bestätigung eines Protokolls im Umlaufverfahren fehlt der Text des Protokolls.")
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.once(ctx, tx, formOptionsOf(opts), "procedure", func() (int64, error) {
			id, _, err := s.startProcedureTx(ctx, tx, ps)
			return id, err
		})
		return err
	})
	return id, err
}

// startProcedureTx starts a checked written procedure inside tx; it gives
// the procedure's id and its decision's.
func (s *Store) startProcedureTx(ctx context.Context, tx *sql.Tx, ps ProcedureStart) (id, decisionID int64, err error) {
	d := ps.Decision
	if err := checkApplicants(ctx, tx, d.Applicants); err != nil {
		return 0, 0, err
	}
	if ps.ApprovesSession != 0 {
		var status model.SessionStatus
		var sessionID int64
		if err := tx.QueryRowContext(ctx, `SELECT id, status FROM sessions WHERE body_id = ? AND number = ?`, d.BodyID, ps.ApprovesSession).Scan(&sessionID, &status); err != nil {
			return 0, 0, notFound(err, fmt.Sprintf("session %d", ps.ApprovesSession))
		}
		if status != model.StatusMinutesDraft {
			return 0, 0, model.RuleError("Bestätigt werden kann nur ein Protokollentwurf; das Protokoll der %d. Sitzung ist „%s“.", ps.ApprovesSession, status.Label())
		}
		if err := s.checkMinutesStamp(ctx, tx, sessionID, ps.ApprovesSession, "das Umlaufverfahren ist nicht eingeleitet. Bitte prüfen Sie es und leiten Sie das Verfahren erneut ein.", ps.MinutesStamp); err != nil {
			return 0, 0, model.AtField("protokoll", err)
		}
		if p, open, err := openMinutesProcedure(ctx, tx, d.BodyID, ps.ApprovesSession); err != nil {
			return 0, 0, err
		} else if open {
			return 0, 0, model.AtField("protokoll", model.ConflictError("Das Protokoll der %d. Sitzung wird bereits im Umlaufverfahren „%s“ (Frist: %s) bestätigt.",
				ps.ApprovesSession, p.Title, model.BerlinDateTime(p.Deadline)))
		}
	}
	if decisionID, err = s.createDecisionTx(ctx, tx, d); err != nil {
		return 0, 0, err
	}
	rule := "" // the rule follows the kind; the column keeps the rule applied, for the record
	if body, _, err := bodyVoters(ctx, tx, d.BodyID); err == nil {
		rule = body.Rules.For(d.Kind).Label()
	}
	id, err = s.insert(ctx, tx, "procedure", d.Title,
		`INSERT INTO written_procedures (decision_id, rule, started_at, deadline, approves_session, minutes_text) VALUES (?, ?, ?, ?, ?, ?)`,
		decisionID, rule, s.now().UTC().Format(time.RFC3339), ps.Deadline.UTC().Format(time.RFC3339), ps.ApprovesSession, ps.MinutesText)
	if err != nil {
		return 0, 0, err
	}
	return id, decisionID, s.noticeProcedureStarted(ctx, tx, id)
}

// procedureByID reads a written procedure (without its votes) through q.
func procedureByID(ctx context.Context, q queryer, id int64) (model.WrittenProcedure, error) {
	return queryOne(ctx, q, scanProcedure, fmt.Sprintf("procedure %d", id), `SELECT `+procedureCols+` FROM written_procedures WHERE id = ?`, id)
}

// procedureVoters reads inside tx what a written procedure votes on: its
// decision (the current version), the body that decides it, and that
// body's voting members.
func procedureVoters(ctx context.Context, tx *sql.Tx, p model.WrittenProcedure) (model.Decision, model.Body, []model.Member, error) {
	d, err := currentDecision(ctx, tx, p.DecisionID)
	if err != nil {
		return d, model.Body{}, nil, err
	}
	body, voters, err := bodyVoters(ctx, tx, d.BodyID)
	return d, body, voters, err
}

// Procedure gives a written procedure with the votes cast so far.
func (s *Store) Procedure(ctx context.Context, id int64) (model.WrittenProcedure, error) {
	p, err := procedureByID(ctx, s.rd, id)
	if err != nil {
		return p, err
	}
	p.Votes, err = procedureVotes(ctx, s.rd, id)
	return p, err
}

func procedureVotes(ctx context.Context, q queryer, id int64) ([]model.Vote, error) {
	return queryList(ctx, q, func(r scanner) (model.Vote, error) {
		var v model.Vote
		return v, r.Scan(&v.Member, &v.Choice)
	}, "procedure votes", `SELECT v.member_abbrev, v.choice FROM procedure_votes v LEFT JOIN members m ON m.abbrev = v.member_abbrev
		WHERE v.procedure_id = ? ORDER BY COALESCE(m.position, 999)`, id)
}

// Procedures gives the written procedures with the votes cast so far, open
// ones first, newest first.
func (s *Store) Procedures(ctx context.Context) ([]model.WrittenProcedure, error) {
	ps, err := queryList(ctx, s.rd, scanProcedure, "procedures",
		`SELECT `+procedureCols+` FROM written_procedures ORDER BY status = 'geschlossen', deadline DESC, id DESC`)
	if err != nil {
		return nil, err
	}
	for i := range ps {
		if ps[i].Votes, err = procedureVotes(ctx, s.rd, ps[i].ID); err != nil {
			return nil, err
		}
	}
	return ps, nil
}

// ProcedureDeadline is an open written procedure's deadline with the
// title of its decision.
type ProcedureDeadline struct {
	ID       int64
	Deadline time.Time
	Title    string // the decision's title ("" if it has none)
	Body     string // the abbreviation of the body that decides (IT-PLR, AL-Runde)
}

// OpenProcedureDeadlines gives the open written procedures' deadlines, the
// earliest first, in one statement through written_procedures_open: what
// a calendar shows of them, however many procedures are closed.
func (s *Store) OpenProcedureDeadlines(ctx context.Context) ([]ProcedureDeadline, error) {
	return queryList(ctx, s.rd, func(r scanner) (ProcedureDeadline, error) {
		var p ProcedureDeadline
		var deadline string
		err := r.Scan(&p.ID, &deadline, &p.Title, &p.Body)
		if err == nil {
			p.Deadline, err = time.Parse(time.RFC3339, deadline)
		}
		return p, err
	}, "open procedures", `SELECT p.id, p.deadline, COALESCE(d.title, ''), COALESCE(b.abbrev, '') FROM written_procedures p
		LEFT JOIN decisions d ON d.id = p.decision_id LEFT JOIN bodies b ON b.id = d.body_id
		WHERE p.status = ? ORDER BY p.deadline, p.id`, model.ProcedureOpen)
}

// ErrProcedureClosed means a vote came after the deadline or the close.
var ErrProcedureClosed error = &model.Error{Class: model.ErrRule, Reason: "Das Umlaufverfahren ist abgeschlossen; Stimmen können nicht mehr abgegeben werden."}

// CastVote records a member's vote in an open written procedure. A member
// may change its vote until the deadline; every vote is in the audit log.
// Only the body's voting members vote.
func (s *Store) CastVote(ctx context.Context, procedureID int64, member string, choice model.VoteChoice) error {
	return s.castProcedureVote(ctx, procedureID, member, choice, nil)
}

// CastVoteOver is CastVote from a ballot that showed the member's vote as
// seen ("" for none): a different vote cast since by another login of the
// member is refused as a conflict naming it, as CastSessionVoteOver does
// in session.
func (s *Store) CastVoteOver(ctx context.Context, procedureID int64, member string, choice, seen model.VoteChoice) error {
	return s.castProcedureVote(ctx, procedureID, member, choice, &seen)
}

func (s *Store) castProcedureVote(ctx context.Context, procedureID int64, member string, choice model.VoteChoice, seen *model.VoteChoice) error {
	if err := choice.CastError(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		p, err := procedureByID(ctx, tx, procedureID)
		if err != nil {
			return err
		}
		now := s.now()
		if p.Status != model.ProcedureOpen || p.Due(now) {
			return ErrProcedureClosed
		}
		_, _, voters, err := procedureVoters(ctx, tx, p)
		if err != nil {
			return err
		}
		if !isVoter(voters, member) {
			return notEntitled(ctx, tx, member)
		}
		if seen != nil {
			var stored model.VoteChoice
			err := tx.QueryRowContext(ctx, `SELECT choice FROM procedure_votes WHERE procedure_id = ? AND member_abbrev = ?`, procedureID, member).Scan(&stored)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("store: vote: %w", err)
			}
			if replacesUnseen(stored, *seen, choice) {
				return voteReplaced(model.NamesOf(voters).Of(member), stored, choice)
			}
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

// notEntitled refuses the vote of a member that has none under the body's
// rules, naming it as the pages do ("Deutscher Städtetag", not "DST").
func notEntitled(ctx context.Context, tx *sql.Tx, member string) error {
	names, err := memberNames(ctx, tx)
	if err != nil {
		return err
	}
	return model.RuleError("%s ist nicht stimmberechtigt.", names.Of(member))
}

func isVoter(voters []model.Member, abbrev string) bool {
	for _, m := range voters {
		if m.Abbrev == abbrev {
			return true
		}
	}
	return false
}

// EndProcedureEarly closes an open written procedure before its deadline,
// which the secretariat may do only when every voting member has voted. It
// gives the closed procedure.
func (s *Store) EndProcedureEarly(ctx context.Context, procedureID int64) (model.WrittenProcedure, error) {
	var out model.WrittenProcedure
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		p, err := procedureByID(ctx, tx, procedureID)
		if err != nil {
			return err
		}
		if p.Votes, err = procedureVotes(ctx, tx, p.ID); err != nil {
			return err
		}
		_, _, voters, err := procedureVoters(ctx, tx, p)
		if err != nil {
			return err
		}
		if err := p.CanEndEarly(voters, s.now()); err != nil {
			return err
		}
		if err := s.touch(ctx, tx, "procedure", p.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE written_procedures SET ended_early = 1 WHERE id = ?`, p.ID); err != nil {
			return fmt.Errorf("store: end procedure: %w", err)
		}
		p.EndedEarly = true
		out, err = s.closeProcedureTx(ctx, tx, p, s.now())
		return err
	})
	return out, err
}

// CloseDueProcedures closes every open written procedure whose deadline has
// passed: the votes are counted under the rule of the decision's kind (no
// vote counts as abstention), the decision is adopted — getting the next
// number of its year — or rejected; a procedure approving minutes approves
// them when adopted. Each procedure closes in its own transaction, so a
// stop in the middle leaves it open for the next run and never closes it
// twice. It also records reminders a day before the deadline. It gives the
// procedures closed.
func (s *Store) CloseDueProcedures(ctx context.Context, now time.Time) ([]model.WrittenProcedure, error) {
	if err := s.remind(ctx, now); err != nil {
		return nil, err
	}
	due, err := queryList(ctx, s.rd, scanProcedure, "due procedures",
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
			done, err := s.closeProcedureTx(closingActor(ctx), tx, p, now)
			if err == nil {
				closed = append(closed, done)
			}
			return err
		})
		if err != nil {
			return closed, fmt.Errorf("store: close written procedure %d: %w", p.ID, err)
		}
	}
	return closed, nil
}

// closeProcedureTx counts and closes an open written procedure inside tx.
// The decision's date is the day of the close in German time (for a close
// at the deadline: the deadline's day), which also picks the
// Königsteiner-Schlüssel table.
func (s *Store) closeProcedureTx(ctx context.Context, tx *sql.Tx, p model.WrittenProcedure, now time.Time) (model.WrittenProcedure, error) {
	for _, t := range []struct {
		entity string
		id     int64
	}{{"procedure", p.ID}, {"decision", p.DecisionID}} {
		if err := s.touch(ctx, tx, t.entity, t.id); err != nil {
			return p, err
		}
	}
	d, body, voters, err := procedureVoters(ctx, tx, p)
	if err != nil {
		return p, err
	}
	cast, err := procedureVotes(ctx, tx, p.ID)
	if err != nil {
		return p, err
	}
	closedAt := p.Deadline
	if now.Before(closedAt) {
		closedAt = now // ended early
	}
	on := model.BerlinDate(closedAt)
	b := model.Ballot{Kind: d.Kind, Rule: body.Rules.For(d.Kind), AllMustConsent: d.AllMustConsent, Voters: voters, Written: true,
		Votes: model.ProcedureVotes(voters, cast)}
	if b.Rule.NeedsShares() {
		if b.Shares, b.SharesYear, err = sharesFor(ctx, tx, on.Year); err != nil {
			return p, err
		}
	}
	tally, err := model.Count(b)
	if err != nil {
		return p, err
	}
	phrase := tally.Phrase()
	var list []model.Vote
	for _, m := range voters {
		list = append(list, model.Vote{Member: m.Abbrev, Choice: b.Votes[m.Abbrev]})
	}
	decided, err := s.decideTx(ctx, tx, p.DecisionID, tally, phrase, on, list)
	if err != nil {
		return p, err
	}
	if tally.Adopted && p.ApprovesSession != 0 {
		if err := s.approveMinutesTx(ctx, tx, d.BodyID, p.ApprovesSession, 0, on, p.MinutesText,
			fmt.Sprintf("bestätigt im Umlaufverfahren (%s)", model.BerlinDateTime(closedAt))); err != nil {
			return p, err
		}
	}
	if err := s.approveCorrectionByProcedureTx(ctx, tx, p, tally.Adopted, on, closedAt); err != nil {
		return p, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE written_procedures SET status = ?, closed_at = ?, result = ? WHERE id = ?`,
		model.ProcedureClosed, now.UTC().Format(time.RFC3339), phrase, p.ID); err != nil {
		return p, fmt.Errorf("store: close procedure: %w", err)
	}
	p.Status, p.Result, p.Closed, p.Votes = model.ProcedureClosed, phrase, now, cast
	if err := s.noticeProcedureResult(ctx, tx, body, p, decided, tally, phrase, closedAt); err != nil {
		return p, err
	}
	return p, s.audit(ctx, tx, "close", "procedure", p.ID, tally.Reason)
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
	due, err := queryList(ctx, s.rd, scanProcedure, "procedures to remind",
		`SELECT `+procedureCols+` FROM written_procedures WHERE status = ? AND reminded = 0 AND deadline <= ? AND deadline > ?`,
		model.ProcedureOpen, now.Add(ReminderLead).UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	if err != nil {
		return err
	}
	for _, p := range due {
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			d, body, voters, err := procedureVoters(ctx, tx, p)
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
			if len(missing) > 0 {
				if err := s.noticeProcedureClosing(ctx, tx, body, p, d, missing); err != nil {
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

// procedureClosedAt is the moment a closed written procedure decided, in
// SQL (RFC 3339, UTC, as stored): its early end, or its deadline when the
// closing loop counted it after.
const procedureClosedAt = `CASE WHEN p.closed_at < p.deadline THEN p.closed_at ELSE p.deadline END`

// ProcedureDecisions gives the decisions taken by written procedure whose
// procedure closed after the instant after and up to the instant until
// (ProcedurePeriod), for the minutes' section "Umlaufverfahren seit der
// letzten Sitzung".
func (s *Store) ProcedureDecisions(ctx context.Context, bodyID int64, after, until time.Time) ([]model.Decision, error) {
	return s.procedureDecisions(ctx, s.rd, bodyID, after, until)
}

// procedureDecisions is ProcedureDecisions through q (the store's reader,
// or a transaction: the minutes' stamp, MinutesStamp).
func (s *Store) procedureDecisions(ctx context.Context, q queryer, bodyID int64, after, until time.Time) ([]model.Decision, error) {
	from := ""
	if !after.IsZero() {
		from = after.UTC().Format(time.RFC3339)
	}
	ds, err := queryList(ctx, q, scanDecision, "procedure decisions",
		`SELECT `+decisionCols+` FROM decisions d JOIN written_procedures p ON p.decision_id = d.id
		 WHERE d.body_id = ? AND p.status = ? AND `+procedureClosedAt+` > ? AND `+procedureClosedAt+` <= ? ORDER BY d.adopted_on, d.seq, d.id`,
		bodyID, model.ProcedureClosed, from, until.UTC().Format(time.RFC3339))
	if err != nil {
		return nil, err
	}
	return ds, s.loadVotesOf(ctx, q, ds)
}

// ProcedurePeriod gives the period whose written procedures the minutes of
// se list: from the end of the body's previous session (the newest one
// before it with a date that was not cancelled — a cancelled session has
// no minutes; zero if there is none) to the end of se, each as
// model.SessionEnd gives it. A procedure that closes after a session ended
// belongs to the next session's minutes, also on the same day. Zero until
// for a session without a date.
func (s *Store) ProcedurePeriod(ctx context.Context, se model.Session) (after, until time.Time, err error) {
	return procedurePeriod(ctx, s.rd, se)
}

// procedurePeriod is ProcedurePeriod through q (the store's reader, or a
// transaction: the minutes' stamp, MinutesStamp).
func procedurePeriod(ctx context.Context, q queryer, se model.Session) (after, until time.Time, err error) {
	type end struct {
		number         int
		date           model.Date
		endTime, ended string
	}
	ends, err := queryList(ctx, q, func(r scanner) (end, error) {
		var e end
		var date string
		err := r.Scan(&e.number, &date, &e.endTime, &e.ended)
		e.date = parseDate(date)
		return e, err
	}, "session ends",
		`SELECT number, date, end_time, ended_at FROM sessions
		 WHERE body_id = ? AND (number = ? OR (number < ? AND date != '' AND cancelled_reason = ''))
		 ORDER BY number DESC LIMIT 2`, se.BodyID, se.Number, se.Number)
	if err != nil {
		return after, until, err
	}
	for _, e := range ends {
		ended, _ := time.Parse(time.RFC3339, e.ended)
		at := model.SessionEnd(e.date, e.endTime, ended)
		if e.number == se.Number {
			until = at
		} else {
			after = at
		}
	}
	return after, until, nil
}
