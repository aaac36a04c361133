package store

// Anmeldung in eine andere Sitzung verlegen: a pending registration of a
// cancelled session (or, moved by the secretariat, of a session that began
// before it was decided) moves to another session of the same body, in one
// transaction (model.AgendaItem.RegistrationMove, model.CheckMoveTarget).

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"gremium/internal/model"
)

// RegistrationMove asks to move a pending registration of a cancelled
// session (or, by the secretariat, of a session that has begun) to another
// session (MoveRegistration).
type RegistrationMove struct {
	ItemID  int64
	Version int // the registration's version as read
	// Member is the member office that moves it; "" for the secretariat,
	// which may move any.
	Member string
	// Target is the number of the session, of the same body, it goes to.
	Target int
}

// MoveRegistration moves the pending registration m.ItemID of a cancelled
// session — or, moved by the secretariat, of a session that opened (or
// ended) before it decided on it — to the session numbered m.Target of the same body, which must
// take registrations (model.CheckMoveTarget), in one transaction. It is
// the same registration, not a new one: the agenda item keeps its id (its
// page /anmeldungen/{id}), title, points, goal, sources, reporting
// members, FachMK statement, registering member and the time it was made;
// its decision proposal and documents go with it; the co-applications
// stay as they are — a confirmation stays valid, since what a co-applicant
// confirmed (model.Substance: the item's title and goal, the proposal's
// kind, title and points) is unchanged, and the session is not part of it
// (a deferred item keeps its co-applications the same way). The item is
// marked late when the target's registration deadline has passed on the
// day of the move: that deadline is what the secretariat prepares the
// target's agenda by. The move is logged ("relocate"); the named
// co-applicants are told, and so is the other side: the secretariat when
// the office moved it, the registering member when the secretariat did
// (EventItemDeferred). A stale version is a conflict; a registration that
// is decided or whose session is neither cancelled nor (for the
// secretariat) begun, and a target that is not of the body or takes no
// registrations, are refused with the reason (a rule error;
// model.AgendaItem.RegistrationMove). It gives the item as stored and the
// target session.
func (s *Store) MoveRegistration(ctx context.Context, m RegistrationMove) (model.AgendaItem, model.Session, error) {
	var out model.AgendaItem
	var to model.Session
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		it, err := loadRegistrationTx(ctx, tx, m.ItemID)
		if err != nil {
			return err
		}
		if m.Member != "" && it.RegisteredBy != m.Member {
			return model.ForbiddenError("Eine Anmeldung verlegt das Mitglied, das sie gemacht hat, oder die Geschäftsstelle.")
		}
		from, err := loadSessionTx(ctx, tx, it.SessionID)
		if err != nil {
			return err
		}
		if err := it.RegistrationMove(from, m.Member == ""); err != nil {
			return err
		}
		if it.Version != m.Version {
			return model.ConflictError("Die Anmeldung wurde inzwischen geändert; bitte den neuen Stand prüfen und erneut verlegen.")
		}
		if m.Target <= 0 {
			return model.AtField("sitzung", model.InputError("Bitte die Sitzung wählen, in die die Anmeldung verlegt wird."))
		}
		if to, err = sessionByNumber(ctx, tx, from.BodyID, m.Target); errors.Is(err, ErrNotFound) {
			return model.AtField("sitzung", model.RuleError("Eine %d. Sitzung dieses Gremiums gibt es nicht.", m.Target))
		} else if err != nil {
			return err
		}
		if err := model.CheckMoveTarget(from, to); err != nil {
			return err
		}
		late := to.RegistrationLate(s.Today())
		if err := s.updateVersioned(ctx, tx, "agenda_items", "agenda_item", it.ID, it.Version, `session_id = ?, late = ?`, to.ID, late); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, "relocate", "agenda_item", it.ID, fmt.Sprintf("aus der %s in die %s", from.Title(), to.Title())); err != nil {
			return err
		}
		if err := s.moveRegistrationRows(ctx, tx, it.ID, to.ID); err != nil {
			return err
		}
		if out, err = loadItemTx(ctx, tx, it.ID); err != nil {
			return err
		}
		return s.noticeRegistrationMoved(ctx, tx, out, from, to, m.Member == "")
	})
	return out, to, err
}

