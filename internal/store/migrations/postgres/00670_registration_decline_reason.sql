-- +goose Up
-- Why the secretariat declined a registration (store.DecideRegistration):
-- the member that registered the item reads it on its registration's page
-- and in the notification; '' when none was given or the item was not
-- declined.
ALTER TABLE agenda_items ADD COLUMN decline_reason TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE agenda_items DROP COLUMN decline_reason;
