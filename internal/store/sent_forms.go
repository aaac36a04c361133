package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"gremium/internal/model"
)

// A form sent twice (the back button and "Absenden" again, a double
// click) must not store twice: the web's forms carry a one-time key
// (field "formular"), and the write that makes something from the form
// keeps the key with what it made, in its own transaction (sent_forms,
// migration 00990). The same key again stores nothing and gives what the
// first send made. The agenda registration keeps its key in its own row
// (WithFormKey, agenda_items.form_key), because a withdrawn registration
// takes its key with it.

// SentFormKeep is how long the one-time key of a sent form is kept
// (sent_forms, PruneSentForms): a key guards against the same form sent
// again — the back button, a double click, a send repeated after a lost
// answer — which happens within minutes or hours; 30 days also cover a
// tab left open over a holiday and its form sent again from the browser's
// history. A form sent again after its key is gone stores again, as a
// form without a key does.
const SentFormKeep = 30 * 24 * time.Hour

// PruneSentForms removes the one-time keys of the forms sent more than
// SentFormKeep before now and gives how many it removed; the reminder
// loop of `gremium serve` runs it (notify.Reminders). The keys are no
// content (nothing shows them, the audit log records what the forms
// made, not the keys), so it is one DELETE of old rows outside the write
// lock and without an audit entry: two instances pruning at once remove
// each row once, and the other one finds it gone.
func (s *Store) PruneSentForms(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM sent_forms WHERE sent_at < ?`, timeText(now.Add(-SentFormKeep)))
	if err != nil {
		return 0, fmt.Errorf("store: prune sent forms: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: prune sent forms: %w", err)
	}
	return n, nil
}

// FormOption changes how a write that makes something from a form
// (StartProcedure, CreateComment, AddFollowUpComment, SubmitRequest,
// CreateContact, CreateSpokespersonContact, the live page's entries,
// CreateConferenceOutcome, CreateBriefing, CreateDocument,
// CreateAPIToken) stores it.
type FormOption func(*formOptions)

type formOptions struct {
	formKey, sentBy string
	again           *bool
}

// SentOnce guards a write with the one-time key of the form it came from,
// sent by the account by: called again with the same key it stores
// nothing, sets *again and gives the id of what the first call made (0
// for a write that gives no id). A key the same account used for another
// kind of form, or another account used, is a conflict. An empty key
// writes without the guard (the JSON API).
func SentOnce(key, by string, again *bool) FormOption {
	return func(o *formOptions) { o.formKey, o.sentBy, o.again = key, by, again }
}

func formOptionsOf(opts []FormOption) formOptions {
	var o formOptions
	for _, f := range opts {
		f(&o)
	}
	return o
}

// once runs write inside tx unless the form of o was sent before (kind
// names what the form makes: "procedure", "minutes_comment", …); then it
// gives the id the first send made. Either way the id of what the form
// made.
func (s *Store) once(ctx context.Context, tx *sql.Tx, o formOptions, kind string, write func() (int64, error)) (int64, error) {
	if o.formKey == "" {
		return write()
	}
	var made int64
	var was, by string
	err := tx.QueryRowContext(ctx, `SELECT kind, sent_by, object_id FROM sent_forms WHERE form_key = ?`, o.formKey).Scan(&was, &by, &made)
	switch {
	case err == nil && was == kind && by == o.sentBy:
		if o.again != nil {
			*o.again = true
		}
		return made, nil
	case err == nil:
		return 0, model.ConflictError("Dieses Formular wurde schon für etwas anderes gesendet; bitte laden Sie die Seite neu und senden Sie es noch einmal.")
	case !errors.Is(err, sql.ErrNoRows):
		return 0, fmt.Errorf("store: sent form: %w", err)
	}
	id, err := write()
	if err != nil {
		return id, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO sent_forms (form_key, kind, sent_by, object_id, sent_at) VALUES (?, ?, ?, ?, ?)`,
		o.formKey, kind, o.sentBy, id, s.now().UTC().Format(time.RFC3339)); err != nil {
		return id, fmt.Errorf("store: keep the form's key: %w", err)
	}
	return id, nil
}
