-- +goose Up
-- Documents per agenda item carry their kind (Beschlussvorschlag, Bericht,
-- Präsentation, Tischvorlage; '' for documents uploaded before) and a
-- version: a later upload of the same kind to the same item (or to the
-- session in general) is its next version.
ALTER TABLE documents ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

-- A member's own note on a document: private to its author, or shared with
-- the author's office (the other accounts of the same member). Never
-- public. One note per document and account.
CREATE TABLE document_notes (
    id          BIGINT PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES documents(id),
    user_id     BIGINT NOT NULL REFERENCES users(id),
    member      TEXT NOT NULL DEFAULT '',
    author      TEXT NOT NULL,
    text        TEXT NOT NULL,
    shared      BIGINT NOT NULL DEFAULT 0,
    updated_at  TEXT NOT NULL,
    UNIQUE (document_id, user_id)
);
CREATE TRIGGER document_notes_rowid BEFORE INSERT ON document_notes FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
CREATE INDEX document_notes_member ON document_notes(document_id, member);

-- +goose Down
DROP TABLE document_notes;
ALTER TABLE documents DROP COLUMN version;
ALTER TABLE documents DROP COLUMN kind;
