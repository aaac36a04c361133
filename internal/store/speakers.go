package store

// The speakers' list (Redeliste) of a running session. Each operation is
// one transaction; SQLite transactions of the store begin IMMEDIATE, so
// concurrent requests for the floor queue and the positions they compute
// inside the transaction are gapless and never shared. Ending a turn
// creates the discussion row (ON) of the speaker in the same transaction.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"gremium/internal/model"
)

const speakerCols = `id, session_id, item_id, speaker, requested_by, requested_at, position, status, started_at, ended_at, COALESCE(contribution_id, 0), version`

func scanSpeaker(r scanner) (model.SpeakerRequest, error) {
	var q model.SpeakerRequest
	var requested, started, ended string
	err := r.Scan(&q.ID, &q.SessionID, &q.ItemID, &q.Speaker, &q.RequestedBy, &requested, &q.Position, &q.Status, &started, &ended, &q.ContributionID, &q.Version)
	q.RequestedAt, _ = time.Parse(time.RFC3339Nano, requested)
	q.StartedAt, _ = time.Parse(time.RFC3339Nano, started)
	q.EndedAt, _ = time.Parse(time.RFC3339Nano, ended)
	return q, err
}

// runningItem checks that the item belongs to the session and the session
// runs.
func runningItem(ctx context.Context, tx *sql.Tx, sessionID, itemID int64) (model.Session, error) {
	se, err := loadSessionTx(ctx, tx, sessionID)
	if err != nil {
		return se, err
	}
	if se.Status != model.StatusRunning {
		return se, model.RuleError("Die Redeliste wird während der laufenden Sitzung geführt; die %d. Sitzung ist „%s“.", se.Number, se.StatusLabel())
	}
	var owner int64
	if err := tx.QueryRowContext(ctx, `SELECT session_id FROM agenda_items WHERE id = ?`, itemID).Scan(&owner); err != nil {
		return se, notFound(err, fmt.Sprintf("agenda item %d", itemID))
	}
	if owner != sessionID {
		return se, model.NotFoundError("Dieser Tagesordnungspunkt gehört nicht zur %d. Sitzung.", se.Number)
	}
	return se, nil
}

// RequestFloor puts a speaker (a member's abbreviation) at the end of the
// speakers' list of an item of a running session and gives the request's
// id. A speaker who already waits or speaks on the item is refused.
func (s *Store) RequestFloor(ctx context.Context, sessionID, itemID int64, speaker string) (int64, error) {
	if speaker == "" {
		return 0, model.InputError("Bitte angeben, wer sich zu Wort meldet.")
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := runningItem(ctx, tx, sessionID, itemID); err != nil {
			return err
		}
		// The member's name, read before the insert: after a refused insert
		// PostgreSQL reads nothing more in the transaction.
		var name string
		err := tx.QueryRowContext(ctx, `SELECT name FROM members WHERE abbrev = ?`, speaker).Scan(&name)
		if errors.Is(err, sql.ErrNoRows) {
			return model.InputError("„%s“ ist kein Mitglied des Gremiums.", speaker)
		} else if err != nil {
			return fmt.Errorf("store: member %s: %w", speaker, err)
		}
		if name == "" {
			name = speaker
		}
		if err := checkFloorPresence(ctx, tx, sessionID, itemID, speaker); err != nil {
			return err
		}
		var pos int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM speaker_requests WHERE item_id = ?`, itemID).Scan(&pos); err != nil {
			return fmt.Errorf("store: speakers' list position: %w", err)
		}
		id, err = s.insert(ctx, tx, "speaker_request", speaker,
			`INSERT INTO speaker_requests (session_id, item_id, speaker, requested_by, requested_at, position, status) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			sessionID, itemID, speaker, actorFrom(ctx), s.now().UTC().Format(time.RFC3339Nano), pos, model.SpeakerWaiting)
		if errors.Is(err, ErrDuplicate) {
			return &model.Error{Class: model.ErrConflict, Reason: fmt.Sprintf("%s steht bereits auf der Redeliste dieses Tagesordnungspunkts.", name), Err: ErrOnTheList}
		}
		return err
	})
	return id, err
}

