-- +goose Up
-- One vote against reads "Gegenstimme von [geschwärzt]" in the public
-- result (model.PublicResult; the plural contradicted the public count
-- beside it): the OParl objects of counted decisions — Paper,
-- Consultation, the AgendaItem and the Meeting that embeds it — are built
-- again at the next start, and the search index, which holds the public
-- result, is rebuilt if any such decision exists.
INSERT INTO oparl_dirty (entity, id)
    SELECT 'decision', id FROM decisions
    WHERE count_reason <> '' OR EXISTS (SELECT 1 FROM votes v WHERE v.decision_id = decisions.id);
INSERT INTO oparl_dirty (entity, id)
    SELECT 'agenda_item', item_id FROM decisions
    WHERE item_id IS NOT NULL AND (count_reason <> '' OR EXISTS (SELECT 1 FROM votes v WHERE v.decision_id = decisions.id));
INSERT INTO oparl_dirty (entity, id)
    SELECT DISTINCT 'session', session_id FROM decisions
    WHERE session_id IS NOT NULL AND (count_reason <> '' OR EXISTS (SELECT 1 FROM votes v WHERE v.decision_id = decisions.id));
UPDATE search_state SET needs_rebuild = 1
    WHERE id = 1 AND EXISTS (SELECT 1 FROM decisions WHERE count_reason <> '' OR EXISTS (SELECT 1 FROM votes v WHERE v.decision_id = decisions.id));

-- +goose Down
SELECT 1;
