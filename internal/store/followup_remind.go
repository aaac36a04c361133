package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"gremium/internal/model"
)

// FollowUpReminder is what a reminder by hand reached: the responsible
// members whose offices get it, and the number of messages queued.
type FollowUpReminder struct {
	Members  []string // member abbreviations, in the order of the member list
	Messages int
}

// FollowUpReminders gives how often the secretariat reminded the
// responsible members of a follow-up by hand (RemindFollowUp); the
// follow-up page posts it back, so that a form sent twice reminds once.
func (s *Store) FollowUpReminders(ctx context.Context, id int64) (int, error) {
	var n int
	if err := s.rd.QueryRowContext(ctx, `SELECT reminders FROM follow_ups WHERE id = ?`, id).Scan(&n); err != nil {
		return 0, notFound(err, fmt.Sprintf("follow-up %d", id))
	}
	return n, nil
}

// RemindFollowUp sends the secretariat's reminder of an open follow-up
// (Auftrag) to the offices of the members responsible for it ("Erinnerung
// senden" on the follow-up's page), in one transaction: the messages
// (EventFollowUpReminder, to the subscribed accounts of each member the
// follow-up names by abbreviation or name), a line in the follow-up's
// comments, which are its history ("Erinnerung gesendet an …"), with the
// author by, and the audit record. seen is the number of reminders the
// page showed (FollowUpReminders): when another was sent since — the same
// form sent twice — it refuses (conflict) and sends nothing more. A
// follow-up that is done or dropped, that names no member, or whose
// members' offices have not subscribed is refused with the reason, and
// nothing is recorded.
func (s *Store) RemindFollowUp(ctx context.Context, id int64, seen int, by string) (FollowUpReminder, error) {
	var out FollowUpReminder
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		f, err := queryOne(ctx, tx, scanFollowUp, fmt.Sprintf("follow-up %d", id), `SELECT `+followUpCols+` FROM follow_ups f WHERE f.id = ?`, id)
		if err != nil {
			return err
		}
		var count int
		if err := tx.QueryRowContext(ctx, `SELECT reminders FROM follow_ups WHERE id = ?`, id).Scan(&count); err != nil {
			return fmt.Errorf("store: follow-up reminder: %w", err)
		}
		if !f.Status.Pending() {
			return model.RuleError("Der Auftrag ist „%s“; an einen abgeschlossenen Auftrag wird nicht erinnert.", f.Status.Label())
		}
		if count != seen {
			return model.ConflictError("Inzwischen wurde bereits an diesen Auftrag erinnert (%d-mal); die Seite zeigt den neuen Stand. Eine weitere Erinnerung senden Sie mit der Schaltfläche erneut.", count)
		}
		members, err := queryList(ctx, tx, func(r scanner) ([2]string, error) {
			var m [2]string
			return m, r.Scan(&m[0], &m[1])
		}, "members", `SELECT abbrev, name FROM members ORDER BY position, abbrev`)
		if err != nil {
			return err
		}
		responsible := map[string]bool{}
		for _, m := range members {
			if f.ResponsibleIs(m[0]) || f.ResponsibleIs(m[1]) {
				responsible[m[0]] = true
			}
		}
		if len(responsible) == 0 {
			named := "niemand eingetragen"
			if r := strings.TrimSpace(f.Responsible); r != "" {
				named = "verantwortlich: " + r
			}
			return model.RuleError("Der Auftrag nennt kein Mitglied des IT-Planungsrats als verantwortlich (%s); eine Erinnerung erreicht nur die Büros der Mitglieder.", named)
		}
		due, err := followUpDueSession(ctx, tx, f)
		if err != nil {
			return err
		}
		subs, err := subscribers(ctx, tx, model.EventFollowUpReminder)
		if err != nil {
			return err
		}
		to := func(sub Subscriber) bool { return responsible[sub.User.MemberAbbrev] }
		reached := map[string]bool{}
		for _, sub := range subs {
			if to(sub) {
				reached[sub.User.MemberAbbrev] = true
			}
		}
		for _, m := range members {
			if reached[m[0]] {
				out.Members = append(out.Members, m[0])
			}
		}
		if len(out.Members) == 0 {
			var names []string
			for _, m := range members {
				if responsible[m[0]] {
					names = append(names, m[0])
				}
			}
			return model.RuleError("Kein Büro der verantwortlichen Mitglieder (%s) hat die Benachrichtigung „%s“ eingeschaltet; ohne Empfänger wird keine Erinnerung gesendet.",
				strings.Join(names, ", "), model.EventFollowUpReminder.Label())
		}
		count++
		if err := s.touch(ctx, tx, "follow_up", id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE follow_ups SET reminders = ? WHERE id = ?`, count, id); err != nil {
			return fmt.Errorf("store: follow-up reminder: %w", err)
		}
		text := model.PublicText(f.Text)
		body := fmt.Sprintf("Die Geschäftsstelle erinnert an den Auftrag „%s“ (verantwortlich: %s; Stand: %s).", text, model.PublicText(f.Responsible), f.Status.Label())
		if deadline := f.DeadlineAt(due); deadline != "" {
			body += " Frist: " + model.PublicText(deadline) + "."
		}
		if f.OverdueAt(s.now(), due) {
			body += " Der Auftrag ist überfällig."
		}
		body += "\nBitte melden Sie den Stand oder die Erledigung mit Nachweis."
		if out.Messages, err = s.notifyEach(ctx, tx, Notice{
			Event:   model.EventFollowUpReminder,
			Key:     fmt.Sprintf("auftrag_erinnerung:%d:%d", id, count),
			Ref:     fmt.Sprintf("auftrag:%d", id),
			Subject: "Erinnerung der Geschäftsstelle: Auftrag „" + shorten(text, 80) + "“",
			Body:    body,
			Link:    f.Path(),
			To:      to,
		}, subs); err != nil {
			return err
		}
		if err := s.addFollowUpComment(ctx, tx, model.FollowUpComment{FollowUpID: id, Author: by,
			Text: fmt.Sprintf("Erinnerung gesendet an %s (%d Nachrichten).", strings.Join(out.Members, ", "), out.Messages)}); err != nil {
			return err
		}
		return s.audit(ctx, tx, "remind", "follow_up", id, strings.Join(out.Members, ", "))
	})
	if err != nil {
		return FollowUpReminder{}, err
	}
	return out, nil
}
