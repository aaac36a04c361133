-- +goose Up
-- Lookup rows for the public register: the source decisions (Quelle) and the
-- reporting members (BE) of each agenda item, kept by triggers from the JSON
-- columns, so that "wird fortgeführt durch" and the reporter filter are index
-- lookups rather than scans of every item.
CREATE TABLE item_refs (
    item_id INTEGER NOT NULL,
    kind    TEXT NOT NULL, -- 'quelle' or 'be'
    value   TEXT NOT NULL
);
CREATE INDEX item_refs_value ON item_refs(kind, value, item_id);
CREATE INDEX item_refs_item ON item_refs(item_id);

INSERT INTO item_refs (item_id, kind, value)
    SELECT i.id, 'quelle', j.value FROM agenda_items i, json_each(i.sources) j;
INSERT INTO item_refs (item_id, kind, value)
    SELECT i.id, 'be', j.value FROM agenda_items i, json_each(i.reporters) j;

-- +goose StatementBegin
CREATE TRIGGER agenda_items_refs_insert AFTER INSERT ON agenda_items BEGIN
    INSERT INTO item_refs (item_id, kind, value) SELECT NEW.id, 'quelle', value FROM json_each(NEW.sources);
    INSERT INTO item_refs (item_id, kind, value) SELECT NEW.id, 'be', value FROM json_each(NEW.reporters);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER agenda_items_refs_update AFTER UPDATE OF sources, reporters ON agenda_items BEGIN
    DELETE FROM item_refs WHERE item_id = NEW.id;
    INSERT INTO item_refs (item_id, kind, value) SELECT NEW.id, 'quelle', value FROM json_each(NEW.sources);
    INSERT INTO item_refs (item_id, kind, value) SELECT NEW.id, 'be', value FROM json_each(NEW.reporters);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER agenda_items_refs_delete AFTER DELETE ON agenda_items BEGIN
    DELETE FROM item_refs WHERE item_id = OLD.id;
END;
-- +goose StatementEnd

-- Decisions by item, newest number first, for the register's pages.
CREATE INDEX decisions_register ON decisions(body_id, status, year DESC, seq DESC);

-- +goose Down
DROP INDEX decisions_register;
DROP TRIGGER agenda_items_refs_delete;
DROP TRIGGER agenda_items_refs_update;
DROP TRIGGER agenda_items_refs_insert;
DROP TABLE item_refs;
