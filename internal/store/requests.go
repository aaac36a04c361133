package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"gremium/internal/model"
)

// Requests (Anliegen) of a FachMK secretariat to the IT-PLR (concept
// section 2.1): submitted, tracked, turned into an agenda registration,
// and told what became of it. Each step is one transaction with its
// audit entries and its messages in the outbox.

// RequestItem is the agenda registration a request becomes: the session
// and the section (Schwerpunktthema) the secretariat chose.
type RequestItem struct {
	SessionID int64
	SectionID int64
}

// conferenceName gives the name of a body inside tx.
func conferenceName(ctx context.Context, tx queryer, id int64) (string, error) {
	var name string
	if err := tx.QueryRowContext(ctx, `SELECT name FROM bodies WHERE id = ? AND kind = ?`, id, model.BodyFachMK).Scan(&name); err != nil {
		return "", notFound(err, fmt.Sprintf("conference %d", id))
	}
	return name, nil
}

// noticeRequest queues the message about a request's new state for the
// subscribers of its conference: the secretariat, the conference's own
// secretariat and its spokespersons in office, who take the FachMK's
// requests to the IT-PLR (concept 2.1: "Entgegennehmen von Anliegen der
// FachMK für den IT-PLR"). The text is public (model.PublicText): it
// leaves gremium. It words the state as the request's page does, and once
// registered as an agenda item it names the session with its date and
// where the registration stands (requestStanding).
func (s *Store) noticeRequest(ctx context.Context, tx *sql.Tx, q model.Request, what string) error {
	return s.queueRequestNotice(ctx, tx, q, what, fmt.Sprintf("anliegen:%d:%s:%d", q.ID, q.Status, q.Version))
}

// requestStanding gives where q stands (model.RequestStanding), with the
// agenda item it became and that item's session read inside tx, and the
// session's heading as a message names it, with its body (sessionHeading;
// "" while q became no item). The words are the request's page's and
// list's: "Stand: auf der Tagesordnung" once the registration is accepted
// (the stored status stays "als TOP angemeldet" until the decision), and
// where the registration stands, "auf der Tagesordnung der 48. Sitzung
// (IT-Planungsrat) am 06.11.2025 als TOP 5" (model.RequestStanding.Agenda,
// with its ", vertagt auf …"). Before, the messages said "Stand: als TOP
// angemeldet" of a request on the agenda, and nothing of the session.
func requestStanding(ctx context.Context, tx *sql.Tx, q model.Request) (model.RequestStanding, string, error) {
	if q.ItemID == 0 {
		return q.StandingWith(model.AgendaItem{}, model.Session{}), "", nil
	}
	it, err := loadItemTx(ctx, tx, q.ItemID)
	if err != nil {
		return model.RequestStanding{}, "", err
	}
	se, heading, err := sessionHeading(ctx, tx, it.SessionID)
	if err != nil {
		return model.RequestStanding{}, "", err
	}
	return q.StandingWith(it, se), heading, nil
}

// queueRequestNotice queues noticeRequest's message under the key.
func (s *Store) queueRequestNotice(ctx context.Context, tx *sql.Tx, q model.Request, what, key string) error {
	name, err := conferenceName(ctx, tx, q.ConferenceID)
	if err != nil {
		return err
	}
	ids := []int64{q.ConferenceID}
	speakers, err := spokespersonMembers(ctx, tx, ids)
	if err != nil {
		return err
	}
	standing, heading, err := requestStanding(ctx, tx, q)
	if err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Anliegen %s: %s\n\nStand: %s", model.Body{Name: name}.Of(), model.PublicText(q.Title), standing.Label())
	if q.Status == model.RequestDeclined && q.Reason != "" {
		fmt.Fprintf(&b, "\nBegründung: %s", model.PublicText(q.Reason))
	}
	if a := standing.Agenda(); q.ItemID != 0 {
		fmt.Fprintf(&b, "\nTagesordnung: %s", a.Before+heading+a.After)
	}
	if q.Outcome != "" {
		fmt.Fprintf(&b, "\nErgebnis: %s", model.PublicText(q.Outcome))
	}
	if q.Status == model.RequestWithdrawn {
		fmt.Fprintf(&b, "\nZurückgezogen von der Geschäftsstelle %s am %s.", model.Body{Name: name}.Of(), model.BerlinDateTime(q.WithdrawnAt))
	}
	b.WriteString("\n")
	_, err = s.notifySubscribers(ctx, tx, Notice{
		Event:   model.EventRequest,
		Key:     key,
		Ref:     fmt.Sprintf("anliegen:%d", q.ID),
		Subject: fmt.Sprintf("Anliegen %s: %s", what, model.PublicText(q.Title)),
		Body:    b.String(),
		Link:    fmt.Sprintf("/anliegen/%d", q.ID),
		To:      func(sub Subscriber) bool { return forConference(sub, ids, speakers) },
	})
	return err
}

