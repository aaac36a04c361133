-- +goose Up
-- Kontakte und Gespräche der fachpolitischen Sprecher:innen with their
-- FachMK (Auftaktgespräch, Gespräch, sonstiger Kontakt), logged by the
-- spokesperson in office or the Geschäftsstelle
-- (store.CreateSpokespersonContact). Internal: model.SeesSpokespersonContacts.
CREATE TABLE spokesperson_contacts (
    id            INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES bodies(id),
    member_abbrev TEXT NOT NULL,
    kind          TEXT NOT NULL,
    held_on       TEXT NOT NULL,
    with_whom     TEXT NOT NULL,
    participants  TEXT NOT NULL DEFAULT '',
    topics        TEXT NOT NULL,
    next_steps    TEXT NOT NULL DEFAULT '',
    recorded_by   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX spokesperson_contacts_held ON spokesperson_contacts(conference_id, held_on);

-- +goose Down
DROP INDEX spokesperson_contacts_held;
DROP TABLE spokesperson_contacts;
