-- +goose Up
-- The session in which the proposal that ordered a follow-up stayed
-- undecided, when its end set the follow-up to entfallen for that reason
-- (store.dropFollowUpsOfUndecided); 0 otherwise. Only such a follow-up is
-- owed again when the proposal is adopted later (restoreFollowUpsOfAdopted):
-- not one dropped by hand, nor one of a rejected proposal. Any other change
-- of its status or its decision clears it. Follow-ups that sessions ended
-- before left open stay as they are: the secretariat decides on them.
ALTER TABLE follow_ups ADD COLUMN undecided_in BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE follow_ups DROP COLUMN undecided_in;
