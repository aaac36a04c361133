-- +goose Up
-- OParl publishes only the persons the public pages name: spokespersons
-- and the members' representatives (store/oparl.go, computeVisible).
-- Before, every person was an OParl Person, among them whoever stood in
-- for a member at a session, typed into the internal attendance list. The
-- persons are built again (the backlog sync at `gremium serve`'s start):
-- those no longer public become tombstones, without their names.
INSERT INTO oparl_dirty (entity, id) SELECT 'person', id FROM persons;

-- +goose Down
SELECT 1;
