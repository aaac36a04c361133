-- +goose Up
-- An OParl AgendaItem on the Grüne Liste now names the Grüne Liste as its
-- keyword, as the session page and the minutes group it
-- (model.SectionOf), not the section it was registered under; the items on
-- it (and with them their meetings) are built again at the next start.
INSERT INTO oparl_dirty (entity, id) SELECT 'agenda_item', id FROM agenda_items WHERE consent = 1;

-- +goose Down
INSERT INTO oparl_dirty (entity, id) SELECT 'agenda_item', id FROM agenda_items WHERE consent = 1;
