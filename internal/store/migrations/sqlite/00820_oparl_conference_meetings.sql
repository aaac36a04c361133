-- +goose Up
-- The FachMK dates (conference_dates) are OParl Meetings of their
-- conference's Organization (store/oparl_conference.go). A date's objects
-- are keyed by the negative of its id (src = -conference_dates.id), so
-- that the sessions' ids stay the keys of theirs and (kind, src) keeps
-- naming one object; a date's Meeting takes a public id no session's
-- Meeting was given (store.allocate).
--
-- org is the public id of the Organization whose meeting list
-- (/oparl/v1/organization/{id}/meeting) holds an object: the council's for
-- its sessions' Meetings, the conference's for its dates'; NULL for the
-- other kinds. It stays on a tombstone, so that the list shows it with
-- modified_since. oparl_counts counts the live objects of each list under
-- "meeting@{org}" beside the kinds.
ALTER TABLE oparl_objects ADD COLUMN org INTEGER;
UPDATE oparl_objects SET org = (SELECT o.id FROM oparl_objects o JOIN bodies b ON b.id = o.src
    WHERE o.kind = 'organization' AND o.deleted = 0 AND b.kind = 'planungsrat' ORDER BY b.id LIMIT 1)
    WHERE kind = 'meeting';
INSERT INTO oparl_counts (kind, live)
    SELECT 'meeting@' || org, COUNT(*) FROM oparl_objects WHERE kind = 'meeting' AND org IS NOT NULL AND deleted = 0 GROUP BY org;
CREATE INDEX oparl_objects_org ON oparl_objects(kind, org, id) WHERE org IS NOT NULL;
CREATE INDEX oparl_objects_org_modified ON oparl_objects(kind, org, modified, id) WHERE org IS NOT NULL;
CREATE INDEX oparl_objects_org_created ON oparl_objects(kind, org, created, id) WHERE org IS NOT NULL;

-- +goose StatementBegin
CREATE TRIGGER oparl_conference_dates_ins AFTER INSERT ON conference_dates BEGIN
    INSERT INTO oparl_dirty (entity, id) VALUES ('conference_date', NEW.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER oparl_conference_dates_upd AFTER UPDATE ON conference_dates BEGIN
    INSERT INTO oparl_dirty (entity, id) VALUES ('conference_date', NEW.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER oparl_conference_dates_del AFTER DELETE ON conference_dates BEGIN
    INSERT INTO oparl_dirty (entity, id) VALUES ('conference_date', OLD.id);
END;
-- +goose StatementEnd

-- The dates stored already are built by the backlog sync (`gremium
-- serve` at its start).
INSERT INTO oparl_dirty (entity, id) SELECT 'conference_date', id FROM conference_dates;

-- +goose Down
-- The objects built from the dates stay (their public ids are given);
-- an older server lists them among the council's meetings.
DROP TRIGGER oparl_conference_dates_del;
DROP TRIGGER oparl_conference_dates_upd;
DROP TRIGGER oparl_conference_dates_ins;
DROP INDEX oparl_objects_org_created;
DROP INDEX oparl_objects_org_modified;
DROP INDEX oparl_objects_org;
DELETE FROM oparl_counts WHERE kind LIKE 'meeting@%';
ALTER TABLE oparl_objects DROP COLUMN org;
