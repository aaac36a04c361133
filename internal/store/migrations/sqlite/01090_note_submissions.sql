-- +goose Up
-- Eingereichte Protokollnotizen (model.NoteSubmission): the text of a
-- protocol note a member's office or an advisory member hands in for an
-- agenda item; it waits for the Geschäftsstelle, which takes it over (a
-- row of protocol_notes, note_id) or refuses it with a reason. Not part
-- of the minutes: only the member and the Geschäftsstelle read it
-- (docs/minutes.md, "Eingereichte Protokollnotizen").
CREATE TABLE note_submissions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id      INTEGER NOT NULL REFERENCES agenda_items(id),
    session_id   INTEGER NOT NULL REFERENCES sessions(id),
    member       TEXT NOT NULL,              -- abbreviation of the submitting member
    member_name  TEXT NOT NULL,              -- its name, the note's author in the minutes
    submitted_by TEXT NOT NULL DEFAULT '',   -- the account's name
    text         TEXT NOT NULL,
    confidential INTEGER NOT NULL DEFAULT 0,
    state        TEXT NOT NULL DEFAULT 'eingereicht',
    reason       TEXT NOT NULL DEFAULT '',
    note_id      INTEGER NOT NULL DEFAULT 0, -- protocol_notes.id once taken over
    submitted_at TEXT NOT NULL,
    decided_at   TEXT NOT NULL DEFAULT '',
    decided_by   TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX note_submissions_session ON note_submissions(session_id, member);

-- +goose Down
DROP TABLE note_submissions;
