package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"gremium/internal/model"
)

// NumberAgenda numbers the agenda of a planned or convened session whose
// agenda is not yet published in its order (model.AgendaNumbers: TOP 00
// stays, the others 01, 02, … by position), in one write, after it has
// gathered the Grüne Liste's items into one block at its place
// (greenListOrder), so that the list's numbers follow one another. It
// gives how many items got another number or place. Refused
// (model.Session.CheckNumberable) once the agenda is published or the
// session has begun: its numbers and order are then kept.
func (s *Store) NumberAgenda(ctx context.Context, sessionID int64) (int, error) {
	changed := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		se, items, sections, err := sessionAgendaTx(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		if err := se.CheckNumberable(); err != nil {
			return err
		}
		positions := greenListOrder(items, sections)
		placed := make([]model.AgendaItem, len(items))
		for i, it := range items {
			if p, ok := positions[it.ID]; ok {
				it.Position = p
			}
			placed[i] = it
		}
		numbers := model.AgendaNumbers(placed)
		for i, it := range placed {
			n, ok := numbers[it.ID]
			if !ok {
				n = it.Number
			}
			if n == it.Number && it.Position == items[i].Position {
				continue
			}
			if err := s.updatePlain(ctx, tx, "agenda_items", "agenda_item", it.ID, "number = ?, position = ?, version = version + 1", n, it.Position); err != nil {
				return err
			}
			changed++
		}
		return nil
	})
	return changed, err
}

// gatherGreenList puts the Grüne Liste of a session whose agenda may still
// be numbered (model.Session.CheckNumberable) into one block at its place
// (greenListOrder), inside tx: when an item is confirmed for the list, so
// that the agenda shows the list as one before its numbers are given. A
// published agenda, or one of a session that has begun, keeps its order.
func (s *Store) gatherGreenList(ctx context.Context, tx *sql.Tx, sessionID int64) error {
	se, items, sections, err := sessionAgendaTx(ctx, tx, sessionID)
	if err != nil || se.CheckNumberable() != nil {
		return err
	}
	for id, p := range greenListOrder(items, sections) {
		if err := s.placeItem(ctx, tx, id, p); err != nil {
			return err
		}
	}
	return nil
}

// sessionAgendaTx gives a session, all its agenda items (registrations
// too) in agenda order and its body's sections in their order, inside tx:
// what numbering and the Grüne Liste's block are worked out from.
func sessionAgendaTx(ctx context.Context, tx *sql.Tx, sessionID int64) (model.Session, []model.AgendaItem, []model.Section, error) {
	se, err := loadSessionTx(ctx, tx, sessionID)
	if err != nil {
		return se, nil, nil, err
	}
	items, err := queryList(ctx, tx, scanItem, "agenda items", `SELECT `+itemCols+` FROM agenda_items WHERE session_id = ? ORDER BY position, id`, sessionID)
	if err != nil {
		return se, nil, nil, err
	}
	sections, err := bodySectionsTx(ctx, tx, se.BodyID)
	return se, items, sections, err
}

// bodySectionsTx gives the sections of a body in their order, inside tx.
func bodySectionsTx(ctx context.Context, tx *sql.Tx, bodyID int64) ([]model.Section, error) {
	return queryList(ctx, tx, scanSection, "sections", `SELECT id, body_id, name, position, consent FROM sections WHERE body_id = ? ORDER BY position, id`, bodyID)
}

