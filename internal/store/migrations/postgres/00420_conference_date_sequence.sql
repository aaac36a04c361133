-- +goose Up
-- A FachMK date's revision for iCalendar (SEQUENCE): every change of the
-- date raises it (store.UpdateConferenceDate, ImportConferenceDates), so
-- that a subscribed calendar takes a moved date.
ALTER TABLE conference_dates ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE conference_dates DROP COLUMN sequence;
