-- +goose Up
-- The speakers' list (Redeliste) of a running session: requests for the
-- floor per agenda item in the order they came, the current speaker with
-- the time the turn began, and the discussion row (ON) a finished turn
-- created.
CREATE TABLE speaker_requests (
    id              INTEGER PRIMARY KEY,
    session_id      INTEGER NOT NULL REFERENCES sessions(id),
    item_id         INTEGER NOT NULL REFERENCES agenda_items(id),
    speaker         TEXT NOT NULL,            -- member abbreviation (or another speaking body)
    requested_by    TEXT NOT NULL DEFAULT '', -- user name of who entered it
    requested_at    TEXT NOT NULL,
    position        INTEGER NOT NULL,         -- the order of the list, per item
    status          TEXT NOT NULL DEFAULT 'wartend',
    started_at      TEXT NOT NULL DEFAULT '',
    ended_at        TEXT NOT NULL DEFAULT '',
    contribution_id INTEGER REFERENCES contributions(id),
    version         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (item_id, position)
);
-- One open request per speaker and item, one speaker at a time per session.
CREATE UNIQUE INDEX speaker_requests_open ON speaker_requests(item_id, speaker) WHERE status IN ('wartend', 'spricht');
CREATE UNIQUE INDEX speaker_requests_speaking ON speaker_requests(session_id) WHERE status = 'spricht';

-- +goose Down
DROP TABLE speaker_requests;
