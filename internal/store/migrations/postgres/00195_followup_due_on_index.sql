-- +goose Up
-- The follow-ups that are done or dropped and have a due date, found
-- without reading all the done ones (store.FollowUpPage: the second part
-- of the list's order; with follow_ups_status_due for the due sessions).
CREATE INDEX follow_ups_status_due_on ON follow_ups(status, due_on);

-- +goose Down
DROP INDEX follow_ups_status_due_on;
