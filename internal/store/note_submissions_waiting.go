package store

import (
	"context"

	"gremium/internal/model"
)

// AllWaitingNoteSubmissions gives the submissions that wait for the
// Geschäftsstelle in any session, by session, then item, then in order of
// submission: one read for the secretariat's "Mein Bereich" (before, the
// notes waiting after a session showed on its live page alone).
func (s *Store) AllWaitingNoteSubmissions(ctx context.Context) ([]model.NoteSubmission, error) {
	return queryList(ctx, s.rd, scanNoteSubmission, "note submissions",
		selectNoteSubmission+` WHERE ns.state = ? ORDER BY ns.session_id, ns.item_id, ns.id`,
		model.NoteSubmitted)
}
