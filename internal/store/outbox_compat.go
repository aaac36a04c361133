package store

import (
	"context"
	"database/sql"
	"fmt"

	"gremium/internal/model"
)

// Message is the old form of an outbox entry, kept until the debrief page
// uses SendDebriefInvitation.
//
// Deprecated: use SendDebriefInvitation or a Notice.
type Message struct {
	Kind       string
	Recipients []string
	Subject    string
	Body       string
}

// QueueMessage queues an e-mail to every recipient that is an e-mail
// address.
//
// Deprecated: use SendDebriefInvitation or a Notice.
func (s *Store) QueueMessage(ctx context.Context, m Message) (int64, error) {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		stamp := s.now().UnixNano()
		for i, r := range m.Recipients {
			if model.ChannelEmail.CheckAddress(r) != nil {
				continue
			}
			if _, err := s.queueNotification(ctx, tx, model.Notification{Key: fmt.Sprintf("alt:%d:%d", stamp, i),
				Event: model.EventDebriefInvitation, Channel: model.ChannelEmail, Recipient: r, RecipientName: r,
				Subject: m.Subject, Body: m.Body}); err != nil {
				return err
			}
		}
		return nil
	})
	return 0, err
}
