-- +goose Up
-- Sessions that are cancelled (Absage) or moved (Verlegung): the public
-- reason, the date a session was moved from, and the iCalendar SEQUENCE
-- that every change of date, time or place and a cancellation raise.
ALTER TABLE sessions ADD COLUMN cancelled_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN cancelled_on TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN previous_date TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN change_note TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN sequence BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE sessions DROP COLUMN sequence;
ALTER TABLE sessions DROP COLUMN change_note;
ALTER TABLE sessions DROP COLUMN previous_date;
ALTER TABLE sessions DROP COLUMN cancelled_on;
ALTER TABLE sessions DROP COLUMN cancelled_reason;
