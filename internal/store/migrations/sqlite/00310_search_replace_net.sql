-- +goose Up
-- PostgreSQL's migration 310 replaces a scope's search documents in one
-- statement that keeps its lexeme counts; SQLite's FTS5 keeps its own.
SELECT 1;

-- +goose Down
SELECT 1;