// requestTx reads a request inside tx.
func requestTx(ctx context.Context, tx *sql.Tx, id int64) (model.Request, error) {
	return queryOne(ctx, tx, scanRequest, fmt.Sprintf("request %d", id), `SELECT `+requestCols+` FROM requests WHERE id = ?`, id)
}

// SubmitRequest stores a request a FachMK secretariat submitted through
// the form (status eingegangen, received today) and tells the secretariat.
// With SentOnce the same form sent again stores nothing and gives the
// request the first send stored.
func (s *Store) SubmitRequest(ctx context.Context, q model.Request, opts ...FormOption) (int64, error) {
	q.Title, q.Text = strings.TrimSpace(q.Title), strings.TrimSpace(q.Text)
	q.Status, q.ItemID, q.Reason, q.Outcome = model.RequestReceived, 0, "", ""
	if q.ReceivedOn.IsZero() {
		q.ReceivedOn = s.Today()
	}
	if err := q.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		if _, err := conferenceName(ctx, tx, q.ConferenceID); err != nil {
			return err
		}
		id, err = s.once(ctx, tx, formOptionsOf(opts), "request", func() (int64, error) {
			id, err := s.insertRequest(ctx, tx, q)
			if err != nil {
				return 0, err
			}
			q.ID, q.Version = id, 1
			return id, s.noticeRequest(ctx, tx, q, "eingegangen")
		})
		return err
	})
	return id, err
}

// SetRequestStatus moves a request to a new status (in Prüfung, erledigt,
// abgelehnt with the reason); version is the version read.
func (s *Store) SetRequestStatus(ctx context.Context, id int64, version int, to model.RequestStatus, reason string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		q, err := requestTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if q.Version != version {
			return fmt.Errorf("store: request %d is at version %d, not %d: %w", id, q.Version, version, ErrConflict)
		}
		if err := q.SetStatus(to, reason); err != nil {
			return err
		}
		if err := s.updateRequest(ctx, tx, q); err != nil {
			return err
		}
		q.Version++
		return s.noticeRequest(ctx, tx, q, q.Status.Label())
	})
}

// WithdrawRequest records that the FachMK secretariat by withdrew its
// conference's request id (version: the version read) while the
// Geschäftsstelle has not acted on it (model.Request.Withdraw: eingegangen
// or in Prüfung, not registered as an agenda item), with who and when, its
// audit entry and the message to the request's subscribers (noticeRequest:
// the Geschäftsstelle, the conference's secretariat and spokespersons), in
// one transaction.
func (s *Store) WithdrawRequest(ctx context.Context, id int64, version int, by model.User) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		q, err := requestTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if by.Role != model.RoleFachMK || by.ConferenceID != q.ConferenceID {
			return model.ForbiddenError("Ein Anliegen zieht die Geschäftsstelle der Fachministerkonferenz zurück, deren Anliegen es ist.")
		}
		if err := q.Withdraw(by.Username, s.now()); err != nil {
			return err
		}
		if q.Version != version {
			return model.ConflictError("Das Anliegen wurde inzwischen geändert; bitte prüfen Sie den neuen Stand.")
		}
		if err := s.updateVersioned(ctx, tx, "requests", "request", q.ID, q.Version, `status = ?, withdrawn_by = ?, withdrawn_at = ?`,
			q.Status, q.WithdrawnBy, timeText(q.WithdrawnAt)); err != nil {
			return err
		}
		q.Version++
		return s.noticeRequest(ctx, tx, q, "zurückgezogen")
	})
}

