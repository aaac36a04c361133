-- +goose Up
-- An agenda item's Quelle (its sources, the earlier decisions or papers
-- it builds on) is now a part of the item's search document (package
-- search): the index is rebuilt at the next start if any item has one.
UPDATE search_state SET needs_rebuild = 1
    WHERE id = 1 AND EXISTS (SELECT 1 FROM agenda_items WHERE sources <> '[]' AND sources <> '');

-- +goose Down
SELECT 1;
