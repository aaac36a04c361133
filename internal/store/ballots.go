package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gremium/internal/model"
)

// Votes in session (Abstimmungen): the secretariat opens a vote on a
// proposal or on the Grüne Liste, the members present cast their votes
// themselves (or the secretariat enters a show of hands for them), the
// secretariat closes it, and the count under the rule of the decision's
// kind adopts or rejects. This and the written procedure are the only
// paths that decide a draft (decideTx).

const sessionVoteCols = `id, session_id, COALESCE(decision_id, 0), item_id, status, opened_at, opened_by, closed_at, result`

func scanSessionVote(r scanner) (model.SessionVote, error) {
	var v model.SessionVote
	var opened, closed string
	if err := r.Scan(&v.ID, &v.SessionID, &v.DecisionID, &v.ItemID, &v.Status, &opened, &v.OpenedBy, &closed, &v.Result); err != nil {
		return v, err
	}
	v.OpenedAt, _ = time.Parse(time.RFC3339, opened)
	v.ClosedAt, _ = time.Parse(time.RFC3339, closed)
	return v, nil
}

func sessionVoteTx(ctx context.Context, q queryer, id int64) (model.SessionVote, error) {
	v, err := queryOne(ctx, q, scanSessionVote, fmt.Sprintf("vote %d", id), `SELECT `+sessionVoteCols+` FROM ballots WHERE id = ?`, id)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return v, model.NotFoundError("Diese Abstimmung gibt es nicht.")
		}
		return v, err
	}
	v.Votes, err = queryList(ctx, q, func(r scanner) (model.CastVote, error) {
		var c model.CastVote
		var at string
		err := r.Scan(&c.Member, &c.Choice, &c.CastBy, &c.ShowOfHands, &at)
		c.At, _ = time.Parse(time.RFC3339, at)
		return c, err
	}, "ballot votes", `SELECT b.member_abbrev, b.choice, b.cast_by, b.show_of_hands, b.cast_at FROM ballot_votes b
		LEFT JOIN members m ON m.abbrev = b.member_abbrev WHERE b.ballot_id = ? ORDER BY COALESCE(m.position, 999)`, id)
	return v, err
}

// SessionVote gives a vote in session with the votes cast.
func (s *Store) SessionVote(ctx context.Context, id int64) (model.SessionVote, error) {
	return sessionVoteTx(ctx, s.rd, id)
}

// OpenSessionVote gives the vote open in a session, and false if none is.
func (s *Store) OpenSessionVote(ctx context.Context, sessionID int64) (model.SessionVote, bool, error) {
	var id int64
	err := s.rd.QueryRowContext(ctx, `SELECT id FROM ballots WHERE session_id = ? AND status = ?`, sessionID, model.VoteOpen).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return model.SessionVote{}, false, nil
	}
	if err != nil {
		return model.SessionVote{}, false, fmt.Errorf("store: open vote: %w", err)
	}
	v, err := sessionVoteTx(ctx, s.rd, id)
	return v, err == nil, err
}

// SecretVotes tells which votes in session do not reveal their choices:
// those not closed (open or cancelled: a cancelled vote never reveals them)
// and any with a higher id than the newest known (opened after this call).
// Readers of the audit log use it to hide how a member voted until the
// vote is closed.
func (s *Store) SecretVotes(ctx context.Context) (func(id int64) bool, error) {
	var maxID int64
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM ballots`).Scan(&maxID); err != nil {
		return nil, fmt.Errorf("store: secret votes: %w", err)
	}
	notClosed, err := queryList(ctx, s.db, func(r scanner) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	}, "votes not closed", `SELECT id FROM ballots WHERE status <> ?`, model.VoteClosed)
	if err != nil {
		return nil, err
	}
	return func(id int64) bool { return id > maxID || slices.Contains(notClosed, id) }, nil
}

// SessionVotes gives the votes of a session, oldest first, with the votes
// cast (the minutes and the audit show them).
func (s *Store) SessionVotes(ctx context.Context, sessionID int64) ([]model.SessionVote, error) {
	ids, err := queryList(ctx, s.rd, func(r scanner) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	}, "votes", `SELECT id FROM ballots WHERE session_id = ? ORDER BY id`, sessionID)
	if err != nil {
		return nil, err
	}
	out := make([]model.SessionVote, 0, len(ids))
	for _, id := range ids {
		v, err := sessionVoteTx(ctx, s.rd, id)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func hasOpenBallot(ctx context.Context, q queryer, sessionID int64) (bool, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM ballots WHERE session_id = ? AND status = ?`, sessionID, model.VoteOpen).Scan(&n); err != nil {
		return false, fmt.Errorf("store: open vote: %w", err)
	}
	return n > 0, nil
}

