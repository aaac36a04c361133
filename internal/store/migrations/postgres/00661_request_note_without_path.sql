-- +goose Up
-- The impact note of an item registered from a request named the request's
-- path as text ("(Anliegen Nr. 2, /anliegen/2)"); the management page now
-- links the note to the request, so the path goes.
UPDATE agenda_items SET impact_note = REPLACE(impact_note, ', /anliegen/' || CAST((SELECT MIN(q.id) FROM requests q WHERE q.item_id = agenda_items.id) AS TEXT) || ')', ')')
 WHERE id IN (SELECT item_id FROM requests WHERE item_id IS NOT NULL);

-- +goose Down
SELECT 1;
