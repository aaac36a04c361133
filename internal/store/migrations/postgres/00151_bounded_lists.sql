-- +goose Up
-- The start page and the session list read a bounded part of the sessions
-- (docs/performance.md): the coming sessions by status, a year of
-- sessions by date (newest first, keyset on date and number); the number
-- of open follow-ups by status uses follow_ups_status (migration 00120).
CREATE INDEX sessions_status ON sessions(body_id, status);
CREATE INDEX sessions_date ON sessions(body_id, date, number);

-- +goose Down
DROP INDEX sessions_date;
DROP INDEX sessions_status;
