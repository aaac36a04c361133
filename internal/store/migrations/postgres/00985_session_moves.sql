-- +goose Up
-- Every rescheduling of a session to another day (model.SessionMove), the
-- oldest first, as a JSON list of {"from", "to", "reason"}: a session
-- moved twice named only the latest former date. A session moved before
-- keeps that one move (its reason: the latest change note).
ALTER TABLE sessions ADD COLUMN moves TEXT NOT NULL DEFAULT '[]';
UPDATE sessions SET moves = json_build_array(json_build_object('from', previous_date, 'to', date, 'reason', change_note))::text
 WHERE previous_date <> '';

-- +goose Down
ALTER TABLE sessions DROP COLUMN moves;