// checkFloorPresence refuses a speaker the session's attendance list
// records as absent at the item (model.CheckFloor).
func checkFloorPresence(ctx context.Context, tx *sql.Tx, sessionID, itemID int64, speaker string) error {
	list, order, err := attendanceOrder(ctx, tx, sessionID)
	if err != nil || len(list) == 0 {
		return err
	}
	it, err := loadItemTx(ctx, tx, itemID)
	if err != nil {
		return err
	}
	names, err := memberNames(ctx, tx)
	if err != nil {
		return err
	}
	return model.CheckFloor(list, order, itemID, speaker, it.Label(), names)
}

// FloorMembers gives the members who may ask for the floor at an item of
// a session, in the members' order: those the attendance list records
// present or represented there, everybody if no attendance is recorded
// (model.FloorOpen, the rule RequestFloor refuses by).
func (s *Store) FloorMembers(ctx context.Context, sessionID, itemID int64) ([]model.Member, error) {
	list, order, err := attendanceOrder(ctx, s.rd, sessionID)
	if err != nil {
		return nil, err
	}
	all, err := s.Members(ctx)
	if err != nil {
		return nil, err
	}
	open := model.FloorOpen(list, order, itemID)
	return slices.DeleteFunc(all, func(m model.Member) bool { return !open(m.Abbrev) }), nil
}

