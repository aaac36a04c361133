-- +goose Up
-- A member's registrations ("Mein Bereich", store.RegistrationsOf), found
-- without reading every agenda item of the council's history (1.35 s a
-- page at a million decisions).
CREATE INDEX agenda_items_registered_by ON agenda_items(registered_by);

-- +goose Down
DROP INDEX agenda_items_registered_by;
