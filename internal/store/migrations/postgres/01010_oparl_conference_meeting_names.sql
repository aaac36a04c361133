-- +goose Up
-- A FachMK date's OParl Meeting is named with its conference
-- ("Frühjahrskonferenz 2026 der Innenministerkonferenz",
-- oparl.ConferenceMeetingName); the title alone named many Meetings of the
-- body's list alike. The dates with a title are built again by the backlog
-- sync (`gremium serve` at its start), their Meetings modified.
INSERT INTO oparl_dirty (entity, id) SELECT 'conference_date', id FROM conference_dates WHERE title != '';

-- +goose Down
-- The Meetings keep their names; an older server names them anew on the
-- date's next change.
SELECT 1;
