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

// The producers of notifications: each runs inside the transaction of the
// change that causes it, so a change and its messages are committed
// together or not at all. Texts are German and public (model.PublicText):
// what leaves gremium by mail or Matrix never carries a confidential
// passage; the link leads to the full text after login.

// sessionHeading gives "48. Sitzung (IT-Planungsrat)" and the session.
func sessionHeading(ctx context.Context, tx *sql.Tx, sessionID int64) (model.Session, string, error) {
	se, err := queryOne(ctx, tx, scanSession, fmt.Sprintf("session %d", sessionID), `SELECT `+sessionCols+` FROM sessions WHERE id = ?`, sessionID)
	if err != nil {
		return se, "", err
	}
	var body string
	if err := tx.QueryRowContext(ctx, `SELECT name FROM bodies WHERE id = ?`, se.BodyID).Scan(&body); err != nil {
		return se, "", notFound(err, "body")
	}
	if se.BodySlug != "" {
		// "40. AL-Runde" names its body already; its long name ends in
		// "(AL-Runde)" too.
		return se, se.Title(), nil
	}
	return se, fmt.Sprintf("%s (%s)", se.Title(), body), nil
}

// sessionWhen gives "am 12.03.2026, 09:00 – 12:15 Uhr, in Berlin" as far as
// known.
func sessionWhen(se model.Session) string {
	var parts []string
	if !se.Date.IsZero() {
		parts = append(parts, "am "+se.Date.German())
	}
	if t := se.TimeSpan(); t != "" {
		parts = append(parts, t)
	}
	if se.Place != "" {
		parts = append(parts, model.AtPlace(se.Place))
	}
	return strings.Join(parts, ", ")
}

// agendaPublished reports whether the session's agenda is published now.
func agendaPublished(ctx context.Context, tx *sql.Tx, sessionID int64) bool {
	var published bool
	_ = tx.QueryRowContext(ctx, `SELECT agenda_published FROM sessions WHERE id = ?`, sessionID).Scan(&published)
	return published
}

// noticeAgendaPublished queues "Neue Tagesordnung veröffentlicht" with the
// public agenda for the subscribers.
func (s *Store) noticeAgendaPublished(ctx context.Context, tx *sql.Tx, sessionID int64) error {
	se, heading, err := sessionHeading(ctx, tx, sessionID)
	if err != nil {
		return err
	}
	items, err := queryList(ctx, tx, scanItem, "items", `SELECT `+itemCols+` FROM agenda_items WHERE session_id = ? AND status IN (?, '') ORDER BY position, id`,
		sessionID, model.ItemAccepted)
	if err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Die Tagesordnung der %s", heading)
	if when := sessionWhen(se); when != "" {
		b.WriteString(" " + when)
	}
	b.WriteString(" ist veröffentlicht.\n")
	if len(items) > 0 {
		b.WriteString("\nTagesordnung:\n")
		for _, it := range items {
			title := model.PublicText(it.Title)
			if it.Number != "" {
				fmt.Fprintf(&b, "TOP %s  %s\n", it.Number, title)
			} else {
				fmt.Fprintf(&b, "–  %s\n", title)
			}
		}
	}
	_, err = s.notifySubscribers(ctx, tx, Notice{
		Event:   model.EventAgendaPublished,
		Key:     fmt.Sprintf("tagesordnung:%d", sessionID),
		Subject: "Tagesordnung veröffentlicht: " + heading,
		Body:    b.String(),
		Link:    se.Path(),
		// The agenda of an internal body (the AL-Runde) reaches only
		// those who may read it: not the FachMK secretariats.
		To: func(sub Subscriber) bool { return sub.User.Role.Audience().SeesAgenda(se) },
	})
	return err
}

