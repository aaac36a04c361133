-- +goose Up
-- Full-text search over public texts. "terms" holds the folded, stemmed
-- words (package search makes them); the other columns are not indexed and
-- keep the public original for titles and snippets.
CREATE VIRTUAL TABLE search_index USING fts5(
    scope UNINDEXED,
    kind UNINDEXED,
    url UNINDEXED,
    title UNINDEXED,
    text UNINDEXED,
    date UNINDEXED,
    terms,
    tokenize = 'unicode61 remove_diacritics 0'
);

-- +goose Down
DROP TABLE search_index;