// greenListOrder gives the new positions of the items of an agenda (all
// of a session's, in agenda order) that must move so that the items on the
// Grüne Liste (as the agenda groups them, model.SectionOf: on the list or
// in its section; on the agenda, not deferred away) stand in one block —
// those standing there already first, then those joining, each in agenda
// order — at the place of the consent section among the body's
// sections: before the first other item of a later section, at the end
// when there is none — the IT-PLR's Grüne Liste is its last section, and
// its minutes list the list's items after the topics (seed 000). The items
// on the agenda are numbered 1, 2, … in the new order; nil when the block
// stands so already (or the body has no consent section).
func greenListOrder(items []model.AgendaItem, sections []model.Section) map[int64]int {
	rank := map[int64]int{}
	consentRank := -1
	for i, c := range sections {
		rank[c.ID] = i
		if c.Consent && consentRank < 0 {
			consentRank = i
		}
	}
	if consentRank < 0 {
		return nil
	}
	var rest, block []model.AgendaItem
	for _, it := range items {
		switch {
		case !it.OnAgenda():
			// Registrations not (yet) accepted keep their positions.
		case onGreenList(it, sections):
			block = append(block, it)
		default:
			rest = append(rest, it)
		}
	}
	if len(block) == 0 {
		return nil
	}
	at := len(rest)
	for i, it := range rest {
		if r, ok := rank[it.SectionID]; ok && r > consentRank {
			at = i
			break
		}
	}
	// The items standing at the list's place already come first, those
	// joining it after them (each part in agenda order): the list keeps
	// the order in which its items joined it (before, an item confirmed
	// later but standing earlier among the topics went before those
	// gathered already, so confirming A, then B gave B, A).
	idx := make(map[int64]int, len(items))
	for i, it := range items {
		idx[it.ID] = i
	}
	lo, hi := -1, len(items)
	if at > 0 {
		lo = idx[rest[at-1].ID]
	}
	if at < len(rest) {
		hi = idx[rest[at].ID]
	}
	var standing, joining []model.AgendaItem
	for _, it := range block {
		if i := idx[it.ID]; i > lo && i < hi {
			standing = append(standing, it)
		} else {
			joining = append(joining, it)
		}
	}
	block = append(standing, joining...)
	order := append(append(append([]model.AgendaItem(nil), rest[:at]...), block...), rest[at:]...)
	moved := false
	for i, it := range order {
		var before model.AgendaItem
		if i > 0 {
			before = order[i-1]
		}
		// In place when the order is the agenda's already (positions may
		// have gaps: a declined or deferred item left one).
		moved = moved || i > 0 && (it.Position < before.Position || it.Position == before.Position && it.ID < before.ID)
	}
	if !moved {
		return nil
	}
	out := map[int64]int{}
	for i, it := range order {
		if it.Position != i+1 {
			out[it.ID] = i + 1
		}
	}
	return out
}