// RequestToItem turns a request into an agenda registration of the
// session in one step: the item carries the request's title and text, the
// FachMK-impact statement names the conference and the request, and the
// request is "als TOP angemeldet" with the item. version is the request's
// version read. It gives the item's id.
func (s *Store) RequestToItem(ctx context.Context, id int64, version int, to RequestItem) (int64, error) {
	var itemID int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		q, err := requestTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if q.Version != version {
			return fmt.Errorf("store: request %d is at version %d, not %d: %w", id, q.Version, version, ErrConflict)
		}
		if err := q.CanBecomeItem(); err != nil {
			return err
		}
		name, err := conferenceName(ctx, tx, q.ConferenceID)
		if err != nil {
			return err
		}
		if err := checkSessionOpen(ctx, tx, to.SessionID); err != nil {
			return err
		}
		if err := checkAgendaOpen(ctx, tx, to.SessionID); err != nil {
			return err
		}
		if err := checkTopicOf(ctx, tx, to.SessionID, to.SectionID); err != nil {
			return err
		}
		// The item is public with the agenda: the request's confidential
		// passages stay marked (each line's marks are balanced as the form
		// stored them). Marks still in their typed form [[…]] are read as
		// marks, an unbalanced one conservatively (model.Passages).
		marks := strings.NewReplacer(model.TypedOpen, model.RedactOpen, model.TypedClose, model.RedactClose)
		var points []string
		for _, l := range strings.Split(q.Text, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				points = append(points, marks.Replace(l))
			}
		}
		it := model.AgendaItem{SessionID: to.SessionID, SectionID: to.SectionID, Title: marks.Replace(q.Title), Points: points,
			Goal: model.GoalDiscussion, Reporters: []string{"FITKO"}, Status: model.ItemRegistered,
			RegisteredBy: "FITKO", RegisteredAt: s.now(),
			Impact: model.Impact{Stated: true, ConferenceIDs: []int64{q.ConferenceID},
				Note: fmt.Sprintf("Anliegen %s vom %s (Anliegen Nr. %d)", model.Body{Name: name}.Of(), q.ReceivedOn.German(), q.ID)}}
		if err := it.Validate(); err != nil {
			return err
		}
		if itemID, err = s.insertItem(ctx, tx, it); err != nil {
			return err
		}
		q.ItemID, q.Status = itemID, model.RequestOnAgenda
		if err := s.updateRequest(ctx, tx, q); err != nil {
			return err
		}
		q.Version++
		return s.noticeRequest(ctx, tx, q, "als TOP angemeldet")
	})
	return itemID, err
}

// checkTopicOf refuses, at the form's field (abschnitt), a section that
// is no topic (model.Section.Topic: not the opening section, not the
// Grüne Liste) of the body of session sessionID, inside tx; 0 (no
// section) passes. The item registered from a request goes into it when
// accepted (makeRoom), which refuses such a section only then.
func checkTopicOf(ctx context.Context, tx *sql.Tx, sessionID, sectionID int64) error {
	if sectionID == 0 {
		return nil
	}
	sections, err := sessionSections(ctx, tx, sessionID)
	if err != nil {
		return err
	}
	for _, c := range model.Topics(sections) {
		if c.ID == sectionID {
			return nil
		}
	}
	return model.AtField("abschnitt", model.InputError("Das gewählte Schwerpunktthema gibt es auf der Tagesordnung nicht; bitte eines aus der Liste wählen (oder „ohne“)."))
}

// RequestOfItem gives the request an agenda item came from (ErrNotFound
// if none).
func (s *Store) RequestOfItem(ctx context.Context, itemID int64) (model.Request, error) {
	return queryOne(ctx, s.db, scanRequest, fmt.Sprintf("request of item %d", itemID), `SELECT `+requestCols+` FROM requests WHERE item_id = ?`, itemID)
}

