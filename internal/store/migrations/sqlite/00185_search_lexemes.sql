-- +goose Up
-- PostgreSQL's migration 185 adds search_index_lexemes, the number of
-- documents per lexeme of its search index. FTS5 knows them from its
-- doclists (and counts up to 1,001 matches newest first by rowid): SQLite
-- needs nothing.
SELECT 1;

-- +goose Down
SELECT 1;
