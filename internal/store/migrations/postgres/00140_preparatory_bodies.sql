-- +goose Up
-- The two-stage cycle (issue 17): a body may have a preparatory body (the
-- Abteilungsleiterrunde prepares the IT-Planungsrat), whose sessions come a
-- configured number of weeks before those of the body it prepares and
-- whose minutes and recommendations are internal; its recommendations
-- (Beschlussempfehlungen) on registered items of the prepared body, and
-- the Grüne Liste proposals that follow from them.

-- prepares_id: the body this one prepares (NULL: none). slug: the part of
-- the address of its pages (/gremien/{slug}/sitzungen/…; '' for the
-- council, whose pages are /sitzungen/…). internal: its sessions, minutes
-- and decisions never reach a public surface. lead_weeks: its session is
-- held this many weeks before the prepared body's; registration_days: the
-- prepared body's registration deadline lies this many days before the
-- preparatory session; document_days: its document deadline, likewise.
ALTER TABLE bodies ADD COLUMN prepares_id BIGINT REFERENCES bodies(id);
ALTER TABLE bodies ADD COLUMN slug TEXT NOT NULL DEFAULT '';
ALTER TABLE bodies ADD COLUMN internal BIGINT NOT NULL DEFAULT 0;
ALTER TABLE bodies ADD COLUMN lead_weeks BIGINT NOT NULL DEFAULT 0;
ALTER TABLE bodies ADD COLUMN registration_days BIGINT NOT NULL DEFAULT 0;
ALTER TABLE bodies ADD COLUMN document_days BIGINT NOT NULL DEFAULT 0;

-- The session of the prepared body that a preparatory session prepares
-- (the 39th AL-Runde prepares the 47th IT-PLR session).
ALTER TABLE sessions ADD COLUMN prepares_session_id BIGINT REFERENCES sessions(id);

-- A Beschlussempfehlung: the preparatory body's decision (decision_id, a
-- proposal decided by a count under the body's rules) on a registered item
-- of the prepared body (target_item_id), carried by an item of the
-- preparatory session (session_id, item_id; both NULL for a recommendation
-- decided in written procedure, GO § 8). points: the changed text of an "adopt
-- with changes"; original_points: the proposal's text before the change,
-- kept when the recommendation is adopted. green_list: recommended for
-- adoption without discussion; consent_state: '' (none), 'vorgeschlagen',
-- 'bestaetigt' (by the secretariat), 'herausgenommen' (by pulled_by).
CREATE TABLE recommendations (
    id                 BIGINT PRIMARY KEY,
    body_id            BIGINT NOT NULL REFERENCES bodies(id),
    session_id         BIGINT REFERENCES sessions(id),
    item_id            BIGINT REFERENCES agenda_items(id),
    decision_id        BIGINT REFERENCES decisions(id),
    target_item_id     BIGINT NOT NULL REFERENCES agenda_items(id),
    target_decision_id BIGINT REFERENCES decisions(id),
    kind               TEXT NOT NULL,
    green_list         BIGINT NOT NULL DEFAULT 0,
    points             TEXT NOT NULL DEFAULT '[]',
    original_points    TEXT NOT NULL DEFAULT '[]',
    consent_state      TEXT NOT NULL DEFAULT '',
    pulled_by          TEXT NOT NULL DEFAULT '',
    prev_section_id    BIGINT,
    reference          TEXT NOT NULL DEFAULT '',
    version            BIGINT NOT NULL DEFAULT 1
);
CREATE TRIGGER recommendations_rowid BEFORE INSERT ON recommendations FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
CREATE INDEX recommendations_target ON recommendations(target_item_id);
CREATE INDEX recommendations_decision ON recommendations(decision_id);
CREATE INDEX recommendations_session ON recommendations(session_id);

-- The named persons of the members in a body other than the council (the
-- Abteilungsleiter:innen of the AL-Runde) and their deputies.
CREATE TABLE body_delegates (
    id            BIGINT PRIMARY KEY,
    body_id       BIGINT NOT NULL REFERENCES bodies(id),
    member_abbrev TEXT NOT NULL REFERENCES members(abbrev),
    person_id     BIGINT NOT NULL REFERENCES persons(id),
    deputy        BIGINT NOT NULL DEFAULT 0,
    UNIQUE (body_id, member_abbrev, person_id)
);
CREATE TRIGGER body_delegates_rowid BEFORE INSERT ON body_delegates FOR EACH ROW EXECUTE FUNCTION gremium_rowid();

-- +goose Down
DROP TABLE body_delegates;
DROP TABLE recommendations;
ALTER TABLE sessions DROP COLUMN prepares_session_id;
ALTER TABLE bodies DROP COLUMN document_days;
ALTER TABLE bodies DROP COLUMN registration_days;
ALTER TABLE bodies DROP COLUMN lead_weeks;
ALTER TABLE bodies DROP COLUMN internal;
ALTER TABLE bodies DROP COLUMN slug;
ALTER TABLE bodies DROP COLUMN prepares_id;