// WithdrawFloor takes a waiting request off the list (the member changed
// its mind, or the secretariat removes it).
func (s *Store) WithdrawFloor(ctx context.Context, id int64) error {
	// A request withdrawn already is no error: the user's second tap
	// finds what it asked for.
	return s.inTx(ctx, func(tx *sql.Tx) error {
		q, err := queryOne(ctx, tx, scanSpeaker, fmt.Sprintf("speaker request %d", id), `SELECT `+speakerCols+` FROM speaker_requests WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if q.Status == model.SpeakerWithdrawn {
			return nil // withdrawn already (a second tap): nothing to do
		}
		if q.Status != model.SpeakerWaiting {
			return model.RuleError("Nur eine wartende Wortmeldung kann zurückgezogen werden; %s %s.", q.Speaker, q.Status.Label())
		}
		return s.updateVersioned(ctx, tx, "speaker_requests", "speaker_request", id, q.Version, `status = ?`, model.SpeakerWithdrawn)
	})
}

// rowAtTurn is endTurnTx's at for a turn the secretariat ends at its own
// item ("Redebeitrag beenden" in the item's speakers' list): its row is
// made wherever the turn was.
const rowAtTurn int64 = -1

// endTurnTx ends the turn of whoever speaks in the session: the request is
// done. Only when the turn is ended at its own item (at: the item the
// secretariat ends it at, rowAtTurn for the turn's own) is the speaker's
// discussion row (ON) created, empty, after the item's last row, ready
// for the secretariat to type the points. A turn that ends because the
// session moved on (at 0, or another item) — the next speaker is given
// the floor at another item, another item is called, the session ends —
// creates no row: nobody types into it, and it stayed in the minutes as
// an empty "DLT:" that cannot be deleted (points said then are entered as
// a new Wortbeitrag, which has content). It gives the row's id (0 if
// nobody spoke or no row was created).
func (s *Store) endTurnTx(ctx context.Context, tx *sql.Tx, sessionID, at int64) (int64, error) {
	q, err := queryOne(ctx, tx, scanSpeaker, "current speaker", `SELECT `+speakerCols+` FROM speaker_requests WHERE session_id = ? AND status = ?`,
		sessionID, model.SpeakerSpeaking)
	if errors.Is(err, ErrNotFound) {
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	ended := s.now().UTC().Format(time.RFC3339Nano)
	if at != rowAtTurn && q.ItemID != at {
		return 0, s.updateVersioned(ctx, tx, "speaker_requests", "speaker_request", q.ID, q.Version, `status = ?, ended_at = ?`,
			model.SpeakerDone, ended)
	}
	if err := checkItemOpen(ctx, tx, q.ItemID); err != nil {
		return 0, err
	}
	pos, err := nextPosition(ctx, tx, q.ItemID)
	if err != nil {
		return 0, err
	}
	rowID, err := s.insert(ctx, tx, "contribution", q.Speaker,
		`INSERT INTO contributions (item_id, position, speaker, points, confidential) VALUES (?, ?, ?, '[]', 0)`, q.ItemID, pos, q.Speaker)
	if err != nil {
		return 0, err
	}
	return rowID, s.updateVersioned(ctx, tx, "speaker_requests", "speaker_request", q.ID, q.Version, `status = ?, ended_at = ?, contribution_id = ?`,
		model.SpeakerDone, ended, rowID)
}

// leaveFloorTx ends, inside tx, the turn of whoever speaks in the session
// at another item than itemID, the item called now, without a row
// (endTurnTx): the session moved on. Called by SetCurrentItem, so that the
// speaker of the item left does not keep the floor — and its clock —
// behind the new item, to be ended later with an empty row.
func (s *Store) leaveFloorTx(ctx context.Context, tx *sql.Tx, sessionID, itemID int64) error {
	var at int64
	err := tx.QueryRowContext(ctx, `SELECT item_id FROM speaker_requests WHERE session_id = ? AND status = ?`, sessionID, model.SpeakerSpeaking).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && at == itemID) {
		return nil
	} else if err != nil {
		return fmt.Errorf("store: current speaker: %w", err)
	}
	_, err = s.endTurnTx(ctx, tx, sessionID, 0)
	return err
}

// checkFloorSeen refuses, inside tx, to end or pass on the turn when the
// speaker who has the floor is not the one the form was read with (seen, a
// speaker request's id; 0 for nobody). Two windows of the secretariat: one
// gave the floor to the next already, the other's "Redebeitrag beenden"
// then ended the new speaker's turn at once, and its "Nächste Wortmeldung
// aufrufen" passed over that speaker.
//
// itemID is the item whose list the form showed (0: any): a turn at
// another item is not on that list, so a form read with nobody speaking
// there (seen 0) acts — the turn left behind at an earlier item ends
// without a row (endTurnTx). Before, after TOP 02 was called with DLT
// still speaking at TOP 01, the list of TOP 02 gave no next speaker ("Das
// Wort hat jetzt DLT") until DLT's turn was ended at TOP 01, which made
// an empty "DLT:" row there.
func checkFloorSeen(ctx context.Context, tx *sql.Tx, sessionID, itemID, seen int64) error {
	var current, at int64
	var speaker string
	err := tx.QueryRowContext(ctx, `SELECT id, speaker, item_id FROM speaker_requests WHERE session_id = ? AND status = ?`,
		sessionID, model.SpeakerSpeaking).Scan(&current, &speaker, &at)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: current speaker: %w", err)
	}
	if current == seen || (seen == 0 && itemID != 0 && at != itemID) {
		return nil
	}
	reason := "Die Redeliste hat sich inzwischen geändert: Gerade hat niemand das Wort. Nichts ist geändert; bitte den jetzigen Stand prüfen."
	if current != 0 {
		members, err := queryList(ctx, tx, scanMember, "members", `SELECT `+memberCols+` FROM members`)
		if err != nil {
			return err
		}
		byAbbrev := make(map[string]model.Member, len(members))
		for _, m := range members {
			byAbbrev[m.Abbrev] = m
		}
		reason = "Die Redeliste hat sich inzwischen geändert: " + model.FloorSentence(byAbbrev, speaker, "jetzt") + " Nichts ist geändert; bitte den jetzigen Stand prüfen."
	}
	return &model.Error{Class: model.ErrConflict, Reason: reason, Err: ErrFloorMoved}
}

// closeFloorTx ends the speakers' list of a session that ends: the turn of
// whoever speaks ends, without a discussion row (endTurnTx: after the end
// nobody types its points on the live page, and an empty row stayed in
// the minutes), and the requests still waiting are withdrawn — the
// session gives no more turns. Before, the projector and the live page
// said "Das Wort hat: SL" with the minutes counting on after the session
// had ended.
func (s *Store) closeFloorTx(ctx context.Context, tx *sql.Tx, sessionID int64) error {
	if _, err := s.endTurnTx(ctx, tx, sessionID, 0); err != nil {
		return err
	}
	waiting, err := queryList(ctx, tx, scanSpeaker, "waiting speakers", `SELECT `+speakerCols+` FROM speaker_requests WHERE session_id = ? AND status = ?`,
		sessionID, model.SpeakerWaiting)
	if err != nil {
		return err
	}
	for _, q := range waiting {
		if err := s.updateVersioned(ctx, tx, "speaker_requests", "speaker_request", q.ID, q.Version, `status = ?`, model.SpeakerWithdrawn); err != nil {
			return err
		}
	}
	return nil
}

// EndTurn ends the current speaker's turn (see endTurnTx) and gives the id
// of the discussion row it created (0 if nobody spoke).
//
// seen is the speaker request that had the floor when the form was read (0:
// nobody): a turn that has moved on since is not ended (checkFloorSeen).
func (s *Store) EndTurn(ctx context.Context, sessionID, seen int64) (int64, error) {
	var rowID int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		se, err := loadSessionTx(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		if se.Status != model.StatusRunning {
			return model.RuleError("Die Redeliste wird während der laufenden Sitzung geführt.")
		}
		if err := checkFloorSeen(ctx, tx, sessionID, 0, seen); err != nil {
			return err
		}
		rowID, err = s.endTurnTx(ctx, tx, sessionID, rowAtTurn)
		return err
	})
	return rowID, err
}

// NextSpeaker ends the current turn (creating its discussion row when the
// turn was at this item, endTurnTx) and gives the floor to the first who
// waits on the item. It gives the id of the row created (0 if nobody
// spoke or the turn was at another item) and whether someone has the
// floor now. seen is the speaker request that had the floor when the form was
// read (0: nobody), as for EndTurn.
func (s *Store) NextSpeaker(ctx context.Context, sessionID, itemID, seen int64) (rowID int64, started bool, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := runningItem(ctx, tx, sessionID, itemID); err != nil {
			return err
		}
		if err := checkFloorSeen(ctx, tx, sessionID, itemID, seen); err != nil {
			return err
		}
		if rowID, err = s.endTurnTx(ctx, tx, sessionID, itemID); err != nil {
			return err
		}
		q, err := queryOne(ctx, tx, scanSpeaker, "next speaker",
			`SELECT `+speakerCols+` FROM speaker_requests WHERE item_id = ? AND status = ? ORDER BY position LIMIT 1`, itemID, model.SpeakerWaiting)
		if errors.Is(err, ErrNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		started = true
		return s.updateVersioned(ctx, tx, "speaker_requests", "speaker_request", q.ID, q.Version, `status = ?, started_at = ?`,
			model.SpeakerSpeaking, s.now().UTC().Format(time.RFC3339Nano))
	})
	return rowID, started, err
}

// SpeakerRequests gives the speakers' list of an item in order.
func (s *Store) SpeakerRequests(ctx context.Context, itemID int64) ([]model.SpeakerRequest, error) {
	return queryList(ctx, s.db, scanSpeaker, "speakers' list",
		`SELECT `+speakerCols+` FROM speaker_requests WHERE item_id = ? ORDER BY position`, itemID)
}

// SpeakerRequest gives one request for the floor.
func (s *Store) SpeakerRequest(ctx context.Context, id int64) (model.SpeakerRequest, error) {
	return queryOne(ctx, s.db, scanSpeaker, fmt.Sprintf("speaker request %d", id), `SELECT `+speakerCols+` FROM speaker_requests WHERE id = ?`, id)
}
