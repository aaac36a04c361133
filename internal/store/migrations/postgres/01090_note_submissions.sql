-- +goose Up
-- Eingereichte Protokollnotizen (model.NoteSubmission): the text of a
-- protocol note a member's office or an advisory member hands in for an
-- agenda item; it waits for the Geschäftsstelle, which takes it over (a
-- row of protocol_notes, note_id) or refuses it with a reason. Not part
-- of the minutes: only the member and the Geschäftsstelle read it
-- (docs/minutes.md, "Eingereichte Protokollnotizen"). Its ids are kept
-- (gremium_rowid_kept, migration 00830).
CREATE TABLE note_submissions (
    id           BIGINT PRIMARY KEY,
    item_id      BIGINT NOT NULL REFERENCES agenda_items(id),
    session_id   BIGINT NOT NULL REFERENCES sessions(id),
    member       TEXT NOT NULL,              -- abbreviation of the submitting member
    member_name  TEXT NOT NULL,              -- its name, the note's author in the minutes
    submitted_by TEXT NOT NULL DEFAULT '',   -- the account's name
    text         TEXT NOT NULL,
    confidential BIGINT NOT NULL DEFAULT 0,
    state        TEXT NOT NULL DEFAULT 'eingereicht',
    reason       TEXT NOT NULL DEFAULT '',
    note_id      BIGINT NOT NULL DEFAULT 0, -- protocol_notes.id once taken over
    submitted_at TEXT NOT NULL,
    decided_at   TEXT NOT NULL DEFAULT '',
    decided_by   TEXT NOT NULL DEFAULT '',
    version      BIGINT NOT NULL DEFAULT 1
);
CREATE SEQUENCE note_submissions_id_seq;
CREATE TRIGGER note_submissions_rowid BEFORE INSERT ON note_submissions FOR EACH ROW EXECUTE FUNCTION gremium_rowid_kept();
CREATE INDEX note_submissions_session ON note_submissions(session_id, member);

-- +goose Down
DROP TABLE note_submissions;
DROP SEQUENCE note_submissions_id_seq;
