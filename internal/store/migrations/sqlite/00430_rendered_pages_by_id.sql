-- +goose Up
-- The stored public pages are found by a number made from their key
-- (store.pageID, FNV-1a of the key) instead of by the key itself: on
-- SQLite the row id, so that a lookup descends one b-tree, not the key's
-- index and then the table (docs/performance.md, "The decision page in
-- one write"). The key stays in the row and is compared on every lookup,
-- so two keys with the same number only take each other's place. The
-- pages are derived data, rendered again on their next request: the old
-- table is dropped, not copied.
DROP TABLE rendered_pages;
CREATE TABLE rendered_pages (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL,
    gen          INTEGER NOT NULL,
    epoch        TEXT NOT NULL,
    day          TEXT NOT NULL,
    headers      TEXT NOT NULL,
    etag         TEXT NOT NULL,
    body         BLOB NOT NULL
);
CREATE INDEX rendered_pages_gen ON rendered_pages(gen);

-- +goose Down
DROP TABLE rendered_pages;
CREATE TABLE rendered_pages (
    key          TEXT PRIMARY KEY,
    gen          INTEGER NOT NULL,
    epoch        TEXT NOT NULL,
    day          TEXT NOT NULL,
    headers      TEXT NOT NULL,
    etag         TEXT NOT NULL,
    body         BLOB NOT NULL
);
CREATE INDEX rendered_pages_gen ON rendered_pages(gen);
