-- +goose Up
-- Sessions whose search documents are still to be written: `gremium
-- import minutes` stores a new session's minutes and marks it here in the
-- same transaction (store.SearchAfterCommit), instead of writing its
-- search documents in its own run; `gremium serve` writes them — at its
-- start, and within a second of the import while it runs
-- (search.IndexPending) — and removes the mark in the transaction that
-- writes them. Until then the search page says that hits of the newest
-- minutes may be missing.
CREATE TABLE search_pending (
    session_id INTEGER PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE
);

-- +goose Down
DROP TABLE search_pending;
