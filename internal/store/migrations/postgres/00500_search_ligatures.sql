-- +goose Up
-- The index form of a word now writes the typographic ligatures out
-- (package search, Term: "Qualiﬁkation" is "qualifikation"), so text
-- extracted from a PDF is found by what a reader types. Documents written
-- before keep the ligature in their terms, so the index is marked for a
-- rebuild, which `gremium serve` runs beside serving (docs/architecture.md,
-- "The search index's mark").
UPDATE search_state SET needs_rebuild = 1 WHERE id = 1;

-- +goose Down
-- The older index form (ligatures kept) is built by a rebuild as well.
UPDATE search_state SET needs_rebuild = 1 WHERE id = 1;
