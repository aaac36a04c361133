-- +goose Up
-- The search terms changed (package search, Term): transcribed umlauts
-- are read as umlauts and the stemmer folds them, so "Beschlüsse" and
-- "Beschluss" are one term. Terms of the old form would no longer meet
-- the queries, so the index is emptied; `gremium serve` (and `gremium
-- import minutes`) rebuild an empty index before they use it.
DELETE FROM search_index;

-- +goose Down
-- The terms of the newer form would not meet the older queries either.
DELETE FROM search_index;
