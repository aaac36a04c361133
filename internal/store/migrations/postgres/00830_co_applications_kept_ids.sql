-- +goose Up
-- Co-applications (Mitanträge) keep their ids: gremium_rowid gives the
-- largest id plus one, so a withdrawn registration's last co-application
-- id went to the next row, and a Land's answer form for the withdrawn
-- proposal answered the new one (store.DecideCoApplication). Their ids
-- now come from a sequence, never given twice; gremium_rowid_kept takes
-- the largest id plus one where that is larger (rows copied with their
-- ids, gremium migrate-data), as SQLite's AUTOINCREMENT does. asked
-- counts how often the member was asked: a substantive change of the
-- proposal asks it again (store.UpdateRegistration), and the answer names
-- the round it saw.
ALTER TABLE co_applications ADD COLUMN asked BIGINT NOT NULL DEFAULT 1;
CREATE SEQUENCE co_applications_id_seq;
SELECT setval('co_applications_id_seq', COALESCE((SELECT MAX(id) FROM co_applications), 0) + 1, false);
-- +goose StatementBegin
CREATE FUNCTION gremium_rowid_kept() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    largest BIGINT;
BEGIN
    IF NEW.id IS NULL THEN
        EXECUTE format('SELECT COALESCE(MAX(id), 0) FROM %I', TG_TABLE_NAME) INTO largest;
        NEW.id := nextval(TG_TABLE_NAME || '_id_seq');
        IF NEW.id <= largest THEN
            NEW.id := setval(TG_TABLE_NAME || '_id_seq', largest + 1);
        END IF;
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
DROP TRIGGER co_applications_rowid ON co_applications;
CREATE TRIGGER co_applications_rowid BEFORE INSERT ON co_applications FOR EACH ROW EXECUTE FUNCTION gremium_rowid_kept();

-- A registration remembers the one-time key of the form it came from
-- (store.WithFormKey): the same form sent again (the browser's back
-- button, a double click) finds the registration made, instead of
-- making a second one that asks its co-applicants twice.
ALTER TABLE agenda_items ADD COLUMN form_key TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX agenda_items_form_key ON agenda_items(form_key) WHERE form_key <> '';

-- +goose Down
DROP INDEX agenda_items_form_key;
ALTER TABLE agenda_items DROP COLUMN form_key;
DROP TRIGGER co_applications_rowid ON co_applications;
CREATE TRIGGER co_applications_rowid BEFORE INSERT ON co_applications FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
DROP FUNCTION gremium_rowid_kept();
DROP SEQUENCE co_applications_id_seq;
ALTER TABLE co_applications DROP COLUMN asked;