// RequestsOfSession gives the requests that became items of a session, by
// item id.
func (s *Store) RequestsOfSession(ctx context.Context, sessionID int64) (map[int64]model.Request, error) {
	qs, err := queryList(ctx, s.db, scanRequest, "requests of session", `SELECT `+requestCols+` FROM requests
		WHERE item_id IN (SELECT id FROM agenda_items WHERE session_id = ?)`, sessionID)
	out := map[int64]model.Request{}
	for _, q := range qs {
		out[q.ItemID] = q
	}
	return out, err
}

// requestFollowsItem lets the outcome of an agenda item flow back to the
// request it came from, inside the transaction that decided it: a declined
// registration declines the request (with that reason), an adopted or
// rejected decision on the item settles it (erledigt, with the decision as
// outcome). Requests already settled stay as they are.
func (s *Store) requestFollowsItem(ctx context.Context, tx *sql.Tx, itemID int64) error {
	if itemID == 0 {
		return nil
	}
	q, err := queryOne(ctx, tx, scanRequest, "request", `SELECT `+requestCols+` FROM requests WHERE item_id = ?`, itemID)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return nil
		}
		return err
	}
	if q.Status.Final() {
		return nil
	}
	var status model.ItemStatus
	var declined string
	if err := tx.QueryRowContext(ctx, `SELECT status, decline_reason FROM agenda_items WHERE id = ?`, itemID).Scan(&status, &declined); err != nil {
		return notFound(err, fmt.Sprintf("agenda item %d", itemID))
	}
	var outcomes []string
	if status == model.ItemAccepted && q.Status == model.RequestOnAgenda {
		// Accepted onto the agenda of a coming session: the conference
		// hears that its topic is on the agenda, with the session and its
		// date, as it hears of a decline (before, only the decline was
		// told). Once per request and session, however often the item
		// changes afterwards.
		var sessionID int64
		var sessionStatus model.SessionStatus
		if err := tx.QueryRowContext(ctx, `SELECT s.id, s.status FROM sessions s JOIN agenda_items i ON i.session_id = s.id WHERE i.id = ?`, itemID).Scan(&sessionID, &sessionStatus); err != nil {
			return notFound(err, fmt.Sprintf("session of agenda item %d", itemID))
		}
		if sessionStatus == model.StatusPlanned || sessionStatus == model.StatusConvened {
			if err := s.queueRequestNotice(ctx, tx, q, "auf der Tagesordnung", fmt.Sprintf("anliegen:%d:tagesordnung:%d", q.ID, sessionID)); err != nil {
				return err
			}
		}
	}
	if status == model.ItemDeclined {
		// The reason the secretariat gave the registration ("sieht das
		// Mitglied") is the one the conference reads: the registering
		// "member" of a request's item is the secretariat itself, so
		// before, nobody outside read it.
		q.Status, q.Reason = model.RequestDeclined, "Die Geschäftsstelle hat die Anmeldung nicht in die Tagesordnung aufgenommen."
		if declined = strings.TrimSpace(declined); declined != "" {
			q.Reason = "Die Geschäftsstelle hat die Anmeldung nicht in die Tagesordnung aufgenommen: " + declined
		}
		q.Outcome = "Anmeldung als TOP nicht aufgenommen"
	} else {
		decisions, err := queryList(ctx, tx, scanDecisionStatus, "decisions of item",
			`SELECT status, label, kind FROM decisions WHERE item_id = ? AND status <> ? ORDER BY id`, itemID, model.DecisionDraft)
		if err != nil {
			return err
		}
		if len(decisions) == 0 {
			return nil
		}
		for _, d := range decisions {
			outcomes = append(outcomes, d.ProposalLabel())
		}
		q.Status, q.Outcome = model.RequestDone, strings.Join(outcomes, ", ")
	}
	if err := s.updateRequest(ctx, tx, q); err != nil {
		return err
	}
	q.Version++
	return s.noticeRequest(ctx, tx, q, q.Status.Label())
}

// scanDecisionStatus reads the status, label and kind of a decision.
func scanDecisionStatus(r scanner) (model.Decision, error) {
	var d model.Decision
	err := r.Scan(&d.Status, &d.Label, &d.Kind)
	return d, err
}
