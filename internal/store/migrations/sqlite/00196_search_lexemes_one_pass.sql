-- +goose Up
-- PostgreSQL's migration 196 makes the triggers of search_index_lexemes
-- (migration 185) cheaper. SQLite has no such table: nothing to do.
SELECT 1;

-- +goose Down
SELECT 1;
