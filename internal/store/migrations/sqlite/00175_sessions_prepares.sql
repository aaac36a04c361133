-- +goose Up
-- The session a preparatory session (AL-Runde) prepares is looked up from
-- the prepared side too (the preparatory body's page, a session's
-- "vorbereitet in"): without an index that read every session.
CREATE INDEX sessions_prepares ON sessions(prepares_session_id);

-- +goose Down
DROP INDEX sessions_prepares;
