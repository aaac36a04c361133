-- +goose Up
-- The speakers' list (Redeliste) of a running session: requests for the
-- floor per agenda item in the order they came, the current speaker with
-- the time the turn began, and the discussion row (ON) a finished turn
-- created.
CREATE TABLE speaker_requests (
    id              BIGINT PRIMARY KEY,
    session_id      BIGINT NOT NULL REFERENCES sessions(id),
    item_id         BIGINT NOT NULL REFERENCES agenda_items(id),
    speaker         TEXT NOT NULL,            -- member abbreviation (or another speaking body)
    requested_by    TEXT NOT NULL DEFAULT '', -- user name of who entered it
    requested_at    TEXT NOT NULL,
    position        BIGINT NOT NULL,         -- the order of the list, per item
    status          TEXT NOT NULL DEFAULT 'wartend',
    started_at      TEXT NOT NULL DEFAULT '',
    ended_at        TEXT NOT NULL DEFAULT '',
    contribution_id BIGINT REFERENCES contributions(id),
    version         BIGINT NOT NULL DEFAULT 1,
    UNIQUE (item_id, position)
);
CREATE TRIGGER speaker_requests_rowid BEFORE INSERT ON speaker_requests FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
-- One open request per speaker and item, one speaker at a time per session.
CREATE UNIQUE INDEX speaker_requests_open ON speaker_requests(item_id, speaker) WHERE status IN ('wartend', 'spricht');
CREATE UNIQUE INDEX speaker_requests_speaking ON speaker_requests(session_id) WHERE status = 'spricht';

-- +goose Down
DROP TABLE speaker_requests;
