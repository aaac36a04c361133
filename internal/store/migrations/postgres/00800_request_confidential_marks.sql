-- +goose Up
-- A FachMK's request (Anliegen) takes confidential passages in [[…]] as
-- every other text does (web: submitRequest), stored as redaction marks.
-- Before, its title and description were stored as typed, and a request
-- turned into an agenda item (store.RequestToItem) carried "[[…]]" onto
-- the public agenda, its JSON, OParl and the search. The typed marks of
-- stored requests, and of the items made of them, become redaction marks;
-- an unbalanced one is read as marks are, the doubtful text confidential
-- (model.Passages). The items' OParl objects are built again (their
-- triggers mark them); the search index is rebuilt if any item changed
-- (`gremium serve` does it beside serving).
UPDATE search_state SET needs_rebuild = 1
    WHERE id = 1 AND EXISTS (SELECT 1 FROM agenda_items i JOIN requests q ON q.item_id = i.id
        WHERE i.title LIKE '%[[%' OR i.title LIKE '%]]%' OR i.points LIKE '%[[%' OR i.points LIKE '%]]%');
UPDATE agenda_items SET
    title = REPLACE(REPLACE(title, '[[', '⟦'), ']]', '⟧'),
    points = REPLACE(REPLACE(points, '[[', '⟦'), ']]', '⟧'),
    version = version + 1
    WHERE id IN (SELECT item_id FROM requests WHERE item_id IS NOT NULL)
      AND (title LIKE '%[[%' OR title LIKE '%]]%' OR points LIKE '%[[%' OR points LIKE '%]]%');
UPDATE requests SET
    title = REPLACE(REPLACE(title, '[[', '⟦'), ']]', '⟧'),
    text = REPLACE(REPLACE(text, '[[', '⟦'), ']]', '⟧'),
    version = version + 1
    WHERE title LIKE '%[[%' OR title LIKE '%]]%' OR text LIKE '%[[%' OR text LIKE '%]]%';

-- +goose Down
SELECT 1;
