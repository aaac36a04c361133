-- +goose Up
-- An agenda item's anchor on its session's page, the minutes and every
-- link to it (model.ItemAnchors) comes from its TOP number, or from its
-- place among the items without number, no longer from its row id
-- ("#top-1234"), whose gaps counted the hidden items (the AL-Runde's, the
-- members' pending registrations, agendas not yet published) and told
-- when they were made. The same for OParl's AgendaItem.order: the item's
-- place in the agenda, not its stored position (which counts the pending
-- and declined registrations too).
--
-- The stored links are built again: the OParl AgendaItems (web, order;
-- marking them marks their Meetings, which embed them) by the backlog
-- sync at the next start, the search index (its documents' URLs) by a
-- rebuild at the next start, the stored pages as rendered from old data.
INSERT INTO oparl_dirty (entity, id) SELECT 'agenda_item', id FROM agenda_items WHERE status IN ('angenommen', '');
UPDATE search_state SET needs_rebuild = 1 WHERE id = 1;
UPDATE page_generation SET gen = gen + 1 WHERE id = 1;

-- An item's anchor and place depend on the other items of its agenda:
-- where an item changes its number, its status (accepted onto the agenda
-- or off it), its session or its place, or comes or goes on an agenda,
-- its session's agenda is marked once ('agenda', the session), and the
-- build marks the AgendaItems of that agenda (oparlSync.expand), reading
-- the agenda once per batch. One mark per change: renumbering an agenda
-- of N items writes N marks, not N² (one per item and change), and an
-- import appending a session's items reads no other item.
-- +goose StatementBegin
CREATE FUNCTION oparl_item_anchors_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO oparl_dirty (entity, id) VALUES ('agenda', NEW.session_id);
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO oparl_dirty (entity, id) VALUES ('agenda', OLD.session_id);
    ELSE
        IF OLD.status IN ('angenommen', '') OR NEW.status IN ('angenommen', '') THEN
            INSERT INTO oparl_dirty (entity, id) VALUES ('agenda', NEW.session_id);
        END IF;
        IF OLD.session_id IS DISTINCT FROM NEW.session_id AND OLD.status IN ('angenommen', '') THEN
            INSERT INTO oparl_dirty (entity, id) VALUES ('agenda', OLD.session_id);
        END IF;
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER oparl_item_anchors_upd AFTER UPDATE OF number, position, status, session_id ON agenda_items FOR EACH ROW
    WHEN (OLD.number IS DISTINCT FROM NEW.number OR OLD.position IS DISTINCT FROM NEW.position
        OR OLD.status IS DISTINCT FROM NEW.status OR OLD.session_id IS DISTINCT FROM NEW.session_id)
    EXECUTE FUNCTION oparl_item_anchors_mark();
CREATE TRIGGER oparl_item_anchors_ins AFTER INSERT ON agenda_items FOR EACH ROW
    WHEN (NEW.status IN ('angenommen', ''))
    EXECUTE FUNCTION oparl_item_anchors_mark();
CREATE TRIGGER oparl_item_anchors_del AFTER DELETE ON agenda_items FOR EACH ROW
    WHEN (OLD.status IN ('angenommen', ''))
    EXECUTE FUNCTION oparl_item_anchors_mark();

-- The count of the items of a session bearing one number
-- (store.ItemAnchorOf, a decision page's link to its item) reads only
-- those items, whatever the size of the agenda.
CREATE INDEX agenda_items_session_number ON agenda_items(session_id, number);

-- +goose Down
-- The stored links stay as built; an older server builds them anew on the
-- item's next change.
DROP INDEX agenda_items_session_number;
DROP TRIGGER oparl_item_anchors_del ON agenda_items;
DROP TRIGGER oparl_item_anchors_ins ON agenda_items;
DROP TRIGGER oparl_item_anchors_upd ON agenda_items;
DROP FUNCTION oparl_item_anchors_mark();
