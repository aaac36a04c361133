package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"gremium/internal/model"
)

const memberCols = `id, abbrev, name, kind, position, COALESCE(representative_id, 0)`

func scanMember(r scanner) (model.Member, error) {
	var m model.Member
	err := r.Scan(&m.ID, &m.Abbrev, &m.Name, &m.Kind, &m.Position, &m.RepresentativeID)
	return m, err
}

// CreateMember stores a new member and gives its id.
func (s *Store) CreateMember(ctx context.Context, m model.Member) (int64, error) {
	if err := m.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.insert(ctx, tx, "member", m.Abbrev,
			`INSERT INTO members (abbrev, name, kind, position) VALUES (?, ?, ?, ?)`, m.Abbrev, m.Name, m.Kind, m.Position)
		return err
	})
	return id, err
}

// Member gives the member with the abbreviation.
func (s *Store) Member(ctx context.Context, abbrev string) (model.Member, error) {
	return queryOne(ctx, s.rd, scanMember, "member "+abbrev, `SELECT `+memberCols+` FROM members WHERE abbrev = ?`, abbrev)
}

// Members gives all members in list order.
func (s *Store) Members(ctx context.Context) ([]model.Member, error) {
	return queryList(ctx, s.rd, scanMember, "members", `SELECT `+memberCols+` FROM members ORDER BY position, abbrev`)
}

// memberNames gives every member's name by its abbreviation inside q, for
// the reasons that name members ("Hessen", not "HE").
func memberNames(ctx context.Context, q queryer) (model.MemberNames, error) {
	members, err := queryList(ctx, q, scanMember, "members", `SELECT `+memberCols+` FROM members`)
	if err != nil {
		return nil, err
	}
	return model.NamesOf(members), nil
}

// MemberKinds gives the kind of every member by its abbreviation (for
// model.CheckApplication and model.Registration.Check).
func (s *Store) MemberKinds(ctx context.Context) (map[string]model.MemberKind, error) {
	members, err := s.Members(ctx)
	if err != nil {
		return nil, err
	}
	kinds := make(map[string]model.MemberKind, len(members))
	for _, m := range members {
		kinds[m.Abbrev] = m.Kind
	}
	return kinds, nil
}

// SetRepresentative records the person who now represents a member in the
// IT-Planungsrat; the person must act for that member. Spokesperson
// assignments that name no person follow the representative.
func (s *Store) SetRepresentative(ctx context.Context, member string, personID int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return s.setRepresentativeTx(ctx, tx, member, personID)
	})
}

// SetRepresentativeNamed records the person named as the member's
// representative in one transaction; a name not known yet becomes a person
// of the member.
func (s *Store) SetRepresentativeNamed(ctx context.Context, member, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return model.AtField("person", model.InputError("Bitte die Person nennen, die %s im IT-Planungsrat vertritt.", member))
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		personID, err := s.votingMemberPersonTx(ctx, tx, member, name, "Im IT-Planungsrat vertreten werden der Bund und die Länder")
		if err != nil {
			return err
		}
		return s.setRepresentativeTx(ctx, tx, member, personID)
	})
}

// votingMemberPersonTx gives the person of the voting member (the Bund or
// a Land) with the name, created if the member has none of that name. A
// member that does not vote is refused with refusal ("…; HE ist …").
func (s *Store) votingMemberPersonTx(ctx context.Context, tx *sql.Tx, member, name, refusal string) (int64, error) {
	var kind model.MemberKind
	switch err := tx.QueryRowContext(ctx, `SELECT kind FROM members WHERE abbrev = ?`, member).Scan(&kind); {
	case errors.Is(err, sql.ErrNoRows):
		return 0, model.NotFoundError("Das Mitglied „%s“ gibt es nicht.", member)
	case err != nil:
		return 0, fmt.Errorf("store: member %s: %w", member, err)
	}
	if !kind.Votes() {
		return 0, model.RuleError("%s; %s ist %s.", refusal, member, kind.Label())
	}
	p, err := queryOne(ctx, tx, scanPerson, "person "+name, `SELECT `+personCols+` FROM persons WHERE name = ? AND member_abbrev = ? ORDER BY id LIMIT 1`, name, member)
	if errors.Is(err, ErrNotFound) {
		return s.insert(ctx, tx, "person", name, `INSERT INTO persons (name, member_abbrev) VALUES (?, ?)`, name, member)
	}
	return p.ID, err
}

