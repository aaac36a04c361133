-- +goose Up
-- Vertagung of an agenda item (store.DeferItem): the item of the original
-- session names the later session it was deferred to (its number, 0: not
-- deferred) and why; the item standing on the later session's agenda names
-- the session it came from. Numbers, not ids: they are what the minutes
-- say ("vertagt auf die 49. Sitzung") and a body never reuses them.
ALTER TABLE agenda_items ADD COLUMN deferred_to INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agenda_items ADD COLUMN deferred_from INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agenda_items ADD COLUMN deferral_reason TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE agenda_items DROP COLUMN deferral_reason;
ALTER TABLE agenda_items DROP COLUMN deferred_from;
ALTER TABLE agenda_items DROP COLUMN deferred_to;
