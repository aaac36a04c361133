-- +goose Up
-- The index form of a text now ends with the parts of its compound words
-- (package search, Terms): "Register" finds "Registermodernisierung".
-- The documents written before lack them, so the index is marked for a
-- rebuild, which `gremium serve` runs beside serving (docs/architecture.md,
-- "The search index's mark").
UPDATE search_state SET needs_rebuild = 1 WHERE id = 1;

-- +goose Down
-- The older index form (without the parts) is built by a rebuild as well.
UPDATE search_state SET needs_rebuild = 1 WHERE id = 1;
