-- +goose Up
-- The whole domain of gremium (the PostgreSQL counterpart of the SQLite
-- migration of the same number: 64-bit keys given by identity columns);
-- lists of strings are JSON arrays in TEXT columns.

-- Row ids as SQLite gives them (rowid): an INSERT without an id gets the
-- largest id of the table plus one. Unlike a sequence this leaves no gap
-- when a transaction rolls back, and rows copied with their ids (gremium
-- migrate-data) need no sequence set afterwards. Writers are serialised
-- (store.inTx takes a transaction-level advisory lock), so two inserts
-- never compute the same id; if one did, the primary key refuses it.
-- +goose StatementBegin
CREATE FUNCTION gremium_rowid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS NULL THEN
        EXECUTE format('SELECT COALESCE(MAX(id), 0) + 1 FROM %I', TG_TABLE_NAME) INTO NEW.id;
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd

CREATE TABLE members (
    id       BIGINT PRIMARY KEY,
    abbrev   TEXT NOT NULL UNIQUE,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    position BIGINT NOT NULL DEFAULT 0
);
CREATE TRIGGER members_rowid BEFORE INSERT ON members FOR EACH ROW EXECUTE FUNCTION gremium_rowid();

CREATE TABLE persons (
    id            BIGINT PRIMARY KEY,
    name          TEXT NOT NULL,
    function      TEXT NOT NULL DEFAULT '',
    member_abbrev TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER persons_rowid BEFORE INSERT ON persons FOR EACH ROW EXECUTE FUNCTION gremium_rowid();

CREATE TABLE bodies (
    id               BIGINT PRIMARY KEY,
    kind             TEXT NOT NULL,
    abbrev           TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    parent_id        BIGINT REFERENCES bodies(id),
    acts_for_id      BIGINT REFERENCES bodies(id),
    chair            TEXT NOT NULL DEFAULT '',
    topic_profile    TEXT NOT NULL DEFAULT '',
    terms            TEXT NOT NULL DEFAULT '[]',
    notes            TEXT NOT NULL DEFAULT '',
    decision_pattern TEXT NOT NULL DEFAULT '',
    version          BIGINT NOT NULL DEFAULT 1
);
CREATE TRIGGER bodies_rowid BEFORE INSERT ON bodies FOR EACH ROW EXECUTE FUNCTION gremium_rowid();

CREATE TABLE contacts (
    id      BIGINT PRIMARY KEY,
    body_id BIGINT NOT NULL REFERENCES bodies(id),
    name    TEXT NOT NULL,
    role    TEXT NOT NULL DEFAULT '',
    email   TEXT NOT NULL DEFAULT '',
    phone   TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER contacts_rowid BEFORE INSERT ON contacts FOR EACH ROW EXECUTE FUNCTION gremium_rowid();

CREATE TABLE conference_dates (
    id        BIGINT PRIMARY KEY,
    body_id   BIGINT NOT NULL REFERENCES bodies(id),
    title     TEXT NOT NULL DEFAULT '',
    starts_on TEXT NOT NULL,
    ends_on   TEXT NOT NULL DEFAULT '',
    place     TEXT NOT NULL DEFAULT '',
    uid       TEXT NOT NULL UNIQUE
);
CREATE TRIGGER conference_dates_rowid BEFORE INSERT ON conference_dates FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
CREATE INDEX conference_dates_body ON conference_dates(body_id, starts_on);

CREATE TABLE sections (
    id       BIGINT PRIMARY KEY,
    body_id  BIGINT NOT NULL REFERENCES bodies(id),
    name     TEXT NOT NULL,
    position BIGINT NOT NULL DEFAULT 0,
    consent  BIGINT NOT NULL DEFAULT 0,
    UNIQUE (body_id, name)
);
CREATE TRIGGER sections_rowid BEFORE INSERT ON sections FOR EACH ROW EXECUTE FUNCTION gremium_rowid();

CREATE TABLE sessions (
    id            BIGINT PRIMARY KEY,
    body_id       BIGINT NOT NULL REFERENCES bodies(id),
    number        BIGINT NOT NULL,
    date          TEXT NOT NULL DEFAULT '',
    start_time    TEXT NOT NULL DEFAULT '',
    end_time      TEXT NOT NULL DEFAULT '',
    place         TEXT NOT NULL DEFAULT '',
    chair         TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL,
    minutes_stand TEXT NOT NULL DEFAULT '',
    approved_in   BIGINT NOT NULL DEFAULT 0,
    version       BIGINT NOT NULL DEFAULT 1,
    UNIQUE (body_id, number)
);
CREATE TRIGGER sessions_rowid BEFORE INSERT ON sessions FOR EACH ROW EXECUTE FUNCTION gremium_rowid();

CREATE TABLE agenda_items (
    id                  BIGINT PRIMARY KEY,
    session_id          BIGINT NOT NULL REFERENCES sessions(id),
    section_id          BIGINT REFERENCES sections(id),
    number              TEXT NOT NULL DEFAULT '',
    title               TEXT NOT NULL DEFAULT '',
    points              TEXT NOT NULL DEFAULT '[]',
    goal                TEXT NOT NULL DEFAULT '',
    sources             TEXT NOT NULL DEFAULT '[]',
    reporters           TEXT NOT NULL DEFAULT '[]',
    flag_decision       BIGINT NOT NULL DEFAULT 0,
    flag_note           BIGINT NOT NULL DEFAULT 0,
    flag_recommendation BIGINT NOT NULL DEFAULT 0,
    flag_followup       BIGINT NOT NULL DEFAULT 0,
    consent             BIGINT NOT NULL DEFAULT 0,
    position            BIGINT NOT NULL DEFAULT 0,
    impact_stated       BIGINT NOT NULL DEFAULT 0,
    impact_conferences  TEXT NOT NULL DEFAULT '[]',
    impact_note         TEXT NOT NULL DEFAULT '',
    version             BIGINT NOT NULL DEFAULT 1
);
CREATE TRIGGER agenda_items_rowid BEFORE INSERT ON agenda_items FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
CREATE INDEX agenda_items_session ON agenda_items(session_id, position);

CREATE TABLE contributions (
    id           BIGINT PRIMARY KEY,
    item_id      BIGINT NOT NULL REFERENCES agenda_items(id),
    position     BIGINT NOT NULL DEFAULT 0,
    speaker      TEXT NOT NULL,
    points       TEXT NOT NULL DEFAULT '[]',
    confidential BIGINT NOT NULL DEFAULT 0,
    version      BIGINT NOT NULL DEFAULT 1
);
CREATE TRIGGER contributions_rowid BEFORE INSERT ON contributions FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
CREATE INDEX contributions_item ON contributions(item_id, position);

CREATE TABLE protocol_notes (
    id           BIGINT PRIMARY KEY,
    item_id      BIGINT NOT NULL REFERENCES agenda_items(id),
    position     BIGINT NOT NULL DEFAULT 0,
    author       TEXT NOT NULL,
    text         TEXT NOT NULL,
    confidential BIGINT NOT NULL DEFAULT 0,
    version      BIGINT NOT NULL DEFAULT 1
);
CREATE TRIGGER protocol_notes_rowid BEFORE INSERT ON protocol_notes FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
CREATE INDEX protocol_notes_item ON protocol_notes(item_id, position);

CREATE TABLE remarks (
    id           BIGINT PRIMARY KEY,
    item_id      BIGINT NOT NULL REFERENCES agenda_items(id),
    position     BIGINT NOT NULL DEFAULT 0,
    kind         TEXT NOT NULL,
    text         TEXT NOT NULL,
    confidential BIGINT NOT NULL DEFAULT 0,
    version      BIGINT NOT NULL DEFAULT 1
);
CREATE TRIGGER remarks_rowid BEFORE INSERT ON remarks FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
CREATE INDEX remarks_item ON remarks(item_id, position);

CREATE TABLE decisions (
    id         BIGINT PRIMARY KEY,
    body_id    BIGINT NOT NULL REFERENCES bodies(id),
    session_id BIGINT REFERENCES sessions(id),
    item_id    BIGINT REFERENCES agenda_items(id),
    position   BIGINT NOT NULL DEFAULT 0,
    kind       TEXT NOT NULL,
    year       BIGINT NOT NULL DEFAULT 0,
    seq        BIGINT NOT NULL DEFAULT 0,
    label      TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL DEFAULT '',
    points     TEXT NOT NULL DEFAULT '[]',
    status     TEXT NOT NULL,
    result     TEXT NOT NULL DEFAULT '',
    scope      TEXT NOT NULL,
    adopted_on TEXT NOT NULL DEFAULT '',
    version    BIGINT NOT NULL DEFAULT 1
);
CREATE TRIGGER decisions_rowid BEFORE INSERT ON decisions FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
CREATE UNIQUE INDEX decisions_number ON decisions(body_id, year, seq) WHERE seq > 0;
CREATE INDEX decisions_label ON decisions(label);
CREATE INDEX decisions_item ON decisions(item_id);

CREATE TABLE votes (
    decision_id   BIGINT NOT NULL REFERENCES decisions(id),
    member_abbrev TEXT NOT NULL,
    choice        TEXT NOT NULL,
    PRIMARY KEY (decision_id, member_abbrev)
);

-- One row per body and year: the last number given. Incremented in the
-- transaction that adopts a decision, so numbers are gapless.
CREATE TABLE decision_counters (
    body_id BIGINT NOT NULL REFERENCES bodies(id),
    year    BIGINT NOT NULL,
    last    BIGINT NOT NULL,
    PRIMARY KEY (body_id, year)
);

CREATE TABLE follow_ups (
    id          BIGINT PRIMARY KEY,
    decision_id BIGINT REFERENCES decisions(id),
    item_id     BIGINT REFERENCES agenda_items(id),
    text        TEXT NOT NULL,
    responsible TEXT NOT NULL DEFAULT '',
    due_on      TEXT NOT NULL DEFAULT '',
    due_session BIGINT NOT NULL DEFAULT 0,
    status      TEXT NOT NULL,
    done_on     TEXT NOT NULL DEFAULT '',
    version     BIGINT NOT NULL DEFAULT 1
);
CREATE TRIGGER follow_ups_rowid BEFORE INSERT ON follow_ups FOR EACH ROW EXECUTE FUNCTION gremium_rowid();

CREATE TABLE spokesperson_assignments (
    id                BIGINT PRIMARY KEY,
    conference_id     BIGINT NOT NULL REFERENCES bodies(id),
    member_abbrev     TEXT NOT NULL REFERENCES members(abbrev),
    person_id         BIGINT REFERENCES persons(id),
    decision_ref      TEXT NOT NULL,
    start_session     BIGINT NOT NULL DEFAULT 0,
    start_on          TEXT NOT NULL DEFAULT '',
    resignation_on    TEXT NOT NULL DEFAULT '',
    ends_with_session BIGINT NOT NULL DEFAULT 0,
    version           BIGINT NOT NULL DEFAULT 1
);
CREATE TRIGGER spokesperson_assignments_rowid BEFORE INSERT ON spokesperson_assignments FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
CREATE INDEX spokesperson_conference ON spokesperson_assignments(conference_id);

CREATE TABLE debriefs (
    id         BIGINT PRIMARY KEY,
    session_id BIGINT NOT NULL UNIQUE REFERENCES sessions(id),
    held_on    TEXT NOT NULL DEFAULT '',
    place      TEXT NOT NULL DEFAULT '',
    sent       BIGINT NOT NULL DEFAULT 0,
    invitation TEXT NOT NULL DEFAULT '',
    version    BIGINT NOT NULL DEFAULT 1
);
CREATE TRIGGER debriefs_rowid BEFORE INSERT ON debriefs FOR EACH ROW EXECUTE FUNCTION gremium_rowid();

CREATE TABLE debrief_entries (
    debrief_id    BIGINT NOT NULL REFERENCES debriefs(id),
    position      BIGINT NOT NULL,
    decision_id   BIGINT NOT NULL REFERENCES decisions(id),
    conference_id BIGINT NOT NULL REFERENCES bodies(id),
    presenter     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (debrief_id, position)
);

CREATE TABLE briefings (
    id            BIGINT PRIMARY KEY,
    conference_id BIGINT REFERENCES bodies(id),
    title         TEXT NOT NULL
);
CREATE TRIGGER briefings_rowid BEFORE INSERT ON briefings FOR EACH ROW EXECUTE FUNCTION gremium_rowid();

CREATE TABLE briefing_versions (
    briefing_id BIGINT NOT NULL REFERENCES briefings(id),
    version     BIGINT NOT NULL,
    stand       TEXT NOT NULL DEFAULT '',
    author      TEXT NOT NULL DEFAULT '',
    content     TEXT NOT NULL,
    saved_at    TEXT NOT NULL,
    PRIMARY KEY (briefing_id, version)
);

CREATE TABLE requests (
    id            BIGINT PRIMARY KEY,
    conference_id BIGINT NOT NULL REFERENCES bodies(id),
    title         TEXT NOT NULL,
    text          TEXT NOT NULL DEFAULT '',
    received_on   TEXT NOT NULL DEFAULT '',
    via           TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL,
    item_id       BIGINT REFERENCES agenda_items(id),
    version       BIGINT NOT NULL DEFAULT 1
);
CREATE TRIGGER requests_rowid BEFORE INSERT ON requests FOR EACH ROW EXECUTE FUNCTION gremium_rowid();

CREATE TABLE tasks (
    id           BIGINT PRIMARY KEY,
    position     BIGINT NOT NULL,
    text         TEXT NOT NULL UNIQUE,
    spokesperson TEXT NOT NULL DEFAULT '',
    fitko        TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER tasks_rowid BEFORE INSERT ON tasks FOR EACH ROW EXECUTE FUNCTION gremium_rowid();

CREATE TABLE evaluation_questions (
    id       BIGINT PRIMARY KEY,
    position BIGINT NOT NULL,
    grp      TEXT NOT NULL DEFAULT '',
    text     TEXT NOT NULL UNIQUE
);
CREATE TRIGGER evaluation_questions_rowid BEFORE INSERT ON evaluation_questions FOR EACH ROW EXECUTE FUNCTION gremium_rowid();

CREATE TABLE evaluation_answers (
    id          BIGINT PRIMARY KEY,
    question_id BIGINT NOT NULL REFERENCES evaluation_questions(id),
    year        BIGINT NOT NULL,
    respondent  TEXT NOT NULL,
    score       BIGINT NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    UNIQUE (question_id, year, respondent)
);
CREATE TRIGGER evaluation_answers_rowid BEFORE INSERT ON evaluation_answers FOR EACH ROW EXECUTE FUNCTION gremium_rowid();

CREATE TABLE audit_log (
    id        BIGINT PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    detail    TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER audit_log_rowid BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE evaluation_answers;
DROP TABLE evaluation_questions;
DROP TABLE tasks;
DROP TABLE requests;
DROP TABLE briefing_versions;
DROP TABLE briefings;
DROP TABLE debrief_entries;
DROP TABLE debriefs;
DROP TABLE spokesperson_assignments;
DROP TABLE follow_ups;
DROP TABLE decision_counters;
DROP TABLE votes;
DROP TABLE decisions;
DROP TABLE remarks;
DROP TABLE protocol_notes;
DROP TABLE contributions;
DROP TABLE agenda_items;
DROP TABLE sessions;
DROP TABLE sections;
DROP TABLE conference_dates;
DROP TABLE contacts;
DROP TABLE bodies;
DROP TABLE persons;
DROP TABLE members;
DROP FUNCTION gremium_rowid();
