-- +goose Up
-- A follow-up's public number ("Auftrag Nr. 12"): its public address
-- /auftraege/nr/12 and the JSON API's nummer name it, no longer its row
-- id, which follow_ups shares with the follow-ups the public does not
-- see (the AL-Runde's, those of proposals not adopted, those of minutes
-- not released), so that the gaps between the public ids counted those,
-- and the numbers users quoted had holes. store/followup_numbers.go gives
-- a follow-up the next number when the publication gate first lets the
-- public see it (follow_up_public), in the transaction of that change.
-- A row stays when its follow-up is no longer public (the tombstone: the
-- number is never given again).
CREATE TABLE follow_up_numbers (
    number       BIGINT PRIMARY KEY,        -- the public number
    follow_up_id BIGINT NOT NULL UNIQUE,    -- follow_ups.id
    row_link     INTEGER NOT NULL DEFAULT 0 -- 1: public before this migration, its address /auftraege/{follow_up_id} was published
);

-- The follow-ups the public sees now in the council's list (the first
-- planning council's: own where their session is the council's, other
-- elsewhere, as numberFollowUps asks), numbered in order of creation;
-- their addresses by row id were published and lead to the new ones.
INSERT INTO follow_up_numbers (number, follow_up_id, row_link)
    SELECT ROW_NUMBER() OVER (ORDER BY p.id), p.id, 1 FROM follow_up_public p
    WHERE CASE WHEN p.body_id = (SELECT id FROM bodies WHERE kind = 'planungsrat' ORDER BY id LIMIT 1) THEN p.own ELSE p.other END = 1;

-- The stored public pages (a decision's page lists its follow-ups) were
-- rendered with the addresses by row id. Follow-ups are neither in the
-- search index nor in OParl: nothing else holds their addresses.
UPDATE page_generation SET gen = gen + 1 WHERE id = 1;

-- +goose Down
-- The numbers go with the table; an older server links the row ids again.
DROP TABLE follow_up_numbers;
