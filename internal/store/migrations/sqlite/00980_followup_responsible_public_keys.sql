-- +goose Up
-- The responsible ones of a follow-up as the public reads them
-- (model.FollowUp.PublicResponsibleKeys): the public filter
-- "Verantwortlich" matches only these, so that filtering by a member whose
-- name is a confidential passage does not tell the public that it is
-- responsible. Filled for the existing rows by the Go migration 981.
ALTER TABLE follow_ups ADD COLUMN responsible_public_keys TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE follow_ups DROP COLUMN responsible_public_keys;
