package store

import (
	"context"
	"database/sql"
	"fmt"

	"gremium/internal/model"
)

// noticeNoteSubmitted queues "Protokollnotiz eingereicht"
// (model.EventNoteSubmitted) for the secretariat's subscribed accounts, in
// the transaction of the submission (SubmitNote) with the id, so that the
// submission and its messages are committed together or not at all. The
// message names the member, the item's label and the session, never the
// note's text: a waiting submission is for the live page only, and mail
// carries public text alone. The link leads to the live page at the item.
func (s *Store) noticeNoteSubmitted(ctx context.Context, tx *sql.Tx, id int64, it model.AgendaItem, memberName string) error {
	se, heading, err := sessionHeading(ctx, tx, it.SessionID)
	if err != nil {
		return err
	}
	_, err = s.notifySubscribers(ctx, tx, Notice{
		Event:   model.EventNoteSubmitted,
		Key:     fmt.Sprintf("protokollnotiz_eingereicht:%d", id),
		Subject: fmt.Sprintf("Protokollnotiz eingereicht: %s, %s der %s", memberName, it.Label(), heading),
		Body: fmt.Sprintf("%s hat zu %s der %s eine Protokollnotiz eingereicht. Sie wartet auf der Live-Seite der Sitzung darauf, dass die Geschäftsstelle sie übernimmt oder mit einem Grund ablehnt; den Text lesen Sie dort nach der Anmeldung.",
			memberName, it.Label(), heading),
		Link: fmt.Sprintf("%s/live?top=%d", se.Path(), it.ID),
		To:   func(sub Subscriber) bool { return sub.User.Role == model.RoleSecretariat },
	})
	return err
}
