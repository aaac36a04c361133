-- +goose Up
-- Ergebnisse der Fachministerkonferenzen: what a FachMK decided at one of
-- its own sessions on a digital topic, recorded by its secretariat or its
-- spokespersons for the report under "Reporting FachMK"
-- (store.CreateConferenceOutcome). Internal: model.SeesConferenceOutcomes.
CREATE TABLE conference_outcomes (
    id            INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES bodies(id),
    held_on       TEXT NOT NULL,
    meeting       TEXT NOT NULL DEFAULT '',
    reference     TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL,
    text          TEXT NOT NULL DEFAULT '',
    recorded_by   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX conference_outcomes_held ON conference_outcomes(conference_id, held_on);

-- +goose Down
DROP INDEX conference_outcomes_held;
DROP TABLE conference_outcomes;
