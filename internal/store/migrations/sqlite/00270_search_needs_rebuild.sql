-- +goose Up
-- The search index's mark "needs rebuild": set here, and by every later
-- migration that changes the terms or empties the index (with
-- UPDATE search_state SET needs_rebuild = 1), it makes `gremium serve`
-- and `gremium import minutes` rebuild the index before they use it
-- (store.SearchNeedsRebuild). search.Rebuild clears it when it has
-- indexed everything, so a rebuild that stops midway leaves it set. It
-- replaces asking whether the index is empty: an index that a partial
-- write (one import) made non-empty still needs the rest. A fresh
-- database starts with the mark set, so the first start builds it.
CREATE TABLE search_state (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    needs_rebuild INTEGER NOT NULL CHECK (needs_rebuild IN (0, 1))
);
INSERT INTO search_state (id, needs_rebuild) VALUES (1, 1);

-- +goose Down
DROP TABLE search_state;
