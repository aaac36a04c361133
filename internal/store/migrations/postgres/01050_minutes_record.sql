-- +goose Up
-- What the draft minutes record of a session day that the session did not
-- keep (docs/minutes.md, "What the draft records of the session day"):
--
-- The quorum check's finding with its count ("beschlussfähig: 14 von 17
-- stimmberechtigten Mitgliedern anwesend (nötig: 9)", model.CheckQuorum)
-- and the item under discussion when it was made (0: before the first
-- item was taken up). sessions.quorum kept only 'ja' or 'nein'; the count
-- was in the audit entry alone. Sessions checked before keep '' and the
-- minutes say only what sessions.quorum says.
ALTER TABLE sessions ADD COLUMN quorum_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN quorum_item_id BIGINT NOT NULL DEFAULT 0;
-- The order in which the items were discussed: an item's place in it
-- (1, 2, …), given when the item is first taken up in the running
-- session (store.SetCurrentItem), 0 for an item not taken up. The
-- minutes derive "TOP 10 … wird vorgezogen." from it.
ALTER TABLE agenda_items ADD COLUMN taken_up BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE agenda_items DROP COLUMN taken_up;
ALTER TABLE sessions DROP COLUMN quorum_item_id;
ALTER TABLE sessions DROP COLUMN quorum_reason;
