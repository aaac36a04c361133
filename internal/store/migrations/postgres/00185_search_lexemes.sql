-- +goose Up
-- How many documents of search_index hold each lexeme of its tsvector:
-- the PostgreSQL counterpart of what FTS5 knows from its doclists. A
-- search reads the counts of its lexemes first (store.Search): a word in
-- more than store.SearchCap documents is answered newest first without
-- counting its matches, and the count of a query with several words is
-- bounded by its rarest word. Without it every search counted up to 1,001
-- matches through the GIN index, which builds the bitmap of every
-- document holding the word: 30–100 ms for a word in 3–7 % of a million
-- documents. Kept by statement triggers of search_index (one upsert per
-- statement, ordered by lexeme; the store's writes are serialised anyway);
-- like FTS5's shadow tables search_index_* it is not copied by
-- store.CopyAll but rebuilt (search_index_lexemes_rebuild).
CREATE TABLE search_index_lexemes (
    lexeme TEXT PRIMARY KEY,
    docs   BIGINT NOT NULL
);

-- +goose StatementBegin
CREATE FUNCTION search_index_lexemes_rebuild() RETURNS void LANGUAGE sql AS $$
    DELETE FROM search_index_lexemes;
    INSERT INTO search_index_lexemes (lexeme, docs)
        SELECT l, count(*) FROM search_index, unnest(tsvector_to_array(tsv)) l GROUP BY l;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION search_index_lexemes_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_index_lexemes (lexeme, docs)
        SELECT l, count(*) FROM new_rows, unnest(tsvector_to_array(new_rows.tsv)) l GROUP BY l ORDER BY l
        ON CONFLICT (lexeme) DO UPDATE SET docs = search_index_lexemes.docs + EXCLUDED.docs;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION search_index_lexemes_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE search_index_lexemes s SET docs = s.docs - d.n
        FROM (SELECT l, count(*) AS n FROM old_rows, unnest(tsvector_to_array(old_rows.tsv)) l GROUP BY l) d
        WHERE s.lexeme = d.l;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION search_index_lexemes_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_index_lexemes;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER search_index_lexemes_truncate AFTER TRUNCATE ON search_index
    FOR EACH STATEMENT EXECUTE FUNCTION search_index_lexemes_clear();
CREATE TRIGGER search_index_lexemes_insert AFTER INSERT ON search_index
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_lexemes_add();
CREATE TRIGGER search_index_lexemes_delete AFTER DELETE ON search_index
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_lexemes_remove();
-- An update is a delete and an insert (one trigger cannot have both
-- transition tables for two events).
CREATE TRIGGER search_index_lexemes_update_old AFTER UPDATE ON search_index
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_lexemes_remove();
CREATE TRIGGER search_index_lexemes_update_new AFTER UPDATE ON search_index
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_lexemes_add();

SELECT search_index_lexemes_rebuild();

-- +goose Down
DROP TRIGGER search_index_lexemes_truncate ON search_index;
DROP TRIGGER search_index_lexemes_insert ON search_index;
DROP TRIGGER search_index_lexemes_delete ON search_index;
DROP TRIGGER search_index_lexemes_update_old ON search_index;
DROP TRIGGER search_index_lexemes_update_new ON search_index;
DROP FUNCTION search_index_lexemes_clear();
DROP FUNCTION search_index_lexemes_add();
DROP FUNCTION search_index_lexemes_remove();
DROP FUNCTION search_index_lexemes_rebuild();
DROP TABLE search_index_lexemes;
