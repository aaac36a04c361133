-- +goose Up
-- The item a preparatory session (the AL-Runde) took over from the
-- prepared body's agenda for a recommendation was stored without a
-- section: its minutes table had an empty caption and header
-- (TestALRundeMinutesNameEverySection). Such items now stand in the
-- body's section "Beschlussempfehlungen" (model.RecommendationsSection);
-- the items stored before get it too, where the body has that section.
UPDATE agenda_items SET section_id = (
	SELECT s.id FROM sections s JOIN sessions se ON se.body_id = s.body_id
	WHERE se.id = agenda_items.session_id AND s.name = 'Beschlussempfehlungen'
	ORDER BY s.position LIMIT 1), version = version + 1
WHERE section_id IS NULL
  AND id IN (SELECT item_id FROM recommendations WHERE item_id IS NOT NULL)
  AND EXISTS (SELECT 1 FROM sections s JOIN sessions se ON se.body_id = s.body_id
	WHERE se.id = agenda_items.session_id AND s.name = 'Beschlussempfehlungen');

-- +goose Down
-- Nothing to undo: the section is where the item belongs.
SELECT 1;
