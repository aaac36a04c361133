-- +goose Up
-- A debrief (Nachbesprechung) has its times and the link where the FachMK
-- secretariats join (a video conference): the invitation named only the
-- day and the place ("Videokonferenz"), so nobody knew when or where to
-- join. Empty while not set.
ALTER TABLE debriefs ADD COLUMN start_time TEXT NOT NULL DEFAULT '';
ALTER TABLE debriefs ADD COLUMN end_time TEXT NOT NULL DEFAULT '';
ALTER TABLE debriefs ADD COLUMN link TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE debriefs DROP COLUMN link;
ALTER TABLE debriefs DROP COLUMN end_time;
ALTER TABLE debriefs DROP COLUMN start_time;
