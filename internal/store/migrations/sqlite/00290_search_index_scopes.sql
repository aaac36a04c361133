-- +goose Up
-- Which documents of search_index belong to a scope ("session:12",
-- "decision:7"). search_index is an FTS5 table, and its scope column is
-- UNINDEXED: replacing a scope's documents (DELETE … WHERE scope = ?)
-- read every document of the index. At a million decisions that was a
-- full read of the index for every change of a session, and a rebuild of
-- the index read it once per session (about two hours). The store keeps
-- this table beside search_index (FTS5 tables take no triggers); on
-- PostgreSQL search_index has an ordinary index on scope.
CREATE TABLE search_index_scopes (
    docid INTEGER PRIMARY KEY,
    scope TEXT NOT NULL
);
INSERT INTO search_index_scopes (docid, scope) SELECT rowid, scope FROM search_index;
CREATE INDEX search_index_scopes_scope ON search_index_scopes (scope);

-- +goose Down
DROP TABLE search_index_scopes;