// returnToSection puts an item taken off the Grüne Liste back into its
// section on the agenda, inside tx: after the last item of that section or
// of an earlier one — the items of the Grüne Liste counted at the consent
// section's place, "Reporting FachMK" not counted, as an item accepted into
// a section goes (makeRoom) — the agenda's items numbered 1, 2, …
// around it (sectionSlot). The counterpart of gatherGreenList, while the
// agenda of se may still be numbered. An item of no section, or of one that
// is no topic, stays where it stands but, standing in the list's block,
// goes just before it (it split the list in two); every item of a
// published agenda stays where it stands.
func (s *Store) returnToSection(ctx context.Context, tx *sql.Tx, se model.Session, itemID, section int64) error {
	if se.CheckNumberable() != nil {
		return nil
	}
	sections, err := bodySectionsTx(ctx, tx, se.BodyID)
	if err != nil {
		return err
	}
	items, err := queryList(ctx, tx, scanItem, "agenda items",
		`SELECT `+itemCols+` FROM agenda_items WHERE session_id = ? AND status IN (?, '') ORDER BY position, id`, se.ID, model.ItemAccepted)
	if err != nil {
		return err
	}
	var it model.AgendaItem
	others := make([]model.AgendaItem, 0, len(items))
	stands := 0 // its place among the others
	for _, x := range items {
		if x.ID == itemID {
			it, stands = x, len(others)
			continue
		}
		others = append(others, x)
	}
	if it.ID == 0 {
		return nil
	}
	at, ok := sectionSlot(others, sections, section)
	if !ok {
		// No topic to go back to (no section, or the list's own): it
		// stays where it stands, but out of the list's block, just
		// before it, so that the list stays one block.
		at = stands
		for i, x := range others[:stands] {
			if onGreenList(x, sections) {
				at = i
				break
			}
		}
	}
	order := append(append(append([]model.AgendaItem(nil), others[:at]...), it), others[at:]...)
	for i, x := range order {
		if x.Position != i+1 {
			if err := s.placeItem(ctx, tx, x.ID, i+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// onGreenList reports whether the agenda groups the item under the Grüne
// Liste (model.SectionOf: on the list or in its section; not deferred).
func onGreenList(x model.AgendaItem, sections []model.Section) bool {
	if x.Deferred() {
		return false
	}
	var own, consent model.Section
	for _, c := range sections {
		if c.ID == x.SectionID {
			own = c
		}
		if c.Consent && consent.ID == 0 {
			consent = c
		}
	}
	return model.SectionOf(x, own, consent).Consent
}

// sectionSlot gives how many of others (the agenda's items in order,
// without the item to place) stand before an item placed into section:
// after the last item of that section or of an earlier one, the Grüne
// Liste's items counted at the place of the consent section (wherever the
// list's block stands) and "Reporting FachMK" not counted (it closes the
// topics, in "Übergreifendes": an item accepted into that section goes
// before it). ok is false when section is no topic of the body. The one
// rule of an accepted registration (makeRoom) and of an item
// taken off the list (returnToSection): before, an accepted item followed
// a ticked item of its section into the list's block.
func sectionSlot(others []model.AgendaItem, sections []model.Section, section int64) (at int, ok bool) {
	rank := map[int64]int{}
	chosen, consentRank := -1, -1
	for i, c := range sections {
		rank[c.ID] = i
		if c.ID == section && c.Topic() {
			chosen = i
		}
		if c.Consent && consentRank < 0 {
			consentRank = i
		}
	}
	if chosen < 0 {
		return 0, false
	}
	for i, x := range others {
		r, known := rank[x.SectionID]
		if consentRank >= 0 && onGreenList(x, sections) {
			r, known = consentRank, true
		}
		if known && r <= chosen && !x.ReportingFachMK() {
			at = i + 1
		}
	}
	return at, true
}

// tickGreenList follows the secretariat's tick "Grüne Liste" on an agenda
// item (UpdateItem: was, the item as stored before; it, as written), inside
// tx, by the rules of the recommendation's confirmation and of a pull:
// ticked, the item must have a proposal to adopt
// (model.CheckGreenListProposal) and joins the list's block
// (gatherGreenList); unticked, it goes back into the section it is saved
// with (returnToSection) — both only while the agenda may still be
// numbered. Before, the tick left the item where it stood, and the list
// was split on the published agenda and in the minutes.
func (s *Store) tickGreenList(ctx context.Context, tx *sql.Tx, was, it model.AgendaItem) error {
	switch {
	case it.Consent == was.Consent:
		return nil
	case it.Consent:
		var proposals int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM decisions WHERE item_id = ? AND status = ?`, it.ID, model.DecisionDraft).Scan(&proposals); err != nil {
			return fmt.Errorf("store: proposals of item %d: %w", it.ID, err)
		}
		if err := model.CheckGreenListProposal(was.Title, proposals > 0); err != nil {
			return err
		}
		// Not back on the list once a member took it off, whoever ticks
		// (the Verwaltung's form, the JSON API, an import).
		if err := checkNotPulled(ctx, tx, was); err != nil {
			return err
		}
		return s.gatherGreenList(ctx, tx, was.SessionID)
	}
	se, err := loadSessionTx(ctx, tx, was.SessionID)
	if err != nil {
		return err
	}
	// A recommendation the secretariat had confirmed for the list is its
	// proposal for the list again, to confirm anew (before, it stayed
	// "auf der Grünen Liste" with the item off it).
	r, err := queryOne(ctx, tx, scanRecommendation, fmt.Sprintf("recommendation of item %d", it.ID),
		`SELECT `+recommendationCols+recommendationFrom+` WHERE r.target_item_id = ? AND r.consent_state = ? ORDER BY r.id DESC LIMIT 1`, it.ID, model.ConsentConfirmed)
	switch {
	case err == nil:
		if err := s.updateVersioned(ctx, tx, "recommendations", "recommendation", r.ID, r.Version, `consent_state = ?`, model.ConsentProposed); err != nil {
			return err
		}
	case !errors.Is(err, ErrNotFound):
		return err
	}
	return s.returnToSection(ctx, tx, se, it.ID, it.SectionID)
}

// GreenListApart gives the items of the Grüne Liste of a session, in
// agenda order, when they do not stand as one block at the list's place
// on the agenda (greenListOrder); nil when they do (or the session has no
// list). An agenda published so would show the list split
// — in the members' message and the minutes — so publishing it asks for a
// confirmation, and "TOPs nummerieren" gathers it.
func (s *Store) GreenListApart(ctx context.Context, sessionID int64) ([]model.AgendaItem, error) {
	var out []model.AgendaItem
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, items, sections, err := sessionAgendaTx(ctx, tx, sessionID)
		if err != nil || greenListOrder(items, sections) == nil {
			return err
		}
		for _, it := range items {
			if it.OnAgenda() && onGreenList(it, sections) {
				out = append(out, it)
			}
		}
		return nil
	})
	return out, err
}
