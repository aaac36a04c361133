-- +goose Up
-- A request (Anliegen) its FachMK's secretariat withdrew before the
-- Geschäftsstelle acted on it (status 'zurueckgezogen'): who withdrew it
-- (the account's user name) and when (RFC 3339, UTC); '' otherwise.
ALTER TABLE requests ADD COLUMN withdrawn_by TEXT NOT NULL DEFAULT '';
ALTER TABLE requests ADD COLUMN withdrawn_at TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE requests DROP COLUMN withdrawn_at;
ALTER TABLE requests DROP COLUMN withdrawn_by;
