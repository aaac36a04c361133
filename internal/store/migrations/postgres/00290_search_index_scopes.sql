-- +goose Up
-- SQLite's migration 290 adds search_index_scopes, the documents of a
-- scope, beside its FTS5 table. PostgreSQL's search_index is an ordinary
-- table with an index on scope (migration 5): nothing to do here.
SELECT 1;

-- +goose Down
SELECT 1;