// noticeMinutesForComment queues "Protokollentwurf zur Kommentierung" when
// the draft minutes are distributed to the members.
func (s *Store) noticeMinutesForComment(ctx context.Context, tx *sql.Tx, sessionID int64) error {
	se, heading, err := sessionHeading(ctx, tx, sessionID)
	if err != nil {
		return err
	}
	body := fmt.Sprintf("Der Entwurf des Protokolls der %s liegt zur Kommentierung vor.", heading)
	if !se.MinutesStand.IsZero() {
		body += fmt.Sprintf(" Stand: %s.", se.MinutesStand.German())
	}
	body += " Anmerkungen können auf der Seite der Sitzung eingetragen werden; genehmigt wird das Protokoll in der folgenden Sitzung."
	_, err = s.notifySubscribers(ctx, tx, Notice{
		Event:   model.EventMinutesForComment,
		Key:     fmt.Sprintf("protokoll_kommentierung:%d", sessionID),
		Subject: "Protokollentwurf zur Kommentierung: " + heading,
		Body:    body,
		Link:    se.Path() + "/protokoll",
	})
	return err
}

// noticeProcedureStarted queues "Umlaufverfahren gestartet".
func (s *Store) noticeProcedureStarted(ctx context.Context, tx *sql.Tx, procedureID int64) error {
	p, err := procedureByID(ctx, tx, procedureID)
	if err != nil {
		return err
	}
	d, body, voters, err := procedureVoters(ctx, tx, p)
	if err != nil {
		return err
	}
	title := model.PublicText(d.Title)
	members, err := votingMembers(ctx, tx)
	if err != nil {
		return err
	}
	rule := d.KindName() + ": " + body.Rules.For(d.Kind).Label()
	if d.AllMustConsent {
		rule += "; Zustimmung aller Mitglieder erforderlich"
	}
	_, err = s.notifySubscribers(ctx, tx, Notice{
		Event:   model.EventProcedureStarted,
		Key:     fmt.Sprintf("umlauf_gestartet:%d", procedureID),
		Subject: "Umlaufverfahren (" + body.Abbrev + ") gestartet: „" + title + "“",
		Body: fmt.Sprintf("Die Geschäftsstelle hat das Umlaufverfahren „%s“ gestartet (Gremium: %s; %s).\nFrist: %s. "+
			"%s bis zur Frist; %s", title, body.Abbrev, rule, model.BerlinDateTime(p.Deadline), model.WhoVotes(members, voters), withoutVote(d.AllMustConsent, false)),
		Link: fmt.Sprintf("/umlaufverfahren/%d", procedureID),
	})
	return err
}

// withoutVote says what a missing vote in written procedure means: an
// abstention (GO § 7 Abs. 4 Satz 2) — and, where the decision needs the
// consent of all, that it then fails. capital starts the sentence.
func withoutVote(allMustConsent, capital bool) string {
	s := "ohne Stimme wird Enthaltung gewertet"
	if allMustConsent {
		s += "; ohne die Zustimmung jedes Mitglieds kommt der Beschluss nicht zustande (Zustimmung aller Mitglieder erforderlich)"
	}
	if capital {
		s = "O" + s[1:]
	}
	return s + "."
}

// noticeProcedureClosing queues the reminder a day before the deadline to
// the member accounts whose member has not voted (missing); d is the
// procedure's decision.
func (s *Store) noticeProcedureClosing(ctx context.Context, tx *sql.Tx, body model.Body, p model.WrittenProcedure, d model.Decision, missing []string) error {
	open := map[string]bool{}
	for _, m := range missing {
		open[m] = true
	}
	title := model.PublicText(d.Title)
	_, err := s.notifySubscribers(ctx, tx, Notice{
		Event:   model.EventProcedureClosing,
		Key:     procedureClosingKey(p.ID),
		Subject: "Erinnerung: Umlaufverfahren (" + body.Abbrev + ") „" + title + "“ endet am " + model.BerlinDateTime(p.Deadline),
		// The list is the state when the reminder is written (a message
		// may wait in the outbox); it says so rather than reading as now.
		Body: fmt.Sprintf("Im Umlaufverfahren „%s“ (Gremium: %s) endet die Frist am %s. Noch keine Stimme abgegeben hatten am %s: %s. %s",
			title, body.Abbrev, model.BerlinDateTime(p.Deadline), model.BerlinDateTime(s.now()), strings.Join(missing, ", "), withoutVote(d.AllMustConsent, true)),
		Link: fmt.Sprintf("/umlaufverfahren/%d", p.ID),
		To: func(sub Subscriber) bool {
			return sub.User.Role == model.RoleMember && open[sub.User.MemberAbbrev]
		},
	})
	return err
}

