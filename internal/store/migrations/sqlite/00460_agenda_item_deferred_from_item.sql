-- +goose Up
-- The item a deferred item came from (store.DeferItem): the item on the
-- later session's agenda carries the AL-Runde's recommendations given for
-- the original (store.SessionRecommendations) until a newer one is given.
-- NULL for every item not deferred here. The number of the session it
-- came from stays in deferred_from, as the minutes say it.
ALTER TABLE agenda_items ADD COLUMN deferred_from_item_id INTEGER REFERENCES agenda_items(id);

-- +goose Down
ALTER TABLE agenda_items DROP COLUMN deferred_from_item_id;
