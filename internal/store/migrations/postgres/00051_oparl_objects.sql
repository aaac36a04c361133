-- +goose Up
-- OParl 1.1 served from SQL. Every public OParl object is kept as one row
-- with its JSON, written in the transaction of the change that made it
-- (store/oparl.go). Ids are never reused within a kind: a deleted or
-- depublished object stays as a tombstone (deleted = 1) with its id, type
-- and created; its src is cleared once the row it came from is gone, so a
-- new row with a reused rowid gets a new public id.
CREATE TABLE oparl_objects (
    kind     TEXT NOT NULL,    -- the URL word: meeting, agendaitem, paper, …
    id       BIGINT NOT NULL, -- the public id in the URL
    src      BIGINT,          -- the source row (sessions.id, …; the year of a legislative term)
    created  TEXT NOT NULL,    -- UTC, whole seconds: 2025-06-26T07:00:00Z
    modified TEXT NOT NULL,
    deleted  BIGINT NOT NULL DEFAULT 0,
    hash     TEXT NOT NULL,    -- of the content without the object's own times
    json     BYTEA NOT NULL,    -- U+E000 stands for the public URL, U+E001 for the license URL
    PRIMARY KEY (kind, id)
);
CREATE UNIQUE INDEX oparl_objects_src ON oparl_objects(kind, src) WHERE src IS NOT NULL;
CREATE INDEX oparl_objects_modified ON oparl_objects(kind, modified, id);
CREATE INDEX oparl_objects_created ON oparl_objects(kind, created, id);

-- Live objects per kind, for totalElements of unfiltered lists.
CREATE TABLE oparl_counts (
    kind TEXT PRIMARY KEY,
    live BIGINT NOT NULL
);

-- Rows whose OParl objects must be built again, written by the triggers
-- below whatever code changes the tables; the store works them off before
-- the transaction commits (and, for rows written outside the store, at
-- start).
-- +goose StatementBegin
CREATE FUNCTION gremium_rowid_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.seq IS NULL THEN
        NEW.seq := (SELECT COALESCE(MAX(seq), 0) + 1 FROM oparl_dirty);
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
CREATE TABLE oparl_dirty (
    seq    BIGINT PRIMARY KEY,
    entity TEXT NOT NULL,
    id     BIGINT NOT NULL
);
CREATE TRIGGER oparl_dirty_rowid BEFORE INSERT ON oparl_dirty FOR EACH ROW EXECUTE FUNCTION gremium_rowid_seq();

-- +goose StatementBegin
CREATE FUNCTION oparl_sessions_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO oparl_dirty (entity, id) VALUES ('session', NEW.id);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER oparl_sessions_ins AFTER INSERT ON sessions FOR EACH ROW EXECUTE FUNCTION oparl_sessions_ins();

-- +goose StatementBegin
CREATE FUNCTION oparl_sessions_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO oparl_dirty (entity, id) VALUES ('session', NEW.id);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER oparl_sessions_upd AFTER UPDATE ON sessions FOR EACH ROW EXECUTE FUNCTION oparl_sessions_upd();

-- +goose StatementBegin
CREATE FUNCTION oparl_sessions_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO oparl_dirty (entity, id) VALUES ('session', OLD.id);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER oparl_sessions_del AFTER DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION oparl_sessions_del();

-- +goose StatementBegin
CREATE FUNCTION oparl_items_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO oparl_dirty (entity, id) VALUES ('agenda_item', NEW.id), ('meeting', NEW.session_id);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER oparl_items_ins AFTER INSERT ON agenda_items FOR EACH ROW EXECUTE FUNCTION oparl_items_ins();

-- +goose StatementBegin
CREATE FUNCTION oparl_items_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO oparl_dirty (entity, id) VALUES ('agenda_item', NEW.id), ('meeting', NEW.session_id), ('meeting', OLD.session_id);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER oparl_items_upd AFTER UPDATE ON agenda_items FOR EACH ROW EXECUTE FUNCTION oparl_items_upd();

-- +goose StatementBegin
CREATE FUNCTION oparl_items_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO oparl_dirty (entity, id) VALUES ('agenda_item', OLD.id), ('meeting', OLD.session_id);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER oparl_items_del AFTER DELETE ON agenda_items FOR EACH ROW EXECUTE FUNCTION oparl_items_del();

-- +goose StatementBegin
CREATE FUNCTION oparl_decisions_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO oparl_dirty (entity, id) VALUES ('decision', NEW.id), ('agenda_item', COALESCE(NEW.item_id, 0));
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER oparl_decisions_ins AFTER INSERT ON decisions FOR EACH ROW EXECUTE FUNCTION oparl_decisions_ins();

-- +goose StatementBegin
CREATE FUNCTION oparl_decisions_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO oparl_dirty (entity, id) VALUES ('decision', NEW.id), ('agenda_item', COALESCE(NEW.item_id, 0)), ('agenda_item', COALESCE(OLD.item_id, 0));
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER oparl_decisions_upd AFTER UPDATE ON decisions FOR EACH ROW EXECUTE FUNCTION oparl_decisions_upd();

-- +goose StatementBegin
CREATE FUNCTION oparl_decisions_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO oparl_dirty (entity, id) VALUES ('decision', OLD.id), ('agenda_item', COALESCE(OLD.item_id, 0));
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER oparl_decisions_del AFTER DELETE ON decisions FOR EACH ROW EXECUTE FUNCTION oparl_decisions_del();

-- +goose StatementBegin
CREATE FUNCTION oparl_bodies_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO oparl_dirty (entity, id) VALUES ('body', NEW.id);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER oparl_bodies_ins AFTER INSERT ON bodies FOR EACH ROW EXECUTE FUNCTION oparl_bodies_ins();

