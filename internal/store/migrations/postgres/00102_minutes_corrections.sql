-- +goose Up
-- Structured corrections (Berichtigungen) of approved minutes: one row
-- with its text before and after and the reason, proposed and then
-- approved like the minutes; the approval changes the row and keeps the
-- minutes as a new version (minutes_version).
CREATE TABLE minutes_corrections (
    id              BIGINT PRIMARY KEY,
    session_id      BIGINT NOT NULL REFERENCES sessions(id),
    item_id         BIGINT NOT NULL REFERENCES agenda_items(id),
    row_kind        TEXT NOT NULL,   -- ON, PN, text
    row_id          BIGINT NOT NULL,
    row_version     BIGINT NOT NULL,
    speaker         TEXT NOT NULL DEFAULT '',
    confidential    BIGINT NOT NULL DEFAULT 0,
    before_text     TEXT NOT NULL,
    after_text      TEXT NOT NULL,
    reason          TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'vorgeschlagen',
    created_by      TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    approved_in     BIGINT NOT NULL DEFAULT 0,
    approved_on     TEXT NOT NULL DEFAULT '',
    minutes_version BIGINT NOT NULL DEFAULT 0,
    version         BIGINT NOT NULL DEFAULT 1
);
CREATE TRIGGER minutes_corrections_rowid BEFORE INSERT ON minutes_corrections FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
CREATE INDEX minutes_corrections_session ON minutes_corrections(session_id, id);

-- +goose Down
DROP TABLE minutes_corrections;
