-- +goose Up
-- Who attends a session for a member (Teilnahmemeldung): the member's
-- office registers its delegation for a coming session — names,
-- functions, in person or online, deputies — until the secretariat closes
-- the list (a row in session_delegation_lists); the secretariat corrects
-- any. The minutes' attendance list names these persons.
CREATE TABLE session_delegations (
    session_id    BIGINT NOT NULL REFERENCES sessions(id),
    member_abbrev TEXT NOT NULL,
    version       BIGINT NOT NULL DEFAULT 1,
    updated_by    TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (session_id, member_abbrev)
);
CREATE TABLE session_delegates (
    session_id    BIGINT NOT NULL REFERENCES sessions(id),
    member_abbrev TEXT NOT NULL,
    position      BIGINT NOT NULL,
    name          TEXT NOT NULL,
    function      TEXT NOT NULL DEFAULT '',
    online        BIGINT NOT NULL DEFAULT 0,
    deputy        BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, member_abbrev, position)
);
CREATE TABLE session_delegation_lists (
    session_id BIGINT PRIMARY KEY REFERENCES sessions(id),
    closed_at  TEXT NOT NULL DEFAULT '',
    closed_by  TEXT NOT NULL DEFAULT ''
);

-- +goose Down
DROP TABLE session_delegation_lists;
DROP TABLE session_delegates;
DROP TABLE session_delegations;
