-- +goose Up
-- The OParl Body names its mainOrganization by URL, as the schema asks
-- (it was embedded); the bodies' objects are built again at the next start.
INSERT INTO oparl_dirty (entity, id) SELECT 'body', id FROM bodies;

-- +goose Down
INSERT INTO oparl_dirty (entity, id) SELECT 'body', id FROM bodies;
