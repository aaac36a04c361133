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
    id      INTEGER PRIMARY KEY, -- follow_ups.id
    body_id INTEGER NOT NULL, -- the body of its session, 0 if none
    status  TEXT NOT NULL,
    own     INTEGER NOT NULL, -- 1: the public sees it when the council is body_id
    other   INTEGER NOT NULL  -- 1: the public sees it when the council is another body
);

CREATE TABLE follow_up_public_counts (
    body_id INTEGER NOT NULL,
    status  TEXT NOT NULL,
    own     INTEGER NOT NULL,
    other   INTEGER NOT NULL,
    PRIMARY KEY (body_id, status)
);

CREATE TABLE follow_up_public_dirty (
    entity TEXT NOT NULL, -- followup, decision, item, session, body
    id     INTEGER NOT NULL,
    PRIMARY KEY (entity, id)
);

-- +goose StatementBegin
CREATE TRIGGER follow_up_public_follow_ups_ins AFTER INSERT ON follow_ups BEGIN
    INSERT INTO follow_up_public_dirty (entity, id) VALUES ('followup', NEW.id) ON CONFLICT DO NOTHING;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER follow_up_public_follow_ups_upd AFTER UPDATE ON follow_ups WHEN OLD.decision_id IS NOT NEW.decision_id OR OLD.item_id IS NOT NEW.item_id OR OLD.status IS NOT NEW.status BEGIN
    INSERT INTO follow_up_public_dirty (entity, id) VALUES ('followup', NEW.id) ON CONFLICT DO NOTHING;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER follow_up_public_follow_ups_del AFTER DELETE ON follow_ups BEGIN
    INSERT INTO follow_up_public_dirty (entity, id) VALUES ('followup', OLD.id) ON CONFLICT DO NOTHING;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER follow_up_public_decisions_upd AFTER UPDATE ON decisions WHEN OLD.status IS NOT NEW.status OR OLD.body_id IS NOT NEW.body_id OR OLD.item_id IS NOT NEW.item_id BEGIN
    INSERT INTO follow_up_public_dirty (entity, id) VALUES ('decision', NEW.id) ON CONFLICT DO NOTHING;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER follow_up_public_decisions_del AFTER DELETE ON decisions BEGIN
    INSERT INTO follow_up_public_dirty (entity, id) VALUES ('decision', OLD.id) ON CONFLICT DO NOTHING;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER follow_up_public_agenda_items_upd AFTER UPDATE ON agenda_items WHEN OLD.status IS NOT NEW.status OR OLD.session_id IS NOT NEW.session_id BEGIN
    INSERT INTO follow_up_public_dirty (entity, id) VALUES ('item', NEW.id) ON CONFLICT DO NOTHING;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER follow_up_public_agenda_items_del AFTER DELETE ON agenda_items BEGIN
    INSERT INTO follow_up_public_dirty (entity, id) VALUES ('item', OLD.id) ON CONFLICT DO NOTHING;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER follow_up_public_sessions_upd AFTER UPDATE ON sessions WHEN OLD.status IS NOT NEW.status OR OLD.agenda_published IS NOT NEW.agenda_published OR OLD.body_id IS NOT NEW.body_id BEGIN
    INSERT INTO follow_up_public_dirty (entity, id) VALUES ('session', NEW.id) ON CONFLICT DO NOTHING;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER follow_up_public_sessions_del AFTER DELETE ON sessions BEGIN
    INSERT INTO follow_up_public_dirty (entity, id) VALUES ('session', OLD.id) ON CONFLICT DO NOTHING;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER follow_up_public_bodies_upd AFTER UPDATE ON bodies WHEN OLD.internal IS NOT NEW.internal BEGIN
    INSERT INTO follow_up_public_dirty (entity, id) VALUES ('body', NEW.id) ON CONFLICT DO NOTHING;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER follow_up_public_bodies_del AFTER DELETE ON bodies BEGIN
    INSERT INTO follow_up_public_dirty (entity, id) VALUES ('body', OLD.id) ON CONFLICT DO NOTHING;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER follow_up_public_follow_ups_ins;
DROP TRIGGER follow_up_public_follow_ups_upd;
DROP TRIGGER follow_up_public_follow_ups_del;
DROP TRIGGER follow_up_public_decisions_upd;
DROP TRIGGER follow_up_public_decisions_del;
DROP TRIGGER follow_up_public_agenda_items_upd;
DROP TRIGGER follow_up_public_agenda_items_del;
DROP TRIGGER follow_up_public_sessions_upd;
DROP TRIGGER follow_up_public_sessions_del;
DROP TRIGGER follow_up_public_bodies_upd;
DROP TRIGGER follow_up_public_bodies_del;
DROP TABLE follow_up_public_dirty;
DROP TABLE follow_up_public_counts;
DROP TABLE follow_up_public;
