-- +goose Up
-- Replacing the documents of scopes (one session indexed again, a batch of
-- a rebuild) changed every lexeme count of search_index_lexemes twice:
-- the DELETE's statement trigger lowered the count of each old lexeme and
-- the INSERT's raised each new one's again, though a session indexed
-- again mostly holds the lexemes it held. search_index_replace does the
-- replacement in one statement that deletes, inserts and adds each
-- lexeme's net difference once (lexemes in old and new documents alike
-- are not written). It marks the transaction's setting
-- gremium.search_lexemes while it writes, and the triggers of migration
-- 185 skip statements under that mark; every other write of search_index
-- (a migration's DELETE, a copy) is counted by them as before.

-- +goose StatementBegin
CREATE FUNCTION search_index_replace(p_names text[], p_scopes text[], p_kinds text[], p_urls text[],
        p_titles text[], p_texts text[], p_dates text[], p_terms text[], p_tsvs text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_last bigint;
BEGIN
    -- New ids above the highest, as gremium_rowid gives them (the store's
    -- writes are serialised); the documents deleted below may hold it.
    SELECT COALESCE(max(id), 0) INTO v_last FROM search_index;
    PERFORM set_config('gremium.search_lexemes', 'store', true);
    WITH del AS (
        DELETE FROM search_index WHERE scope = ANY(p_names) RETURNING tsv
    ), ins AS (
        INSERT INTO search_index (id, scope, kind, url, title, text, date, terms, tsv)
        SELECT v_last + n, d.scope, d.kind, d.url, d.title, d.text, d.date, d.terms, d.tsv::tsvector
        FROM unnest(p_scopes, p_kinds, p_urls, p_titles, p_texts, p_dates, p_terms, p_tsvs) WITH ORDINALITY
            AS d(scope, kind, url, title, text, date, terms, tsv, n)
        ORDER BY n
        RETURNING tsv
    )
    INSERT INTO search_index_lexemes (lexeme, docs)
        SELECT l, sum(k) FROM (
            SELECT unnest(tsvector_to_array(tsv)) AS l, -1 AS k FROM del
            UNION ALL
            SELECT unnest(tsvector_to_array(tsv)), 1 FROM ins) x
        GROUP BY l HAVING sum(k) <> 0 ORDER BY l
        ON CONFLICT (lexeme) DO UPDATE SET docs = search_index_lexemes.docs + EXCLUDED.docs;
    PERFORM set_config('gremium.search_lexemes', '', true);
END;
$$;
-- +goose StatementEnd

DROP TRIGGER search_index_lexemes_insert ON search_index;
DROP TRIGGER search_index_lexemes_delete ON search_index;
DROP TRIGGER search_index_lexemes_update_old ON search_index;
DROP TRIGGER search_index_lexemes_update_new ON search_index;
CREATE TRIGGER search_index_lexemes_insert AFTER INSERT ON search_index
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    WHEN (current_setting('gremium.search_lexemes', true) IS DISTINCT FROM 'store')
    EXECUTE FUNCTION search_index_lexemes_add();
CREATE TRIGGER search_index_lexemes_delete AFTER DELETE ON search_index
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    WHEN (current_setting('gremium.search_lexemes', true) IS DISTINCT FROM 'store')
    EXECUTE FUNCTION search_index_lexemes_remove();
CREATE TRIGGER search_index_lexemes_update_old AFTER UPDATE ON search_index
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
    WHEN (current_setting('gremium.search_lexemes', true) IS DISTINCT FROM 'store')
    EXECUTE FUNCTION search_index_lexemes_remove();
CREATE TRIGGER search_index_lexemes_update_new AFTER UPDATE ON search_index
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    WHEN (current_setting('gremium.search_lexemes', true) IS DISTINCT FROM 'store')
    EXECUTE FUNCTION search_index_lexemes_add();

-- +goose Down
DROP TRIGGER search_index_lexemes_insert ON search_index;
DROP TRIGGER search_index_lexemes_delete ON search_index;
DROP TRIGGER search_index_lexemes_update_old ON search_index;
DROP TRIGGER search_index_lexemes_update_new ON search_index;
CREATE TRIGGER search_index_lexemes_insert AFTER INSERT ON search_index
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_lexemes_add();
CREATE TRIGGER search_index_lexemes_delete AFTER DELETE ON search_index
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_lexemes_remove();
CREATE TRIGGER search_index_lexemes_update_old AFTER UPDATE ON search_index
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_lexemes_remove();
CREATE TRIGGER search_index_lexemes_update_new AFTER UPDATE ON search_index
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_lexemes_add();
DROP FUNCTION search_index_replace(text[], text[], text[], text[], text[], text[], text[], text[], text[]);
