package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"gremium/internal/model"
)

// Key messages (Kernbotschaften): text blocks kept once and included by
// briefings (the versions name them by id).

func scanKeyMessage(r scanner) (model.KeyMessage, error) {
	var k model.KeyMessage
	return k, r.Scan(&k.ID, &k.Title, &k.Text, &k.Version)
}

func validateKeyMessage(k model.KeyMessage) error {
	if strings.TrimSpace(k.Title) == "" || strings.TrimSpace(k.Text) == "" {
		return model.InputError("Eine Kernbotschaft braucht Titel und Text.")
	}
	return nil
}

// CreateKeyMessage stores a new key message; titles are unique.
func (s *Store) CreateKeyMessage(ctx context.Context, k model.KeyMessage) (int64, error) {
	if err := validateKeyMessage(k); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.insert(ctx, tx, "key_message", k.Title, `INSERT INTO key_messages (title, text) VALUES (?, ?)`, k.Title, k.Text)
		return err
	})
	if errors.Is(err, ErrDuplicate) {
		return 0, model.RuleError("Eine Kernbotschaft „%s“ gibt es bereits.", k.Title)
	}
	return id, err
}

// UpdateKeyMessage changes a key message (every briefing that includes it
// shows the new text); k.Version must be the version read.
func (s *Store) UpdateKeyMessage(ctx context.Context, k model.KeyMessage) error {
	if err := validateKeyMessage(k); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return s.updateVersioned(ctx, tx, "key_messages", "key_message", k.ID, k.Version, `title = ?, text = ?`, k.Title, k.Text)
	})
}

// KeyMessages gives all key messages by title.
func (s *Store) KeyMessages(ctx context.Context) ([]model.KeyMessage, error) {
	return queryList(ctx, s.db, scanKeyMessage, "key messages", `SELECT id, title, text, version FROM key_messages ORDER BY title`)
}

// KeyMessageByTitle gives the key message with the title.
func (s *Store) KeyMessageByTitle(ctx context.Context, title string) (model.KeyMessage, error) {
	return queryOne(ctx, s.db, scanKeyMessage, fmt.Sprintf("key message %q", title), `SELECT id, title, text, version FROM key_messages WHERE title = ?`, title)
}