// openProcedureOf tells whether a written procedure on the decision is
// open.
func openProcedureOf(ctx context.Context, q queryer, decisionID int64) (bool, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM written_procedures WHERE decision_id = ? AND status = ?`, decisionID, model.ProcedureOpen).Scan(&n); err != nil {
		return false, fmt.Errorf("store: open written procedure: %w", err)
	}
	return n > 0, nil
}

// openBallotOf tells whether an open vote in session decides the
// decision: a vote on it alone, or the vote on the Grüne Liste en bloc
// while its item is on the list.
func openBallotOf(ctx context.Context, q queryer, decisionID int64) (bool, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM ballots b WHERE b.status = ? AND (b.decision_id = ?
		OR (b.decision_id IS NULL AND EXISTS (SELECT 1 FROM decisions d JOIN agenda_items i ON i.id = d.item_id
		    WHERE d.id = ? AND i.consent = 1 AND i.session_id = b.session_id)))`, model.VoteOpen, decisionID, decisionID).Scan(&n); err != nil {
		return false, fmt.Errorf("store: open vote: %w", err)
	}
	return n > 0, nil
}

// consentBallotAt tells whether the item is on the Grüne Liste while the
// list is being voted on en bloc: a proposal added to it then would be
// decided with votes cast before it was there.
func consentBallotAt(ctx context.Context, q queryer, itemID int64) (bool, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM ballots b JOIN agenda_items i ON i.session_id = b.session_id
		WHERE i.id = ? AND i.consent = 1 AND b.decision_id IS NULL AND b.status = ?`, itemID, model.VoteOpen).Scan(&n); err != nil {
		return false, fmt.Errorf("store: open consent vote: %w", err)
	}
	return n > 0, nil
}

// voteSubject is what a vote decides: one draft, or the drafts of the Grüne
// Liste; with the session, the body, its voters and who is present.
type voteSubject struct {
	session model.Session
	body    model.Body
	voters  []model.Member
	drafts  []model.Decision
	itemID  int64
	present map[string]bool
	on      model.Date // the date of the decisions
}

// subjectTx gathers the subject of a vote on decisionID (0: the Grüne
// Liste) in a running session with an established quorum, and checks that
// each decision can be taken with the members present.
func (s *Store) subjectTx(ctx context.Context, tx *sql.Tx, sessionID, decisionID int64) (voteSubject, error) {
	var sub voteSubject
	se, err := queryOne(ctx, tx, scanSession, fmt.Sprintf("session %d", sessionID), `SELECT `+sessionCols+` FROM sessions WHERE id = ?`, sessionID)
	if err != nil {
		return sub, err
	}
	if se.Status != model.StatusRunning {
		return sub, model.RuleError("Abgestimmt wird in der laufenden Sitzung; die %s ist „%s“.", se.Title(), se.Status.Label())
	}
	if err := checkQuorum(ctx, tx, sessionID); err != nil {
		return sub, err
	}
	sub.session = se
	sub.on = s.voteDate(se)
	if sub.body, sub.voters, err = bodyVoters(ctx, tx, se.BodyID); err != nil {
		return sub, err
	}
	if decisionID != 0 {
		d, err := currentDecision(ctx, tx, decisionID)
		if err != nil {
			return sub, err
		}
		if d.SessionID != sessionID {
			return sub, model.RuleError("%s gehört nicht zur %s.", d.DisplayTitle(), se.Title())
		}
		if d.Status != model.DecisionDraft {
			return sub, fmt.Errorf("store: decision %s is already %s: %w", d.DisplayTitle(), d.Status.Label(), ErrImmutable)
		}
		sub.drafts, sub.itemID = []model.Decision{d}, d.ItemID
	} else {
		sub.drafts, err = consentDrafts(ctx, tx, sessionID)
		if err != nil {
			return sub, err
		}
		if len(sub.drafts) == 0 {
			return sub, model.RuleError("Auf der Grünen Liste steht kein offener Beschlussvorschlag.")
		}
		sub.itemID = se.CurrentItemID
	}
	if sub.present, err = presentAt(ctx, tx, sessionID, sub.itemID); err != nil {
		return sub, err
	}
	for _, d := range sub.drafts {
		if err := checkApplicationAtVote(ctx, tx, d); err != nil {
			return sub, err
		}
		b, err := sub.ballot(ctx, tx, d, nil)
		if err != nil {
			return sub, err
		}
		if err := model.Feasible(b); err != nil {
			return sub, err
		}
	}
	return sub, nil
}

// consentDrafts gives the open proposals on the Grüne Liste of the
// session: of the items on its agenda marked for it, in agenda order.
func consentDrafts(ctx context.Context, q queryer, sessionID int64) ([]model.Decision, error) {
	return queryList(ctx, q, scanDecision, "consent decisions",
		`SELECT `+decisionCols+` FROM decisions d JOIN agenda_items i ON i.id = d.item_id
		 WHERE i.session_id = ? AND i.consent = 1 AND i.status IN (?, '') AND d.status = ? ORDER BY i.position, d.position, d.id`,
		sessionID, model.ItemAccepted, model.DecisionDraft)
}

// VoteDrafts gives what the open vote v decides: its proposal, or on the
// Grüne Liste en bloc every open proposal on it — the text a member's
// ballot shows, for the pages and the JSON API alike.
func (s *Store) VoteDrafts(ctx context.Context, v model.SessionVote) ([]model.Decision, error) {
	if v.Consent() {
		return consentDrafts(ctx, s.rd, v.SessionID)
	}
	d, err := s.Decision(ctx, v.DecisionID)
	if err != nil {
		return nil, err
	}
	return []model.Decision{d}, nil
}

// Today is the current date in German time by the store's clock (the one
// tests set with SetClock), for rules that look at "today".
func (s *Store) Today() model.Date { return model.BerlinDate(s.now()) }

// voteDate is the date of the decisions of a session: its date, or today in
// German time when the session has none.
func (s *Store) voteDate(se model.Session) model.Date {
	if !se.Date.IsZero() {
		return se.Date
	}
	return s.Today()
}

// ballot builds the count's input for one draft of the subject.
func (sub voteSubject) ballot(ctx context.Context, tx *sql.Tx, d model.Decision, votes map[string]model.VoteChoice) (model.Ballot, error) {
	b := model.Ballot{Kind: d.Kind, Rule: sub.body.Rules.For(d.Kind), AllMustConsent: d.AllMustConsent, Voters: sub.voters,
		Present: sub.present, Quorum: sub.body.Quorum(), Votes: votes}
	if b.Rule.NeedsShares() {
		var err error
		if b.Shares, b.SharesYear, err = sharesFor(ctx, tx, sub.on.Year); err != nil {
			return b, err
		}
	}
	return b, nil
}

// VoteOption changes how a vote is opened.
type VoteOption func(*voteOptions)

type voteOptions struct {
	consentingOnly bool
	seen           map[int64]int
}

// SeenDrafts names the drafts a show of hands was taken on, by id with
// the version the form showed (RecordShowOfHands): a proposal changed
// since, or a Grüne Liste that gained or lost a proposal, is refused as a
// conflict and nothing is recorded — the hands were raised on another
// text.
func SeenDrafts(versions map[int64]int) VoteOption {
	return func(o *voteOptions) { o.seen = versions }
}

// ConsentingOnly makes the proposal bind only the members that consent
// ("gilt nur für die zustimmenden Mitglieder"), set in the same
// transaction that opens the vote.
func ConsentingOnly() VoteOption { return func(o *voteOptions) { o.consentingOnly = true } }

// OpenVote opens a vote in a running session on a draft decision of the
// session (decisionID 0: on the Grüne Liste en bloc). It is refused while
// another vote of the session is open, without an established quorum, or
// when the decision cannot be taken with the members present (a Beschluss
// without the Bund). It gives the vote's id.
func (s *Store) OpenVote(ctx context.Context, sessionID, decisionID int64, opts ...VoteOption) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.openVoteTx(ctx, tx, sessionID, decisionID, opts)
		return err
	})
	return id, err
}

func (s *Store) openVoteTx(ctx context.Context, tx *sql.Tx, sessionID, decisionID int64, opts []VoteOption) (int64, error) {
	var o voteOptions
	for _, f := range opts {
		f(&o)
	}
	sub, err := s.subjectTx(ctx, tx, sessionID, decisionID)
	if err != nil {
		return 0, err
	}
	if o.seen != nil {
		if err := sawSubject(sub.drafts, o.seen, decisionID == 0); err != nil {
			return 0, err
		}
	}
	if o.consentingOnly && decisionID != 0 {
		d, err := currentDecision(ctx, tx, decisionID)
		if err != nil {
			return 0, err
		}
		if d.Status != model.DecisionDraft {
			return 0, fmt.Errorf("store: decision %s is already %s: %w", d.DisplayTitle(), d.Status.Label(), ErrImmutable)
		}
		if d.Scope != model.ScopeConsenting {
			if err := s.updatePlain(ctx, tx, "decisions", "decision", decisionID, `scope = ?, version = version + 1`, model.ScopeConsenting); err != nil {
				return 0, err
			}
		}
	}
	if open, err := hasOpenBallot(ctx, tx, sessionID); err != nil {
		return 0, err
	} else if open {
		return 0, ErrVoteRunning
	}
	detail := "Grüne Liste"
	if decisionID != 0 {
		detail = sub.drafts[0].Title
	}
	return s.insert(ctx, tx, "vote", detail,
		`INSERT INTO ballots (session_id, decision_id, item_id, opened_at, opened_by) VALUES (?, ?, ?, ?, ?)`,
		sessionID, nullID(decisionID), sub.itemID, s.now().UTC().Format(time.RFC3339), actorFrom(ctx))
}

// sawSubject checks that the drafts a vote is on are those a show of
// hands was taken on, each in the version seen (SeenDrafts).
func sawSubject(drafts []model.Decision, seen map[int64]int, consent bool) error {
	changed := len(drafts) != len(seen)
	for _, d := range drafts {
		if v, ok := seen[d.ID]; !ok || v != d.Version {
			changed = true
		}
	}
	if !changed {
		return nil
	}
	if consent {
		return model.ConflictError("Die Grüne Liste hat sich geändert, seit die Seite geladen wurde: ein Beschlussvorschlag ist hinzugekommen, weggefallen oder wurde geändert. Bitte prüfen Sie die Liste und erfassen Sie das Handzeichen erneut; die Stimmen stehen noch im Formular.")
	}
	return model.ConflictError("Der Beschlussvorschlag wurde geändert, seit die Seite geladen wurde; abgestimmt wurde über eine andere Fassung. Bitte prüfen Sie die geltende Fassung und erfassen Sie das Handzeichen erneut; die Stimmen stehen noch im Formular.")
}

// CastSessionVote records the vote of a member in an open vote in session:
// from the member's own account or API token, or — showOfHands — entered by
// the secretariat from a show of hands, which the audit log marks as such.
// Only a voting member present or represented at the vote's item votes,
// only while the session runs; it may change its vote until the vote
// closes.
func (s *Store) CastSessionVote(ctx context.Context, voteID int64, member string, choice model.VoteChoice, showOfHands bool) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return s.castTx(ctx, tx, voteID, member, choice, showOfHands)
	})
}

// CastSessionVoteOver is CastSessionVote from a ballot that showed the
// member's vote as seen ("" for none): when another login of the same
// member (a colleague of the office, another window) has voted otherwise
// since, the vote is refused as a conflict naming the vote now stored,
// instead of replacing it unseen (replacesUnseen). The same choice again
// is no conflict, and neither is a vote where none is stored.
func (s *Store) CastSessionVoteOver(ctx context.Context, voteID int64, member string, choice, seen model.VoteChoice) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var now model.VoteChoice
		err := tx.QueryRowContext(ctx, `SELECT choice FROM ballot_votes WHERE ballot_id = ? AND member_abbrev = ?`, voteID, member).Scan(&now)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: vote: %w", err)
		}
		if replacesUnseen(now, seen, choice) && choice.CastError() == nil {
			voters, err := voteVoters(ctx, tx, voteID)
			if err != nil {
				return err
			}
			return voteReplaced(model.NamesOf(voters).Of(member), now, choice)
		}
		return s.castTx(ctx, tx, voteID, member, choice, false)
	})
}

// replacesUnseen reports whether a vote choice cast from a ballot that
// showed the member's vote as seen (the form's "gesehen"; "" for none)
// would replace, unseen, the vote stored now: one was stored since
// (another login of the member, another window) that is neither the one
// the ballot showed nor the one cast. Where no vote is stored, nothing is
// replaced, whatever the ballot showed (a hand-made "gesehen", a vote
// removed since): before, that was refused as a conflict with the vote
// "„“", which no one had cast.
func replacesUnseen(stored, seen, choice model.VoteChoice) bool {
	return stored != "" && stored != seen && stored != choice
}

// voteReplaced refuses a vote that would replace, unseen, the vote now
// stored for the member (a colleague's, another window's).
func voteReplaced(name string, now, choice model.VoteChoice) error {
	return model.ConflictError("Für %s wurde inzwischen „%s“ abgestimmt (aus einer anderen Anmeldung oder einem anderen Fenster). Ihre Wahl „%s“ ist nicht gespeichert; bitte prüfen Sie und senden Sie erneut, wenn Sie die Stimme ändern wollen.",
		name, now.Label(), choice.Label())
}

// voteVoters gives the voting members of the body a vote in session is
// taken in.
func voteVoters(ctx context.Context, tx *sql.Tx, voteID int64) ([]model.Member, error) {
	v, err := sessionVoteTx(ctx, tx, voteID)
	if err != nil {
		return nil, err
	}
	var bodyID int64
	if err := tx.QueryRowContext(ctx, `SELECT body_id FROM sessions WHERE id = ?`, v.SessionID).Scan(&bodyID); err != nil {
		return nil, notFound(err, fmt.Sprintf("session %d", v.SessionID))
	}
	_, voters, err := bodyVoters(ctx, tx, bodyID)
	return voters, err
}

func (s *Store) castTx(ctx context.Context, tx *sql.Tx, voteID int64, member string, choice model.VoteChoice, showOfHands bool) error {
	if err := choice.CastError(); err != nil {
		return err
	}
	v, err := sessionVoteTx(ctx, tx, voteID)
	if err != nil {
		return err
	}
	if v.Status != model.VoteOpen {
		return model.RuleError("Diese Abstimmung ist beendet; Stimmen werden nicht mehr angenommen.")
	}
	se, err := queryOne(ctx, tx, scanSession, fmt.Sprintf("session %d", v.SessionID), `SELECT `+sessionCols+` FROM sessions WHERE id = ?`, v.SessionID)
	if err != nil {
		return err
	}
	// A vote left open by a session that ended (before ending refused
	// that) takes no more votes: abgestimmt wird in der laufenden Sitzung.
	if se.Status != model.StatusRunning {
		return model.RuleError("Abgestimmt wird in der laufenden Sitzung; die %s ist „%s“. Stimmen werden nicht mehr angenommen.", se.Title(), se.Status.Label())
	}
	_, voters, err := bodyVoters(ctx, tx, se.BodyID)
	if err != nil {
		return err
	}
	if !isVoter(voters, member) {
		return notEntitled(ctx, tx, member)
	}
	list, order, err := attendanceOrder(ctx, tx, v.SessionID)
	if err != nil {
		return err
	}
	if !model.PresentAt(list, order, v.ItemID)[member] {
		return absentFromVote(ctx, tx, se, v.ItemID, voters, member, list, order)
	}
	if err := s.touch(ctx, tx, "vote", voteID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO ballot_votes (ballot_id, member_abbrev, choice, cast_by, show_of_hands, cast_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (ballot_id, member_abbrev) DO UPDATE SET choice = excluded.choice, cast_by = excluded.cast_by,
		  show_of_hands = excluded.show_of_hands, cast_at = excluded.cast_at`,
		voteID, member, choice, actorFrom(ctx), showOfHands, s.now().UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("store: vote: %w", err)
	}
	// While the vote is open nobody sees how a member voted; the audit log
	// names the choice only for a show of hands, which all saw.
	detail := member + " hat abgestimmt"
	action := "vote"
	if showOfHands {
		action = "vote_show_of_hands"
		detail = fmt.Sprintf("%s: %s (Handzeichen, erfasst von der Geschäftsstelle)", member, choice)
	}
	return s.audit(ctx, tx, action, "vote", voteID, detail)
}

