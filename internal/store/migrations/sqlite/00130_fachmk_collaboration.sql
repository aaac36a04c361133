-- +goose Up
-- FachMK collaboration II (issue 16): requests (Anliegen) submitted by a
-- FachMK secretariat and tracked to their outcome, the spokespersons'
-- reports under "Reporting FachMK", the yearly evaluation rounds with
-- their questions, briefings with key messages and guiding questions.

-- Who submitted a request (the account's user name, '' for requests the
-- secretariat recorded), the reason of a refusal (visible to the
-- submitter) and the outcome of its agenda item, written when the item's
-- decision is taken or its registration declined.
ALTER TABLE requests ADD COLUMN submitted_by TEXT NOT NULL DEFAULT '';
ALTER TABLE requests ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE requests ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
CREATE INDEX requests_item ON requests(item_id);

-- A spokesperson's short report for one FachMK and one IT-PLR session,
-- shown under the standard item "Reporting FachMK".
CREATE TABLE fachmk_reports (
    id            INTEGER PRIMARY KEY,
    session_id    INTEGER NOT NULL REFERENCES sessions(id),
    conference_id INTEGER NOT NULL REFERENCES bodies(id),
    member_abbrev TEXT NOT NULL,
    author        TEXT NOT NULL,
    text          TEXT NOT NULL,
    saved_at      TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    UNIQUE (session_id, conference_id, member_abbrev)
);

-- The yearly evaluation round: opened and closed by the secretariat; its
-- questions are chosen (and ordered) per year from the question catalogue.
CREATE TABLE evaluation_rounds (
    id        INTEGER PRIMARY KEY,
    year      INTEGER NOT NULL UNIQUE,
    status    TEXT NOT NULL,
    opened_at TEXT NOT NULL DEFAULT '',
    closed_at TEXT NOT NULL DEFAULT '',
    version   INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE evaluation_round_questions (
    round_id    INTEGER NOT NULL REFERENCES evaluation_rounds(id),
    position    INTEGER NOT NULL,
    question_id INTEGER NOT NULL REFERENCES evaluation_questions(id),
    PRIMARY KEY (round_id, question_id)
);

-- An answer concerns one FachMK (the spokesperson answers per conference,
-- a FachMK secretariat for its own) and comes from a spokesperson or a
-- FachMK secretariat.
CREATE TABLE evaluation_answers_new (
    id            INTEGER PRIMARY KEY,
    question_id   INTEGER NOT NULL REFERENCES evaluation_questions(id),
    year          INTEGER NOT NULL,
    respondent    TEXT NOT NULL,
    conference_id INTEGER NOT NULL DEFAULT 0,
    role          TEXT NOT NULL DEFAULT 'sprecher',
    score         INTEGER NOT NULL,
    comment       TEXT NOT NULL DEFAULT '',
    UNIQUE (question_id, year, respondent, conference_id)
);
INSERT INTO evaluation_answers_new (id, question_id, year, respondent, score, comment)
    SELECT id, question_id, year, respondent, score, comment FROM evaluation_answers;
DROP TABLE evaluation_answers;
ALTER TABLE evaluation_answers_new RENAME TO evaluation_answers;

-- Key messages (Kernbotschaften): text blocks shared by briefings.
CREATE TABLE key_messages (
    id      INTEGER PRIMARY KEY,
    title   TEXT NOT NULL UNIQUE,
    text    TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
-- A briefing version names its key messages, its guiding questions for
-- kick-off talks and the date from which gremium lists relevant decisions.
ALTER TABLE briefing_versions ADD COLUMN key_messages TEXT NOT NULL DEFAULT '[]';
ALTER TABLE briefing_versions ADD COLUMN questions TEXT NOT NULL DEFAULT '';
ALTER TABLE briefing_versions ADD COLUMN decisions_since TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE briefing_versions DROP COLUMN decisions_since;
ALTER TABLE briefing_versions DROP COLUMN questions;
ALTER TABLE briefing_versions DROP COLUMN key_messages;
DROP TABLE key_messages;
CREATE TABLE evaluation_answers_old (
    id          INTEGER PRIMARY KEY,
    question_id INTEGER NOT NULL REFERENCES evaluation_questions(id),
    year        INTEGER NOT NULL,
    respondent  TEXT NOT NULL,
    score       INTEGER NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    UNIQUE (question_id, year, respondent)
);
INSERT OR IGNORE INTO evaluation_answers_old (id, question_id, year, respondent, score, comment)
    SELECT id, question_id, year, respondent, score, comment FROM evaluation_answers;
DROP TABLE evaluation_answers;
ALTER TABLE evaluation_answers_old RENAME TO evaluation_answers;
DROP TABLE evaluation_round_questions;
DROP TABLE evaluation_rounds;
DROP TABLE fachmk_reports;
DROP INDEX requests_item;
ALTER TABLE requests DROP COLUMN outcome;
ALTER TABLE requests DROP COLUMN reason;
ALTER TABLE requests DROP COLUMN submitted_by;
