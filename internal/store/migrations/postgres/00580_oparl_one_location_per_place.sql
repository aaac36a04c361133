-- +goose Up
-- One OParl Location per venue (store.placeMarks): the Location of a place
-- text is built from the council's first session there, the Locations
-- built per session before become tombstones (their ids are not given
-- again), the Meetings embed their venue's, and a Location's locality is
-- the town only where the text is a town's name alone. The sessions with
-- a place are built again at the next start.
INSERT INTO oparl_dirty (entity, id) SELECT 'session', id FROM sessions WHERE place <> '';

-- +goose Down
INSERT INTO oparl_dirty (entity, id) SELECT 'session', id FROM sessions WHERE place <> '';
