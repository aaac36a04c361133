-- +goose Up
-- The index terms (column terms) are already the folded words stemmed by
-- the German Snowball stemmer in package search. tsv indexed them with
-- to_tsvector('german', terms): the text parser and the stemmer ran again
-- over the stemmed words (about 230 ms of an import of 2 MB, the bulk of
-- its search-index step) and the German stop words were dropped, which
-- SQLite's FTS5 index keeps. Now tsv holds the terms as they are, each
-- word at its position: the store writes it (store.termsVector), and
-- search_terms_vector gives the same for rows written without it (a copy
-- from SQLite, this migration). Queries are tsquery values of the same
-- terms (store.matchExpr), without to_tsquery's parser.

-- +goose StatementBegin
CREATE FUNCTION search_terms_vector(terms text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    -- Each word at its place among the space-separated words (the
    -- tsvector's input sorts lexemes and positions, keeps 256 positions
    -- per lexeme and clamps them at 16383); words over 2047 bytes are
    -- left out, as to_tsvector does.
    SELECT coalesce(string_agg('''' || replace(replace(w, '\', '\\'), '''', '''''') || ''':' || ps, ' '), '')::tsvector
    FROM (SELECT w, string_agg(o::text, ',') AS ps
          FROM unnest(string_to_array(terms, ' ')) WITH ORDINALITY AS x(w, o)
          WHERE w <> '' AND octet_length(w) <= 2047
          GROUP BY w) v
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION search_index_fill_tsv() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.tsv := search_terms_vector(NEW.terms);
    RETURN NEW;
END;
$$;
-- +goose StatementEnd

ALTER TABLE search_index DROP COLUMN tsv;
ALTER TABLE search_index ADD COLUMN tsv tsvector;
-- The update triggers of search_index_lexemes count the new vectors; the
-- counts are rebuilt below anyway.
UPDATE search_index SET tsv = search_terms_vector(terms);
ALTER TABLE search_index ALTER COLUMN tsv SET NOT NULL;
CREATE INDEX search_index_tsv ON search_index USING GIN (tsv);
-- Rows inserted without tsv get it from their terms, and so do rows whose
-- terms change without it (the store replaces documents instead).
CREATE TRIGGER search_index_fill_tsv BEFORE INSERT ON search_index
    FOR EACH ROW WHEN (NEW.tsv IS NULL) EXECUTE FUNCTION search_index_fill_tsv();
CREATE TRIGGER search_index_refill_tsv BEFORE UPDATE OF terms ON search_index
    FOR EACH ROW WHEN (NEW.terms IS DISTINCT FROM OLD.terms AND NEW.tsv IS NOT DISTINCT FROM OLD.tsv) EXECUTE FUNCTION search_index_fill_tsv();
SELECT search_index_lexemes_rebuild();

-- +goose Down
DROP TRIGGER search_index_refill_tsv ON search_index;
DROP TRIGGER search_index_fill_tsv ON search_index;
ALTER TABLE search_index DROP COLUMN tsv;
ALTER TABLE search_index ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('german'::regconfig, terms)) STORED;
CREATE INDEX search_index_tsv ON search_index USING GIN (tsv);
SELECT search_index_lexemes_rebuild();
DROP FUNCTION search_index_fill_tsv();
DROP FUNCTION search_terms_vector(text);
