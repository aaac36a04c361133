-- +goose Up
-- The whole domain of gremium. Plain SQL that PostgreSQL also accepts once
-- the key type is adapted; lists of strings are JSON arrays in TEXT columns.

CREATE TABLE members (
    id       INTEGER PRIMARY KEY,
    abbrev   TEXT NOT NULL UNIQUE,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE persons (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    function      TEXT NOT NULL DEFAULT '',
    member_abbrev TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT ''
);

CREATE TABLE bodies (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL,
    abbrev           TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    parent_id        INTEGER REFERENCES bodies(id),
    acts_for_id      INTEGER REFERENCES bodies(id),
    chair            TEXT NOT NULL DEFAULT '',
    topic_profile    TEXT NOT NULL DEFAULT '',
    terms            TEXT NOT NULL DEFAULT '[]',
    notes            TEXT NOT NULL DEFAULT '',
    decision_pattern TEXT NOT NULL DEFAULT '',
    version          INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE contacts (
    id      INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES bodies(id),
    name    TEXT NOT NULL,
    role    TEXT NOT NULL DEFAULT '',
    email   TEXT NOT NULL DEFAULT '',
    phone   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE conference_dates (
    id        INTEGER PRIMARY KEY,
    body_id   INTEGER NOT NULL REFERENCES bodies(id),
    title     TEXT NOT NULL DEFAULT '',
    starts_on TEXT NOT NULL,
    ends_on   TEXT NOT NULL DEFAULT '',
    place     TEXT NOT NULL DEFAULT '',
    uid       TEXT NOT NULL UNIQUE
);
CREATE INDEX conference_dates_body ON conference_dates(body_id, starts_on);

CREATE TABLE sections (
    id       INTEGER PRIMARY KEY,
    body_id  INTEGER NOT NULL REFERENCES bodies(id),
    name     TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    consent  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (body_id, name)
);

CREATE TABLE sessions (
    id            INTEGER PRIMARY KEY,
    body_id       INTEGER NOT NULL REFERENCES bodies(id),
    number        INTEGER NOT NULL,
    date          TEXT NOT NULL DEFAULT '',
    start_time    TEXT NOT NULL DEFAULT '',
    end_time      TEXT NOT NULL DEFAULT '',
    place         TEXT NOT NULL DEFAULT '',
    chair         TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL,
    minutes_stand TEXT NOT NULL DEFAULT '',
    approved_in   INTEGER NOT NULL DEFAULT 0,
    version       INTEGER NOT NULL DEFAULT 1,
    UNIQUE (body_id, number)
);

CREATE TABLE agenda_items (
    id                  INTEGER PRIMARY KEY,
    session_id          INTEGER NOT NULL REFERENCES sessions(id),
    section_id          INTEGER REFERENCES sections(id),
    number              TEXT NOT NULL DEFAULT '',
    title               TEXT NOT NULL DEFAULT '',
    points              TEXT NOT NULL DEFAULT '[]',
    goal                TEXT NOT NULL DEFAULT '',
    sources             TEXT NOT NULL DEFAULT '[]',
    reporters           TEXT NOT NULL DEFAULT '[]',
    flag_decision       INTEGER NOT NULL DEFAULT 0,
    flag_note           INTEGER NOT NULL DEFAULT 0,
    flag_recommendation INTEGER NOT NULL DEFAULT 0,
    flag_followup       INTEGER NOT NULL DEFAULT 0,
    consent             INTEGER NOT NULL DEFAULT 0,
    position            INTEGER NOT NULL DEFAULT 0,
    impact_stated       INTEGER NOT NULL DEFAULT 0,
    impact_conferences  TEXT NOT NULL DEFAULT '[]',
    impact_note         TEXT NOT NULL DEFAULT '',
    version             INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX agenda_items_session ON agenda_items(session_id, position);

CREATE TABLE contributions (
    id           INTEGER PRIMARY KEY,
    item_id      INTEGER NOT NULL REFERENCES agenda_items(id),
    position     INTEGER NOT NULL DEFAULT 0,
    speaker      TEXT NOT NULL,
    points       TEXT NOT NULL DEFAULT '[]',
    confidential INTEGER NOT NULL DEFAULT 0,
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX contributions_item ON contributions(item_id, position);

CREATE TABLE protocol_notes (
    id           INTEGER PRIMARY KEY,
    item_id      INTEGER NOT NULL REFERENCES agenda_items(id),
    position     INTEGER NOT NULL DEFAULT 0,
    author       TEXT NOT NULL,
    text         TEXT NOT NULL,
    confidential INTEGER NOT NULL DEFAULT 0,
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX protocol_notes_item ON protocol_notes(item_id, position);

CREATE TABLE remarks (
    id           INTEGER PRIMARY KEY,
    item_id      INTEGER NOT NULL REFERENCES agenda_items(id),
    position     INTEGER NOT NULL DEFAULT 0,
    kind         TEXT NOT NULL,
    text         TEXT NOT NULL,
    confidential INTEGER NOT NULL DEFAULT 0,
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX remarks_item ON remarks(item_id, position);

CREATE TABLE decisions (
    id         INTEGER PRIMARY KEY,
    body_id    INTEGER NOT NULL REFERENCES bodies(id),
    session_id INTEGER REFERENCES sessions(id),
    item_id    INTEGER REFERENCES agenda_items(id),
    position   INTEGER NOT NULL DEFAULT 0,
    kind       TEXT NOT NULL,
    year       INTEGER NOT NULL DEFAULT 0,
    seq        INTEGER NOT NULL DEFAULT 0,
    label      TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL DEFAULT '',
    points     TEXT NOT NULL DEFAULT '[]',
    status     TEXT NOT NULL,
    result     TEXT NOT NULL DEFAULT '',
    scope      TEXT NOT NULL,
    adopted_on TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX decisions_number ON decisions(body_id, year, seq) WHERE seq > 0;
CREATE INDEX decisions_label ON decisions(label);
CREATE INDEX decisions_item ON decisions(item_id);

CREATE TABLE votes (
    decision_id   INTEGER NOT NULL REFERENCES decisions(id),
    member_abbrev TEXT NOT NULL,
    choice        TEXT NOT NULL,
    PRIMARY KEY (decision_id, member_abbrev)
);

-- One row per body and year: the last number given. Incremented in the
-- transaction that adopts a decision, so numbers are gapless.
CREATE TABLE decision_counters (
    body_id INTEGER NOT NULL REFERENCES bodies(id),
    year    INTEGER NOT NULL,
    last    INTEGER NOT NULL,
    PRIMARY KEY (body_id, year)
);

CREATE TABLE follow_ups (
    id          INTEGER PRIMARY KEY,
    decision_id INTEGER REFERENCES decisions(id),
    item_id     INTEGER REFERENCES agenda_items(id),
    text        TEXT NOT NULL,
    responsible TEXT NOT NULL DEFAULT '',
    due_on      TEXT NOT NULL DEFAULT '',
    due_session INTEGER NOT NULL DEFAULT 0,
    status      TEXT NOT NULL,
    done_on     TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE spokesperson_assignments (
    id                INTEGER PRIMARY KEY,
    conference_id     INTEGER NOT NULL REFERENCES bodies(id),
    member_abbrev     TEXT NOT NULL REFERENCES members(abbrev),
    person_id         INTEGER REFERENCES persons(id),
    decision_ref      TEXT NOT NULL,
    start_session     INTEGER NOT NULL DEFAULT 0,
    start_on          TEXT NOT NULL DEFAULT '',
    resignation_on    TEXT NOT NULL DEFAULT '',
    ends_with_session INTEGER NOT NULL DEFAULT 0,
    version           INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX spokesperson_conference ON spokesperson_assignments(conference_id);

CREATE TABLE debriefs (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL UNIQUE REFERENCES sessions(id),
    held_on    TEXT NOT NULL DEFAULT '',
    place      TEXT NOT NULL DEFAULT '',
    sent       INTEGER NOT NULL DEFAULT 0,
    invitation TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE debrief_entries (
    debrief_id    INTEGER NOT NULL REFERENCES debriefs(id),
    position      INTEGER NOT NULL,
    decision_id   INTEGER NOT NULL REFERENCES decisions(id),
    conference_id INTEGER NOT NULL REFERENCES bodies(id),
    presenter     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (debrief_id, position)
);

CREATE TABLE briefings (
    id            INTEGER PRIMARY KEY,
    conference_id INTEGER REFERENCES bodies(id),
    title         TEXT NOT NULL
);

CREATE TABLE briefing_versions (
    briefing_id INTEGER NOT NULL REFERENCES briefings(id),
    version     INTEGER NOT NULL,
    stand       TEXT NOT NULL DEFAULT '',
    author      TEXT NOT NULL DEFAULT '',
    content     TEXT NOT NULL,
    saved_at    TEXT NOT NULL,
    PRIMARY KEY (briefing_id, version)
);

CREATE TABLE requests (
    id            INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES bodies(id),
    title         TEXT NOT NULL,
    text          TEXT NOT NULL DEFAULT '',
    received_on   TEXT NOT NULL DEFAULT '',
    via           TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL,
    item_id       INTEGER REFERENCES agenda_items(id),
    version       INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE tasks (
    id           INTEGER PRIMARY KEY,
    position     INTEGER NOT NULL,
    text         TEXT NOT NULL UNIQUE,
    spokesperson TEXT NOT NULL DEFAULT '',
    fitko        TEXT NOT NULL DEFAULT ''
);

CREATE TABLE evaluation_questions (
    id       INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    grp      TEXT NOT NULL DEFAULT '',
    text     TEXT NOT NULL UNIQUE
);

CREATE TABLE evaluation_answers (
    id          INTEGER PRIMARY KEY,
    question_id INTEGER NOT NULL REFERENCES evaluation_questions(id),
    year        INTEGER NOT NULL,
    respondent  TEXT NOT NULL,
    score       INTEGER NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    UNIQUE (question_id, year, respondent)
);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    detail    TEXT NOT NULL DEFAULT ''
);
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
