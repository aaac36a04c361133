package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"gremium/internal/model"
)

// The public numbers of follow-ups ("Auftrag Nr. 12", /auftraege/nr/12,
// the JSON API's nummer; migration 01030). The row ids of follow_ups are
// shared with the follow-ups the public does not see — the AL-Runde's,
// those of proposals not adopted, those of minutes not released — so
// public addresses by row id told by their gaps how many of those there
// are, and the numbers users quoted had holes. A follow-up gets its
// public number when the publication gate first lets the public see it
// (follow_up_public, kept by syncFollowUpPublic in the transaction of
// the change that publishes it): one more than the highest number ever
// given, in order of creation among those published by one change. The
// row of follow_up_numbers stays when the follow-up is no longer public
// (or its row is gone): the tombstone keeps its number from being given
// again ("Public ids last").
//
// row_link marks the follow-ups that were public before the numbers
// came: their address by row id (/auftraege/17) was published, so it
// still leads the public to the follow-up's numbered page. Any other
// address by row id is internal.

// followUpNumberCol reads the public number of the follow-up f (0 if it
// has none) as a column of followUpCols.
const followUpNumberCol = `COALESCE((SELECT fn.number FROM follow_up_numbers fn WHERE fn.follow_up_id = f.id), 0)`

// numberFollowUps gives, inside tx, every follow-up matching cond (on p,
// a row of follow_up_public) that the public sees in the council's
// follow-up list and that has no public number yet the next ones, in
// order of creation (row id). The council is the first planning council
// (as the reminders find it); follow_up_public says for each follow-up
// whether the public sees it when its session's body is the council
// (own) and when another body is (other), so that a follow-up the public
// sees in no list of this installation (an adopted decision's, given on
// an item that is not on a public agenda) takes no number, which would
// be a gap in the public list. The caller holds the write lock (inTx):
// the highest number is read and raised in one statement.
func numberFollowUps(ctx context.Context, tx *sql.Tx, cond string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO follow_up_numbers (number, follow_up_id)
		SELECT (SELECT COALESCE(MAX(number), 0) FROM follow_up_numbers) + ROW_NUMBER() OVER (ORDER BY p.id), p.id
		FROM follow_up_public p WHERE `+cond+`
			AND CASE WHEN p.body_id = (SELECT id FROM bodies WHERE kind = ? ORDER BY id LIMIT 1) THEN p.own ELSE p.other END = 1
			AND NOT EXISTS (SELECT 1 FROM follow_up_numbers n WHERE n.follow_up_id = p.id)`, model.BodyPlanningCouncil); err != nil {
		return fmt.Errorf("store: follow-up numbers: %w", err)
	}
	return nil
}

// FollowUpByNumber gives the id of the follow-up with the public number
// n, also of one that is no longer public (whether the reader may see it
// is the list's question, model.Audience.FollowUpSQL); ErrNotFound if no
// follow-up ever had the number.
func (s *Store) FollowUpByNumber(ctx context.Context, n int64) (int64, error) {
	var id int64
	queries.Add(1)
	if err := s.rd.QueryRowContext(ctx, `SELECT follow_up_id FROM follow_up_numbers WHERE number = ?`, n).Scan(&id); err != nil {
		return 0, notFound(err, fmt.Sprintf("follow-up number %d", n))
	}
	rowsRead.Add(1)
	return id, nil
}

// FollowUpNumbering is what the numbers say of a follow-up's row id:
// its public number (0 if it never was public) and whether its address
// by row id was published before the numbers came (RowLink), so that
// the public is led from it to the numbered page.
type FollowUpNumbering struct {
	Number  int64
	RowLink bool
}

// FollowUpNumberOf gives the public number of the follow-up with the row
// id (the zero FollowUpNumbering if it has none, or no such follow-up
// exists: the answer is the same for both, so it tells nobody which row
// ids exist).
func (s *Store) FollowUpNumberOf(ctx context.Context, id int64) (FollowUpNumbering, error) {
	var n FollowUpNumbering
	var link int
	queries.Add(1)
	err := s.rd.QueryRowContext(ctx, `SELECT number, row_link FROM follow_up_numbers WHERE follow_up_id = ?`, id).Scan(&n.Number, &link)
	if errors.Is(err, sql.ErrNoRows) {
		return FollowUpNumbering{}, nil
	}
	if err != nil {
		return n, fmt.Errorf("store: follow-up number of %d: %w", id, err)
	}
	rowsRead.Add(1)
	n.RowLink = link != 0
	return n, nil
}

// errUnknownPlace refuses a place in the public follow-up list whose
// follow-up number was never given.
var errUnknownPlace = model.AtField("nach", model.InputError("Die Stelle in der Liste der Aufträge ist unbekannt."))

// rowCursor gives the cursor of a list as FollowUpPage reads it: in the
// lists of a public audience a cursor names its follow-up by the public
// number (FollowUpListEntry.Cursor), which is looked up here; the
// internal lists name the row id. The list's order is the same for both.
func (s *Store) rowCursor(ctx context.Context, q FollowUpListQuery, c *FollowUpCursor) (*FollowUpCursor, error) {
	if c == nil || q.Audience == model.Internal {
		return c, nil
	}
	id, err := s.FollowUpByNumber(ctx, c.ID)
	if errors.Is(err, ErrNotFound) {
		return nil, errUnknownPlace
	}
	if err != nil {
		return nil, err
	}
	row := *c
	row.ID = id
	return &row, nil
}