// procedureClosingKey is the key of the notice "Umlaufverfahren endet
// morgen" of the procedure (noticeProcedureClosing); its ref is the same.
func procedureClosingKey(procedureID int64) string {
	return fmt.Sprintf("umlauf_frist:%d", procedureID)
}

// procedureClosingNow is the occasion check of "Umlaufverfahren endet
// morgen (ohne meine Stimme)" (reminderNow): the reminder is current
// while its procedure is open, its deadline still to come within
// ReminderLead, and the account's member (a member office's) has not
// voted. A procedure ended early or closed, a deadline past, a vote cast
// since the reminder was queued: it is withdrawn.
func procedureClosingNow(ctx context.Context, q queryer, ref, member string, now time.Time) (key, state string, err error) {
	id, ok := refID(ref, "umlauf_frist")
	if !ok {
		return "", "kein Umlaufverfahren", nil
	}
	p, err := procedureByID(ctx, q, id)
	switch {
	case errors.Is(err, ErrNotFound):
		return "", "das Umlaufverfahren gibt es nicht mehr", nil
	case err != nil:
		return "", "", err
	case p.Status != model.ProcedureOpen:
		return "", "das Umlaufverfahren ist abgeschlossen", nil
	case !now.Before(p.Deadline):
		return "", "die Frist ist am " + model.BerlinDateTime(p.Deadline) + " abgelaufen", nil
	case p.Deadline.Sub(now) > ReminderLead:
		return "", "Frist: " + model.BerlinDateTime(p.Deadline), nil
	}
	if member != "" {
		votes, err := procedureVotes(ctx, q, id)
		if err != nil {
			return "", "", err
		}
		for _, v := range votes {
			if v.Member == member {
				return "", member + " hat inzwischen abgestimmt", nil
			}
		}
	}
	return procedureClosingKey(id), "Frist: " + model.BerlinDateTime(p.Deadline), nil
}

// noticeProcedureResult queues "Umlaufverfahren abgeschlossen" when a
// written procedure closes — at its deadline (the closing loop) or ended
// early by the secretariat once every member voted: whether the decision
// is adopted, the result phrase as the decision keeps it (tally.Phrase,
// the one phrase of the minutes), the reason the rules give (also where
// the consent of all is missing), and the link to the decision in the
// register or, when none was adopted or it has no register page (an
// internal body's), to the procedure. Its key names the procedure: a
// procedure closes once (closeProcedureTx runs in the transaction that
// finds it open), and a second run queues nothing.
func (s *Store) noticeProcedureResult(ctx context.Context, tx *sql.Tx, body model.Body, p model.WrittenProcedure, d model.Decision, tally model.Tally, phrase string, closedAt time.Time) error {
	title := model.PublicText(d.Title)
	link := fmt.Sprintf("/umlaufverfahren/%d", p.ID)
	// Named by its kind: an Empfehlung is no Beschluss.
	named := d
	named.Status = model.DecisionRejected
	short := "nicht angenommen"
	if tally.Adopted {
		named.Status = model.DecisionAdopted
		short = strings.TrimSpace(d.Name()+" "+d.Label) + " " + d.AdoptedVerb()
		if d.Label != "" {
			// The register has the decisions the public may read; an
			// internal body's (the AL-Runde's recommendation) has no page
			// there, its procedure's page shows the result.
			if model.Public.SeesDecision(d) {
				link = "/beschluesse/" + d.Label
			}
		}
	}
	ended := "Frist: " + model.BerlinDateTime(p.Deadline)
	if p.EndedEarly {
		ended = "vorzeitig beendet am " + model.BerlinDateTime(closedAt) + ", nachdem alle Mitglieder abgestimmt hatten"
	}
	text := fmt.Sprintf("Das Umlaufverfahren „%s“ (Gremium: %s; %s) ist abgeschlossen.\n%s\nErgebnis: %s.", title, body.Abbrev, ended, named.Outcome(), phrase)
	if tally.Reason != "" {
		text += "\nNach den Regeln des Gremiums " + tally.Reason + "."
	}
	_, err := s.notifySubscribers(ctx, tx, Notice{
		Event:   model.EventProcedureResult,
		Key:     fmt.Sprintf("umlauf_ergebnis:%d", p.ID),
		Subject: "Umlaufverfahren (" + body.Abbrev + ") abgeschlossen: „" + title + "“ – " + short,
		Body:    text,
		Link:    link,
	})
	return err
}

