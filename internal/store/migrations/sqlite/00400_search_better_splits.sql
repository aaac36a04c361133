-- +goose Up
-- The index form of a text holds the parts of its compound words (package
-- search, Terms, with relevance.Parts), and the split of compounds now knows
-- more parts and the Fugen-s rules: "Technik" finds "Informationstechnik",
-- which was cut "Information|stechnik". The documents written before hold
-- the old parts, so the index is marked for a rebuild, which `gremium
-- serve` runs beside serving (docs/architecture.md, "The search index's
-- mark").
UPDATE search_state SET needs_rebuild = 1 WHERE id = 1;

-- +goose Down
-- The older parts are written by a rebuild as well.
UPDATE search_state SET needs_rebuild = 1 WHERE id = 1;