// absentFromVote refuses the vote in session se, counting at item itemID,
// of the voting member abbrev, which the attendance list (list, the
// session's items in order) does not record as present or represented
// there. The reason says why — absent from the session, arriving only for
// a later item ("erst ab TOP"), gone after an earlier one ("nur bis TOP"),
// no list at all — and at which item the vote counts: its own, or, for a
// vote that belongs to no item called (itemID 0: the Grüne Liste before
// any item), the start of the session, as model.PresentAt counts it. And
// it says what to do: the attendance is recorded on the session's page
// "Anwesenheit", which takes no change while a vote is open. Before, such
// a member read "ist zu Beginn der Sitzung laut Anwesenheitsliste nicht
// anwesend und nicht vertreten", also when it had only arrived late. Every
// live path takes this one (a vote cast, a show of hands in an open vote
// or in one step). The written procedure knows no attendance: there every
// voting member votes, and a non-voter is refused by notEntitled, as here.
func absentFromVote(ctx context.Context, tx *sql.Tx, se model.Session, itemID int64, voters []model.Member, abbrev string, list []model.Attendance, order []int64) error {
	m := model.Member{Abbrev: abbrev, Name: abbrev}
	for _, v := range voters {
		if v.Abbrev == abbrev {
			m = v
		}
	}
	label := func(id int64) (string, bool, error) {
		it, err := queryOne(ctx, tx, scanItem, fmt.Sprintf("agenda item %d", id), `SELECT `+itemCols+` FROM agenda_items WHERE id = ?`, id)
		if errors.Is(err, ErrNotFound) {
			return "", false, nil
		}
		if err != nil {
			return "", false, err
		}
		// An item without a number is named by its title, so that two of
		// them are told apart ("TOP (ohne Nummer)" twice said nothing).
		if title := strings.Join(strings.Fields(model.InternalText(it.Title)), " "); it.Number == "" && title != "" {
			return "TOP „" + title + "“", true, nil
		}
		return it.Label(), true, nil
	}
	var why string
	a := model.AttendanceFor(list, abbrev)
	pos := func(id int64) int { return slices.Index(order, id) }
	at := 0 // the position of the item the vote counts at; 0 for the start
	if itemID != 0 {
		at = pos(itemID)
	}
	switch {
	case len(list) == 0:
		why = fmt.Sprintf("Für die %s ist keine Anwesenheit erfasst", se.Title())
	case a.Presence != model.Present && a.Presence != model.Represented:
		why = fmt.Sprintf("%s ist laut Anwesenheitsliste der %s nicht anwesend und nicht vertreten", m.The(), se.Title())
	case a.FromItemID != 0 && at >= 0 && pos(a.FromItemID) > at:
		from, ok, err := label(a.FromItemID)
		if err != nil {
			return err
		}
		if ok {
			why = fmt.Sprintf("%s ist laut Anwesenheitsliste erst ab %s anwesend", m.The(), from)
		}
	case a.UntilItemID != 0 && at >= 0 && pos(a.UntilItemID) >= 0 && pos(a.UntilItemID) < at:
		until, ok, err := label(a.UntilItemID)
		if err != nil {
			return err
		}
		if ok {
			why = fmt.Sprintf("%s ist laut Anwesenheitsliste nur bis %s anwesend", m.The(), until)
		}
	}
	if why == "" {
		why = fmt.Sprintf("%s ist laut Anwesenheitsliste bei dieser Abstimmung nicht anwesend und nicht vertreten", m.The())
	}
	where := "; die Abstimmung gehört zu keinem aufgerufenen TOP und zählt die Anwesenheit zu Beginn der Sitzung"
	if itemID != 0 {
		item, ok, err := label(itemID)
		if err != nil {
			return err
		}
		where = ""
		if ok {
			where = "; abgestimmt wird bei " + item
		}
	}
	return model.RuleError("%s%s. Für %s kann daher keine Stimme abgegeben werden. "+
		"Ist das nicht richtig, bitte zuerst die Anwesenheit auf der Seite „Anwesenheit“ der Sitzung erfassen (Geschäftsstelle; eine offene Abstimmung dafür abbrechen) und dann erneut abstimmen.",
		why, where, m.Accusative())
}