// spokespersonMembers gives the members whose spokesperson is in office
// (or not yet out of office) for the FachMK: the last IT-PLR session held
// decides, as in holdsFunction (a session of the AL-Runde, numbered on its
// own, does not end a function).
func spokespersonMembers(ctx context.Context, tx *sql.Tx, conferenceIDs []int64) (map[int64]map[string]bool, error) {
	out := map[int64]map[string]bool{}
	for _, id := range conferenceIDs {
		members, err := queryList(ctx, tx, func(r scanner) (string, error) {
			var m string
			return m, r.Scan(&m)
		}, "spokespersons", `SELECT member_abbrev FROM spokesperson_assignments WHERE conference_id = ?
			AND (ends_with_session = 0 OR ends_with_session > (SELECT COALESCE(MAX(number), 0) FROM sessions
				WHERE body_id = (SELECT id FROM bodies WHERE kind = ? ORDER BY id LIMIT 1) AND status IN (?, ?, ?)))`,
			id, model.BodyPlanningCouncil, model.StatusEnded, model.StatusMinutesDraft, model.StatusMinutesApproved)
		if err != nil {
			return nil, err
		}
		out[id] = map[string]bool{}
		for _, m := range members {
			out[id][m] = true
		}
	}
	return out, nil
}

// forConference reports whether a subscriber belongs to one of the FachMK:
// its FachMK secretariat, a spokesperson's member in office for it, or the
// IT-PLR's secretariat.
func forConference(sub Subscriber, confs []int64, speakers map[int64]map[string]bool) bool {
	u := sub.User
	switch u.Role {
	case model.RoleSecretariat:
		return true
	case model.RoleFachMK:
		for _, c := range confs {
			if u.ConferenceID == c {
				return true
			}
		}
	case model.RoleSpokesperson:
		for _, c := range confs {
			if speakers[c][u.MemberAbbrev] {
				return true
			}
		}
	}
	return false
}

// noticeDecisionRelevant queues "Beschluss für meine Fachministerkonferenz
// relevant" for every FachMK the decision profile marks relevant, once the
// decision is adopted (before, it is not public). Called when the profile
// is saved and when the decision is adopted; the keys keep it to one
// message per decision, FachMK and recipient.
func (s *Store) noticeDecisionRelevant(ctx context.Context, tx *sql.Tx, decisionID int64) error {
	d, err := currentDecision(ctx, tx, decisionID)
	if err != nil {
		return err
	}
	d, public := model.Public.Decision(d)
	if !public || d.Label == "" {
		return nil
	}
	type conf struct {
		id   int64
		name string
	}
	confs, err := queryList(ctx, tx, func(r scanner) (conf, error) {
		var c conf
		return c, r.Scan(&c.id, &c.name)
	}, "relevant conferences", `SELECT b.id, b.name FROM decision_relevance r JOIN bodies b ON b.id = r.conference_id
		WHERE r.decision_id = ? AND r.relevant = 1 ORDER BY b.name`, decisionID)
	if err != nil || len(confs) == 0 {
		return err
	}
	for _, c := range confs {
		speakers, err := spokespersonMembers(ctx, tx, []int64{c.id})
		if err != nil {
			return err
		}
		ids := []int64{c.id}
		if _, err := s.notifySubscribers(ctx, tx, Notice{
			Event:   model.EventDecisionRelevant,
			Key:     fmt.Sprintf("beschluss_relevant:%d:%d", decisionID, c.id),
			Subject: fmt.Sprintf("Beschluss %s ist für %s relevant", d.Label, model.Body{Name: c.name}.Accusative()),
			Body: fmt.Sprintf("Der Beschluss %s „%s“ vom %s ist im Beschluss-Steckbrief als relevant für %s eingestuft.",
				d.Label, d.Title, d.AdoptedOn.German(), model.Body{Name: c.name}.Accusative()),
			Link: "/beschluesse/" + d.Label,
			To:   func(sub Subscriber) bool { return forConference(sub, ids, speakers) },
		}); err != nil {
			return err
		}
	}
	return nil
}

