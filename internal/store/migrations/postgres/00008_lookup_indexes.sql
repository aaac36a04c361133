-- +goose Up
-- Indexes for the lookups of the public pages at register scale (a million
-- decisions): the orders of a decision or item, the decisions of a session,
-- the items of a Schwerpunktthema.
CREATE INDEX follow_ups_decision ON follow_ups(decision_id);
CREATE INDEX follow_ups_item ON follow_ups(item_id);
CREATE INDEX decisions_session ON decisions(session_id);
CREATE INDEX agenda_items_section ON agenda_items(section_id);

-- +goose Down
DROP INDEX agenda_items_section;
DROP INDEX decisions_session;
DROP INDEX follow_ups_item;
DROP INDEX follow_ups_decision;
