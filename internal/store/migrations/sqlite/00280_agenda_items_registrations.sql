-- +goose Up
-- A member's registrations ("Mein Bereich", store.RegistrationsOf) are
-- ordered by session, position and id from this index and the sessions'
-- numbers, without reading the agenda items' rows (titles, points, goal):
-- only the rows of the page are read. Its first column serves what 00240's
-- index served.
CREATE INDEX agenda_items_registrations ON agenda_items(registered_by, session_id, position);
DROP INDEX agenda_items_registered_by;

-- +goose Down
CREATE INDEX agenda_items_registered_by ON agenda_items(registered_by);
DROP INDEX agenda_items_registrations;