// DebriefRef gives the ref of the messages of the n-th sending of a
// debrief's invitation.
func DebriefRef(debriefID int64, n int) string {
	return fmt.Sprintf("nachbesprechung:%d:%d", debriefID, n)
}

// SendDebriefInvitation saves the debrief as given (date, place,
// invitation text, entries; d.Version must be the version read) and queues
// its invitation, all in one transaction: one e-mail to every contact
// address of the FachMK in the debrief, and a message to every subscriber
// of the event who belongs to one of them (their FachMK secretariat
// accounts, their spokespersons) and to the secretariat's subscribers. An
// address gets one message even if it is named twice. It gives the number
// of messages queued; with no address at all, a presenter who is no
// member, or the note "Nachbesprechung entfällt" on the debrief
// (model.Debrief.CheckNotWaived), it refuses and saves nothing.
func (s *Store) SendDebriefInvitation(ctx context.Context, d model.Debrief, subject string) (DebriefSending, error) {
	var out DebriefSending
	if len(d.Entries) == 0 {
		return out, model.RuleError("Die Nachbesprechung enthält keinen Beschluss; es gibt nichts, wozu eingeladen werden könnte.")
	}
	if strings.TrimSpace(d.Invitation) == "" || strings.TrimSpace(subject) == "" {
		return out, model.InputError("Die Einladung braucht einen Betreff und einen Text.")
	}
	if d.HeldOn.IsZero() {
		// An invitation without a day invites to nothing (it was sent).
		return out, model.AtField(model.DebriefDateField, model.InputError("Die Einladung braucht den Termin der Nachbesprechung; bitte das Datum angeben."))
	}
	var count int
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.debriefFollowsSession(ctx, tx, d, true); err != nil {
			return err
		}
		if d.ID != 0 {
			// Noted as not needed: no invitation (insertDebrief
			// refuses a new one so noted).
			if err := debriefNotWaived(ctx, tx, d.ID); err != nil {
				return err
			}
		}
		if d.ID == 0 {
			// Sent with its first save: stored in the same transaction.
			id, err := s.insertDebrief(ctx, tx, d)
			if err != nil {
				return err
			}
			d.ID = id
			if err := tx.QueryRowContext(ctx, `SELECT version FROM debriefs WHERE id = ?`, id).Scan(&d.Version); err != nil {
				return fmt.Errorf("store: debrief: %w", err)
			}
		}
		if err := s.updateVersioned(ctx, tx, "debriefs", "debrief", d.ID, d.Version,
			`assembled = 1, held_on = ?, start_time = ?, end_time = ?, place = ?, link = ?, sent = 1, invitation = ?, invitations = invitations + 1, saved_at = ?`,
			d.HeldOn.String(), d.StartTime, d.EndTime, d.Place, d.Link, d.Invitation, s.now().UTC().Format(time.RFC3339)); err != nil {
			return err
		}
		var seq int
		if err := tx.QueryRowContext(ctx, `SELECT invitations FROM debriefs WHERE id = ?`, d.ID).Scan(&seq); err != nil {
			return fmt.Errorf("store: debrief: %w", err)
		}
		ref := DebriefRef(d.ID, seq)
		// A sending replaces the one before: its messages still waiting
		// are not sent (before, the corrected invitation and the wrong
		// one both went out). One a sender is handing over stays.
		if seq > 1 {
			stale, err := queryList(ctx, tx, func(r scanner) (int64, error) {
				var id int64
				return id, r.Scan(&id)
			}, "waiting invitations", `SELECT id FROM outbox WHERE ref LIKE ? AND ref <> ? AND state = ? AND claimed_until <= ?`,
				fmt.Sprintf("nachbesprechung:%d:%%", d.ID), ref, model.DeliveryWaiting, outboxTime(s.now()))
			if err != nil {
				return err
			}
			for _, id := range stale {
				if err := s.touch(ctx, tx, "notification", id); err != nil {
					return err
				}
				replaced := fmt.Sprintf("ersetzt durch die %d. Einladung", seq)
				if _, err := tx.ExecContext(ctx, `UPDATE outbox SET state = ?, last_error = ? WHERE id = ?`,
					model.DeliveryCancelled, withdrawnPrefix+replaced+".", id); err != nil {
					return fmt.Errorf("store: debrief: %w", err)
				}
				if err := s.audit(ctx, tx, "cancel", "notification", id, replaced); err != nil {
					return err
				}
			}
		}
		// The presenters of the sending before, to tell a member office
		// it no longer presents (read before the entries are replaced).
		var before []model.DebriefEntry
		if seq > 1 {
			var err error
			if before, err = debriefEntries(ctx, tx, d.ID); err != nil {
				return err
			}
		}
		if err := replaceDebriefEntries(ctx, tx, d.ID, d.Entries); err != nil {
			return err
		}
		var confs []int64
		seen := map[int64]bool{}
		for _, e := range d.Entries {
			if !seen[e.ConferenceID] {
				seen[e.ConferenceID] = true
				confs = append(confs, e.ConferenceID)
			}
		}
		queued := map[string]bool{} // channel + address
		queue := func(n model.Notification) error {
			addr := string(n.Channel) + ":" + strings.ToLower(n.Recipient)
			if queued[addr] {
				return nil
			}
			queued[addr] = true
			n.Key, n.Ref, n.Event = ref+"/"+addr, ref, model.EventDebriefInvitation
			// The invitation leaves gremium: as the public may see it
			// (the publication gate), whatever was typed into it.
			n.Subject, n.Body = model.Public.Text(subject), model.Public.Text(d.Invitation)
			ok, err := s.queueNotification(ctx, tx, n)
			if ok {
				count++
			}
			return err
		}
		for _, c := range confs {
			contacts, err := queryList(ctx, tx, func(r scanner) (model.Notification, error) {
				var n model.Notification
				var name, abbrev string
				err := r.Scan(&name, &abbrev, &n.Recipient)
				n.Channel, n.RecipientName = model.ChannelEmail, name+" ("+abbrev+")"
				return n, err
			}, "contacts", `SELECT c.name, b.abbrev, TRIM(c.email) FROM contacts c JOIN bodies b ON b.id = c.body_id
				WHERE c.body_id = ? AND TRIM(c.email) != '' ORDER BY c.id`, c)
			if err != nil {
				return err
			}
			for _, n := range contacts {
				if model.ChannelEmail.CheckAddress(n.Recipient) != nil {
					continue // a contact kept without a usable address
				}
				if err := queue(n); err != nil {
					return err
				}
			}
		}
		speakers, err := spokespersonMembers(ctx, tx, confs)
		if err != nil {
			return err
		}
		subs, err := subscribers(ctx, tx, model.EventDebriefInvitation)
		if err != nil {
			return err
		}
		for _, sub := range subs {
			if !forConference(sub, confs, speakers) {
				continue
			}
			if err := queue(model.Notification{Channel: sub.Channel, Recipient: sub.Address, RecipientName: sub.User.Name, UserID: sub.User.ID}); err != nil {
				return err
			}
		}
		if count == 0 {
			return model.RuleError("Für keine der Fachministerkonferenzen dieser Nachbesprechung ist eine E-Mail-Adresse hinterlegt, und niemand hat die Einladung abonniert; die Einladung wurde nicht versandt. Bitte zuerst Kontakte mit E-Mail-Adresse bei den Fachministerkonferenzen eintragen.")
		}
		if seq > 1 {
			var err error
			if out.Withdrawals, err = s.withdrawDebriefInvitations(ctx, tx, d, seq, queued); err != nil {
				return err
			}
		}
		if err := s.noticeDebriefPresenters(ctx, tx, d, seq, before); err != nil {
			return err
		}
		return s.audit(ctx, tx, "invite", "debrief", d.ID, model.Counted(count, "Nachricht", "Nachrichten"))
	})
	out.Invitations = count
	return out, err
}

