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
    decision_id INTEGER PRIMARY KEY,
    state       TEXT NOT NULL -- offen, in_umsetzung, umgesetzt
);
CREATE INDEX follow_up_decision_state_state ON follow_up_decision_state (state, decision_id);

-- +goose StatementBegin
CREATE TRIGGER follow_up_decision_state_follow_ups_upd AFTER UPDATE ON follow_ups WHEN OLD.decision_id IS NOT NULL AND OLD.decision_id IS NOT NEW.decision_id BEGIN
    INSERT INTO follow_up_public_dirty (entity, id) VALUES ('decision', OLD.decision_id) ON CONFLICT DO NOTHING;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER follow_up_decision_state_follow_ups_del AFTER DELETE ON follow_ups WHEN OLD.decision_id IS NOT NULL BEGIN
    INSERT INTO follow_up_public_dirty (entity, id) VALUES ('decision', OLD.decision_id) ON CONFLICT DO NOTHING;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER follow_up_decision_state_follow_ups_del;
DROP TRIGGER follow_up_decision_state_follow_ups_upd;
DROP TABLE follow_up_decision_state;
