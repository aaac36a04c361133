-- +goose Up
-- The register filters by how a decision was taken (store.RegisterFilter
-- Way): the Grüne Liste's items (agenda items with the consent flag) and
-- the decisions taken in written procedure (no session) are few among a
-- million; each filter starts from its partial index instead of testing
-- every decision of the register.
CREATE INDEX agenda_items_consent ON agenda_items(id) WHERE consent = 1;
CREATE INDEX decisions_written ON decisions(body_id, status, year DESC, seq DESC) WHERE session_id IS NULL;

-- +goose Down
DROP INDEX decisions_written;
DROP INDEX agenda_items_consent;
