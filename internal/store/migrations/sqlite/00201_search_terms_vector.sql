-- +goose Up
-- PostgreSQL only (its search_index.tsv holds the terms as they are, as
-- SQLite's FTS5 index always did); nothing changes on SQLite.
SELECT 1;

-- +goose Down
SELECT 1;
