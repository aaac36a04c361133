-- +goose Up
-- Sessions by status come newest number first (the coming sessions, the
-- draft minutes): with the number in the status index one range gives
-- them in order; without it SQLite walked the (body, number) index over
-- every session of the body to spare the sort.
DROP INDEX sessions_status;
CREATE INDEX sessions_status ON sessions(body_id, status, number);
-- The session a preparatory session (AL-Runde) prepares is looked up from
-- the prepared side too (the preparatory body's page, a session's
-- "vorbereitet in"): without an index that read every session. Partial:
-- few sessions prepare another, and the planner's statistics then see
-- only those.
CREATE INDEX sessions_prepares ON sessions(prepares_session_id) WHERE prepares_session_id IS NOT NULL;
-- Statistics for the new indexes: where the other indexes of sessions have
-- them (a database once analysed) and these did not, SQLite took the
-- status index for the newest dated sessions and sorted every session of
-- the body.
ANALYZE sessions;

-- +goose Down
DROP INDEX sessions_prepares;
DROP INDEX sessions_status;
CREATE INDEX sessions_status ON sessions(body_id, status);