// CastShowOfHands enters, in one transaction, the votes the secretariat saw
// by show of hands in an open vote, for members without a device; each is
// marked as such in the audit log. Members with keine Stimme are skipped. A
// vote for a member not present refuses the whole entry, and so does a
// hand for a member with a vote stored (handsOverVotes): the grid offers
// hands only for members that have not voted, and a member's own vote cast
// after the grid was read is not replaced.
func (s *Store) CastShowOfHands(ctx context.Context, voteID int64, votes map[string]model.VoteChoice) (int, error) {
	n := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := handsOverVotes(ctx, tx, voteID, votes); err != nil {
			return err
		}
		members := make([]string, 0, len(votes))
		for m := range votes {
			members = append(members, m)
		}
		slices.Sort(members)
		for _, m := range members {
			if c := votes[m]; c != model.VoteNone && c != "" {
				if err := s.castTx(ctx, tx, voteID, m, c, true); err != nil {
					return err
				}
				n++
			}
		}
		return nil
	})
	return n, err
}

// handsOverVotes refuses, in the show of hands' transaction, hands for
// members that have a vote stored in the open vote voteID: cast from
// their own account (or API token), or entered in another window, since
// the secretariat's grid was read. Before, the web handler checked this on
// the vote as read for the request, and a vote cast between that read and
// this write was still replaced. A closed vote is left to castTx, which
// gives that reason.
func handsOverVotes(ctx context.Context, tx *sql.Tx, voteID int64, votes map[string]model.VoteChoice) error {
	v, err := sessionVoteTx(ctx, tx, voteID)
	if err != nil || v.Status != model.VoteOpen {
		return err
	}
	stored := v.Choices()
	over := map[string]bool{}
	for m, c := range votes {
		if c != "" && c != model.VoteNone && stored[m] != "" {
			over[m] = true
		}
	}
	if len(over) == 0 {
		return nil
	}
	voters, err := voteVoters(ctx, tx, voteID)
	if err != nil {
		return err
	}
	// Named in list order, as the grid lists them; a member that is no
	// voter of the body is left to castTx, which says so.
	var since []string
	for _, m := range voters {
		if over[m.Abbrev] {
			since = append(since, m.Name)
		}
	}
	if len(since) == 0 {
		return nil
	}
	return model.ConflictError("Für %s wurde inzwischen abgestimmt (aus dem eigenen Konto oder einem anderen Fenster); ein Handzeichen ersetzt keine abgegebene Stimme. "+
		"Bitte prüfen Sie den Stand und tragen Sie die übrigen Handzeichen erneut ein.", model.JoinMembers(since))
}