-- +goose StatementBegin
CREATE FUNCTION oparl_bodies_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO oparl_dirty (entity, id) VALUES ('body', NEW.id);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER oparl_bodies_upd AFTER UPDATE ON bodies FOR EACH ROW EXECUTE FUNCTION oparl_bodies_upd();

-- +goose StatementBegin
CREATE FUNCTION oparl_bodies_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO oparl_dirty (entity, id) VALUES ('body', OLD.id);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER oparl_bodies_del AFTER DELETE ON bodies FOR EACH ROW EXECUTE FUNCTION oparl_bodies_del();

-- +goose StatementBegin
CREATE FUNCTION oparl_persons_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO oparl_dirty (entity, id) VALUES ('person', NEW.id);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER oparl_persons_ins AFTER INSERT ON persons FOR EACH ROW EXECUTE FUNCTION oparl_persons_ins();

-- +goose StatementBegin
CREATE FUNCTION oparl_persons_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO oparl_dirty (entity, id) VALUES ('person', NEW.id);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER oparl_persons_upd AFTER UPDATE ON persons FOR EACH ROW EXECUTE FUNCTION oparl_persons_upd();

-- +goose StatementBegin
CREATE FUNCTION oparl_persons_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO oparl_dirty (entity, id) VALUES ('person', OLD.id);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER oparl_persons_del AFTER DELETE ON persons FOR EACH ROW EXECUTE FUNCTION oparl_persons_del();

-- +goose StatementBegin
CREATE FUNCTION oparl_assignments_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO oparl_dirty (entity, id) VALUES ('assignment', NEW.id), ('person', COALESCE(NEW.person_id, 0)), ('body', NEW.conference_id);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER oparl_assignments_ins AFTER INSERT ON spokesperson_assignments FOR EACH ROW EXECUTE FUNCTION oparl_assignments_ins();

-- +goose StatementBegin
CREATE FUNCTION oparl_assignments_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO oparl_dirty (entity, id) VALUES ('assignment', NEW.id), ('person', COALESCE(NEW.person_id, 0)), ('body', NEW.conference_id),
            ('person', COALESCE(OLD.person_id, 0)), ('body', OLD.conference_id);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER oparl_assignments_upd AFTER UPDATE ON spokesperson_assignments FOR EACH ROW EXECUTE FUNCTION oparl_assignments_upd();

-- +goose StatementBegin
CREATE FUNCTION oparl_assignments_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO oparl_dirty (entity, id) VALUES ('assignment', OLD.id), ('person', COALESCE(OLD.person_id, 0)), ('body', OLD.conference_id);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER oparl_assignments_del AFTER DELETE ON spokesperson_assignments FOR EACH ROW EXECUTE FUNCTION oparl_assignments_del();

-- What is stored already is built at the next start.
INSERT INTO oparl_dirty (entity, id) SELECT 'body', id FROM bodies;
INSERT INTO oparl_dirty (entity, id) SELECT 'person', id FROM persons;
INSERT INTO oparl_dirty (entity, id) SELECT 'assignment', id FROM spokesperson_assignments;
INSERT INTO oparl_dirty (entity, id) SELECT 'session', id FROM sessions;
INSERT INTO oparl_dirty (entity, id) SELECT 'decision', id FROM decisions;

-- +goose Down
DROP TRIGGER oparl_assignments_del ON spokesperson_assignments;
DROP FUNCTION oparl_assignments_del();
DROP TRIGGER oparl_assignments_upd ON spokesperson_assignments;
DROP FUNCTION oparl_assignments_upd();
DROP TRIGGER oparl_assignments_ins ON spokesperson_assignments;
DROP FUNCTION oparl_assignments_ins();
DROP TRIGGER oparl_persons_del ON persons;
DROP FUNCTION oparl_persons_del();
DROP TRIGGER oparl_persons_upd ON persons;
DROP FUNCTION oparl_persons_upd();
DROP TRIGGER oparl_persons_ins ON persons;
DROP FUNCTION oparl_persons_ins();
DROP TRIGGER oparl_bodies_del ON bodies;
DROP FUNCTION oparl_bodies_del();
DROP TRIGGER oparl_bodies_upd ON bodies;
DROP FUNCTION oparl_bodies_upd();
DROP TRIGGER oparl_bodies_ins ON bodies;
DROP FUNCTION oparl_bodies_ins();
DROP TRIGGER oparl_decisions_del ON decisions;
DROP FUNCTION oparl_decisions_del();
DROP TRIGGER oparl_decisions_upd ON decisions;
DROP FUNCTION oparl_decisions_upd();
DROP TRIGGER oparl_decisions_ins ON decisions;
DROP FUNCTION oparl_decisions_ins();
DROP TRIGGER oparl_items_del ON agenda_items;
DROP FUNCTION oparl_items_del();
DROP TRIGGER oparl_items_upd ON agenda_items;
DROP FUNCTION oparl_items_upd();
DROP TRIGGER oparl_items_ins ON agenda_items;
DROP FUNCTION oparl_items_ins();
DROP TRIGGER oparl_sessions_del ON sessions;
DROP FUNCTION oparl_sessions_del();
DROP TRIGGER oparl_sessions_upd ON sessions;
DROP FUNCTION oparl_sessions_upd();
DROP TRIGGER oparl_sessions_ins ON sessions;
DROP FUNCTION oparl_sessions_ins();
DROP TABLE oparl_dirty;
DROP FUNCTION gremium_rowid_seq();
DROP TABLE oparl_counts;
DROP TABLE oparl_objects;
