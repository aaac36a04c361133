-- +goose Up
-- Follow-ups (Aufträge) as tracked objects: the minutes row they were given
-- in (source_kind, source_id), the evidence of their completion (text,
-- document, the decision or agenda item that closed them), the proposal
-- they were confirmed from, and comments. Dismissed proposals are kept so
-- that they are not proposed again.
ALTER TABLE follow_ups ADD COLUMN source_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE follow_ups ADD COLUMN source_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE follow_ups ADD COLUMN evidence_text TEXT NOT NULL DEFAULT '';
ALTER TABLE follow_ups ADD COLUMN evidence_document_id BIGINT;
ALTER TABLE follow_ups ADD COLUMN evidence_decision_id BIGINT;
ALTER TABLE follow_ups ADD COLUMN evidence_item_id BIGINT;
ALTER TABLE follow_ups ADD COLUMN proposal_key TEXT NOT NULL DEFAULT '';
CREATE INDEX follow_ups_status ON follow_ups(status);

CREATE TABLE follow_up_comments (
    id           BIGINT PRIMARY KEY,
    follow_up_id BIGINT NOT NULL REFERENCES follow_ups(id),
    author       TEXT NOT NULL,
    member       TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE TRIGGER follow_up_comments_rowid BEFORE INSERT ON follow_up_comments FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
CREATE INDEX follow_up_comments_follow_up ON follow_up_comments(follow_up_id);

CREATE TABLE follow_up_dismissals (
    id           BIGINT PRIMARY KEY,
    session_id   BIGINT NOT NULL REFERENCES sessions(id),
    proposal_key TEXT NOT NULL UNIQUE,
    text         TEXT NOT NULL DEFAULT '',
    dismissed_by TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER follow_up_dismissals_rowid BEFORE INSERT ON follow_up_dismissals FOR EACH ROW EXECUTE FUNCTION gremium_rowid();

-- +goose Down
DROP TABLE follow_up_dismissals;
DROP TABLE follow_up_comments;
DROP INDEX follow_ups_status;
ALTER TABLE follow_ups DROP COLUMN proposal_key;
ALTER TABLE follow_ups DROP COLUMN evidence_item_id;
ALTER TABLE follow_ups DROP COLUMN evidence_decision_id;
ALTER TABLE follow_ups DROP COLUMN evidence_document_id;
ALTER TABLE follow_ups DROP COLUMN evidence_text;
ALTER TABLE follow_ups DROP COLUMN source_id;
ALTER TABLE follow_ups DROP COLUMN source_kind;
