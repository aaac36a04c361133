-- +goose Up
-- Decision rules: Königsteiner Schlüssel, attendance and quorum, who applied
-- for a decision, written procedures (Umlaufverfahren) and the outbox.

-- Financing shares of the Länder per year (percent as published).
CREATE TABLE ks_shares (
    year   BIGINT NOT NULL,
    abbrev TEXT NOT NULL,
    share  DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (year, abbrev)
);

-- Minimum number of voting members present for a quorum.
ALTER TABLE bodies ADD COLUMN quorum_min BIGINT NOT NULL DEFAULT 9;

CREATE TABLE session_attendance (
    session_id    BIGINT NOT NULL REFERENCES sessions(id),
    member_abbrev TEXT NOT NULL,
    PRIMARY KEY (session_id, member_abbrev)
);
-- '' until the quorum is checked; then 'ja' or 'nein'.
ALTER TABLE sessions ADD COLUMN quorum TEXT NOT NULL DEFAULT '';

-- Who applied for a decision (Bund or three Länder), JSON list.
ALTER TABLE decisions ADD COLUMN applicants TEXT NOT NULL DEFAULT '[]';

CREATE TABLE written_procedures (
    id          BIGINT PRIMARY KEY,
    decision_id BIGINT NOT NULL UNIQUE REFERENCES decisions(id),
    rule        TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    deadline    TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'offen',
    closed_at   TEXT NOT NULL DEFAULT '',
    result      TEXT NOT NULL DEFAULT '',
    reminded    BIGINT NOT NULL DEFAULT 0
);
CREATE TRIGGER written_procedures_rowid BEFORE INSERT ON written_procedures FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
CREATE INDEX written_procedures_open ON written_procedures(status, deadline);

CREATE TABLE procedure_votes (
    procedure_id  BIGINT NOT NULL REFERENCES written_procedures(id),
    member_abbrev TEXT NOT NULL,
    choice        TEXT NOT NULL,
    voted_at      TEXT NOT NULL,
    PRIMARY KEY (procedure_id, member_abbrev)
);

-- Messages to send (reminders, invitations); a sender marks them sent.
CREATE TABLE outbox (
    id         BIGINT PRIMARY KEY,
    kind       TEXT NOT NULL,
    recipients TEXT NOT NULL DEFAULT '[]',
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at    TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER outbox_rowid BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION gremium_rowid();

-- +goose Down
DROP TABLE outbox;
DROP TABLE procedure_votes;
DROP TABLE written_procedures;
ALTER TABLE decisions DROP COLUMN applicants;
ALTER TABLE sessions DROP COLUMN quorum;
DROP TABLE session_attendance;
ALTER TABLE bodies DROP COLUMN quorum_min;
DROP TABLE ks_shares;
