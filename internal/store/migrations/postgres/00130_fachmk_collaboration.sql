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
    id            BIGINT PRIMARY KEY,
    session_id    BIGINT NOT NULL REFERENCES sessions(id),
    conference_id BIGINT NOT NULL REFERENCES bodies(id),
    member_abbrev TEXT NOT NULL,
    author        TEXT NOT NULL,
    text          TEXT NOT NULL,
    saved_at      TEXT NOT NULL,
    version       BIGINT NOT NULL DEFAULT 1,
    UNIQUE (session_id, conference_id, member_abbrev)
);
CREATE TRIGGER fachmk_reports_rowid BEFORE INSERT ON fachmk_reports FOR EACH ROW EXECUTE FUNCTION gremium_rowid();

-- The yearly evaluation round: opened and closed by the secretariat; its
-- questions are chosen (and ordered) per year from the question catalogue.
CREATE TABLE evaluation_rounds (
    id        BIGINT PRIMARY KEY,
    year      BIGINT NOT NULL UNIQUE,
    status    TEXT NOT NULL,
    opened_at TEXT NOT NULL DEFAULT '',
    closed_at TEXT NOT NULL DEFAULT '',
    version   BIGINT NOT NULL DEFAULT 1
);
CREATE TRIGGER evaluation_rounds_rowid BEFORE INSERT ON evaluation_rounds FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
CREATE TABLE evaluation_round_questions (
    round_id    BIGINT NOT NULL REFERENCES evaluation_rounds(id),
    position    BIGINT NOT NULL,
    question_id BIGINT NOT NULL REFERENCES evaluation_questions(id),
    PRIMARY KEY (round_id, question_id)
);

-- An answer concerns one FachMK (the spokesperson answers per conference,
-- a FachMK secretariat for its own) and comes from a spokesperson or a
-- FachMK secretariat.
CREATE TABLE evaluation_answers_new (
    id            BIGINT PRIMARY KEY,
    question_id   BIGINT NOT NULL REFERENCES evaluation_questions(id),
    year          BIGINT NOT NULL,
    respondent    TEXT NOT NULL,
    conference_id BIGINT NOT NULL DEFAULT 0,
    role          TEXT NOT NULL DEFAULT 'sprecher',
    score         BIGINT NOT NULL,
    comment       TEXT NOT NULL DEFAULT '',
    UNIQUE (question_id, year, respondent, conference_id)
);
CREATE TRIGGER evaluation_answers_new_rowid BEFORE INSERT ON evaluation_answers_new FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
INSERT INTO evaluation_answers_new (id, question_id, year, respondent, score, comment)
    SELECT id, question_id, year, respondent, score, comment FROM evaluation_answers;
DROP TABLE evaluation_answers;
ALTER TABLE evaluation_answers_new RENAME TO evaluation_answers;

-- Key messages (Kernbotschaften): text blocks shared by briefings.
CREATE TABLE key_messages (
    id      BIGINT PRIMARY KEY,
    title   TEXT NOT NULL UNIQUE,
    text    TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE TRIGGER key_messages_rowid BEFORE INSERT ON key_messages FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
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
    id          BIGINT PRIMARY KEY,
    question_id BIGINT NOT NULL REFERENCES evaluation_questions(id),
    year        BIGINT NOT NULL,
    respondent  TEXT NOT NULL,
    score       BIGINT NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    UNIQUE (question_id, year, respondent)
);
CREATE TRIGGER evaluation_answers_old_rowid BEFORE INSERT ON evaluation_answers_old FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
INSERT INTO evaluation_answers_old (id, question_id, year, respondent, score, comment)
    SELECT id, question_id, year, respondent, score, comment FROM evaluation_answers
    ON CONFLICT DO NOTHING;
DROP TABLE evaluation_answers;
ALTER TABLE evaluation_answers_old RENAME TO evaluation_answers;
DROP TABLE evaluation_round_questions;
DROP TABLE evaluation_rounds;
DROP TABLE fachmk_reports;
DROP INDEX requests_item;
ALTER TABLE requests DROP COLUMN outcome;
ALTER TABLE requests DROP COLUMN reason;
ALTER TABLE requests DROP COLUMN submitted_by;
