-- +goose Up
-- A correction (Berichtigung) of a decision changes the text OParl shows:
-- the Paper's name and the resolutionText of the AgendaItem that embeds
-- the decision are the text as last corrected (store.publicDecision). A
-- new correction therefore marks the decision and its item for the OParl
-- build in its transaction (store/oparl.go), as a change of the decision
-- does (migration 00051).
-- +goose StatementBegin
CREATE FUNCTION oparl_decision_corrections_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO oparl_dirty (entity, id) VALUES ('decision', NEW.decision_id);
    INSERT INTO oparl_dirty (entity, id) SELECT 'agenda_item', COALESCE(item_id, 0) FROM decisions WHERE id = NEW.decision_id;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER oparl_decision_corrections_ins AFTER INSERT ON decision_corrections FOR EACH ROW EXECUTE FUNCTION oparl_decision_corrections_ins();

-- Decisions corrected before are built again at the next start.
INSERT INTO oparl_dirty (entity, id) SELECT DISTINCT 'decision', decision_id FROM decision_corrections;
INSERT INTO oparl_dirty (entity, id) SELECT DISTINCT 'agenda_item', COALESCE(d.item_id, 0) FROM decision_corrections c JOIN decisions d ON d.id = c.decision_id;

-- +goose Down
DROP TRIGGER oparl_decision_corrections_ins ON decision_corrections;
DROP FUNCTION oparl_decision_corrections_ins();
