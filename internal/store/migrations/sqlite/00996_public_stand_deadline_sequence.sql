-- +goose Up
-- Two revisions of a session that internal changes kept together with
-- public ones:
--
-- minutes_changed is the Stand of the internal version of released draft
-- minutes, the day of their latest change of any kind; minutes_stand stays
-- the Stand of the public version, moved only by a change the public
-- version shows. Before, adding a decision proposal or editing a
-- confidential passage moved the public Stand (page, PDF, text, the OParl
-- File's date) and told the public that, and when, something confidential
-- changed. Empty: no change since the Stand.
--
-- deadline_sequence counts the moves of a session's deadlines that did not
-- move the session (its registration deadline, a preparatory session's
-- document deadline); the deadlines' calendar events take sequence plus it
-- as their SEQUENCE. Before, such a move raised the session's own SEQUENCE
-- and so changed the public /sitzungen.ics.
ALTER TABLE sessions ADD COLUMN minutes_changed TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN deadline_sequence INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE sessions DROP COLUMN deadline_sequence;
ALTER TABLE sessions DROP COLUMN minutes_changed;