// DebriefSending counts the messages one sending of a debrief's
// invitation queued: the invitations, and the messages to addresses an
// earlier sending invited that this one leaves out, telling them the
// earlier invitation no longer applies (withdrawDebriefInvitations).
type DebriefSending struct {
	Invitations int
	Withdrawals int
}

// withdrawDebriefInvitations tells, inside the transaction of the seq-th
// sending of debrief d, every address that received an earlier invitation
// (sent, or being handed over by a sender) and gets none with this one
// (invited: channel + address, as SendDebriefInvitation queued them) that
// the invitation no longer applies to it: a FachMK the corrected debrief
// presents nothing to any more. An earlier message withdrawn unsent tells
// no one. The messages go under their own ref ("nachbesprechung_abgesagt:
// debrief:seq"), not counted in the invitation's delivery; it gives how
// many it queued.
func (s *Store) withdrawDebriefInvitations(ctx context.Context, tx *sql.Tx, d model.Debrief, seq int, invited map[string]bool) (int, error) {
	type earlier struct {
		channel         model.Channel
		recipient, name string
		userID          int64
	}
	got, err := queryList(ctx, tx, func(r scanner) (earlier, error) {
		var e earlier
		return e, r.Scan(&e.channel, &e.recipient, &e.name, &e.userID)
	}, "earlier invitations", `SELECT channel, recipient, MAX(recipient_name), MAX(COALESCE(user_id, 0)) FROM outbox
		WHERE ref LIKE ? AND ref <> ? AND (state = ? OR state = ? AND claimed_until > ?)
		GROUP BY channel, recipient ORDER BY MIN(id)`,
		fmt.Sprintf("nachbesprechung:%d:%%", d.ID), DebriefRef(d.ID, seq), model.DeliverySent, model.DeliveryWaiting, outboxTime(s.now()))
	if err != nil {
		return 0, err
	}
	_, heading, err := sessionHeading(ctx, tx, d.SessionID)
	if err != nil {
		return 0, err
	}
	when := debriefWhen(d)
	ref := fmt.Sprintf("nachbesprechung_abgesagt:%d:%d", d.ID, seq)
	told := map[string]bool{}
	n := 0
	for _, e := range got {
		addr := string(e.channel) + ":" + strings.ToLower(e.recipient)
		if invited[addr] || told[addr] {
			continue
		}
		told[addr] = true
		queued, err := s.queueNotification(ctx, tx, model.Notification{Key: ref + "/" + addr, Ref: ref, Event: model.EventDebriefInvitation,
			Channel: e.channel, Recipient: e.recipient, RecipientName: e.name, UserID: e.userID,
			Subject: "Nachbesprechung der " + heading + ": Einladung geändert",
			Body: "Die Geschäftsstelle des IT-Planungsrats hat die Einladung zur Nachbesprechung der " + heading + when + " geändert. " +
				"Sie stellt keinen Beschluss mehr für Sie vor; die frühere Einladung gilt für Sie nicht mehr."})
		if err != nil {
			return 0, err
		}
		if queued {
			n++
		}
	}
	return n, nil
}

