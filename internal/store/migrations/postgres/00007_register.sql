-- +goose Up
-- Lookup rows for the public register: the source decisions (Quelle) and the
-- reporting members (BE) of each agenda item, kept by triggers from the JSON
-- columns, so that "wird fortgeführt durch" and the reporter filter are index
-- lookups rather than scans of every item.
CREATE TABLE item_refs (
    item_id BIGINT NOT NULL,
    kind    TEXT NOT NULL, -- 'quelle' or 'be'
    value   TEXT NOT NULL
);
CREATE INDEX item_refs_value ON item_refs(kind, value, item_id);
CREATE INDEX item_refs_item ON item_refs(item_id);

INSERT INTO item_refs (item_id, kind, value)
    SELECT i.id, 'quelle', j.value FROM agenda_items i, json_array_elements_text(i.sources::json) j(value);
INSERT INTO item_refs (item_id, kind, value)
    SELECT i.id, 'be', j.value FROM agenda_items i, json_array_elements_text(i.reporters::json) j(value);

-- +goose StatementBegin
CREATE FUNCTION agenda_items_refs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM item_refs WHERE item_id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO item_refs (item_id, kind, value) SELECT NEW.id, 'quelle', value FROM json_array_elements_text(NEW.sources::json) j(value);
        INSERT INTO item_refs (item_id, kind, value) SELECT NEW.id, 'be', value FROM json_array_elements_text(NEW.reporters::json) j(value);
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER agenda_items_refs_insert AFTER INSERT ON agenda_items FOR EACH ROW EXECUTE FUNCTION agenda_items_refs();
CREATE TRIGGER agenda_items_refs_update AFTER UPDATE OF sources, reporters ON agenda_items FOR EACH ROW EXECUTE FUNCTION agenda_items_refs();
CREATE TRIGGER agenda_items_refs_delete AFTER DELETE ON agenda_items FOR EACH ROW EXECUTE FUNCTION agenda_items_refs();

-- Decisions by item, newest number first, for the register's pages.
CREATE INDEX decisions_register ON decisions(body_id, status, year DESC, seq DESC);

-- +goose Down
DROP INDEX decisions_register;
DROP TRIGGER agenda_items_refs_delete ON agenda_items;
DROP TRIGGER agenda_items_refs_update ON agenda_items;
DROP TRIGGER agenda_items_refs_insert ON agenda_items;
DROP FUNCTION agenda_items_refs();
DROP TABLE item_refs;
