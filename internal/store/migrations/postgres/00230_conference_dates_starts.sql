-- +goose Up
-- The FachMK dates of the coming days across all conferences, found
-- without reading every date (store.QueueConferenceReminders, every run of
-- the reminder loop: conference_dates_body begins with the conference).
CREATE INDEX conference_dates_starts ON conference_dates(starts_on);

-- +goose Down
DROP INDEX conference_dates_starts;
