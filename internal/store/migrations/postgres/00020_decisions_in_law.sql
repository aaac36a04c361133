-- +goose Up
-- Decisions that hold in law (issue 11): the decision rules are data of the
-- body, attendance with representation and arrival/leaving per item, votes
-- cast by the members themselves in session (ballots), corrections of
-- adopted decisions as new versions, the chair's rotation, regular and
-- special sessions, minutes approval with its date, earlier decisions not
-- held in gremium, the members' current representatives.

-- The rule per kind of decision and the voting members (JSON of
-- model.DecisionRules); '' means the IT-Planungsrat's rules.
ALTER TABLE bodies ADD COLUMN decision_rules TEXT NOT NULL DEFAULT '';

-- The chair's rotation (Vorsitz per year).
CREATE TABLE body_chairs (
    body_id       BIGINT NOT NULL REFERENCES bodies(id),
    year          BIGINT NOT NULL,
    member_abbrev TEXT NOT NULL,
    PRIMARY KEY (body_id, year)
);

ALTER TABLE sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'ordentlich';
ALTER TABLE sessions ADD COLUMN applicants TEXT NOT NULL DEFAULT '[]';
ALTER TABLE sessions ADD COLUMN approved_on TEXT NOT NULL DEFAULT '';

-- Attendance: rows existing before were members recorded present.
ALTER TABLE session_attendance ADD COLUMN presence TEXT NOT NULL DEFAULT 'anwesend';
ALTER TABLE session_attendance ADD COLUMN person TEXT NOT NULL DEFAULT '';
ALTER TABLE session_attendance ADD COLUMN from_item_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE session_attendance ADD COLUMN until_item_id BIGINT NOT NULL DEFAULT 0;

ALTER TABLE decisions ADD COLUMN all_must_consent BIGINT NOT NULL DEFAULT 0;
ALTER TABLE decisions ADD COLUMN ks_year BIGINT NOT NULL DEFAULT 0;
ALTER TABLE decisions ADD COLUMN count_reason TEXT NOT NULL DEFAULT '';

-- A vote in session (Abstimmung): on one proposal, or on the Grüne Liste en
-- bloc (decision_id NULL). At most one is open per session.
CREATE TABLE ballots (
    id          BIGINT PRIMARY KEY,
    session_id  BIGINT NOT NULL REFERENCES sessions(id),
    decision_id BIGINT REFERENCES decisions(id),
    item_id     BIGINT NOT NULL DEFAULT 0,
    status      TEXT NOT NULL DEFAULT 'offen',
    opened_at   TEXT NOT NULL,
    opened_by   TEXT NOT NULL,
    closed_at   TEXT NOT NULL DEFAULT '',
    result      TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER ballots_rowid BEFORE INSERT ON ballots FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
CREATE UNIQUE INDEX ballots_open ON ballots(session_id) WHERE status = 'offen';
CREATE INDEX ballots_decision ON ballots(decision_id);

-- The votes of a ballot: cast by the member's account or token, or entered
-- by the secretariat from a show of hands.
CREATE TABLE ballot_votes (
    ballot_id     BIGINT NOT NULL REFERENCES ballots(id),
    member_abbrev TEXT NOT NULL,
    choice        TEXT NOT NULL,
    cast_by       TEXT NOT NULL,
    show_of_hands BIGINT NOT NULL DEFAULT 0,
    cast_at       TEXT NOT NULL,
    PRIMARY KEY (ballot_id, member_abbrev)
);

-- Corrections (Berichtigungen) of adopted decisions; the decision itself
-- stays as adopted.
CREATE TABLE decision_corrections (
    decision_id BIGINT NOT NULL REFERENCES decisions(id),
    version     BIGINT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    points      TEXT NOT NULL DEFAULT '[]',
    reason      TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (decision_id, version)
);

ALTER TABLE written_procedures ADD COLUMN approves_session BIGINT NOT NULL DEFAULT 0;
ALTER TABLE written_procedures ADD COLUMN minutes_text TEXT NOT NULL DEFAULT '';
ALTER TABLE written_procedures ADD COLUMN ended_early BIGINT NOT NULL DEFAULT 0;

-- Decisions taken before the body used gremium, cited by number and date.
CREATE TABLE earlier_decisions (
    id         BIGINT PRIMARY KEY,
    body_id    BIGINT NOT NULL REFERENCES bodies(id),
    year       BIGINT NOT NULL,
    seq        BIGINT NOT NULL,
    label      TEXT NOT NULL,
    adopted_on TEXT NOT NULL,
    title      TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    UNIQUE (body_id, year, seq)
);
CREATE TRIGGER earlier_decisions_rowid BEFORE INSERT ON earlier_decisions FOR EACH ROW EXECUTE FUNCTION gremium_rowid();

-- The person who currently represents a member in the IT-Planungsrat.
ALTER TABLE members ADD COLUMN representative_id BIGINT REFERENCES persons(id);

-- +goose Down
ALTER TABLE members DROP COLUMN representative_id;
DROP TABLE earlier_decisions;
ALTER TABLE written_procedures DROP COLUMN ended_early;
ALTER TABLE written_procedures DROP COLUMN minutes_text;
ALTER TABLE written_procedures DROP COLUMN approves_session;
DROP TABLE decision_corrections;
DROP TABLE ballot_votes;
DROP TABLE ballots;
ALTER TABLE decisions DROP COLUMN count_reason;
ALTER TABLE decisions DROP COLUMN ks_year;
ALTER TABLE decisions DROP COLUMN all_must_consent;
ALTER TABLE session_attendance DROP COLUMN until_item_id;
ALTER TABLE session_attendance DROP COLUMN from_item_id;
ALTER TABLE session_attendance DROP COLUMN person;
ALTER TABLE session_attendance DROP COLUMN presence;
ALTER TABLE sessions DROP COLUMN approved_on;
ALTER TABLE sessions DROP COLUMN applicants;
ALTER TABLE sessions DROP COLUMN kind;
DROP TABLE body_chairs;
ALTER TABLE bodies DROP COLUMN decision_rules;