func (s *Store) setRepresentativeTx(ctx context.Context, tx *sql.Tx, member string, personID int64) error {
	p, err := queryOne(ctx, tx, scanPerson, fmt.Sprintf("person %d", personID), `SELECT `+personCols+` FROM persons WHERE id = ?`, personID)
	if err != nil {
		return err
	}
	if p.MemberAbbrev != member {
		names, err := memberNames(ctx, tx)
		if err != nil {
			return err
		}
		return model.RuleError("%s handelt nicht für %s und kann es nicht im IT-Planungsrat vertreten.", p.Name, names.Of(member))
	}
	var id int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM members WHERE abbrev = ?`, member).Scan(&id); err != nil {
		return model.NotFoundError("Das Mitglied „%s“ gibt es nicht.", member)
	}
	if err := s.touch(ctx, tx, "member", id); err != nil {
		return err
	}
	// The spokesperson functions without a person of their own follow the
	// representative: their OParl memberships move from the old person to
	// the new one (the triggers of migration 00051 watch the assignments,
	// not the members).
	if _, err := tx.ExecContext(ctx, `INSERT INTO oparl_dirty (entity, id)
		SELECT 'person', representative_id FROM members WHERE id = ? AND representative_id IS NOT NULL`, id); err != nil {
		return fmt.Errorf("store: representative: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE members SET representative_id = ? WHERE id = ?`, personID, id); err != nil {
		return fmt.Errorf("store: representative: %w", err)
	}
	// The new representative is public from now on (oparlSync's rule of
	// persons), the old one perhaps no longer: both are built again.
	if _, err := tx.ExecContext(ctx, `INSERT INTO oparl_dirty (entity, id) VALUES ('person', ?)`, personID); err != nil {
		return fmt.Errorf("store: representative: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO oparl_dirty (entity, id)
		SELECT 'assignment', id FROM spokesperson_assignments WHERE member_abbrev = ? AND person_id IS NULL`, member); err != nil {
		return fmt.Errorf("store: representative: %w", err)
	}
	return s.audit(ctx, tx, "representative", "member", id, member+" "+p.Name)
}

// UpdateMember changes a member's name, kind and position (the abbreviation
// is its key and stays).
func (s *Store) UpdateMember(ctx context.Context, m model.Member) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return s.updatePlain(ctx, tx, "members", "member", m.ID, `name = ?, kind = ?, position = ?`, m.Name, m.Kind, m.Position)
	})
}

// memberOfPerson gives the member the person of that name acts for,
// the named member's own person first where several share the name;
// known is false for a name not yet known. It is the one lookup of the
// attendance list (SaveAttendance) and of a delegation
// (delegatesActForMember), which both refuse a person of another member.
func memberOfPerson(ctx context.Context, q queryer, name, member string) (abbrev string, known bool, err error) {
	abbrev, err = queryOne(ctx, q, scanString, "person "+name, `SELECT member_abbrev FROM persons WHERE name = ? ORDER BY member_abbrev = ? DESC, id LIMIT 1`, name, member)
	if errors.Is(err, ErrNotFound) {
		return "", false, nil
	}
	return abbrev, err == nil, err
}

const personCols = `id, name, function, member_abbrev, email`

func scanPerson(r scanner) (model.Person, error) {
	var p model.Person
	err := r.Scan(&p.ID, &p.Name, &p.Function, &p.MemberAbbrev, &p.Email)
	return p, err
}

// CreatePerson stores a new person and gives its id.
func (s *Store) CreatePerson(ctx context.Context, p model.Person) (int64, error) {
	if err := p.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.insert(ctx, tx, "person", p.Name,
			`INSERT INTO persons (name, function, member_abbrev, email) VALUES (?, ?, ?, ?)`, p.Name, p.Function, p.MemberAbbrev, p.Email)
		return err
	})
	return id, err
}

// Person gives the person with the id.
func (s *Store) Person(ctx context.Context, id int64) (model.Person, error) {
	return queryOne(ctx, s.rd, scanPerson, fmt.Sprintf("person %d", id), `SELECT `+personCols+` FROM persons WHERE id = ?`, id)
}

// PersonsByID gives the persons with the ids, by id (an id without a
// person is missing from the map), in one statement per inChunk ids: a
// page listing many assignments reads their persons at once, not one
// statement each.
func (s *Store) PersonsByID(ctx context.Context, ids []int64) (map[int64]model.Person, error) {
	out := make(map[int64]model.Person, len(ids))
	err := inBatches(ids, func(in string, args []any) error {
		ps, err := queryList(ctx, s.rd, scanPerson, "persons by id", `SELECT `+personCols+` FROM persons WHERE id IN `+in, args...)
		for _, p := range ps {
			out[p.ID] = p
		}
		return err
	})
	return out, err
}

// PersonByName gives the first person with exactly this name.
func (s *Store) PersonByName(ctx context.Context, name string) (model.Person, error) {
	return queryOne(ctx, s.rd, scanPerson, "person "+name, `SELECT `+personCols+` FROM persons WHERE name = ? ORDER BY id LIMIT 1`, name)
}

// Persons gives all persons by name.
func (s *Store) Persons(ctx context.Context) ([]model.Person, error) {
	return queryList(ctx, s.rd, scanPerson, "persons", `SELECT `+personCols+` FROM persons ORDER BY name`)
}

// UpdatePerson changes a person.
func (s *Store) UpdatePerson(ctx context.Context, p model.Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return s.updatePlain(ctx, tx, "persons", "person", p.ID, `name = ?, function = ?, member_abbrev = ?, email = ?`,
			p.Name, p.Function, p.MemberAbbrev, p.Email)
	})
}
