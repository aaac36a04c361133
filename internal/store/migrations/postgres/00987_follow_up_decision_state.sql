-- +goose Up
-- The Stand der Umsetzung of each decision as the public sees it
-- (model.ImplementationOf over the follow-ups the public list shows), kept
-- beside follow_up_public in the transaction of every change: the
-- register's filter "umsetzung" rolled the follow-ups up with the
-- publication rule joined in SQL on every first request after a change
-- (0.2–0.7 s at 100,000 decisions, growing with the corpus). A decision
-- without such follow-ups has no row. store/followup_public.go keeps it
-- (syncFollowUpPublic); the Go migration 988 fills it. A follow-up that
-- leaves its decision (moved or deleted) marks the decision it left.
CREATE TABLE follow_up_decision_state (
    decision_id BIGINT PRIMARY KEY,
    state       TEXT NOT NULL -- offen, in_umsetzung, umgesetzt
);
CREATE INDEX follow_up_decision_state_state ON follow_up_decision_state (state, decision_id);

-- +goose StatementBegin
CREATE FUNCTION follow_up_decision_state_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO follow_up_public_dirty (entity, id) VALUES ('decision', OLD.decision_id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER follow_up_decision_state_follow_ups_upd AFTER UPDATE ON follow_ups FOR EACH ROW
    WHEN (OLD.decision_id IS NOT NULL AND OLD.decision_id IS DISTINCT FROM NEW.decision_id) EXECUTE FUNCTION follow_up_decision_state_mark();
CREATE TRIGGER follow_up_decision_state_follow_ups_del AFTER DELETE ON follow_ups FOR EACH ROW
    WHEN (OLD.decision_id IS NOT NULL) EXECUTE FUNCTION follow_up_decision_state_mark();

-- +goose Down
DROP TRIGGER follow_up_decision_state_follow_ups_del ON follow_ups;
DROP TRIGGER follow_up_decision_state_follow_ups_upd ON follow_ups;
DROP FUNCTION follow_up_decision_state_mark();
DROP TABLE follow_up_decision_state;
