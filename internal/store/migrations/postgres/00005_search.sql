-- +goose Up
-- Full-text search over public texts (the PostgreSQL counterpart of the
-- FTS5 table). "terms" holds the folded (ä → ae, ö → oe, ü → ue, ß → ss),
-- stemmed words that package search makes; tsv indexes them with the
-- 'german' text search configuration (its stop words and Snowball stemmer
-- applied again to the same words on both sides, so index and query agree).
-- The other columns keep the public original for titles and snippets.
CREATE TABLE search_index (
    id    BIGINT PRIMARY KEY,
    scope TEXT NOT NULL,
    kind  TEXT NOT NULL,
    url   TEXT NOT NULL,
    title TEXT NOT NULL,
    text  TEXT NOT NULL,
    date  TEXT NOT NULL,
    terms TEXT NOT NULL,
    tsv   tsvector GENERATED ALWAYS AS (to_tsvector('german'::regconfig, terms)) STORED
);
CREATE TRIGGER search_index_rowid BEFORE INSERT ON search_index FOR EACH ROW EXECUTE FUNCTION gremium_rowid();
CREATE INDEX search_index_tsv ON search_index USING GIN (tsv);
CREATE INDEX search_index_scope ON search_index (scope);

-- +goose Down
DROP TABLE search_index;
