-- +goose Up
-- Co-applications (Mitanträge) keep their ids: a withdrawn registration
-- deletes its proposal's co-applications, and SQLite gave the highest id
-- that went to the next row — a Land's answer form for the withdrawn
-- proposal then answered the new one (store.DecideCoApplication). With
-- AUTOINCREMENT an id is never given twice. asked counts how often the
-- member was asked: a substantive change of the proposal asks it again
-- (store.UpdateRegistration), and the answer names the round it saw.
CREATE TABLE co_applications_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    decision_id INTEGER NOT NULL REFERENCES decisions(id),
    member      TEXT NOT NULL,
    state       TEXT NOT NULL,
    named_by    TEXT NOT NULL,
    named_at    TEXT NOT NULL,
    decided_by  TEXT NOT NULL DEFAULT '',
    decided_at  TEXT NOT NULL DEFAULT '',
    asked       INTEGER NOT NULL DEFAULT 1
);
INSERT INTO co_applications_new (id, decision_id, member, state, named_by, named_at, decided_by, decided_at)
    SELECT id, decision_id, member, state, named_by, named_at, decided_by, decided_at FROM co_applications;
DROP TABLE co_applications;
ALTER TABLE co_applications_new RENAME TO co_applications;
CREATE UNIQUE INDEX co_applications_decision_member ON co_applications(decision_id, member);
CREATE INDEX co_applications_member ON co_applications(member, state);

-- A registration remembers the one-time key of the form it came from
-- (store.WithFormKey): the same form sent again (the browser's back
-- button, a double click) finds the registration made, instead of
-- making a second one that asks its co-applicants twice.
ALTER TABLE agenda_items ADD COLUMN form_key TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX agenda_items_form_key ON agenda_items(form_key) WHERE form_key != '';

-- +goose Down
DROP INDEX agenda_items_form_key;
ALTER TABLE agenda_items DROP COLUMN form_key;
CREATE TABLE co_applications_old (
    id          INTEGER PRIMARY KEY,
    decision_id INTEGER NOT NULL REFERENCES decisions(id),
    member      TEXT NOT NULL,
    state       TEXT NOT NULL,
    named_by    TEXT NOT NULL,
    named_at    TEXT NOT NULL,
    decided_by  TEXT NOT NULL DEFAULT '',
    decided_at  TEXT NOT NULL DEFAULT ''
);
INSERT INTO co_applications_old SELECT id, decision_id, member, state, named_by, named_at, decided_by, decided_at FROM co_applications;
DROP TABLE co_applications;
ALTER TABLE co_applications_old RENAME TO co_applications;
CREATE UNIQUE INDEX co_applications_decision_member ON co_applications(decision_id, member);
CREATE INDEX co_applications_member ON co_applications(member, state);