// debriefEntries reads the entries of a debrief inside tx.
func debriefEntries(ctx context.Context, q queryer, debriefID int64) ([]model.DebriefEntry, error) {
	return queryList(ctx, q, func(r scanner) (model.DebriefEntry, error) {
		var e model.DebriefEntry
		return e, r.Scan(&e.DecisionID, &e.ConferenceID, &e.Presenter)
	}, "debrief entries", `SELECT decision_id, conference_id, presenter FROM debrief_entries WHERE debrief_id = ? ORDER BY position`, debriefID)
}

// debriefWhen words the date and place of a debrief for its messages:
// " am 10.07.2025, 10:00 Uhr (Berlin)", and for one without a date
// " (Termin noch offen)", as its pages say it ("Termin: noch offen");
// before, such a message left the date out without a word.
func debriefWhen(d model.Debrief) string {
	place := model.PublicText(d.Place)
	if d.HeldOn.IsZero() {
		if place != "" {
			return " (Termin noch offen, Ort: " + place + ")"
		}
		return " (Termin noch offen)"
	}
	when := " am " + d.When()
	if place != "" {
		when += " (" + place + ")"
	}
	return when
}

// noticeDebriefPresenters queues, with the seq-th sending of a debrief's
// invitation, "Vorstellung in der Nachbesprechung" to the subscribed
// offices of each member named to present a decision (concept 2.2: the
// submitting member presents it): the session, date and place, and each
// decision it presents with the FachMK it presents it to, the link to
// "Mein Bereich", where the office finds its presentations. A sending
// after a change tells them again, as changed; a member presenting no
// more since the sending before (before) hears that it does not present.
// The text is public: the decisions as the public reads them.
func (s *Store) noticeDebriefPresenters(ctx context.Context, tx *sql.Tx, d model.Debrief, seq int, before []model.DebriefEntry) error {
	_, heading, err := sessionHeading(ctx, tx, d.SessionID)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	lines := map[string][]string{} // member: its presentations
	var members []string
	for _, e := range d.Entries {
		if e.Presenter == "" {
			continue
		}
		dec, err := currentDecision(ctx, tx, e.DecisionID)
		if err != nil {
			return err
		}
		dec, _ = model.Public.Decision(dec)
		if _, ok := names[e.ConferenceID]; !ok {
			var name string
			if err := tx.QueryRowContext(ctx, `SELECT name FROM bodies WHERE id = ?`, e.ConferenceID).Scan(&name); err != nil {
				return notFound(err, fmt.Sprintf("conference %d", e.ConferenceID))
			}
			names[e.ConferenceID] = name
		}
		if lines[e.Presenter] == nil {
			members = append(members, e.Presenter)
		}
		line := "- " + dec.Label
		if t := model.PublicText(dec.Title); t != "" {
			line += " „" + t + "“"
		}
		lines[e.Presenter] = append(lines[e.Presenter], line+" für die "+names[e.ConferenceID])
	}
	when := debriefWhen(d)
	changed, again := "", ""
	if seq > 1 {
		changed, again = " – geändert", ", nach einer Änderung erneut"
	}
	ref := fmt.Sprintf("nachbesprechung_vorstellung:%d:%d", d.ID, seq)
	for _, m := range members {
		if _, err := s.notifySubscribers(ctx, tx, Notice{
			Event:   model.EventDebriefPresentation,
			Key:     ref + ":" + m,
			Ref:     ref,
			Subject: "Vorstellung in der Nachbesprechung der " + heading + changed,
			Body: fmt.Sprintf("Die Geschäftsstelle hat die Einladung zur Nachbesprechung der %s%s versandt%s. "+
				"Ihr Mitglied (%s) stellt dort den Geschäftsstellen der Fachministerkonferenzen vor:\n%s\n"+
				"Ihre Vorstellungen stehen unter „Mein Bereich“.", heading, when, again, m, strings.Join(lines[m], "\n")),
			Link: "/mein-bereich#h-vorstellungen",
			To:   func(sub Subscriber) bool { return sub.User.MemberAbbrev == m },
		}); err != nil {
			return err
		}
	}
	var gone []string
	seen := map[string]bool{}
	for _, e := range before {
		if e.Presenter != "" && lines[e.Presenter] == nil && !seen[e.Presenter] {
			seen[e.Presenter] = true
			gone = append(gone, e.Presenter)
		}
	}
	for _, m := range gone {
		if _, err := s.notifySubscribers(ctx, tx, Notice{
			Event:   model.EventDebriefPresentation,
			Key:     ref + ":" + m + ":entfaellt",
			Ref:     ref,
			Subject: "Keine Vorstellung mehr in der Nachbesprechung der " + heading,
			Body: fmt.Sprintf("Die Geschäftsstelle hat die Einladung zur Nachbesprechung der %s%s nach einer Änderung erneut versandt. "+
				"Ihr Mitglied (%s) stellt dort keinen Beschluss mehr vor; die frühere Einladung ist damit überholt.", heading, when, m),
			Link: "/mein-bereich",
			To:   func(sub Subscriber) bool { return sub.User.MemberAbbrev == m },
		}); err != nil {
			return err
		}
	}
	return nil
}

// DebriefDelivery gives the delivery of the latest invitation of a debrief
// (no messages if it was never sent).
func (s *Store) DebriefDelivery(ctx context.Context, debriefID int64) (model.Delivery, error) {
	var seq int
	if err := s.db.QueryRowContext(ctx, `SELECT invitations FROM debriefs WHERE id = ?`, debriefID).Scan(&seq); err != nil {
		return model.Delivery{}, notFound(err, fmt.Sprintf("debrief %d", debriefID))
	}
	if seq == 0 {
		return model.Delivery{}, nil
	}
	return s.Delivery(ctx, DebriefRef(debriefID, seq))
}
