-- +goose Up
-- The public follow-up count kept in the transaction of every change
-- (issue 18): counting the follow-ups the public sees over all of them
-- took 1.3 s at a million on the first anonymous /auftraege after any
-- change. store/followup_public.go keeps, per follow-up the public may see,
-- the body of the session it was given in and whether the public sees it
-- when that body is the council (own) and when another body is (other),
-- both by model.Audience.FollowUpSQLWhere; and their sums per body and
-- status. The triggers below mark the rows whose change can change what
-- the public sees of a follow-up, whatever code changes them; the store
-- works the marks off before the transaction commits. The Go migration
-- 00221 fills both tables for the follow-ups already there.
CREATE TABLE follow_up_public (
    id      BIGINT PRIMARY KEY, -- follow_ups.id
    body_id BIGINT NOT NULL, -- the body of its session, 0 if none
    status  TEXT NOT NULL,
    own     INTEGER NOT NULL, -- 1: the public sees it when the council is body_id
    other   INTEGER NOT NULL  -- 1: the public sees it when the council is another body
);

CREATE TABLE follow_up_public_counts (
    body_id BIGINT NOT NULL,
    status  TEXT NOT NULL,
    own     INTEGER NOT NULL,
    other   INTEGER NOT NULL,
    PRIMARY KEY (body_id, status)
);

CREATE TABLE follow_up_public_dirty (
    entity TEXT NOT NULL, -- followup, decision, item, session, body
    id     BIGINT NOT NULL,
    PRIMARY KEY (entity, id)
);

-- +goose StatementBegin
CREATE FUNCTION follow_up_public_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO follow_up_public_dirty (entity, id) VALUES (TG_ARGV[0], OLD.id) ON CONFLICT DO NOTHING;
    ELSE
        INSERT INTO follow_up_public_dirty (entity, id) VALUES (TG_ARGV[0], NEW.id) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER follow_up_public_follow_ups_ins AFTER INSERT ON follow_ups FOR EACH ROW EXECUTE FUNCTION follow_up_public_mark('followup');
CREATE TRIGGER follow_up_public_follow_ups_upd AFTER UPDATE ON follow_ups FOR EACH ROW WHEN (OLD.decision_id IS DISTINCT FROM NEW.decision_id OR OLD.item_id IS DISTINCT FROM NEW.item_id OR OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION follow_up_public_mark('followup');
CREATE TRIGGER follow_up_public_follow_ups_del AFTER DELETE ON follow_ups FOR EACH ROW EXECUTE FUNCTION follow_up_public_mark('followup');
CREATE TRIGGER follow_up_public_decisions_upd AFTER UPDATE ON decisions FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.body_id IS DISTINCT FROM NEW.body_id OR OLD.item_id IS DISTINCT FROM NEW.item_id) EXECUTE FUNCTION follow_up_public_mark('decision');
CREATE TRIGGER follow_up_public_decisions_del AFTER DELETE ON decisions FOR EACH ROW EXECUTE FUNCTION follow_up_public_mark('decision');
CREATE TRIGGER follow_up_public_agenda_items_upd AFTER UPDATE ON agenda_items FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.session_id IS DISTINCT FROM NEW.session_id) EXECUTE FUNCTION follow_up_public_mark('item');
CREATE TRIGGER follow_up_public_agenda_items_del AFTER DELETE ON agenda_items FOR EACH ROW EXECUTE FUNCTION follow_up_public_mark('item');
CREATE TRIGGER follow_up_public_sessions_upd AFTER UPDATE ON sessions FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.agenda_published IS DISTINCT FROM NEW.agenda_published OR OLD.body_id IS DISTINCT FROM NEW.body_id) EXECUTE FUNCTION follow_up_public_mark('session');
CREATE TRIGGER follow_up_public_sessions_del AFTER DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION follow_up_public_mark('session');
CREATE TRIGGER follow_up_public_bodies_upd AFTER UPDATE ON bodies FOR EACH ROW WHEN (OLD.internal IS DISTINCT FROM NEW.internal) EXECUTE FUNCTION follow_up_public_mark('body');
CREATE TRIGGER follow_up_public_bodies_del AFTER DELETE ON bodies FOR EACH ROW EXECUTE FUNCTION follow_up_public_mark('body');

-- +goose Down
DROP TRIGGER follow_up_public_follow_ups_ins ON follow_ups;
DROP TRIGGER follow_up_public_follow_ups_upd ON follow_ups;
DROP TRIGGER follow_up_public_follow_ups_del ON follow_ups;
DROP TRIGGER follow_up_public_decisions_upd ON decisions;
DROP TRIGGER follow_up_public_decisions_del ON decisions;
DROP TRIGGER follow_up_public_agenda_items_upd ON agenda_items;
DROP TRIGGER follow_up_public_agenda_items_del ON agenda_items;
DROP TRIGGER follow_up_public_sessions_upd ON sessions;
DROP TRIGGER follow_up_public_sessions_del ON sessions;
DROP TRIGGER follow_up_public_bodies_upd ON bodies;
DROP TRIGGER follow_up_public_bodies_del ON bodies;
DROP FUNCTION follow_up_public_mark();
DROP TABLE follow_up_public_dirty;
DROP TABLE follow_up_public_counts;
DROP TABLE follow_up_public;
