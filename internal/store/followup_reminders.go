package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"gremium/internal/model"
)

// DueSoonDays is the second reminder before a follow-up's deadline, after
// the one at the lead time each user chose (model.DefaultDueDays).
const DueSoonDays = 3

// FollowUpReminderCount says how many reminder messages a run queued.
type FollowUpReminderCount struct {
	Due, Overdue int
}

// QueueFollowUpReminders queues, in one transaction, the reminders of the
// pending follow-ups at now (German time): "Auftrag bald fällig" when the
// deadline is at most the user's lead time away (default 14 days) and again
// at most 3 days before, "Auftrag überfällig" once a week after the
// deadline passed (by date, or by the start of the session it is due to).
// Recipients are the subscribers whose member is responsible for the
// follow-up, and the secretariat's subscribers. Each reminder's key names
// the follow-up, its due day and the occasion, so repeated runs (and
// several instances) queue it once; a changed deadline gives new reminders.
func (s *Store) QueueFollowUpReminders(ctx context.Context, now time.Time) (FollowUpReminderCount, error) {
	var n FollowUpReminderCount
	today := model.BerlinDate(now)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		n = FollowUpReminderCount{}
		// A run that queues nothing changes no content: cached pages stay.
		s.quiet(tx)
		w := FollowUpFilter{Pending: true}.where()
		entries, err := queryList(ctx, tx, func(r scanner) (FollowUpEntry, error) {
			var e FollowUpEntry
			var due, done string
			err := r.Scan(&e.ID, &e.DecisionID, &e.ItemID, &e.Text, &e.Responsible, &due, &e.DueSession, &e.Status, &done,
				&e.Source, &e.SourceID, &e.EvidenceText, &e.EvidenceDocumentID, &e.EvidenceDecisionID, &e.EvidenceItemID,
				&e.ProposalKey, &e.Version, &e.SessionID)
			e.DueDate, e.DoneOn = parseDate(due), parseDate(done)
			return e, err
		}, "pending follow-ups", `SELECT `+followUpCols+`, COALESCE(i.session_id, 0) FROM follow_ups f
			LEFT JOIN agenda_items i ON i.id = COALESCE(f.item_id, (SELECT item_id FROM decisions WHERE id = f.decision_id))`+w.sql()+` ORDER BY f.id`, w.args...)
		if err != nil {
			return err
		}
		names := map[string]string{}
		members, err := queryList(ctx, tx, func(r scanner) ([2]string, error) {
			var m [2]string
			return m, r.Scan(&m[0], &m[1])
		}, "member names", `SELECT abbrev, name FROM members`)
		if err != nil {
			return err
		}
		for _, m := range members {
			names[m[0]] = m[1]
		}
		for _, e := range entries {
			var due *model.Session
			if e.DueSession > 0 && e.SessionID != 0 {
				se, err := queryOne(ctx, tx, scanSession, "due session", `SELECT `+sessionCols+` FROM sessions
					WHERE body_id = (SELECT body_id FROM sessions WHERE id = ?) AND number = ?`, e.SessionID, e.DueSession)
				if err == nil {
					due = &se
				} else if !errors.Is(err, ErrNotFound) {
					return err
				}
			}
			dueOn := e.DueAt(due)
			if dueOn.IsZero() {
				continue
			}
			days := int(dueOn.Time().Sub(today.Time()).Hours() / 24)
			text := model.PublicText(e.Text)
			deadline := model.PublicText(e.DeadlineAt(due))
			to := func(sub Subscriber) bool {
				u := sub.User
				return u.Role == model.RoleSecretariat || u.MemberAbbrev != "" && (e.ResponsibleIs(u.MemberAbbrev) || e.ResponsibleIs(names[u.MemberAbbrev]))
			}
			link := fmt.Sprintf("/auftraege/%d", e.ID)
			if e.OverdueAt(now, due) {
				week := 0
				if days < 0 {
					week = (-days - 1) / 7
				}
				k, err := s.notifySubscribers(ctx, tx, Notice{
					Event:   model.EventFollowUpOverdue,
					Key:     fmt.Sprintf("auftrag_ueberfaellig:%d:%s:w%d", e.ID, dueOn, week),
					Ref:     fmt.Sprintf("auftrag:%d", e.ID),
					Subject: "Auftrag überfällig: " + shorten(text, 80),
					Body: fmt.Sprintf("Der Auftrag „%s“ (verantwortlich: %s) ist überfällig. Frist: %s.\n"+
						"Bitte melden Sie den Stand oder die Erledigung mit Nachweis.", text, model.PublicText(e.Responsible), deadline),
					Link: link, To: to,
				})
				if err != nil {
					return err
				}
				n.Overdue += k
				continue
			}
			if days < 0 || days > maxLeadDays {
				continue
			}
			for _, occasion := range []struct {
				key  string
				when func(Subscriber) bool
			}{
				{"vorlauf", func(sub Subscriber) bool { return days > DueSoonDays && days <= leadDays(sub) }},
				{fmt.Sprintf("%dt", DueSoonDays), func(Subscriber) bool { return days <= DueSoonDays }},
			} {
				k, err := s.notifySubscribers(ctx, tx, Notice{
					Event:   model.EventFollowUpDue,
					Key:     fmt.Sprintf("auftrag_faellig:%d:%s:%s", e.ID, dueOn, occasion.key),
					Ref:     fmt.Sprintf("auftrag:%d", e.ID),
					Subject: fmt.Sprintf("Auftrag fällig am %s: %s", dueOn.German(), shorten(text, 80)),
					Body: fmt.Sprintf("Der Auftrag „%s“ (verantwortlich: %s) ist fällig: %s, noch %d Tage.\n"+
						"Bitte melden Sie den Stand oder die Erledigung mit Nachweis.", text, model.PublicText(e.Responsible), deadline, days),
					Link: link,
					To:   func(sub Subscriber) bool { return to(sub) && occasion.when(sub) },
				})
				if err != nil {
					return err
				}
				n.Due += k
			}
		}
		return nil
	})
	return n, err
}

// maxLeadDays is the longest lead time a user may choose
// (model.NotificationSettings.Validate).
const maxLeadDays = 90

// leadDays is the subscriber's lead time for "Auftrag bald fällig".
func leadDays(sub Subscriber) int {
	if sub.DueDays <= 0 {
		return model.DefaultDueDays
	}
	return sub.DueDays
}

// shorten cuts a text to at most n runes, with "…".
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