// VoteOutcome is what closing a vote decided.
type VoteOutcome struct {
	Decisions []model.Decision // adopted or rejected, in agenda order
	Tally     model.Tally      // the count (of the first decision on the Grüne Liste)
	Phrase    string
}

// CloseVote closes an open vote in session and decides by the count under
// the rule of each decision's kind: adopted decisions get the next numbers
// of their year. The Grüne Liste is adopted en bloc only without a Nein and
// when every decision on it passes; otherwise the close is refused and the
// secretariat cancels the vote and takes the items singly.
func (s *Store) CloseVote(ctx context.Context, voteID int64) (VoteOutcome, error) {
	var out VoteOutcome
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		out, err = s.closeVoteTx(ctx, tx, voteID, false)
		return err
	})
	return out, err
}

// closeVoteTx closes the vote and counts it; oneStep says it was opened
// in the same transaction for a show of hands (RecordShowOfHands), which
// leaves no vote open to cancel when the Grüne Liste cannot pass.
func (s *Store) closeVoteTx(ctx context.Context, tx *sql.Tx, voteID int64, oneStep bool) (VoteOutcome, error) {
	var out VoteOutcome
	v, err := sessionVoteTx(ctx, tx, voteID)
	if err != nil {
		return out, err
	}
	if v.Status != model.VoteOpen {
		return out, model.RuleError("Diese Abstimmung ist bereits beendet.")
	}
	sub, err := s.subjectTx(ctx, tx, v.SessionID, v.DecisionID)
	if err != nil {
		return out, err
	}
	sub.itemID = v.ItemID
	if sub.present, err = presentAt(ctx, tx, v.SessionID, v.ItemID); err != nil {
		return out, err
	}
	votes := v.Choices()
	tallies := make([]model.Tally, len(sub.drafts))
	for i, d := range sub.drafts {
		b, err := sub.ballot(ctx, tx, d, votes)
		if err != nil {
			return out, err
		}
		if tallies[i], err = model.Count(b); err != nil {
			return out, err
		}
	}
	if v.Consent() {
		// What the secretariat does next: cancel the open vote, or —
		// after a show of hands in one step, which opened none that is
		// left — take the items one by one.
		next := "Bitte die Abstimmung abbrechen und %s einzeln behandeln."
		if oneStep {
			next = "Die Handzeichen sind nicht gespeichert; bitte %s einzeln behandeln."
		}
		names := model.NamesOf(sub.voters)
		for i, t := range tallies {
			if len(t.No) > 0 {
				against := make([]string, len(t.No))
				for j, m := range t.No {
					against[j] = names.Of(m)
				}
				// Which item a Nein is about, the en-bloc ballot does not
				// say: the member names it, the item leaves the list at
				// its request and the rest is voted on again.
				// "auf Wunsch des Bundes und von Hessen" (model.OfMembers):
				// it said "die Bund einzeln behandelt haben möchte".
				again := "Bitte die Abstimmung abbrechen, die TOPs, die auf Wunsch %s einzeln behandelt werden, von der Grünen Liste nehmen (Sitzungsseite, „Von der Grünen Liste nehmen“) und erneut über die Grüne Liste abstimmen."
				if oneStep {
					again = "Die Handzeichen sind nicht gespeichert; bitte die TOPs, die auf Wunsch %s einzeln behandelt werden, von der Grünen Liste nehmen (Sitzungsseite, „Von der Grünen Liste nehmen“) und erneut über die Grüne Liste abstimmen."
				}
				return out, model.RuleError("%s: die Grüne Liste wird nur ohne Gegenstimme en bloc beschlossen. "+fmt.Sprintf(again, model.OfMembers(against)), model.AgainstPhrase(against))
			}
			if !t.Adopted {
				return out, model.RuleError("%s wäre nicht beschlossen (%s); die Grüne Liste kann so nicht en bloc beschlossen werden. "+fmt.Sprintf(next, "den TOP"), sub.drafts[i].DisplayTitle(), t.Reason)
			}
		}
	}
	for i, d := range sub.drafts {
		res := tallies[i].Result()
		if v.Consent() {
			res.Note = "Grüne Liste, en bloc"
		}
		phrase := res.Phrase()
		decided, err := s.decideTx(ctx, tx, d.ID, tallies[i], phrase, sub.on, countedVotes(sub.voters, tallies[i]))
		if err != nil {
			return out, err
		}
		out.Decisions = append(out.Decisions, decided)
		if i == 0 {
			out.Tally, out.Phrase = tallies[i], phrase
		}
	}
	if err := s.touch(ctx, tx, "vote", voteID); err != nil {
		return out, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE ballots SET status = ?, closed_at = ?, result = ? WHERE id = ?`,
		model.VoteClosed, s.now().UTC().Format(time.RFC3339), out.Phrase, voteID); err != nil {
		return out, fmt.Errorf("store: close vote: %w", err)
	}
	return out, s.audit(ctx, tx, "close", "vote", voteID, out.Tally.Reason)
}

// CancelVote ends an open vote without a decision (for example when the
// Grüne Liste met a Nein); its votes stay in the record.
func (s *Store) CancelVote(ctx context.Context, voteID int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		v, err := sessionVoteTx(ctx, tx, voteID)
		if err != nil {
			return err
		}
		if v.Status != model.VoteOpen {
			return model.RuleError("Diese Abstimmung ist bereits beendet.")
		}
		if err := s.touch(ctx, tx, "vote", voteID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE ballots SET status = ?, closed_at = ? WHERE id = ?`,
			model.VoteCancelled, s.now().UTC().Format(time.RFC3339), voteID); err != nil {
			return fmt.Errorf("store: cancel vote: %w", err)
		}
		return s.audit(ctx, tx, "cancel", "vote", voteID, "")
	})
}

// RecordShowOfHands records a vote taken by show of hands in one step, in
// one transaction: it opens a vote on the draft (decisionID 0: the Grüne
// Liste), enters each member's vote as seen — marked in the audit log as
// entered by the secretariat — and closes it. Members without a vote in
// votes (keine Stimme) are not entered; a vote for a member not present is
// refused and nothing is recorded.
func (s *Store) RecordShowOfHands(ctx context.Context, sessionID, decisionID int64, votes map[string]model.VoteChoice, opts ...VoteOption) (VoteOutcome, error) {
	var out VoteOutcome
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		id, err := s.openVoteTx(ctx, tx, sessionID, decisionID, opts)
		if err != nil {
			return err
		}
		members := make([]string, 0, len(votes))
		for m := range votes {
			members = append(members, m)
		}
		slices.Sort(members)
		for _, m := range members {
			c := votes[m]
			if c == model.VoteNone || c == "" {
				continue
			}
			if err := s.castTx(ctx, tx, id, m, c, true); err != nil {
				return err
			}
		}
		out, err = s.closeVoteTx(ctx, tx, id, true)
		return err
	})
	return out, err
}
