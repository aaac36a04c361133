-- +goose Up
-- An item whose title the source lost is titled after its section and
-- now says so in the minutes' words: "Übergreifendes (im Protokoll ohne
-- Titel)", was "(ohne Titel in der Vorlage)" (minutes.UntitledItem). The
-- stored titles are renamed; their OParl objects (the items and the
-- meetings that embed them) are marked for building again, the search
-- index for a rebuild (its documents carry the titles, and unnumbered
-- decisions and unplaced text are indexed now), and the stored pages as
-- rendered from old data.
INSERT INTO oparl_dirty (entity, id)
    SELECT 'agenda_item', id FROM agenda_items
    WHERE title LIKE '%(ohne Titel in der Vorlage)' OR title = 'Ohne Titel in der Vorlage';
INSERT INTO oparl_dirty (entity, id)
    SELECT DISTINCT 'meeting', session_id FROM agenda_items
    WHERE title LIKE '%(ohne Titel in der Vorlage)' OR title = 'Ohne Titel in der Vorlage';
UPDATE agenda_items
    SET title = substr(title, 1, length(title) - length('(ohne Titel in der Vorlage)')) || '(im Protokoll ohne Titel)'
    WHERE title LIKE '%(ohne Titel in der Vorlage)';
UPDATE agenda_items SET title = 'Im Protokoll ohne Titel' WHERE title = 'Ohne Titel in der Vorlage';
-- An AgendaItem gives the text and result of its decisions without
-- number (resolutionText, result): the items with one are built again.
INSERT INTO oparl_dirty (entity, id)
    SELECT DISTINCT 'agenda_item', item_id FROM decisions WHERE seq = 0 AND item_id IS NOT NULL;
-- Every year with a recorded chair (Vorsitz) is an OParl LegislativeTerm
-- now, session or not: the bodies are marked, which builds the years.
INSERT INTO oparl_dirty (entity, id) SELECT 'body', id FROM bodies;
UPDATE search_state SET needs_rebuild = 1 WHERE id = 1;
UPDATE page_generation SET gen = gen + 1 WHERE id = 1;

-- +goose Down
-- The titles stay as they are (an item titled so since cannot be told
-- from a renamed one); the index is built again.
UPDATE search_state SET needs_rebuild = 1 WHERE id = 1;
