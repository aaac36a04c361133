-- +goose Up
-- Times of day of a FachMK date ("09:30", Europe/Berlin); empty for an
-- all-day date. An imported timed event keeps its times.
ALTER TABLE conference_dates ADD COLUMN start_time TEXT NOT NULL DEFAULT '';
ALTER TABLE conference_dates ADD COLUMN end_time TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE conference_dates DROP COLUMN end_time;
ALTER TABLE conference_dates DROP COLUMN start_time;