// moveRegistrationRows takes what belongs to the registration itemID to
// session sessionID with it: its decision proposals and its documents.
// The co-applications hang on the proposal and go with it.
func (s *Store) moveRegistrationRows(ctx context.Context, tx *sql.Tx, itemID, sessionID int64) error {
	ids := func(what, query string) ([]int64, error) {
		return queryList(ctx, tx, func(r scanner) (int64, error) {
			var id int64
			return id, r.Scan(&id)
		}, what, query, itemID)
	}
	drafts, err := ids("proposals of the registration", `SELECT id FROM decisions WHERE item_id = ? ORDER BY position, id`)
	if err != nil {
		return err
	}
	for _, id := range drafts {
		if err := s.updatePlain(ctx, tx, "decisions", "decision", id, `session_id = ?, version = version + 1`, sessionID); err != nil {
			return err
		}
	}
	docs, err := ids("documents of the registration", `SELECT id FROM documents WHERE item_id = ? ORDER BY id`)
	if err != nil {
		return err
	}
	for _, id := range docs {
		if err := s.updatePlain(ctx, tx, "documents", "document", id, `session_id = ?`, sessionID); err != nil {
			return err
		}
	}
	return nil
}

// noticeRegistrationMoved tells the co-applicants named in the moved
// registration's proposal where it went and that their answer stands
// (EventCoApplication), and the other side of the move
// (EventItemDeferred): the registering member's subscribers when the
// secretariat moved it, the secretariat's when the office did.
func (s *Store) noticeRegistrationMoved(ctx context.Context, tx *sql.Tx, it model.AgendaItem, from, to model.Session, bySecretariat bool) error {
	title := model.PublicText(it.Title)
	link := fmt.Sprintf("/anmeldungen/%d", it.ID)
	moved := fmt.Sprintf("Die Anmeldung „%s“ (%s) der %s ist in die %s verlegt", title, it.RegisteredBy, model.MovedFrom(from), to.Title())
	if !to.Date.IsZero() {
		moved += fmt.Sprintf(" (am %s)", to.Date.German())
	}
	moved += "."
	drafts, err := queryList(ctx, tx, scanDecision, "decisions", `SELECT `+decisionCols+` FROM decisions d WHERE d.item_id = ? ORDER BY d.position, d.id`, it.ID)
	if err != nil {
		return err
	}
	for _, d := range drafts {
		co, err := coApplicationsOf(ctx, tx, d.ID)
		if err != nil {
			return err
		}
		for _, c := range co {
			var stands string
			switch c.State {
			case model.CoApplicationPending:
				stands = "Ihr Mitglied ist als Mitantragsteller genannt; Ihre Antwort steht noch aus. Der Antrag zählt für Ihr Mitglied erst, wenn Sie ihn bestätigen."
			case model.CoApplicationConfirmed:
				stands = "Der Beschlussvorschlag ist unverändert; die Bestätigung des Mitantrags durch Ihr Mitglied gilt weiter. Solange die Geschäftsstelle nicht entschieden hat, können Sie den Mitantrag zurückziehen."
			default:
				stands = fmt.Sprintf("Der Beschlussvorschlag ist unverändert; die Antwort Ihres Mitglieds (%s) bleibt.", c.State.Label())
			}
			member := c.Member
			if _, err := s.notifySubscribers(ctx, tx, Notice{
				Event:   model.EventCoApplication,
				Key:     fmt.Sprintf("mitantrag_verlegt:%d:%s:%d", d.ID, c.Member, to.ID),
				Subject: fmt.Sprintf("Anmeldung in die %s verlegt: %s", to.Title(), title),
				Body:    moved + " " + stands,
				Link:    link,
				To:      func(sub Subscriber) bool { return sub.User.MemberAbbrev == member },
			}); err != nil {
				return err
			}
		}
	}
	body := moved + " Sie ist dieselbe Anmeldung: Beschlussvorschlag, Mitanträge, Unterlagen und der Zeitpunkt der Anmeldung bleiben; " +
		model.MovedLateness(to, it.Late) + "."
	_, err = s.notifySubscribers(ctx, tx, Notice{
		Event:   model.EventItemDeferred,
		Key:     fmt.Sprintf("anmeldung_verlegt:%d:%d", it.ID, to.ID),
		Subject: fmt.Sprintf("Anmeldung verlegt in die %s: %s", to.Title(), title),
		Body:    strings.TrimSpace(body),
		Link:    link,
		To: func(sub Subscriber) bool {
			if bySecretariat {
				return sub.User.MemberAbbrev == it.RegisteredBy
			}
			return sub.User.Role == model.RoleSecretariat
		},
	})
	return err
}

// loadRegistrationTx reads agenda item id inside tx as a registration: not
// found when it is an item the secretariat set up itself (no member
// registered it), for the operations on registrations only.
func loadRegistrationTx(ctx context.Context, tx *sql.Tx, id int64) (model.AgendaItem, error) {
	it, err := loadItemTx(ctx, tx, id)
	if err != nil {
		return it, err
	}
	if it.RegisteredBy == "" {
		return model.AgendaItem{}, fmt.Errorf("store: agenda item %d is no registration: %w", id, ErrNotFound)
	}
	return it, nil
}
